/**
 * Every control has an accessible name (a label, aria-label or text), so screen readers and
 * tests find it by role and name: the library, the editor with nothing, a step and a flow
 * selected, and the dialogs.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();

/** Controls on screen that a screen reader could not name. */
function unnamedControls(p: Page) {
  return p.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="button"], a[href]')];
    const nameOf = (el: HTMLElement) => {
      const labelled = el.getAttribute('aria-labelledby');
      const byId = labelled
        ? labelled
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '';
      const label = el.id ? (document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent ?? '') : '';
      const wrapping = el.closest('label')?.textContent ?? '';
      return [el.getAttribute('aria-label'), byId, label, wrapping, el.textContent, el.getAttribute('title')].some((n) => n && n.trim());
    };
    return controls.filter((el) => el.getClientRects().length > 0 && !nameOf(el)).map((el) => el.outerHTML.slice(0, 120));
  });
}

test('library, editor, inspector and dialogs name every control', async () => {
  await ui.visible(suite.page.locator('.map-card'));
  expect(await unnamedControls(suite.page)).toEqual([]);

  await suite.page.getByRole('button', { name: 'New map' }).click();
  expect(await unnamedControls(suite.page)).toEqual([]);
  await suite.page.keyboard.press('Escape');

  await suite.page.getByRole('button', { name: /^Open / }).click();
  await ui.visible(suite.page.locator('.react-flow__node-step'));
  expect(await unnamedControls(suite.page)).toEqual([]);

  await suite.page.locator('.react-flow__node-step', { hasText: 'Qualify the lead' }).click();
  await ui.visible(suite.page.getByLabel('Step title'));
  expect(await unnamedControls(suite.page)).toEqual([]);

  await suite.page.locator('.flow-label', { hasText: 'Yes' }).first().waitFor();
  await suite.page.keyboard.press('Escape');
  await suite.page.getByRole('complementary', { name: 'Lanes' }).getByRole('button', { name: 'Remove lane Marketing' }).click();
  expect(await unnamedControls(suite.page)).toEqual([]);
  await suite.page.keyboard.press('Escape');

  await suite.page.keyboard.press('?');
  await ui.visible(suite.page.getByRole('dialog', { name: 'Keyboard shortcuts' }));
  expect(await unnamedControls(suite.page)).toEqual([]);
});
