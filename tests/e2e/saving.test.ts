/**
 * Nothing on screen is lost when the page goes away a moment after an edit: a burst of moves,
 * or a title still being typed, is in the library after an immediate reload.
 */
import { expect, test } from 'vitest';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { randomMap } from '../support/randomMaps';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const stored = () => {
  const repo = createMapRepository(suite.app.db);
  return repo.read(repo.list()[0]!.id);
};
const byTitle = (title: string) => Object.values(stored().steps).find((s) => s.title.startsWith(title))!;

test('forty arrow-key moves and an immediate reload: the step is stored where it was shown', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: /^Open / }).click();
  await page.locator('.react-flow__node-step', { hasText: 'Qualify the lead' }).click();
  const before = byTitle('Qualify the lead').x;
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  await page.reload();
  await ui.count(page.locator('.react-flow__node-step'), 13);
  await ui.eventually(() => byTitle('Qualify the lead').x).toBe(before + 400);
});

test('a title typed and reloaded within a moment is kept', async () => {
  const { page } = suite;
  await page.locator('.react-flow__node-step', { hasText: 'Lead comes in' }).click();
  const field = page.getByLabel('Step title');
  await field.fill('Сделка закрыта и оплачена');
  // no pause, no blur: the page goes away at once
  await page.reload();
  await ui.count(page.locator('.react-flow__node-step'), 13);
  await ui.eventually(() => Object.values(stored().steps).some((s) => s.title === 'Сделка закрыта и оплачена')).toBe(true);
  await ui.visible(page.locator('.react-flow__node-step', { hasText: 'Сделка закрыта и оплачена' }));
  expect(Object.values(stored().steps).some((s) => s.title === 'Lead comes in')).toBe(false);
});

test('a tidy-up of a big map and an immediate reload: the tidied map is what is stored', async () => {
  const { page } = suite;
  // a long process (its tidy-up is one large write, more than a closing page may send at once)
  const doc = randomMap({ seed: 5, steps: 160, lanes: 5, phases: 0, loops: 0.05 });
  createMapRepository(suite.app.db).insert({ ...doc, title: 'Большая карта', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' });
  await page.goto(suite.app.bridge.url);
  await page.getByRole('button', { name: 'Open Большая карта' }).click();
  // a big map: the canvas draws what is on screen (the whole map is checked in storage below)
  await ui.visible(page.locator('.react-flow__node-step'));
  expect(await page.locator('.react-flow__edge-path.is-routed').count()).toBe(0);
  await page.getByRole('button', { name: 'Tidy up' }).click();
  // the moment the tidied map is on screen (its flows on their routes), the window goes away
  await ui.eventually(() => page.locator('.react-flow__edge-path.is-routed').count()).toBeGreaterThan(0);
  await page.reload();
  await ui.visible(page.locator('.react-flow__node-step'));
  const repo = createMapRepository(suite.app.db);
  const id = repo.list().find((m) => m.title === 'Большая карта')!.id;
  await ui.eventually(() => Object.values(repo.read(id).flows).filter((f) => f.route).length).toBe(Object.keys(doc.flows).length);
});
