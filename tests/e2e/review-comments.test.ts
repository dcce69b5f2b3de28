/**
 * A workshop review of the sample map: comment on a step (giving one's name once), reply,
 * see the marker on the step, resolve and reopen, undo / redo, reload: still there. Then dot
 * voting on pain points and the heat overlay. Screenshots in English and Russian.
 */
import { describe, expect, test } from 'vitest';
import type { MapDoc } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';
import { callApp as call } from './harness';

const suite = appSuite();
const SAMPLE = 'Sample: from lead to closed deal';
const QUALIFY = 'Qualify the lead (budget, need, timing)';
const APPROVE = 'Approve discount and terms';
const PREPARE = 'Prepare the commercial offer';

const page = () => suite.page;
const step = (title: string) => page().locator('.react-flow__node-step', { hasText: title });
const marker = (title: string) => step(title).locator('.comment-marker');
const side = () => page().locator('aside.side');
const threads = () => side().locator('.comment-thread');
const stored = (): MapDoc => {
  const repo = createMapRepository(suite.app.db);
  return repo.read(repo.list().find((m) => m.title === SAMPLE)!.id);
};
const storedStep = (title: string) => Object.values(stored().steps).find((s) => s.title === title)!;

async function openSample(language: 'en' | 'ru') {
  await call(page(), 'settings:set', { language });
  await reopen(language);
}

/** After a reload: the library (click the sample open) or, when the app brings it back by itself, the map. */
async function reopen(language: 'en' | 'ru') {
  await page().reload();
  const open = page().getByRole('button', { name: language === 'en' ? `Open ${SAMPLE}` : `Открыть ${SAMPLE}` });
  await ui.visible(open.or(step(QUALIFY)));
  if (await open.isVisible()) await open.click();
  await ui.visible(step(QUALIFY));
}

