/**
 * Small defects users found: a new start step's default title is replaced by typing; limited
 * fields say their limit (counter near it, a notice when pasted text is cut); right-to-left text
 * reads right to left in fields and on the card; a map imported twice is "Title (2)"; the
 * landscape template links the library's maps of its detailed processes.
 */
import { describe, expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc, MapSummary } from '../../shared/model/types';
import { randomMap } from '../support/randomMaps';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const NOW = '2026-11-30T10:00:00.000Z';
const library = () => callApp(suite.page, 'maps:list', {}) as Promise<MapSummary[]>;
const read = (id: string) => callApp(suite.page, 'maps:get', { id }) as Promise<MapDoc>;
const cards = () => suite.page.getByRole('list', { name: 'Maps' }).locator('.map-card-title');
let mapId = '';
let stepId = '';

describe('small defects', () => {
  test('a new start step: typing replaces its default title «Start»', async () => {
    const { page } = suite;
    mapId = (await library())[0]!.id;
    const title = (await library())[0]!.title;
    await page.getByRole('button', { name: `Open ${title}` }).click();
    await ui.visible(page.locator('.react-flow__node-step'));
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    const before = new Set(Object.keys((await read(mapId)).steps));
    await page.getByRole('button', { name: 'Add start' }).click();
    const field = page.locator('#step-title');
    await ui.focused(field);
    await ui.value(field, 'Start');
    await page.keyboard.type('Заявка получена');
    await ui.value(field, 'Заявка получена');
    await field.press('Tab');
    await ui.eventually(async () => Object.values((await read(mapId)).steps).find((s) => !before.has(s.id))?.title).toBe('Заявка получена');
    stepId = Object.values((await read(mapId)).steps).find((s) => !before.has(s.id))!.id;
  });

  test('2,000 characters pasted into a step title: 300 kept, the counter and the notice shown', async () => {
    const { page } = suite;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const field = page.locator('#step-title');
    const long = 'Щ'.repeat(1_000) + 'z'.repeat(1_000);
    await page.evaluate((text) => navigator.clipboard.writeText(text), long);
    await field.click();
    await field.press('Control+a');
    await field.press('Control+v');
    await ui.eventually(async () => (await field.inputValue()).length).toBe(300);
    const note = page.locator('.inspector-body .limit-note').first();
    await ui.contains(note, 'Cut to 300 characters: the field can hold no more.');
    await ui.contains(note, '300 / 300');
    await expect.poll(() => note.getAttribute('aria-live')).toBe('polite');
    await ui.eventually(async () => (await read(mapId)).steps[stepId]?.title).toBe('Щ'.repeat(300));
    // the notice sits beside the field, under it and as wide as it
    const f = (await field.boundingBox())!;
    const n = (await note.boundingBox())!;
    expect(n.y).toBeGreaterThanOrEqual(f.y + f.height - 1);
    expect(n.y).toBeLessThan(f.y + f.height + 40);
    expect(n.x + n.width).toBeLessThanOrEqual(f.x + f.width + 1);
    await suite.app.shot('limit-cut-notice-en');
    // shorter again: the notice goes, the counter stays near the limit
    await field.press('End');
    for (let i = 0; i < 20; i++) await field.press('Backspace');
    await ui.contains(note, '280 / 300');
    await expect.poll(() => note.textContent()).not.toContain('Cut to');
    await field.fill('Щ'.repeat(100));
    await expect.poll(() => note.textContent()).toBe('');
  });

  test('an Arabic title is right to left in the field and on the card', async () => {
    const { page } = suite;
    const field = page.locator('#step-title');
    await field.fill('طلب عميل جديد');
    await field.press('Tab');
    await ui.eventually(async () => (await read(mapId)).steps[stepId]?.title).toBe('طلب عميل جديد');
    await expect.poll(() => field.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const card = page.locator(`.react-flow__node-step[data-id="${stepId}"] .step-title`);
    await expect.poll(() => card.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await suite.app.shot('rtl-step-title-en');
  });

  test('the same file imported twice is “Title” and “Title (2)” in the library', async () => {
    const { page } = suite;
    const doc = { ...(await read(mapId)), title: 'Приём заявок ёлками' };
    const buffer = Buffer.from(toLanemapJson(doc, { exportedAt: NOW }));
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await ui.visible(cards());
    for (let i = 0; i < 2; i++) {
      await page.getByLabel('Import a Lanemap file').setInputFiles({ name: 'заявки.lanemap.json', mimeType: 'application/json', buffer });
      await ui.eventually(async () => (await library()).filter((m) => m.title.startsWith('Приём заявок ёлками')).length).toBe(i + 1);
      // the import opens the map: back to the library for the next one
      const back = page.getByRole('button', { name: 'Back to the library' });
      await ui.visible(back);
      await back.click();
      await ui.visible(cards());
    }
    const titles = (await library()).map((m) => m.title).filter((t) => t.startsWith('Приём заявок ёлками'));
    expect(titles.sort()).toEqual(['Приём заявок ёлками', 'Приём заявок ёлками (2)']);
    await ui.visible(cards().filter({ hasText: 'Приём заявок ёлками (2)' }));
  });

  test('the landscape template beside a map of one of its processes offers to link it, and links it', async () => {
    const { page } = suite;
    const templates = (await callApp(page, 'templates:list', {})) as { id: string; doc: MapDoc; links: Record<string, string> }[];
    const landscape = templates.find((t) => t.id === 'process-landscape.en')!;
    const base = Object.values(landscape.links)[0]!;
    const childTitle = templates.find((t) => t.id === `${base}.en`)!.doc.title;
    const mine = (await callApp(page, 'maps:create', { title: childTitle.toUpperCase() })) as MapDoc;
    await page.reload();
    await page.getByRole('button', { name: 'New map' }).click();
    const dialog = page.getByRole('dialog', { name: 'New map' });
    await dialog.locator('.template-card', { hasText: landscape.doc.title }).click();
    const link = dialog.getByRole('radio', { name: /Link existing maps/ });
    await ui.visible(link);
    expect(await link.isChecked()).toBe(true);
    await ui.contains(dialog.locator('.landscape-choice'), childTitle.toUpperCase());
    await suite.app.shot('landscape-link-choice-en');
    const before = (await library()).length;
    await dialog.getByRole('button', { name: 'Create' }).click();
    await ui.visible(page.getByRole('button', { name: 'Back to the library' }));
    const made = (await library()).filter((m) => m.title === landscape.doc.title);
    expect(made).toHaveLength(1);
    const doc = await read(made[0]!.id);
    const linked = Object.values(doc.steps).filter((s) => s.linkedMapId);
    expect(linked.filter((s) => s.linkedMapId === mine.id)).toHaveLength(1);
    // the landscape and the processes without a map (one fewer than it links)
    expect((await library()).length).toBe(before + 1 + Object.keys(landscape.links).length - 1);
  });

  test('the library shows a 450-step map’s start at a readable size', async () => {
    const { page } = suite;
    const wide = { ...randomMap({ seed: 7, steps: 450, lanes: 5, phases: 6 }), title: 'Широкая карта: 450 шагов' };
    await callApp(page, 'maps:import', { text: toLanemapJson(wide, { exportedAt: NOW }) });
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.reload();
    await ui.visible(cards());
    const card = page.locator('.map-card', { hasText: 'Широкая карта: 450 шагов' });
    await card.scrollIntoViewIfNeeded();
    await ui.visible(card.locator('img'));
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalHeight)).toBe(360);
    await suite.app.shot('library-wide-map-thumbnail');
  });
});
