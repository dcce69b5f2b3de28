/**
 * Named versions in a workshop, on the sample map: save "As-is", change a step, save "To-be",
 * compare them (the changed step is amber on the canvas and its fields are listed), add a step
 * and compare with the current map (green), open "As-is" read only (nothing can be edited,
 * nothing is stored), restore it and undo. Then the status: approve from the toolbar chip,
 * edit, and the map is a draft again with the approved version kept. English and Russian.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapDoc } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { callApp as call, SCREENSHOTS } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const SAMPLE = 'Sample: from lead to closed deal';
const QUALIFY = 'Qualify the lead (budget, need, timing)';
const QUALIFY_BANT = 'Qualify the lead by BANT';
const NEW_INPUT = 'Budget confirmation';
const ADDED = 'Send the signed contract';

const page = () => suite.page;
const side = () => page().locator('aside.side');
const banner = () => page().locator('.version-banner');
const versionRow = (name: string) => side().locator('.version-row', { has: page().locator('.version-name', { hasText: new RegExp(`^${name}`) }) });
const stepTitled = (title: string) => page().locator('.react-flow__node-step', { hasText: title });
const node = (id: string) => page().locator(`.react-flow__node[data-id="${id}"]`);
const repo = () => createMapRepository(suite.app.db);
const mapId = () =>
  repo()
    .list()
    .find((m) => m.title === SAMPLE)!.id;
const stored = (): MapDoc => repo().read(mapId());
const storedStep = (title: string) => Object.values(stored().steps).find((s) => s.title === title);
const notice = (text: string | RegExp) => page().locator('.notice', { hasText: text });

async function setLanguage(language: 'en' | 'ru') {
  await call(page(), 'settings:set', { language, authorName: language === 'en' ? 'Anna Smith' : 'Анна Смирнова' });
  await page().reload();
  const open = page().getByRole('button', { name: language === 'en' ? `Open ${SAMPLE}` : `Открыть ${SAMPLE}` });
  const anyStep = page().locator('.react-flow__node-step').first();
  await ui.visible(open.or(anyStep));
  if (await open.isVisible()) await open.click();
  await ui.visible(anyStep);
}

async function showTab(name: string) {
  await side().getByRole('tab', { name }).click();
  await ui.visible(side().getByRole('tab', { name, selected: true }));
}

async function saveVersion(name: string, note: string) {
  await showTab('Versions');
  await side().getByRole('button', { name: 'Save version…' }).click();
  const dialog = page().getByRole('dialog', { name: 'Save a version' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Note').fill(note);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await ui.hidden(dialog);
  await ui.visible(versionRow(name));
}

async function editQualify() {
  await stepTitled(QUALIFY).click();
  await showTab('Details');
  const title = side().getByLabel('Step title');
  await title.fill(QUALIFY_BANT);
  await title.press('Tab');
  const input = side().getByLabel('New input');
  await input.fill(NEW_INPUT);
  await input.press('Enter');
  await ui.eventually(() => storedStep(QUALIFY_BANT)?.inputs.includes(NEW_INPUT)).toBe(true);
}

describe('versions in a workshop', () => {
  let qualifyId = '';
  let before: MapDoc;

  test('save "As-is", change a step, save "To-be": both listed, newest first', async () => {
    await setLanguage('en');
    qualifyId = storedStep(QUALIFY)!.id;
    await showTab('Versions');
    await ui.visible(side().getByText('No versions yet.', { exact: false }));
    await side().getByRole('button', { name: 'Save version…' }).click();
    // the suggested name of a first version
    // (today's date in the page's words: the month is whatever it is when the test runs)
    const month = await page().evaluate(() => new Date().toLocaleDateString('en-US', { month: 'short' }));
    await expect.poll(() => page().getByRole('dialog', { name: 'Save a version' }).getByLabel('Name').inputValue()).toMatch(new RegExp(`^As-is, ${month} \\d+, 20\\d\\d$`));
    await page().keyboard.press('Escape');

    await saveVersion('As-is', 'Before the workshop');
    await editQualify();
    await saveVersion('To-be', 'Agreed at the workshop');
    await ui.texts(side().locator('.version-name > span:first-child'), ['To-be', 'As-is']);
    await ui.contains(versionRow('As-is'), 'Before the workshop');
    await ui.contains(versionRow('As-is'), 'Anna Smith');
    await ui.contains(versionRow('As-is'), '13 steps');
  });

  test('comparing the two: the changed step is amber and its fields are listed', async () => {
    await side().getByLabel('Older').selectOption({ label: 'As-is' });
    await side().getByLabel('Newer').selectOption({ label: 'To-be' });
    await side().getByRole('button', { name: 'Compare', exact: true }).click();
    await ui.contains(banner(), 'Comparing “As-is” with “To-be”');
    await expect.poll(() => node(qualifyId).getAttribute('class')).toContain('diff-changed');
    await expect.poll(() => node(qualifyId).getAttribute('data-diff')).toBe('changed');
    // no other step differs
    await ui.count(page().locator('.react-flow__node.diff-changed'), 1);
    await ui.count(page().locator('.react-flow__node.diff-added, .react-flow__node.diff-removed'), 0);
    const entry = side().locator('.diff-group-changed li[data-step-id]');
    await ui.count(entry, 1);
    await ui.texts(entry.locator('.diff-fields li'), [`Title: ${QUALIFY} → ${QUALIFY_BANT}`, `Inputs: + ${NEW_INPUT}`]);
    await ui.visible(banner().locator('.compare-legend', { hasText: 'Changed' }));
    // a click on the entry selects the step
    await entry.getByRole('button', { name: `Show “${QUALIFY_BANT}” on the map` }).click();
    await expect.poll(() => node(qualifyId).getAttribute('class')).toContain('selected');
    await suite.app.shot('versions-compare-en');
  });

  test('a step added since "To-be" is green when compared with the current map', async () => {
    await banner().getByRole('button', { name: 'Close comparison' }).click();
    await ui.hidden(banner());
    await page().keyboard.press('Escape');
    await page()
      .locator('.react-flow__pane')
      .click({ position: { x: 30, y: 30 } });
    await showTab('Details');
    await page().getByRole('button', { name: 'Add task' }).click();
    const title = side().getByLabel('Step title');
    await ui.focused(title);
    await title.fill(ADDED);
    await title.press('Tab');
    await ui.eventually(() => storedStep(ADDED)?.title).toBe(ADDED);
    const addedId = storedStep(ADDED)!.id;

    await showTab('Versions');
    await versionRow('To-be').getByRole('button', { name: 'Compare “To-be” with the current map' }).click();
    await ui.contains(banner(), 'Comparing “To-be” with the current map');
    await expect.poll(() => node(addedId).getAttribute('data-diff')).toBe('added');
    await expect.poll(() => node(qualifyId).getAttribute('data-diff')).toBeNull();
    await ui.texts(side().locator('.diff-group-added li'), [ADDED]);
    await suite.app.shot('versions-compare-current-en');
    await banner().getByRole('button', { name: 'Close comparison' }).click();
  });

  test('"As-is" opened read only: its content is shown, nothing can be edited, nothing is stored', async () => {
    before = stored();
    await versionRow('As-is').getByRole('button', { name: 'Open “As-is” read only' }).click();
    await ui.contains(banner(), 'Viewing version “As-is” (read only)');
    await ui.visible(stepTitled(QUALIFY));
    await ui.count(stepTitled(ADDED), 0);
    await ui.visible(versionRow('As-is').and(page().locator('.is-viewing')));

    // toolbar edits are off
    for (const name of ['Add task', 'Add start', 'Tidy up', 'Undo'])
      await expect(page().getByRole('button', { name, exact: true }).isDisabled()).resolves.toBe(true);
    await expect(page().getByLabel('Map title').isDisabled()).resolves.toBe(true);

    // a drag moves no step (it pans the view instead)
    const card = stepTitled(QUALIFY);
    const place = () => card.evaluate((el) => (el as HTMLElement).style.transform);
    const was = await place();
    const box = (await card.boundingBox())!;
    await ui.drag(page(), { x: box.x + 30, y: box.y + 20 }, { x: box.x + 230, y: box.y + 180 });
    await ui.settled(page());
    expect(await place()).toBe(was);

    // the drag panned the view instead: fit the map again so the card is not under the lane names
    await page().keyboard.press('0');
    await ui.settled(page());
    // the inspector shows the version's step, every field disabled
    await card.click();
    await showTab('Details');
    await ui.value(side().getByLabel('Step title'), QUALIFY);
    await expect(side().getByLabel('Step title').isDisabled()).resolves.toBe(true);
    await expect(side().getByLabel('New input').isDisabled()).resolves.toBe(true);

    // keys that would edit are refused with a message
    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await card.click();
    await page().keyboard.press('Delete');
    await ui.visible(notice('This is a saved version and cannot be changed.'));
    await page().keyboard.press('ArrowRight');
    await page().keyboard.press('Control+z');
    await ui.visible(stepTitled(QUALIFY));
    await suite.app.shot('versions-read-only-en');
    await page().waitForTimeout(300);
    expect(stored()).toEqual(before);

    // presented, the version says it is one, and a comment is refused (it would go on a map that is not on screen)
    await page().keyboard.press('F5');
    const show = page().locator('.presentation');
    await ui.contains(show.locator('.pres-version'), 'version “As-is”');
    await page().keyboard.press('c');
    await ui.contains(show, 'This is a saved version, shown as it was: comment on the current map instead.');
    await ui.count(show.locator('.pres-composer'), 0);
    await page().keyboard.press('Escape');
    await ui.hidden(show);
    expect(stored()).toEqual(before);

    await banner().getByRole('button', { name: 'Back to the current map' }).click();
    await ui.hidden(banner());
    await ui.visible(stepTitled(ADDED));
    await ui.visible(stepTitled(QUALIFY_BANT));
    expect(stored()).toEqual(before);
  });

  test('restoring "As-is" makes it the map; undo brings the previous state back, stored each time', async () => {
    await showTab('Versions');
    await versionRow('As-is').getByRole('button', { name: 'Restore “As-is” as the current map' }).click();
    const dialog = page().getByRole('dialog', { name: 'Restore “As-is”?' });
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await ui.visible(stepTitled(QUALIFY));
    await ui.count(stepTitled(ADDED), 0);
    await ui.eventually(() => storedStep(ADDED)).toBeUndefined();
    await ui.eventually(() => storedStep(QUALIFY)?.inputs.includes(NEW_INPUT)).toBe(false);

    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page().keyboard.press('Control+z');
    await ui.visible(stepTitled(ADDED));
    await ui.visible(stepTitled(QUALIFY_BANT));
    await ui.eventually(() => storedStep(ADDED)?.title).toBe(ADDED);
    await ui
      .eventually(() => {
        const { updatedAt: _u, ...now } = stored();
        const { updatedAt: _b, ...was } = before;
        return JSON.stringify(now) === JSON.stringify(was);
      })
      .toBe(true);
  });
});

describe('status: draft → approved → draft again', () => {
  const chip = () => page().locator('.status-chip');

  test('approving from the chip saves an approved version', async () => {
    await ui.contains(chip(), 'Draft');
    await chip().click();
    await page().getByRole('menuitem', { name: 'Send for review' }).click();
    await ui.contains(chip(), 'In review');
    await ui.eventually(() => stored().status).toBe('in_review');
    await chip().click();
    await page().getByRole('menuitem', { name: 'Approve…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Approve the map' });
    await ui.value(dialog.getByLabel('Who approves'), 'Anna Smith');
    await dialog.getByLabel('Who approves').fill('Irina Petrova');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await ui.contains(chip(), 'Approved');
    await ui.visible(notice('Approved by Irina Petrova.'));
    await ui.eventually(() => stored().status).toBe('approved');
    await ui.eventually(() => stored().approval?.by).toBe('Irina Petrova');
    await showTab('Versions');
    const row = versionRow('Approved by Irina Petrova');
    await ui.visible(row);
    await ui.visible(row.locator('.version-approved', { hasText: 'Approved' }));
    await chip().click();
    await ui.visible(page().locator('.status-menu-note', { hasText: /^Approved by Irina Petrova on / }));
    await suite.app.shot('status-approved-en');
    await page().keyboard.press('Escape');
  });

  test('editing a step makes the map a draft again, says so once, and the approved version is kept as it was', async () => {
    await stepTitled(ADDED).click();
    await showTab('Details');
    const title = side().getByLabel('Step title');
    await title.fill('Send the contract for signature');
    await title.press('Tab');
    await ui.visible(notice('This map was approved; your edit starts a new draft. The approved version is kept in Versions.'));
    await ui.contains(chip(), 'Draft');
    await ui.eventually(() => stored().status).toBeUndefined();
    // a second edit says nothing more
    await title.fill('Send the contract to the client');
    await title.press('Tab');
    await ui.eventually(() => storedStep('Send the contract to the client')?.title).toBe('Send the contract to the client');
    await expect(notice('This map was approved').count()).resolves.toBe(1);

    await showTab('Versions');
    const row = versionRow('Approved by Irina Petrova');
    await ui.visible(row);
    await row.getByRole('button', { name: /^Open “Approved by Irina Petrova/ }).click();
    await ui.visible(stepTitled(ADDED));
    await ui.count(stepTitled('Send the contract to the client'), 0);
    await banner().getByRole('button', { name: 'Back to the current map' }).click();
    await ui.visible(stepTitled('Send the contract to the client'));
  });
});

describe('in Russian', () => {
  test('the comparison, the read-only banner and the status menu read in Russian', async () => {
    await setLanguage('ru');
    await showTab('Версии');
    await side().getByLabel('Ранняя').selectOption({ label: 'As-is' });
    await side().getByLabel('Поздняя').selectOption({ label: 'To-be' });
    await side().getByRole('button', { name: 'Сравнить', exact: true }).click();
    await ui.contains(banner(), 'Сравнение: «As-is» и «To-be»');
    await ui.texts(side().locator('.diff-group-changed .diff-fields li'), [`Название: ${QUALIFY} → ${QUALIFY_BANT}`, `Входы: + ${NEW_INPUT}`]);
    await suite.app.shot('versions-compare-ru');
    expect(await latinWords('aside.side, .version-banner, .toolbar', USER_TEXTS)).toEqual([]);
    // the card up close, zoomed in: the tag must not cover its text
    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page().keyboard.press('+');
    await page().keyboard.press('+');
    await ui.settled(page());
    await shotOf(node(qualifyIdRu()), 'versions-step-ru');
    await banner().getByRole('button', { name: 'Закрыть сравнение' }).click();

    await versionRow('As-is').getByRole('button', { name: 'Открыть «As-is» только для просмотра' }).click();
    await ui.contains(banner(), 'Просмотр версии «As-is» (только чтение)');
    await suite.app.shot('versions-read-only-ru');
    await banner().getByRole('button', { name: 'Вернуться к текущей карте' }).click();

    await page().locator('.status-chip').click();
    await ui.visible(page().getByRole('menuitem', { name: 'Утвердить…' }));
    await suite.app.shot('status-menu-ru');
    expect(await latinWords('.status-chip-box', USER_TEXTS)).toEqual([]);
    await page().keyboard.press('Escape');
  });

  test('a step deleted since a version is drawn at its old place, dashed, and listed', async () => {
    const gone = storedStep('Send the contract to the client')!.id;
    // the whole map in view (the step may lie beyond the right edge at the opening view)
    await page().locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page().keyboard.press('0');
    await ui.settled(page());
    await stepTitled('Send the contract to the client').click();
    await page().keyboard.press('Delete');
    await ui.count(stepTitled('Send the contract to the client'), 0);
    await ui.eventually(() => storedStep('Send the contract to the client')).toBeUndefined();
    await versionRow('Approved by Irina Petrova')
      .getByRole('button', { name: /^Сравнить «Approved by Irina Petrova.*» с текущей картой$/ })
      .click();
    await ui.contains(banner(), 'Сравнение: «Approved by Irina Petrova');
    const ghost = node(`removed:${gone}`);
    await expect.poll(() => ghost.getAttribute('data-diff')).toBe('removed');
    await ui.contains(ghost, ADDED);
    await ui.texts(side().locator('.diff-group-removed li'), [ADDED]);
    // the drawing of a removed step takes no clicks and no selection
    await expect(ghost.evaluate((el) => getComputedStyle(el).pointerEvents)).resolves.toBe('none');
    await side()
      .getByRole('button', { name: `Показать «${ADDED}» на карте` })
      .click();
    await ui.settled(page());
    await suite.app.shot('versions-removed-ru');
    await banner().getByRole('button', { name: 'Закрыть сравнение' }).click();
    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page().keyboard.press('Control+z');
    await ui.visible(stepTitled('Send the contract to the client'));
    await ui.eventually(() => storedStep('Send the contract to the client')?.id).toBe(gone);
  });

  test('a version saved by mistake is deleted after a question; approved versions have no delete button', async () => {
    await page().getByRole('tab', { name: 'Версии' }).click();
    await page().getByRole('button', { name: 'Сохранить версию…' }).click();
    const save = page().getByRole('dialog', { name: 'Сохранить версию' });
    await save.getByLabel('Название').fill('Лишняя версия');
    await save.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await ui.visible(versionRow('Лишняя версия'));
    const before = stored();
    await versionRow('Лишняя версия').getByRole('button', { name: 'Удалить версию «Лишняя версия»' }).click();
    const dialog = page().getByRole('dialog', { name: 'Удалить версию «Лишняя версия»?' });
    await ui.contains(dialog, 'Сама карта не изменится');
    await dialog.getByRole('button', { name: 'Удалить' }).click();
    await ui.count(versionRow('Лишняя версия'), 0);
    await ui.visible(notice('Версия «Лишняя версия» удалена.'));
    expect(stored()).toEqual(before);
    await ui.count(
      side()
        .locator('.version-row', { hasText: 'Approved by Irina Petrova' })
        .getByRole('button', { name: /^Удалить версию/ }),
      0,
    );
  });

  test('approved again in Russian: the library card shows the status', async () => {
    await page().locator('.status-chip').click();
    await page().getByRole('menuitem', { name: 'Утвердить…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Утвердить карту' });
    await ui.value(dialog.getByLabel('Кто утверждает'), 'Анна Смирнова');
    await dialog.getByRole('button', { name: 'Утвердить', exact: true }).click();
    await ui.contains(page().locator('.status-chip'), 'Утверждена');
    await ui.visible(side().locator('.version-row', { hasText: 'Утверждено: Анна Смирнова' }));
    await suite.app.shot('status-approved-ru');
    await page().getByRole('button', { name: 'Назад в библиотеку' }).click();
    const card = page().locator('.map-card', { hasText: SAMPLE });
    await ui.contains(card.locator('.map-status-badge'), 'Утверждена');
    await suite.app.shot('library-status-ru');
  });
});

/** The step «Qualify the lead by BANT» (its id does not change between tests). */
const qualifyIdRu = () => storedStep(QUALIFY_BANT)!.id;

