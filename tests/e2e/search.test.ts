/**
 * Finding things as typed, in Russian: the library's search box and Ctrl+F on the canvas
 * (titles and the items steps carry; any case; ё found by е).
 */
import { describe, expect, test } from 'vitest';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const cards = () => suite.page.getByRole('list', { name: 'Maps' }).locator('.map-card-title');

describe('search', () => {
  test('the library search finds maps by any word of their title, in any case, and says when nothing matches', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'New map' }).click();
    const dialog = page.getByRole('dialog', { name: 'New map' });
    await dialog.locator('.template-card', { hasText: 'Отдел продаж: полный цикл' }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await ui.count(page.locator('.react-flow__node-phase'), 7);
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await ui.count(cards(), 2);

    const search = page.getByRole('searchbox', { name: 'Search maps' });
    await search.fill('ПОЛНЫЙ отдел');
    await ui.texts(cards(), ['Отдел продаж: полный цикл']);
    await search.fill('sample lead');
    await ui.texts(cards(), ['Sample: from lead to closed deal']);
    await search.fill('нет такой карты');
    await ui.count(cards(), 0);
    await ui.visible(page.getByText('No map matches “нет такой карты”.'));
    await search.fill('');
    await ui.count(cards(), 2);
  });

  test('Ctrl+F finds steps by title and by what they carry; Enter walks the matches and selects each', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Open Отдел продаж: полный цикл' }).click();
    await ui.count(page.locator('.react-flow__node-phase'), 7);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    const field = page.getByRole('searchbox', { name: 'Find a step by its title, description, inputs, outputs or resources' });
    await ui.focused(field);
    await field.fill('ДОГОВОР');
    const count = page.locator('.find-count');
    await expect.poll(() => count.textContent()).toMatch(/^1 of (\d+)$/);
    const total = Number(/of (\d+)/.exec((await count.textContent()) ?? '')![1]);
    expect(total).toBeGreaterThan(1);
    await field.press('Enter');
    await ui.count(page.locator('.react-flow__node-step.selected'), 1);
    const first = await page.locator('.react-flow__node-step.selected').getAttribute('data-id');
    await field.press('Enter');
    await expect.poll(() => count.textContent()).toBe(`2 of ${total}`);
    await expect.poll(() => page.locator('.react-flow__node-step.selected').getAttribute('data-id')).not.toBe(first);
    await field.press('Shift+Enter');
    await expect.poll(() => page.locator('.react-flow__node-step.selected').getAttribute('data-id')).toBe(first);
    await suite.app.shot('find-step');
    // ё written as е still finds it
    await field.fill('отчет');
    await expect.poll(() => count.textContent()).toMatch(/^1 of \d+$/);
    await field.press('Escape');
    await ui.count(page.getByRole('search', { name: 'Find a step' }), 0);
  });
});
