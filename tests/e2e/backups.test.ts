/**
 * Backups as a person uses them: edit a map, back up from Settings, edit again, then restore
 * that backup from Settings while the map is open. The app asks first, returns to the library
 * with everything reloaded, and the map is as it was at the backup, on screen and in the file;
 * the library as it was before the restore is kept as a copy of its own. In Russian the list
 * speaks Russian (kinds, sizes in КБ, dates).
 */
import { describe, expect, test } from 'vitest';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const SAMPLE = 'Sample: from lead to closed deal';

const storedStepTitles = () => {
  const repo = createMapRepository(suite.app.db);
  const map = repo.list().find((m) => m.title === SAMPLE)!;
  return Object.values(repo.read(map.id).steps).map((s) => s.title);
};

async function renameStep(from: string, to: string) {
  const { page } = suite;
  await page.locator('.react-flow__node-step', { hasText: from }).click();
  const field = page.getByLabel('Step title');
  await field.fill(to);
  await field.press('Tab');
  await ui.visible(page.locator('.react-flow__node-step', { hasText: to }));
  await ui.eventually(() => storedStepTitles()).toContain(to);
}

describe('backups in Settings', () => {
  test('edit, back up, edit again, restore from Settings: the map is back as it was at the backup', async () => {
    const { page } = suite;
    // given: an edit in the map, then a backup from Settings
    await page.getByRole('button', { name: `Open ${SAMPLE}` }).click();
    await renameStep('Qualify the lead', 'Квалификация лида (до копии)');
    await page.getByRole('toolbar').getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await ui.contains(settings, 'No backups yet.');
    await ui.contains(settings, suite.app.dataFile);
    await settings.getByRole('button', { name: 'Back up now' }).click();
    const items = settings.getByRole('list', { name: 'Backups, newest first' }).getByRole('listitem');
    await ui.count(items, 1);
    await ui.contains(items.first(), 'taken by hand');
    await ui.contains(items.first(), 'KB');
    await settings.getByRole('button', { name: 'Done' }).click();
    await ui.hidden(settings);

    // when: another edit, then a restore of that backup, with the map still open
    await renameStep('Квалификация лида (до копии)', 'Квалификация лида (после копии)');
    await page.getByRole('toolbar').getByRole('button', { name: 'Settings' }).click();
    await suite.app.shot('backups-settings');
    await settings.getByRole('button', { name: /^Restore the backup of / }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
    await ui.contains(confirm, 'is backed up first');
    await confirm.getByRole('button', { name: 'Restore' }).click();

    // then: the library page, reloaded, says so; the map and the file are as at the backup
    await ui.visible(page.getByRole('list', { name: 'Maps' }));
    await ui.visible(page.getByText(/The library was restored from the backup of /));
    await suite.app.shot('backups-restored');
    expect(storedStepTitles()).toContain('Квалификация лида (до копии)');
    expect(storedStepTitles()).not.toContain('Квалификация лида (после копии)');
    await page.getByRole('button', { name: `Open ${SAMPLE}` }).click();
    await ui.visible(page.locator('.react-flow__node-step', { hasText: 'Квалификация лида (до копии)' }));
    await ui.count(page.locator('.react-flow__node-step', { hasText: 'после копии' }), 0);
    // undo has nothing from before the restore to write back
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(300);
    expect(storedStepTitles()).toContain('Квалификация лида (до копии)');

    // and the library as it was before the restore is a copy of its own
    await page.getByRole('toolbar').getByRole('button', { name: 'Settings' }).click();
    await ui.count(items, 2);
    await ui.contains(items.first(), 'before a restore');
  });

  test('in Russian the list says the kinds and sizes in Russian', async () => {
    const { page } = suite;
    await callApp(page, 'settings:set', { language: 'ru' });
    await page.goto(suite.app.bridge.url);
    await page.getByRole('button', { name: 'Настройки' }).click();
    const settings = page.getByRole('dialog', { name: 'Настройки' });
    const items = settings.getByRole('list', { name: 'Резервные копии, сначала новые' }).getByRole('listitem');
    await ui.count(items, 2);
    await ui.contains(items.first(), 'перед восстановлением');
    await ui.contains(items.nth(1), 'сделана вручную');
    await ui.contains(items.first(), 'КБ');
    await suite.app.shot('backups-settings-ru');
    await callApp(page, 'settings:set', { language: 'en' });
  });
});
