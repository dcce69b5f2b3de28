/**
 * Presentation mode as a facilitator uses it: F5 on the sample map hides the editor and shows
 * the first step; the arrow keys walk along the flows (a decision waits for a numbered choice),
 * each step centred in the part of the screen the lane names and the card leave, and lit; Back retraces the path; C comments on the step without leaving;
 * O shows the phases; Escape returns to the editor as it was. Screenshots in English and
 * Russian at projector sizes (1280×720, 1920×1080).
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';
import { callApp as call } from './harness';

const suite = appSuite();
const SAMPLE = 'Sample: from lead to closed deal';

const pres = () => suite.page.locator('.presentation');
const cardTitle = () => pres().locator('.pres-card .pres-title');
const current = () => pres().locator('.react-flow__node-step.is-current');
const toolbar = () => suite.page.getByRole('toolbar', { name: 'Map tools' });

async function settled(page: Page) {
  const transform = () => page.locator('.presentation .react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  let last = '';
  for (let i = 0; i < 100; i++) {
    const now = await transform();
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

/** The card names `title`, the lit step is that step, and it sits in the middle of the map's free area. */
async function expectAt(title: string) {
  await ui.texts(cardTitle(), [title]);
  await ui.count(current(), 1);
  await ui.contains(current(), title);
  await settled(suite.page);
  const box = (await current().boundingBox())!;
  const card = (await pres().locator('.pres-card-frame').boundingBox())!;
  const pane = (await pres().locator('.pres-stage').boundingBox())!;
  // the map's free part: right of the frozen lane names, beside the card (on whichever side it
  // stands), above it when it lies along the bottom
  const lane = await pres().locator('.lane-header').first().boundingBox();
  let left = pane.x + (lane ? lane.width + 12 : 0);
  let right = pane.x + pane.width;
  const sheet = card.width > pane.width * 0.65;
  if (!sheet && card.x + card.width / 2 > pane.x + pane.width / 2) right = card.x - 12;
  else if (!sheet) left = Math.max(left, card.x + card.width + 12);
  const free = sheet ? { x: (left + right) / 2, y: pane.y + (card.y - pane.y) / 2 } : { x: (left + right) / 2, y: pane.y + pane.height / 2 };
  expect(Math.abs(box.x + box.width / 2 - free.x)).toBeLessThan(30);
  if (!sheet) expect(Math.abs(box.y + box.height / 2 - free.y)).toBeLessThan(30);
  else {
    // a low window: the step stands between the top bar and the card, its lane name above it
    expect(box.y).toBeGreaterThanOrEqual(pane.y);
    expect(box.y + box.height).toBeLessThanOrEqual(card.y);
  }
  // readable from the back of the room: the 13 px title drawn at 20 px or more
  const zoom = await pres()
    .locator('.react-flow__viewport')
    .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? 0));
  const fontSize =
    zoom *
    (await current()
      .locator('.step-title')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize)));
  expect(fontSize).toBeGreaterThanOrEqual(20);
}

const stepId = (title: string) => {
  const repo = createMapRepository(suite.app.db);
  const summary = repo.list().find((m) => m.title === SAMPLE)!;
  const doc = repo.read(summary.id);
  return { doc, id: Object.values(doc.steps).find((s) => s.title === title)!.id };
};

