/**
 * Process -> sub-process -> task as a person uses it: a landscape made from the Russian
 * template, drilling down into a sub-process by double-click, back up by the breadcrumb, a
 * sub-process given a new map on demand, the library saying which map is part of which, and
 * the map's properties.
 */
import { describe, expect, test } from 'vitest';
import { applyCommand, cmd } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import { createServices } from '../../src-main/services/library';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const LANDSCAPE = 'Отдел продаж: ландшафт процессов';
const repo = () => createMapRepository(suite.app.db);
const step = (title: string) => suite.page.locator('.react-flow__node-step', { hasText: title });
const breadcrumb = () => suite.page.getByRole('navigation', { name: 'Where this map belongs' });

describe('the process landscape and its sub-processes', () => {
  test('a map made from the Russian landscape template has its sub-process steps, and makes their maps too', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'New map' }).click();
    const dialog = page.getByRole('dialog', { name: 'New map' });
    await dialog.locator('.template-card', { hasText: LANDSCAPE }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await ui.count(page.locator('.react-flow__node-step'), 12);
    await ui.count(page.locator('.step-subprocess'), 12);
    await ui.texts(page.locator('.lane-name'), ['Управленческие процессы', 'Основные процессы', 'Вспомогательные процессы']);
    // a map opened from the library with no parent has no breadcrumb
    await ui.count(breadcrumb(), 0);
    await suite.app.shot('landscape-ru');
    const titles = repo()
      .list()
      .map((m) => m.title);
    expect(titles).toEqual(expect.arrayContaining([LANDSCAPE, 'Квалификация лидов', 'Отдел продаж: полный цикл']));
  });

  test('double-clicking a linked sub-process opens its map, and the breadcrumb goes back up', async () => {
    const { page } = suite;
    await step('Квалификация лидов').dblclick();
    await ui.visible(breadcrumb());
    await ui.texts(breadcrumb().locator('li'), ['Library', LANDSCAPE, 'Квалификация лидов']);
    await ui.value(page.getByLabel('Map title'), 'Квалификация лидов');
    await ui.visible(page.locator('.react-flow__node-step', { hasText: 'Поступила заявка' }));
    await suite.app.shot('subprocess-opened');
    await breadcrumb().getByRole('button', { name: LANDSCAPE }).click();
    await ui.value(page.getByLabel('Map title'), LANDSCAPE);
    await ui.count(page.locator('.step-subprocess'), 12);
    await ui.count(breadcrumb(), 0);
  });

  test('a sub-process without a map gets one on demand, linked, opened by double-click; deleting that map says so first and leaves the step unlinked', async () => {
    const { page } = suite;
    const crm = step('Ведение клиентской базы и CRM');
    await crm.dblclick();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await ui.visible(inspector.getByText('This sub-process has no map of its own yet.'));
    await inspector.getByRole('button', { name: 'Create its map' }).click();
    await ui.visible(inspector.getByRole('button', { name: 'Open map' }));
    await ui.contains(inspector.locator('.linked-map'), 'Ведение клиентской базы и CRM');
    await crm.dblclick();
    await ui.texts(breadcrumb().locator('li'), ['Library', LANDSCAPE, 'Ведение клиентской базы и CRM']);
    // the new map starts with the lane of the step that opens it
    await ui.texts(page.locator('.lane-name'), ['Вспомогательные процессы']);
    await breadcrumb().getByRole('button', { name: 'Library' }).click();
    const card = page.locator('.map-card', { hasText: 'Ведение клиентской базы и CRM' });
    await ui.contains(card.locator('.map-card-parents'), `Part of ${LANDSCAPE}`);
    await suite.app.shot('library-part-of');

    // deleting a map another map links to says so first
    await page.getByRole('button', { name: 'Delete Ведение клиентской базы и CRM' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete map?' });
    await ui.contains(dialog, `is opened from a sub-process step of another map: “${LANDSCAPE}”`);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await ui.count(page.locator('.map-card', { hasText: 'Ведение клиентской базы и CRM' }), 0);

    // the landscape's step stays, no longer linked
    await page
      .locator('.map-card', { hasText: LANDSCAPE })
      .getByRole('button', { name: `Open ${LANDSCAPE}` })
      .click();
    await crm.click();
    await ui.visible(inspector.getByRole('button', { name: 'Create its map' }));
    await ui.count(page.locator('.step-subprocess.is-unlinked'), 8);
  });

  test('the map properties: purpose and owner are stored, and undo takes them back', async () => {
    const { page } = suite;
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByLabel('Purpose of the map').selectOption('optimisation');
    const owner = inspector.getByLabel('Owner');
    await owner.fill('Ирина Петрова');
    await owner.press('Tab');
    const id = repo()
      .list()
      .find((m) => m.title === LANDSCAPE)!.id;
    await ui.eventually(() => repo().read(id).owner).toBe('Ирина Петрова');
    expect(repo().read(id).purpose).toBe('optimisation');
    await page.keyboard.press('Control+z');
    await ui.eventually(() => repo().read(id).owner).toBeUndefined();
    await ui.value(owner, '');
    await suite.app.shot('map-properties');
  });
});

describe('a map that is part of two maps', () => {
  test('the breadcrumb shows the way the user came down, not just the first map that links here', async () => {
    const { page } = suite;
    // «Бета» and «Альфа» both open the lead qualification map through a sub-process step
    const services = createServices(suite.app.db, { dataFile: suite.app.dataFile, transport: 'http' });
    const child = repo()
      .list()
      .find((m) => m.title === 'Квалификация лидов')!;
    for (const title of ['Альфа', 'Бета']) {
      const made = services['maps:create']({ title });
      const role = Object.keys(made.roles)[0]!;
      const withStep = applyCommand(
        made,
        cmd('addStep', { id: `${title === 'Альфа' ? 'a' : 'b'}-sub`, kind: 'subprocess', roleId: role, x: 40, y: 40, title: 'Квалификация' }),
      );
      const linked = applyCommand(withStep, cmd('setStepLink', { stepId: `${title === 'Альфа' ? 'a' : 'b'}-sub`, mapId: child.id }));
      services['maps:applyChanges']({ id: made.id, changes: diffMaps(made, linked) });
    }
    await page.goto(suite.app.bridge.url);
    await page.getByRole('button', { name: 'Open Бета', exact: true }).click();
    await step('Квалификация').dblclick();
    await ui.texts(breadcrumb().locator('li'), ['Library', 'Бета', 'Квалификация лидов']);
    await breadcrumb().getByRole('button', { name: 'Бета' }).click();
    await ui.value(page.getByLabel('Map title'), 'Бета');
    await ui.count(breadcrumb(), 0);
    // opened from the library, the breadcrumb follows the links (all the maps that link here, the first by title)
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.getByRole('button', { name: 'Open Квалификация лидов', exact: true }).click();
    await ui.texts(breadcrumb().locator('li'), ['Library', 'Альфа', 'Квалификация лидов']);
  });
});