/** A screenshot of what is around `locator` (e.g. one card), for people to look at. */
async function shotOf(locator: ReturnType<Page['locator']>, name: string) {
  const box = (await locator.boundingBox())!;
  const pad = 24;
  await page().screenshot({
    path: `${SCREENSHOTS}/${name}.png`,
    clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad },
  });
}

/**
 * Latin words in what the interface itself says inside `selector` (visible text, labels and
 * titles), leaving out what users wrote: elements marked translate="no" and «quoted» names.
 */
function latinWords(selector: string, userTexts: string[]): Promise<string[]> {
  return page().evaluate(
    ({ selector, userTexts }) => {
      const allowed = new Set(['ctrl', 'shift', 'enter', 'lanemap']);
      const words: string[] = [];
      const read = (text: string | null) => {
        let own = (text ?? '').replace(/«[^»]*»|“[^”]*”/g, '');
        for (const u of userTexts) own = own.split(u).join(' ');
        for (const w of own.match(/[A-Za-z]{2,}/g) ?? []) if (!allowed.has(w.toLowerCase())) words.push(w);
      };
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.parentElement?.closest('[translate="no"]') && n.parentElement?.checkVisibility()) read(n.textContent);
        }
        for (const el of [root, ...root.querySelectorAll('*')]) {
          if (el.closest('[translate="no"]') || !(el as HTMLElement).checkVisibility?.()) continue;
          read(el.getAttribute('aria-label'));
          read(el.getAttribute('title'));
          read(el.getAttribute('placeholder'));
        }
      }
      return words;
    },
    { selector, userTexts },
  );
}

/** What the users of these tests wrote: names of people (in tooltips that mention them). */
const USER_TEXTS = ['Irina Petrova', 'Anna Smith'];