/** Keys for the canvas, not for a text field. */
async function leaveFields() {
  await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

describe('comments in a workshop', () => {
  test('C on a selected step opens the comment box; the name is asked for once', async () => {
    await call(page(), 'settings:set', { language: 'en', authorName: '' });
    await openSample('en');
    await step(QUALIFY).click();
    await page().keyboard.press('c');
    await ui.visible(side().getByRole('tab', { name: 'Comments', selected: true }));
    const box = side().getByRole('textbox', { name: 'Write a comment…' });
    await ui.focused(box);
    await ui.contains(side().locator('.comment-new-target'), QUALIFY);

    // no name yet: posting says so and adds nothing
    await box.fill('Thirty minutes per call is too long?');
    await box.press('Control+Enter');
    await ui.contains(side().getByRole('alert'), 'Enter your name first');
    await ui.count(threads(), 0);

    await side().getByLabel('Your name (shown with your comments)').fill('Anna Smith');
    await box.press('Control+Enter');
    await ui.count(threads(), 1);
    await ui.contains(threads().first().locator('.comment-author-name'), 'Anna Smith');
    await ui.contains(threads().first().locator('.comment-target'), QUALIFY);
    await ui.contains(threads().first().locator('.comment-head time'), 'just now');
    const at = (await step(QUALIFY).boundingBox())!;
    await page().screenshot({
      path: 'artifacts/screenshots/review-comment-marker-en.png',
      clip: { x: at.x - 24, y: at.y - 24, width: at.width + 48, height: at.height + 48 },
    });
    // the name is kept: not asked again, and stored in the settings
    await ui.count(side().getByLabel('Your name (shown with your comments)'), 0);
    expect(await call(page(), 'settings:get', {})).toMatchObject({ authorName: 'Anna Smith' });
    // Ctrl+Enter in the box posted, it did not add a step after the selected one
    expect(Object.keys(stored().steps)).toHaveLength(13);
    await ui.eventually(() => Object.values(stored().comments).map((c) => c.text)).toEqual(['Thirty minutes per call is too long?']);

    // the marker on the step counts the open comments
    await ui.texts(marker(QUALIFY), ['1']);
  });

  test('a reply joins the thread and the marker counts it', async () => {
    await threads().first().getByRole('button', { name: 'Reply' }).click();
    const reply = side().getByRole('textbox', { name: 'Write a reply…' });
    await ui.focused(reply);
    await reply.fill('Скрипт можно сократить до 10 минут <b>точно</b>');
    await reply.press('Control+Enter');
    await ui.texts(threads().first().locator('.comment-replies .comment-text'), ['Скрипт можно сократить до 10 минут <b>точно</b>']);
    await ui.texts(marker(QUALIFY), ['2']);
    await ui.eventually(() => Object.values(stored().comments).filter((c) => c.parentId).length).toBe(1);
    await suite.app.shot('review-comments-en');
  });

  test('resolve hides the marker and moves the thread under Resolved; reopen brings it back', async () => {
    await threads().first().getByRole('button', { name: 'Resolve' }).click();
    await ui.count(marker(QUALIFY), 0);
    await ui.contains(side().locator('.comment-empty'), 'No open comments.');
    await side()
      .getByRole('radio', { name: /Resolved/ })
      .click();
    await ui.count(threads(), 1);
    await ui.contains(threads().first(), 'Resolved by Anna Smith');
    await ui.eventually(() => Object.values(stored().comments).find((c) => !c.parentId)?.resolvedBy).toBe('Anna Smith');

    await threads().first().getByRole('button', { name: 'Reopen' }).click();
    await ui.texts(marker(QUALIFY), ['2']);
    await ui.count(threads(), 0);
    await side().getByRole('radio', { name: /Open/ }).click();
    await ui.count(threads(), 1);
  });

  test('undo and redo go through the review too', async () => {
    await leaveFields();
    await page().keyboard.press('Control+z');
    // back to resolved
    await ui.count(marker(QUALIFY), 0);
    await ui.count(threads(), 0);
    await page().keyboard.press('Control+z');
    await page().keyboard.press('Control+z');
    // back to before the reply: one open comment
    await ui.texts(marker(QUALIFY), ['1']);
    await page().keyboard.press('Control+Shift+z');
    await page().keyboard.press('Control+Shift+z');
    await page().keyboard.press('Control+Shift+z');
    await ui.texts(marker(QUALIFY), ['2']);
    await ui
      .eventually(() => Object.values(stored().comments).map((c) => [c.parentId === null, c.resolvedAt === null]))
      .toEqual([
        [true, true],
        [false, true],
      ]);
  });

  test('after a reload everything is there, and the marker opens the thread', async () => {
    await reopen('en');
    await ui.texts(marker(QUALIFY), ['2']);
    // the side panel shows the details; the marker opens the comments on that thread
    await side().getByRole('tab', { name: 'Details' }).click();
    await marker(QUALIFY).click();
    await ui.visible(side().getByRole('tab', { name: 'Comments', selected: true }));
    await ui.count(side().locator('.comment-thread.is-active'), 1);
    await ui.contains(side().locator('.comment-thread.is-active'), 'Thirty minutes per call is too long?');
    await ui.contains(side().locator('.comment-thread.is-active .comment-replies'), 'Скрипт можно сократить');
    await expect.poll(() => step(QUALIFY).evaluate((el) => el.classList.contains('selected'))).toBe(true);
  });

  test('a comment on the map when nothing is selected; a click on its thread selects nothing', async () => {
    await page().keyboard.press('Escape');
    await leaveFields();
    await page().keyboard.press('Control+Alt+m');
    const box = side().getByRole('textbox', { name: 'Write a comment…' });
    await ui.focused(box);
    await ui.contains(side().locator('.comment-new-target'), 'The map');
    await box.fill('Where is the payment stage?');
    await side().getByRole('button', { name: 'Comment', exact: true }).click();
    await ui.count(threads(), 2);
    await ui.eventually(() => Object.values(stored().comments).filter((c) => c.targetKind === 'map').length).toBe(1);
    await ui.contains(side().locator('.comment-thread', { hasText: 'Where is the payment stage?' }).locator('.comment-target'), 'The map');
  });
});

describe('comments on a flow', () => {
  test('a selected flow gets the comment, and a badge by its middle', async () => {
    // a click on the line between the two steps (it runs straight from one's right side to the other's left)
    const from = (await step(QUALIFY).boundingBox())!;
    const to = (await step('Lead qualified?').boundingBox())!;
    await page().mouse.click((from.x + from.width + to.x) / 2, from.y + from.height / 2);
    await ui.contains(side().locator('.comment-new-target'), `${QUALIFY} → Lead qualified?`);
    const box = side().getByRole('textbox', { name: 'Write a comment…' });
    await box.fill('What if the budget is unknown?');
    await box.press('Control+Enter');
    const badge = page().locator('.comment-marker.on-flow');
    await ui.texts(badge, ['1']);
    await ui.eventually(() => Object.values(stored().comments).filter((c) => c.targetKind === 'flow').length).toBe(1);
    const at = (await badge.boundingBox())!;
    await page().screenshot({ path: 'artifacts/screenshots/review-flow-badge-en.png', clip: { x: at.x - 120, y: at.y - 40, width: 240, height: 120 } });
    // the badge opens the thread
    await side().getByRole('tab', { name: 'Details' }).click();
    // the pointer over a flow shows its re-attach grips, which redraws the flow and its badge
    await badge.click({ force: true });
    await ui.contains(side().locator('.comment-thread.is-active'), 'What if the budget is unknown?');
    await page().keyboard.press('Escape');
  });
});

describe('export', () => {
  test('"Comments" in the export dialog numbers the commented steps and lists the open threads', async () => {
    // the preview is drawn from a blob of the exported SVG: keep the last one to read it
    await page().evaluate(() => {
      const w = window as unknown as { lastBlob?: Blob };
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob | MediaSource) => {
        if (b instanceof Blob) w.lastBlob = b;
        return create(b);
      };
    });
    await leaveFields();
    await page().keyboard.press('Control+e');
    const dialog = page().getByRole('dialog', { name: 'Export' });
    await ui.visible(dialog);
    const preview = () => page().evaluate(async () => (await (window as unknown as { lastBlob?: Blob }).lastBlob?.text()) ?? '');
    await expect.poll(preview).toContain('<svg');
    expect(await preview()).not.toContain('lm-comment');
    await dialog.getByRole('checkbox', { name: 'Comments' }).check();
    await expect.poll(preview, { timeout: 10_000 }).toContain('lm-comment-marker');
    const svg = await preview();
    expect(svg).toContain('Thirty minutes per call is too long?');
    expect(svg).toContain('Скрипт можно сократить до 10 минут &lt;b&gt;точно&lt;/b&gt;');
    expect(svg).toContain('Anna Smith');
    await suite.app.shot('review-export-dialog-en');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ui.hidden(dialog);
  });
});

