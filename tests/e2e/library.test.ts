/**
 * The map library as a person uses it: the sample map is there on first start; rename,
 * duplicate and delete (which asks first) work and are what the library file holds.
 */
import { describe, expect, test } from 'vitest';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();

const cards = () => suite.page.getByRole('list', { name: 'Maps' }).locator('.map-card-title');
const storedTitles = () =>
  createMapRepository(suite.app.db)
    .list()
    .map((m) => m.title)
    .sort();
const SAMPLE = 'Sample: from lead to closed deal';

describe('the map library', () => {
  test('on first start it holds the sample map, with its step count', async () => {
    await ui.texts(cards(), [SAMPLE]);
    await ui.contains(suite.page.locator('.map-card'), '13 steps');
    await suite.app.shot('library-first-start');
  });

  test('renames a map to a Cyrillic title', async () => {
    await suite.page.getByRole('button', { name: `Rename ${SAMPLE}` }).click();
    const field = suite.page.getByRole('dialog', { name: 'Rename map' }).getByLabel('Map title');
    await field.fill('Пример: от лида до сделки');
    await field.press('Enter');
    await ui.texts(cards(), ['Пример: от лида до сделки']);
    expect(storedTitles()).toEqual(['Пример: от лида до сделки']);
  });

  test('duplicates a map with all its steps', async () => {
    await suite.page.getByRole('button', { name: 'Duplicate Пример: от лида до сделки' }).click();
    await ui.count(cards(), 2);
    expect(storedTitles()).toEqual(['Пример: от лида до сделки', 'Пример: от лида до сделки (copy)']);
    const copy = createMapRepository(suite.app.db)
      .list()
      .find((m) => m.title.endsWith('(copy)'))!;
    expect(copy.stepCount).toBe(13);
  });

  test('delete asks first; cancelling keeps the map, confirming removes it', async () => {
    const name = 'Delete Пример: от лида до сделки (copy)';
    await suite.page.getByRole('button', { name }).click();
    const dialog = suite.page.getByRole('dialog', { name: 'Delete map?' });
    await ui.contains(dialog, 'cannot be undone');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ui.hidden(dialog);
    expect(storedTitles()).toHaveLength(2);

    await suite.page.getByRole('button', { name }).click();
    await suite.page.getByRole('dialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete' }).click();
    await ui.count(cards(), 1);
    expect(storedTitles()).toEqual(['Пример: от лида до сделки']);
  });

  test('opens a map, and the back button returns to the library', async () => {
    await suite.page.getByRole('button', { name: 'Open Пример: от лида до сделки' }).click();
    await ui.count(suite.page.locator('.react-flow__node-step'), 13);
    await ui.texts(suite.page.locator('.lane-name'), ['Marketing', 'Sales manager', 'Head of sales', 'Client', 'Finance']);
    await suite.app.shot('sample-map');
    await suite.page.getByRole('button', { name: 'Back to the library' }).click();
    await ui.texts(cards(), ['Пример: от лида до сделки']);
  });
});

describe('selecting several steps', () => {
  test('shift-click selects two steps; dragging one moves both; Delete removes both; undo restores them', async () => {
    await suite.page.getByRole('button', { name: 'Open Пример: от лида до сделки' }).click();
    const offer = suite.page.locator('.react-flow__node-step', { hasText: 'Qualify the lead' });
    const call = suite.page.locator('.react-flow__node-step', { hasText: 'Register and enrich' });
    await call.click();
    await offer.click({ modifiers: ['Shift'] });
    await ui.contains(suite.page.getByRole('complementary', { name: 'Inspector' }), '2 selected');

    const before = await Promise.all([call.boundingBox(), offer.boundingBox()]);
    const box = before[0]!;
    await ui.drag(suite.page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, { x: box.x + box.width / 2 + 30, y: box.y + box.height / 2 + 5 });
    const after = await Promise.all([call.boundingBox(), offer.boundingBox()]);
    expect(after[0]!.x - before[0]!.x).toBeGreaterThan(10);
    expect(Math.round(after[1]!.x - before[1]!.x)).toBe(Math.round(after[0]!.x - before[0]!.x));

    await suite.page.keyboard.press('Delete');
    await ui.count(suite.page.locator('.react-flow__node-step'), 11);
    await suite.page.keyboard.press('Control+z');
    await ui.count(suite.page.locator('.react-flow__node-step'), 13);
  });
});

describe('a new map from a template', () => {
  test('picking the Russian full sales cycle opens it with its stages, lanes and steps', async () => {
    const { page } = suite;
    await page.goto(suite.app.bridge.url);
    await page.getByRole('button', { name: 'New map' }).click();
    const dialog = page.getByRole('dialog', { name: 'New map' });
    await dialog.locator('.template-card', { hasText: 'Отдел продаж: полный цикл' }).click();
    await ui.value(dialog.getByLabel('Map title'), 'Отдел продаж: полный цикл');
    await ui.visible(dialog.locator('.template-thumb img').first());
    await suite.app.shot('new-map-templates');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await ui.count(page.locator('.react-flow__node-phase'), 7);
    await ui.visible(page.locator('.lane-name', { hasText: 'Руководитель отдела продаж' }));
    const made = createMapRepository(suite.app.db)
      .list()
      .find((m) => m.title === 'Отдел продаж: полный цикл')!;
    expect(made.stepCount).toBeGreaterThanOrEqual(25);
    await suite.app.shot('new-map-from-template');
  });
});
