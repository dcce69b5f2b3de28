/**
 * Notes on the canvas, as a person uses them on a Russian map: a sticky note and an annotation
 * written in Cyrillic, dragged, undone and redone, found again after a reload and in the SVG
 * export; "same width" makes three selected cards equally wide.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const MAP = 'Заметки отдела продаж';
const STICKY = 'Проверить скидку у руководителя';
const ANNOTATION = 'Звонок в течение часа';

const step = (title: string) => suite.page.locator('.react-flow__node-step', { hasText: title });
const note = (text: string) => suite.page.locator('.react-flow__node-note', { hasText: text });
const stored = () => {
  const repo = createMapRepository(suite.app.db);
  const summary = repo.list().find((m) => m.title === MAP);
  if (!summary) throw new Error(`no stored map titled ${MAP}`);
  return repo.read(summary.id);
};
const storedNotes = () => Object.values(stored().notes ?? {});

async function typeTitle(title: string) {
  const field = suite.page.getByLabel('Step title');
  await ui.focused(field);
  await field.fill(title);
  await field.press('Tab');
}

async function box(page: Page, selector: ReturnType<Page['locator']>) {
  const b = await selector.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}

describe('notes on the canvas', () => {
  test('a Russian map with three steps', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'New map' }).click();
    const title = page.getByRole('dialog', { name: 'New map' }).getByLabel('Map title');
    await title.fill(MAP);
    await title.press('Enter');
    await ui.visible(page.getByRole('toolbar', { name: 'Map tools' }));
    await page.getByRole('button', { name: 'Add task' }).click();
    await typeTitle('Квалификация лида');
    await step('Квалификация лида').click();
    await page.keyboard.press('Control+Enter');
    await typeTitle('Подготовка коммерческого предложения для клиента');
    await step('Подготовка коммерческого').click();
    // a decision: a narrower card than a task
    await page.getByRole('button', { name: 'Add decision' }).click();
    await typeTitle('Договор?');
    await ui.count(page.locator('.react-flow__node-step'), 3);
  });

  test('N adds a sticky note in the view, written in place in Cyrillic (Ctrl+Enter keeps it)', async () => {
    const { page } = suite;
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('n');
    const field = page.getByRole('textbox', { name: 'Edit the note' });
    await ui.focused(field);
    await field.pressSequentially(STICKY);
    await page.keyboard.press('Control+Enter');
    await ui.visible(note(STICKY));
    await ui.eventually(() => storedNotes().map((n) => [n.text, n.stepId ?? null])).toEqual([[STICKY, null]]);
    // the sticky note covers no card
    const n = await box(page, note(STICKY));
    for (const s of await page.locator('.react-flow__node-step').all()) {
      const b = await box(page, s);
      expect(n.x < b.x + b.width && b.x < n.x + n.width && n.y < b.y + b.height && b.y < n.y + n.height).toBe(false);
    }
  });

  test('the toolbar’s Note with one step selected makes an annotation joined to it by a dotted line', async () => {
    const { page } = suite;
    await page.keyboard.press('0');
    await ui.settled(page);
    await step('Квалификация лида').click();
    await page.getByRole('button', { name: 'Note', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Edit the note' });
    await ui.focused(field);
    await field.pressSequentially(ANNOTATION);
    // a click outside keeps it
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await ui.visible(note(ANNOTATION));
    const qualification = Object.values(stored().steps).find((s) => s.title === 'Квалификация лида')!;
    await ui.eventually(() => storedNotes().find((n) => n.text === ANNOTATION)?.stepId).toBe(qualification.id);
    await ui.count(note(ANNOTATION).locator('.note-connector line'), 1);
    // beside and above its step, not on it
    const a = await box(page, note(ANNOTATION));
    const s = await box(page, step('Квалификация лида'));
    expect(a.y + a.height).toBeLessThanOrEqual(s.y);
    // Escape while writing cancels: the text stays as it was
    await note(ANNOTATION).dblclick();
    await ui.focused(field);
    await field.pressSequentially(' — отменить');
    await field.press('Escape');
    await ui.eventually(() => page.locator('.react-flow__node-note .note-text').allTextContents()).toEqual(expect.arrayContaining([ANNOTATION]));
    await suite.app.shot('notes-map-en');
  });

  test('dragging a note moves it (one undo), and an annotation goes with its step', async () => {
    const { page } = suite;
    const before = storedNotes().find((n) => n.text === STICKY)!;
    const b = await box(page, note(STICKY));
    await ui.drag(page, { x: b.x + 20, y: b.y + 10 }, { x: b.x + 20 + 160, y: b.y + 10 + 60 });
    await ui.eventually(() => storedNotes().find((n) => n.text === STICKY)!.x).not.toBe(before.x);
    const moved = storedNotes().find((n) => n.text === STICKY)!;
    await page.keyboard.press('Control+z');
    await ui.eventually(() => storedNotes().find((n) => n.text === STICKY)!.x).toBe(before.x);
    await page.keyboard.press('Control+Shift+z');
    await ui.eventually(() => storedNotes().find((n) => n.text === STICKY)!.x).toBe(moved.x);

    // the step moves: its annotation keeps its place beside it
    const a0 = await box(page, note(ANNOTATION));
    const s0 = await box(page, step('Квалификация лида'));
    await ui.drag(page, { x: s0.x + 30, y: s0.y + 10 }, { x: s0.x + 30, y: s0.y + 10 + 80 });
    await ui.eventually(async () => Math.round((await box(page, step('Квалификация лида'))).y - s0.y)).toBeGreaterThan(40);
    const s1 = await box(page, step('Квалификация лида'));
    await ui.eventually(async () => Math.round((await box(page, note(ANNOTATION))).y - a0.y)).toBe(Math.round(s1.y - s0.y));
  });

  test('after a reload the notes are there', async () => {
    const { page } = suite;
    await page.reload();
    // the map open before the reload opens again (or the library shows it)
    const open = page.getByRole('button', { name: `Open ${MAP}` });
    await page.getByRole('toolbar', { name: 'Map tools' }).or(open).first().waitFor();
    if (await open.isVisible()) await open.click();
    await ui.visible(page.getByRole('toolbar', { name: 'Map tools' }));
    await page.keyboard.press('0');
    await ui.settled(page);
    await ui.visible(note(STICKY));
    await ui.visible(note(ANNOTATION));
    await ui.count(note(ANNOTATION).locator('.note-connector line'), 1);
  });

  test('the SVG export has both notes and the dotted line', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map' });
    await dialog.getByRole('radio', { name: /^SVG/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const out = path.resolve('artifacts/exports');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, 'notes.svg');
    await download.saveAs(file);
    await ui.hidden(dialog);
    const svg = fs.readFileSync(file, 'utf8');
    expect(svg).toContain('Проверить скидку');
    expect(svg).toContain('Звонок в течение часа');
    expect(svg).toMatch(/<line class="lm-note-link"/);
    // looked at: the export drawn in the page
    const view = await suite.app.browser.newPage({ viewport: { width: 1400, height: 700 } });
    await view.setContent(`<body style="margin:0">${svg}</body>`);
    await view.screenshot({ path: path.resolve('artifacts/screenshots/notes-svg-export.png') });
    await view.close();
  });

  test('Delete removes a selected note; undo brings it back', async () => {
    const { page } = suite;
    await note(STICKY).click();
    await page.keyboard.press('Delete');
    await ui.count(note(STICKY), 0);
    await ui.eventually(() => storedNotes().some((n) => n.text === STICKY)).toBe(false);
    await page.keyboard.press('Control+z');
    await ui.visible(note(STICKY));
    await ui.eventually(() => storedNotes().some((n) => n.text === STICKY)).toBe(true);
  });

  test('same width: three selected steps become as wide as the widest', async () => {
    const { page } = suite;
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await step('Квалификация лида').click();
    await step('Подготовка коммерческого').click({ modifiers: ['Shift'] });
    await step('Договор?').click({ modifiers: ['Shift'] });
    await ui.count(page.locator('.react-flow__node-step.selected'), 3);
    const widths = async () => Promise.all((await page.locator('.react-flow__node-step').all()).map(async (s) => Math.round((await box(page, s)).width)));
    // the decision is narrower than the tasks
    expect(new Set(await widths()).size).toBe(2);
    await page.getByRole('button', { name: 'Same width' }).click();
    await ui.eventually(async () => new Set(await widths()).size).toBe(1);
    const decision = Object.values(stored().steps).find((s) => s.kind === 'decision')!;
    await ui.eventually(() => stored().steps[decision.id]!.width).toBe(200);
    await suite.app.shot('notes-same-width');
    // one undo gives it its own width again
    await page.keyboard.press('Control+z');
    await ui.eventually(async () => new Set(await widths()).size).toBe(2);
  });

  test('in Russian the notes, the toolbar button and its tooltip read in Russian', async () => {
    const { page } = suite;
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Interface language').selectOption('ru');
    await page.keyboard.press('Escape');
    await ui.visible(page.getByRole('button', { name: 'Заметка', exact: true }));
    expect(await page.getByRole('button', { name: 'Заметка', exact: true }).getAttribute('title')).toMatch(/^Добавить заметку/);
    await ui.visible(note(STICKY));
    await suite.app.shot('notes-map-ru');
  });
});