describe('pain points', () => {
  const vote = (kind: string) => side().locator('.pain-kind-vote', { hasText: kind });

  test('three clicks on Bottleneck are three votes; the list is sorted by votes', async () => {
    await step(APPROVE).click();
    await side().getByRole('tab', { name: 'Pain points' }).click();
    await ui.contains(side().locator('.pain-step'), APPROVE);
    for (let i = 0; i < 3; i++) await vote('Bottleneck').click();
    await ui.contains(vote('Bottleneck'), '3 votes');
    await step(PREPARE).click();
    // the votes go to the step the panel names: wait until it names the new one
    await ui.contains(side().locator('.pain-step'), PREPARE);
    await vote('Redundant').click();
    await vote('Improvement idea').click();
    await vote('Improvement idea').click();
    await ui.texts(side().locator('.pain-list .pain-votes'), ['3', '2', '1']);
    await ui.texts(side().locator('.pain-list .pain-item-title'), [APPROVE, PREPARE, PREPARE]);
    // "−" takes one back
    await side().getByRole('button', { name: 'Take one vote back: Improvement idea' }).first().click();
    await ui.texts(side().locator('.pain-list .pain-votes'), ['3', '1', '1']);
    await ui
      .eventually(() => {
        const approve = storedStep(APPROVE).id;
        return Object.values(stored().painPoints).find((p) => p.stepId === approve)?.votes;
      })
      .toBe(3);
    // a click in the list selects the step
    await side().locator('.pain-item', { hasText: APPROVE }).locator('.pain-item-main').click();
    await ui.contains(side().locator('.pain-step'), APPROVE);
  });

  test('the overlay colours steps by votes, without resizing them', async () => {
    await ui.settled(page());
    const size = async () => {
      const box = (await step(APPROVE).boundingBox())!;
      return [Math.round(box.width), Math.round(box.height)];
    };
    const before = await size();
    await expect
      .poll(() =>
        step(APPROVE)
          .locator('.step')
          .evaluate((el) => el.className),
      )
      .not.toMatch(/heat/);
    await leaveFields();
    await page().keyboard.press('p');
    await expect
      .poll(() =>
        step(APPROVE)
          .locator('.step')
          .evaluate((el) => el.className),
      )
      .toMatch(/\bheat-2\b/);
    // 3 votes: the middle of the heat scale; one vote: pale
    await expect
      .poll(() =>
        step(APPROVE)
          .locator('.step')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe('rgb(255, 196, 138)');
    await expect
      .poll(() =>
        step(PREPARE)
          .locator('.step')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe('rgb(255, 241, 204)');
    await expect
      .poll(() =>
        step(QUALIFY)
          .locator('.step')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe('rgb(255, 255, 255)');
    await ui.texts(step(APPROVE).locator('.pain-mark'), ['3']);
    await ui.visible(page().locator('.canvas-heat-legend'));
    await ui.contains(page().locator('.canvas-heat-legend'), '6+');
    expect(await size()).toEqual(before);
    await expect
      .poll(() =>
        side()
          .getByRole('checkbox', { name: /Show on the map/ })
          .isChecked(),
      )
      .toBe(true);
    await suite.app.shot('review-painpoints-en');
    const box = (await step(PREPARE).boundingBox())!;
    await page().screenshot({
      path: 'artifacts/screenshots/review-painpoints-step-en.png',
      clip: { x: box.x - 24, y: box.y - 24, width: box.width + 48, height: box.height + 48 },
    });

    // a vote taken back by undo cools the step
    await page().keyboard.press('Control+z');
    await page().keyboard.press('Control+z');
    await page().keyboard.press('Control+z');
    await ui.texts(side().locator('.pain-list .pain-votes'), ['3', '1']);
    await page().keyboard.press('Control+Shift+z');
    await page().keyboard.press('Control+Shift+z');
    await page().keyboard.press('Control+Shift+z');
    await ui.texts(side().locator('.pain-list .pain-votes'), ['3', '1', '1']);

    // off again
    await side()
      .getByRole('checkbox', { name: /Show on the map/ })
      .uncheck();
    await expect
      .poll(() =>
        step(APPROVE)
          .locator('.step')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe('rgb(255, 255, 255)');
    await ui.count(page().locator('.canvas-heat-legend'), 0);
  });
});

describe('in Russian', () => {
  test('the review panels and marks read in Russian', async () => {
    await openSample('ru');
    await ui.texts(marker(QUALIFY), ['2']);
    await marker(QUALIFY).click();
    await ui.visible(side().getByRole('tab', { name: 'Комментарии', selected: true }));
    await ui.contains(side().locator('.comment-filter'), 'Открытые');
    await ui.contains(side().locator('.comment-thread.is-active'), 'Решено');
    await suite.app.shot('review-comments-ru');
    await side().getByRole('tab', { name: 'Проблемы' }).click();
    await step(APPROVE).click();
    await ui.contains(side().locator('.pain-step'), APPROVE);
    await ui.contains(vote('Узкое место'), '3 голоса');
    await leaveFields();
    await page().keyboard.press('p');
    await ui.contains(page().locator('.canvas-heat-legend'), 'Голоса');
    // a click in the list brings the step into view, coloured
    await side().locator('.pain-item', { hasText: APPROVE }).locator('.pain-item-main').click();
    await ui.settled(page());
    await expect
      .poll(() =>
        step(APPROVE)
          .locator('.step')
          .evaluate((el) => el.className),
      )
      .toMatch(/\bheat-2\b/);
    await suite.app.shot('review-painpoints-ru');
    await page().keyboard.press('p');
  });

  const vote = (kind: string) => side().locator('.pain-kind-vote', { hasText: kind });
});