describe('presenting a map', () => {
  test('F5 hides the editor and shows the first step, big', async () => {
    const page = suite.page;
    await call(page, 'settings:set', { language: 'en', authorName: 'Anna Smith' });
    await page.reload();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: `Open ${SAMPLE}` }).click();
    await ui.visible(toolbar());
    await page
      .locator('.react-flow__pane')
      .first()
      .click({ position: { x: 400, y: 300 } });
    await page.keyboard.press('F5');
    await ui.visible(pres());
    await ui.hidden(toolbar());
    await ui.count(page.locator('.presentation .react-flow__handle:visible'), 0);
    await ui.count(page.locator('.presentation .react-flow__minimap'), 0);
    await expectAt('Lead comes in');
    await ui.contains(pres().locator('.pres-progress'), 'Step 1 of 13 · Phase 1 of 3 “Lead generation”');
    await suite.app.shot('presentation-en-1280-first');
  });

  test('the arrows walk along the flows; a decision waits for a numbered choice', async () => {
    const page = suite.page;
    await page.keyboard.press('ArrowRight');
    await expectAt('Register and enrich the lead in CRM');
    await page.keyboard.press('Space');
    await expectAt('Qualify the lead (budget, need, timing)');
    await page.keyboard.press('ArrowRight');
    await expectAt('Lead qualified?');
    // numbered as drawn: the nurturing campaign's lane (Marketing) is above the sales manager's
    await ui.texts(pres().locator('.pres-choice-text'), ['No → Add to a nurturing campaign', 'Yes → First meeting: understand needs']);
    await suite.app.shot('presentation-en-1280-decision');
    // "next" does not pick a branch for the presenter
    await page.keyboard.press('ArrowRight');
    await ui.contains(pres().locator('.pres-flash'), 'Choose a branch first');
    await ui.texts(cardTitle(), ['Lead qualified?']);
    await page.keyboard.press('2');
    await expectAt('First meeting: understand needs');
    await ui.contains(pres().locator('.pres-progress'), 'Step 6 of 13 · Phase 2 of 3 “Working with the client”');
    await ui.eventually(() => pres().getByRole('progressbar').getAttribute('aria-valuenow')).toBe('5');
  });

  test('back retraces the path walked; ↓ and Enter pick a branch too', async () => {
    const page = suite.page;
    await page.keyboard.press('ArrowLeft');
    await expectAt('Lead qualified?');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await ui.contains(pres().locator('.pres-choice.is-highlighted'), 'Add to a nurturing campaign');
    // the same number on the map, lit with the card's
    await ui.texts(pres().locator('.pres-branch-mark.is-highlighted'), ['1']);
    await page.keyboard.press('Enter');
    await expectAt('Add to a nurturing campaign');
    // an end of the process: it says so and offers what is left
    await ui.contains(pres().locator('.pres-end'), 'End of the process');
    await ui.contains(pres().locator('.pres-end'), '7 steps have not been shown yet.');
    await suite.app.shot('presentation-en-1280-end');
    // back is the way this walk came: the decision, then the step before it (not the branch left behind)
    await page.keyboard.press('ArrowLeft');
    await expectAt('Lead qualified?');
    await page.keyboard.press('ArrowLeft');
    await expectAt('Qualify the lead (budget, need, timing)');
    await page.keyboard.press('ArrowRight');
    await expectAt('Lead qualified?');
    await ui.contains(pres().locator('.pres-choice', { hasText: 'Add to a nurturing campaign' }), 'shown');
  });

  test('C comments on the current step without leaving; Escape closes only the box', async () => {
    const page = suite.page;
    await page.keyboard.press('2');
    await expectAt('First meeting: understand needs');
    await ui.texts(pres().getByTestId('pres-comment-count'), ['No open comments']);
    await page.keyboard.press('c');
    const box = pres().locator('.pres-composer textarea');
    await ui.focused(box);
    await box.pressSequentially('Escape test');
    await page.keyboard.press('Escape');
    await ui.hidden(box);
    await ui.visible(pres());

    await page.keyboard.press('c');
    await ui.focused(box);
    await box.pressSequentially('Спросить про бюджет на первой встрече');
    await suite.app.shot('presentation-en-1280-comment');
    await page.keyboard.press('Control+Enter');
    await ui.hidden(box);
    await ui.texts(pres().getByTestId('pres-comment-count'), ['1 open comment']);
    await ui.texts(cardTitle(), ['First meeting: understand needs']);
    // the walk goes on with the keys as before
    await page.keyboard.press('ArrowRight');
    await expectAt('Prepare the commercial offer');
    await page.keyboard.press('ArrowLeft');
    await expectAt('First meeting: understand needs');
  });

  test('Escape leaves; the editor is back as it was and the comment is stored on the step', async () => {
    const page = suite.page;
    await page.keyboard.press('Escape');
    await ui.count(pres(), 0);
    await ui.visible(toolbar());
    await ui.value(page.getByLabel('Map title'), SAMPLE);
    await ui.count(page.locator('.react-flow__node-step'), 13);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    const { doc, id } = stepId('First meeting: understand needs');
    await ui
      .eventually(() => Object.values(stepId('First meeting: understand needs').doc.comments).map((c) => [c.targetKind, c.targetId, c.text, c.author]))
      .toEqual([['step', id, 'Спросить про бюджет на первой встрече', 'Anna Smith']]);
    expect(Object.keys(doc.steps)).toHaveLength(13);
    // the arrows edit the map again (nothing is stuck in presentation mode)
    await page.locator('.react-flow__node-step', { hasText: 'Deal closed' }).click();
    await ui.count(page.locator('.react-flow__node-step .step.is-selected'), 1);
  });

  test('Shift+F5 starts at the selected step; N goes to the next step not shown yet; Home to the first', async () => {
    const page = suite.page;
    await page.keyboard.press('Shift+F5');
    await expectAt('Deal closed');
    await ui.contains(pres().locator('.pres-end'), '12 steps have not been shown yet.');
    // the last step: the next one not shown yet is found from the beginning
    await page.keyboard.press('n');
    await expectAt('Lead comes in');
    await page.keyboard.press('n');
    await expectAt('Register and enrich the lead in CRM');
    await page.keyboard.press('Home');
    await expectAt('Lead comes in');
  });

  test('O shows the phases one at a time; Enter starts walking at the phase', async () => {
    const page = suite.page;
    await page.keyboard.press('o');
    await ui.texts(cardTitle(), ['Lead generation']);
    await ui.contains(pres().locator('.pres-subtitle'), 'Phase 1 of 3');
    await settled(page);
    await suite.app.shot('presentation-en-1280-overview');
    await page.keyboard.press('ArrowRight');
    await ui.texts(cardTitle(), ['Working with the client']);
    await ui.texts(pres().locator('.pres-step-list li'), ['6First meeting: understand needs', '7Prepare the commercial offer']);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await ui.texts(cardTitle(), ['The whole map']);
    await settled(page);
    await suite.app.shot('presentation-en-1280-whole-map');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expectAt('First meeting: understand needs');
    await page.keyboard.press('Escape');
    await ui.count(pres(), 0);
  });

  test('F5 while typing in a field neither presents nor reloads the page; the toolbar button presents', async () => {
    const page = suite.page;
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByLabel('Map title').focus();
    await page.keyboard.press('F5');
    await page.waitForTimeout(300);
    await ui.count(pres(), 0);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    // the shortcut sheet lists the presentation's keys
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await ui.contains(sheet, 'Present the map from its first step');
    await ui.contains(sheet, 'In a presentation: choose a branch at a decision');
    await suite.app.shot('presentation-en-shortcut-sheet');
    await sheet.getByRole('button', { name: 'Close' }).click();
    await ui.hidden(sheet);
    await page.getByRole('button', { name: 'Present' }).click();
    await expectAt('Lead comes in');
  });

  test('re-centres when the window is resized (a second screen, a shared window)', async () => {
    const page = suite.page;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expectAt('Lead comes in');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectAt('Lead qualified?');
    await suite.app.shot('presentation-en-1920-decision');
    await page.keyboard.press('2');
    await expectAt('First meeting: understand needs');
    await suite.app.shot('presentation-en-1920-step');
    await page.setViewportSize({ width: 800, height: 700 });
    await expectAt('First meeting: understand needs');
    await suite.app.shot('presentation-en-800-narrow');
    await page.keyboard.press('Escape');
    await ui.count(pres(), 0);
  });

  test('in Russian, on the Russian full sales cycle', async () => {
    const page = suite.page;
    await call(page, 'settings:set', { language: 'ru' });
    const doc = (await call(page, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string; title: string };
    // the map's address, as a reload keeps it
    await page.evaluate((id) => (window.location.hash = `map=${id}`), doc.id);
    await page.reload();
    await page.setViewportSize({ width: 1280, height: 720 });
    await ui.value(page.getByLabel('Название карты'), doc.title);
    await ui.visible(page.getByRole('toolbar'));
    await page.keyboard.press('F5');
    await ui.visible(pres());
    await ui.contains(pres().locator('.pres-progress'), 'Шаг 1 из');
    await settled(page);
    await suite.app.shot('presentation-ru-1280-first');
    // to the first decision
    for (let i = 0; i < 12 && (await pres().locator('.pres-choice').count()) === 0; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(100);
    }
    await ui.contains(pres().locator('.pres-way-title'), 'С какого начать?');
    await settled(page);
    await suite.app.shot('presentation-ru-1280-decision');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.keyboard.press('1');
    await settled(page);
    await suite.app.shot('presentation-ru-1920-step');
    await page.keyboard.press('c');
    await ui.visible(pres().locator('.pres-composer'));
    await suite.app.shot('presentation-ru-1920-comment');
    await page.keyboard.press('Escape');
    await page.keyboard.press('o');
    await settled(page);
    await suite.app.shot('presentation-ru-1920-overview');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await ui.count(pres(), 0);
  });

  test("leaving full screen by the browser's own means (Esc, F11) ends the presentation", async () => {
    const page = suite.page;
    await page.keyboard.press('F5');
    await ui.visible(pres());
    // headless Chromium grants full screen to a key press, as a desktop browser does
    await ui.eventually(() => page.evaluate(() => !!document.fullscreenElement)).toBe(true);
    await page.evaluate(() => document.exitFullscreen());
    await ui.count(pres(), 0);
    await ui.visible(page.getByRole('toolbar'));
  });
});
