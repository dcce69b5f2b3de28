/**
 * The step table (issue 10, part 3) on the Russian full sales cycle, as a person uses it:
 * open the Table view, edit cells with the keyboard (a title, a wait), see the change on the
 * map, reload and find it kept, undo it; paste 20 rows from Excel (preview, apply, one undo
 * step), see them placed on the map; a bad paste says what is wrong and changes nothing;
 * spreadsheet keys move the active cell; filter and sort.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapDoc } from '../../shared/model/types';
import { minutes } from '../../shared/analysis/figures';
import { parseDuration } from '../../shared/views/table';
import { LATIN_ALLOWED } from '../support/latinAllowed';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
let mapId = '';

const table = (page: Page) => page.locator('.table-view');
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const rowOf = (page: Page, title: string) => page.locator('.table-body [role="row"]', { has: page.locator('.td.is-title', { hasText: exactly(title) }) });
const cellOf = (page: Page, title: string, column: string) => rowOf(page, title).locator(`.td.is-${column}`);
const stored = async (page: Page) => (await callApp(page, 'maps:get', { id: mapId })) as MapDoc;
const storedStep = async (page: Page, title: string) => Object.values((await stored(page)).steps).find((s) => s.title === title);
const activeCell = (page: Page) => page.locator('.td.is-active');

/**
 * Words of the other script in what the interface itself says inside `selector` (text, labels,
 * titles, placeholders), leaving out what users wrote: translate="no" and «quoted» names.
 */
function foreignWords(page: Page, selector: string, script: 'latin' | 'cyrillic'): Promise<string[]> {
  return page.evaluate(
    ({ selector, script, allowed }) => {
      const ok = new Set(allowed.map((w) => w.toLowerCase()));
      const pattern = script === 'latin' ? /[A-Za-z][A-Za-z0-9]+/g : /[\u0400-\u04ff]+/g;
      const words: string[] = [];
      const read = (text: string | null) => {
        for (const w of (text ?? '').replace(/«[^»]*»/g, '').match(pattern) ?? []) if (script === 'cyrillic' || !ok.has(w.toLowerCase())) words.push(w);
      };
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode())
          if (!n.parentElement?.closest('[translate="no"]') && n.parentElement?.checkVisibility()) read(n.textContent);
        for (const el of [root, ...root.querySelectorAll('*')]) {
          // the keyboard box's label reads the active cell out: the user's words
          if (el.closest('[translate="no"]') || el.classList.contains('table-keys')) continue;
          for (const a of ['aria-label', 'title', 'placeholder']) read(el.getAttribute(a));
        }
      }
      return words;
    },
    { selector, script, allowed: LATIN_ALLOWED },
  );
}

/** Puts `text` on the page's clipboard event and pastes it into the table, as Ctrl+V does. */
async function pasteIntoTable(page: Page, text: string) {
  await page.locator('.table-keys').evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('given the Russian full cycle, the Table view lists every step in reading order with its cells', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const map = (await callApp(page, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string };
  mapId = map.id;
  await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-phase'), 7);
  await page.getByRole('tab', { name: 'Таблица' }).click();
  await ui.visible(table(page));
  await ui.contains(page.locator('.table-count'), 'Шагов: 37');
  const headers = await page.locator('.table-head [role="columnheader"] button').allTextContents();
  expect(headers).toEqual(['Название', 'Тип', 'Роль', 'Этап', 'Длительность', 'Ожидание', 'Входы', 'Выходы', 'Ресурсы', 'Описание']);
  await expect.poll(() => page.locator('.table-body .td.is-title').first().textContent()).toBe('Новый период продаж');
  await ui.contains(cellOf(page, 'Зарегистрировать лид в CRM', 'duration'), '10 мин');
  await ui.contains(cellOf(page, 'Зарегистрировать лид в CRM', 'role'), 'Менеджер по продажам');
  await ui.contains(cellOf(page, 'Зарегистрировать лид в CRM', 'phase'), 'Генерация лидов');
  await suite.app.shot('table-ru');
  expect(await foreignWords(page, '.table-view, .view-switch', 'latin')).toEqual([]);
});

test('a title and a wait typed in the table show on the map, survive a reload, and undo one by one', async () => {
  const { page } = suite;
  const OLD = 'Зарегистрировать лид в CRM';
  const NEW = 'Завести лид в CRM и назначить менеджера';
  // Enter edits the active cell, with its text; the new text replaces it and Enter saves
  await cellOf(page, OLD, 'title').click();
  await page.keyboard.press('Enter');
  const editor = page.locator('.table-editor-text');
  await ui.value(editor, OLD);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(NEW);
  await page.keyboard.press('Enter');
  await ui.count(editor, 0);
  await ui.contains(cellOf(page, NEW, 'title'), NEW);
  // Enter moved the active cell one row down
  await ui.contains(activeCell(page), 'Квалифицировать лид');
  await ui.eventually(async () => (await storedStep(page, NEW))?.title).toBe(NEW);
  // typing on a cell starts editing it with what was typed (the template's wait is replaced)
  const waitBefore = await cellOf(page, NEW, 'wait').textContent();
  const storedWaitBefore = (await storedStep(page, NEW))?.wait;
  await cellOf(page, NEW, 'wait').click();
  await page.keyboard.type('2 ч');
  await ui.value(editor, '2 ч');
  await suite.app.shot('table-edit-ru');
  await page.keyboard.press('Tab');
  await ui.contains(cellOf(page, NEW, 'wait'), '2 ч');
  await ui.eventually(async () => (await storedStep(page, NEW))?.wait).toEqual({ value: 2, unit: 'h' });
  // the inspector shows the step of the active row
  await ui.value(page.locator('#step-title'), NEW);

  // on the map
  await page.getByRole('tab', { name: 'Карта' }).click();
  await ui.visible(page.locator('.react-flow__node-step', { hasText: NEW }));
  await page.getByRole('tab', { name: 'Таблица' }).click();

  // undo takes back the wait, then the title (each cell one step); redo brings them back
  await cellOf(page, NEW, 'kind').click();
  await page.keyboard.press('ControlOrMeta+z');
  await ui.eventually(() => cellOf(page, NEW, 'wait').textContent()).toBe(waitBefore);
  await page.keyboard.press('ControlOrMeta+z');
  await ui.visible(rowOf(page, OLD));
  await ui.eventually(async () => (await storedStep(page, OLD))?.wait).toEqual(storedWaitBefore);
  await page.keyboard.press('ControlOrMeta+y');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await ui.contains(cellOf(page, NEW, 'wait'), '2 ч');

  // a reload keeps both (the view is remembered too)
  await ui.eventually(async () => (await storedStep(page, NEW))?.wait).toEqual({ value: 2, unit: 'h' });
  await page.reload();
  await ui.visible(table(page));
  await ui.contains(cellOf(page, NEW, 'wait'), '2 ч');
  await page.getByRole('tab', { name: 'Карта' }).click();
  await ui.visible(page.locator('.react-flow__node-step', { hasText: NEW }));
  await page.getByRole('tab', { name: 'Таблица' }).click();
});

test('a bad value in a cell says what is wrong and keeps the editor open; Escape cancels it', async () => {
  const { page } = suite;
  const STEP = 'Провести холодные звонки по базе';
  await cellOf(page, STEP, 'duration').click();
  await page.keyboard.type('5 лет');
  await page.keyboard.press('Enter');
  const error = page.locator('.table-editor-error');
  await ui.contains(error, '«5 лет»: единица «лет» неизвестна');
  await page.keyboard.press('Escape');
  await ui.count(page.locator('.table-editor'), 0);
  await ui.contains(cellOf(page, STEP, 'duration'), '3 ч');
  await ui.focused(page.locator('.table-keys'));
  expect((await storedStep(page, STEP))?.duration).toEqual({ value: 3, unit: 'h' });
});

test('spreadsheet keys: arrows, Tab, Home/End, Ctrl+End; Delete clears a cell (not the step); a role is picked from the lanes', async () => {
  const { page } = suite;
  const first = page.locator('.table-body .td.is-title').first();
  await first.click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => activeCell(page).getAttribute('class')).toContain('is-kind');
  await expect.poll(() => page.locator('.tr.is-active').getAttribute('aria-rowindex')).toBe('4');
  await page.keyboard.press('Tab');
  await expect.poll(() => activeCell(page).getAttribute('class')).toContain('is-role');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => activeCell(page).getAttribute('class')).toContain('is-kind');
  await page.keyboard.press('End');
  await expect.poll(() => activeCell(page).getAttribute('class')).toContain('is-description');
  await page.keyboard.press('Home');
  await expect.poll(() => activeCell(page).getAttribute('class')).toContain('is-title');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.tr.is-active').getAttribute('aria-rowindex')).toBe('3');

  // Delete empties the duration of the active step; the step itself stays
  const STEP = 'Отгрузить заказ';
  const before = Object.keys((await stored(page)).steps).length;
  const durationBefore = (await cellOf(page, STEP, 'duration').textContent())!;
  expect(durationBefore).not.toBe('');
  await cellOf(page, STEP, 'duration').click();
  await page.keyboard.press('Delete');
  await ui.eventually(() => cellOf(page, STEP, 'duration').textContent()).toBe('');
  await ui.eventually(async () => (await storedStep(page, STEP))?.duration).toBeNull();
  expect(Object.keys((await stored(page)).steps)).toHaveLength(before);
  await page.keyboard.press('ControlOrMeta+z');
  await ui.contains(cellOf(page, STEP, 'duration'), durationBefore);
  // Ctrl+C copies the active cell as Excel reads it
  const copied = await page.locator('.table-keys').evaluate((el) => {
    const data = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
  expect(copied).toBe(durationBefore);

  // the role: Enter opens the lanes, typing narrows them, Enter picks
  await cellOf(page, STEP, 'role').click();
  await page.keyboard.press('Enter');
  await ui.visible(page.getByRole('listbox'));
  await page.keyboard.type('клиент');
  await ui.texts(page.getByRole('listbox').getByRole('option'), ['Клиент']);
  await page.keyboard.press('Enter');
  await ui.contains(cellOf(page, STEP, 'role'), 'Клиент');
  await ui
    .eventually(async () => {
      const doc = await stored(page);
      const step = Object.values(doc.steps).find((x) => x.title === STEP)!;
      return doc.roles[step.roleId]!.name;
    })
    .toBe('Клиент');
  await page.keyboard.press('ControlOrMeta+z');
  await ui.contains(cellOf(page, STEP, 'role'), 'Склад и логистика');

  // Ctrl+End goes to the empty row at the end, where typing a title adds a step
  await page.keyboard.press('ControlOrMeta+End');
  await expect.poll(() => page.locator('.tr.is-active').getAttribute('class')).toContain('is-new');
  await expect.poll(() => activeCell(page).getAttribute('class')).toContain('is-description');
  await page.keyboard.type('x');
  await ui.contains(page.locator('.table-status'), 'Сначала введите название нового шага.');
  await page.keyboard.press('Home');
  await page.keyboard.type('Позвонить клиенту через неделю');
  await page.keyboard.press('Enter');
  await ui.visible(rowOf(page, 'Позвонить клиенту через неделю'));
  await ui.eventually(async () => (await storedStep(page, 'Позвонить клиенту через неделю'))?.kind).toBe('task');
  await page.keyboard.press('ControlOrMeta+z');
  await ui.count(rowOf(page, 'Позвонить клиенту через неделю'), 0);
});

test('the filter finds any text of any column, whatever its case or «ё»; a header click sorts, twice reverses, thrice restores', async () => {
  const { page } = suite;
  const filter = page.getByRole('searchbox', { name: 'Отбор строк' });
  await filter.fill('СЧЕТ');
  const titles = page.locator('.table-body .tr:not(.is-new) .td.is-title');
  await ui.texts(titles, ['Оплатить счёт', 'Выставить счёт на оплату']);
  await ui.contains(page.locator('.table-count'), 'Показано 2 из');
  await filter.fill('юрист');
  await ui.texts(titles, ['Подготовить договор по типовой форме', 'Выставить счёт на оплату']);
  await page.getByRole('button', { name: 'Сбросить отбор' }).click();
  await ui.contains(page.locator('.table-count'), 'Шагов: 37');

  const header = page.locator('.th.is-duration button');
  await header.click();
  await expect.poll(() => page.locator('.th.is-duration').getAttribute('aria-sort')).toBe('ascending');
  // the first row of the table (rows out of view are not drawn)
  const first = (column: string) => page.locator(`.table-body [aria-rowindex="2"] .td.is-${column}`).textContent();
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = 0));
  // the shortest and the longest duration of the map, as the table writes them
  const timed = Object.values((await stored(page)).steps)
    .filter((s) => s.duration)
    .sort((a, b) => minutes(a.duration) - minutes(b.duration));
  const shown = async () => {
    const parsed = parseDuration((await first('duration')) ?? '', 'min');
    return parsed.ok ? minutes(parsed.duration) : NaN;
  };
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = 0));
  await expect.poll(shown).toBe(minutes(timed[0]!.duration));
  await header.click();
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = 0));
  await expect.poll(shown).toBe(minutes(timed.at(-1)!.duration));
  await header.click();
  await expect.poll(() => page.locator('.th.is-duration').getAttribute('aria-sort')).toBe('none');
  await expect.poll(() => first('title')).toBe('Новый период продаж');
});

const PASTED = Array.from({ length: 20 }, (_, i) => `Контрольный звонок ${i + 1}`);

test('20 rows pasted from Excel: a preview of what changes, then one undoable edit; the new steps stand in their lanes on the map', async () => {
  const { page } = suite;
  const lanes = ['Менеджер по продажам', 'Служба поддержки', 'Отдел качества'];
  const rows = PASTED.map((title, i) =>
    [
      title,
      lanes[i % 3],
      'Послепродажное обслуживание',
      `${(i % 4) + 1} ч`,
      i % 2 ? '1 дн' : '',
      i === 0 ? '"Список клиентов\nс телефонами"' : 'Карточка клиента',
    ].join('\t'),
  );
  const tsv = ['Название\tРоль\tЭтап\tДлительность\tОжидание\tВходы', ...rows].join('\r\n') + '\r\n';
  await page.locator('.table-body .td.is-title').first().click();
  await pasteIntoTable(page, tsv);
  const dialog = page.getByRole('dialog', { name: 'Вставка строк из таблицы' });
  await ui.visible(dialog);
  await ui.contains(dialog, 'Новых шагов: 20');
  await ui.contains(dialog, 'Будут созданы дорожки: «Отдел качества»');
  await ui.contains(dialog, 'не будут связаны с другими шагами');
  await ui.contains(dialog, 'Число без единицы в столбце «Длительность» считается в минутах.');
  await ui.contains(dialog.locator('tbody tr').first(), 'Входы: Список клиентов; с телефонами');
  await suite.app.shot('table-paste-preview-ru');
  expect(Object.keys((await stored(page)).steps)).toHaveLength(37);
  await dialog.getByRole('button', { name: 'Применить' }).click();
  await ui.count(dialog, 0);
  await ui.contains(page.locator('.table-count'), 'Шагов: 57');
  await ui.eventually(async () => Object.keys((await stored(page)).steps).length).toBe(57);
  const first = (await storedStep(page, PASTED[0]!))!;
  expect(first.inputs).toEqual(['Список клиентов', 'с телефонами']);
  expect((await stored(page)).roles[(await storedStep(page, PASTED[2]!))!.roleId]!.name).toBe('Отдел качества');

  // one undo step takes the whole paste back, redo brings it again
  await page.keyboard.press('ControlOrMeta+z');
  await ui.contains(page.locator('.table-count'), 'Шагов: 37');
  await ui.eventually(async () => Object.keys((await stored(page)).steps).length).toBe(37);
  await page.keyboard.press('ControlOrMeta+y');
  await ui.contains(page.locator('.table-count'), 'Шагов: 57');

  // on the map: in their lanes, after what was there, overlapping nothing
  const doc = await stored(page);
  const { mapGeometry, stepSize } = await import('../../shared/model/geometry');
  const g = mapGeometry(doc);
  const boxes = Object.values(doc.steps).map((s) => ({ id: s.title, ...g.positions.get(s.id)!, ...stepSize(s) }));
  const overlaps = boxes.flatMap((a) =>
    boxes
      .filter((b) => a.id < b.id && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
      .map((b) => `${a.id} / ${b.id}`),
  );
  expect(overlaps).toEqual([]);
  // the first of them shown on the map, at a readable zoom
  await page.getByRole('searchbox', { name: 'Отбор строк' }).fill(PASTED[0]!);
  await cellOf(page, PASTED[0]!, 'title').click();
  await page.getByRole('button', { name: 'Показать на карте' }).click();
  await ui.visible(page.locator('.react-flow__node-step.selected', { hasText: PASTED[0]! }));
  await ui.settled(page);
  await suite.app.shot('table-paste-map-ru');
  await page.getByRole('tab', { name: 'Таблица' }).click();
  await page.getByRole('button', { name: 'Сбросить отбор' }).click();
});

test('a bad paste lists each problem by row and column and changes nothing', async () => {
  const { page } = suite;
  const before = Object.keys((await stored(page)).steps).length;
  await page.locator('.table-body .td.is-title').first().click();
  await pasteIntoTable(page, 'Название\tДлительность\tТип\nНовый шаг А\t5 лет\tЗадача\nНовый шаг Б\t-3 h\tЗадача\nНовый шаг В\tabc\tПроцедура\n\t1 ч\t\n');
  const dialog = page.getByRole('dialog', { name: 'Вставка строк из таблицы' });
  await ui.visible(dialog);
  const errors = dialog.locator('.paste-errors li');
  await ui.texts(errors, [
    'Строка 2, «Длительность»: «5 лет»: единица «лет» неизвестна; используйте минуты, часы или дни (30 мин, 1,5 ч, 2 дн).',
    'Строка 3, «Длительность»: «-3 h»: длительность не может быть отрицательной.',
    'Строка 4, «Длительность»: «abc» — не длительность; пишите, например, 30 мин, 1,5 ч или 2 дн.',
    'Строка 4, «Тип»: «Процедура» — не тип шага: используйте «Начало», «Задача», «Подпроцесс», «Решение», «Параллельно», «Событие», «Конец».',
    'Строка 5, «Название»: У нового шага должно быть название.',
  ]);
  await expect(dialog.getByRole('button', { name: 'Применить' }).isDisabled()).resolves.toBe(true);
  await suite.app.shot('table-paste-errors-ru');
  expect(await foreignWords(page, '.paste-preview', 'latin')).toEqual([]);
  // the text can be corrected right there: the preview follows
  const box = dialog.getByRole('textbox', { name: /Скопированные ячейки/ });
  await box.fill('Название\tДлительность\nНовый шаг А\t5 дней\n');
  await ui.count(errors, 0);
  await ui.contains(dialog, 'Новых шагов: 1');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await ui.count(dialog, 0);
  expect(Object.keys((await stored(page)).steps)).toHaveLength(before);
  await ui.count(rowOf(page, 'Новый шаг А'), 0);

  // without headers, at the last column: two columns do not fit
  await page.locator('.table-body .td.is-description').first().click();
  await pasteIntoTable(page, 'раз\tдва\n');
  await ui.contains(dialog, 'Столбцов в блоке: 2, а правее активной ячейки помещается только 1.');
  await page.keyboard.press('Escape');
  await ui.count(dialog, 0);
});

test('"Show on the map" selects the step and brings it into view on the canvas', async () => {
  const { page } = suite;
  const STEP = PASTED[19]!;
  // far down the table: the filter brings it up
  await page.getByRole('searchbox', { name: 'Отбор строк' }).fill(STEP);
  await cellOf(page, STEP, 'title').click();
  await page.getByRole('button', { name: 'Показать на карте' }).click();
  const node = page.locator('.react-flow__node-step.selected', { hasText: STEP });
  await ui.visible(node);
  await ui.settled(page);
  const box = (await node.boundingBox())!;
  const pane = (await page.locator('.react-flow').boundingBox())!;
  expect(box.x >= pane.x && box.x + box.width <= pane.x + pane.width && box.y >= pane.y && box.y + box.height <= pane.y + pane.height).toBe(true);
  await page.getByRole('tab', { name: 'Таблица' }).click();
  await page.getByRole('button', { name: 'Сбросить отбор' }).click();
});

test('a saved version shown in the table is read only: typing and pasting change nothing', async () => {
  const { page } = suite;
  await callApp(page, 'versions:save', { mapId, name: 'Как есть', note: '', author: '', kind: 'manual' });
  await page.getByRole('tab', { name: 'Версии' }).click();
  await page.getByRole('button', { name: 'Открыть «Как есть» только для просмотра' }).click();
  await ui.contains(page.locator('.map-view .version-banner'), 'Просмотр версии «Как есть» (только чтение)');
  await cellOf(page, 'Отгрузить заказ', 'title').click();
  await page.keyboard.type('Что-то');
  await ui.count(page.locator('.table-editor'), 0);
  await ui.contains(page.locator('.table-status'), 'Таблицу нельзя менять.');
  await ui.count(page.locator('.tr.is-new'), 0);
  await suite.app.shot('table-read-only-ru');
  await page.locator('.map-view .version-banner').getByRole('button', { name: 'Вернуться к текущей карте' }).click();
  await ui.count(page.locator('.map-view .version-banner'), 0);
  await cellOf(page, 'Отгрузить заказ', 'title').click();
  await page.keyboard.press('Enter');
  await ui.value(page.locator('.table-editor-text'), 'Отгрузить заказ');
  await page.keyboard.press('Escape');
});

test('a 10,000-character title pasted into a cell is refused with a message; <script> in a title is only text', async () => {
  const { page } = suite;
  const STEP = 'Отгрузить заказ';
  await cellOf(page, STEP, 'title').click();
  await pasteIntoTable(page, 'Я'.repeat(10_000));
  await ui.contains(page.locator('.notice-error').last(), 'можно не больше 300');
  await ui.visible(rowOf(page, STEP));
  const TAGS = '<b>Отгрузить</b> <script>window.hacked = 1</script>';
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(TAGS);
  await page.keyboard.press('Enter');
  await ui.contains(cellOf(page, TAGS, 'title'), TAGS);
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await page.keyboard.press('ControlOrMeta+z');
  await ui.visible(rowOf(page, STEP));
});

test('in English the table speaks English: headers, kinds, hints', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'en' });
  await page.reload();
  await ui.visible(table(page));
  const headers = await page.locator('.table-head [role="columnheader"] button').allTextContents();
  expect(headers).toEqual(['Title', 'Kind', 'Role', 'Phase', 'Duration', 'Wait', 'Inputs', 'Outputs', 'Resources', 'Description']);
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = 0));
  await expect.poll(() => page.locator('.table-body [aria-rowindex="2"] .td.is-kind').textContent()).toBe('Start');
  await ui.contains(page.locator('.table-count'), 'Steps: 57');
  await cellOf(page, 'Отгрузить заказ', 'duration').click();
  await page.keyboard.press('Enter');
  await ui.contains(page.locator('.table-editor-hint'), 'a number alone is minutes');
  await ui.value(page.locator('.table-editor-text'), '2 h');
  await suite.app.shot('table-en');
  await page.keyboard.press('Escape');
  expect(await foreignWords(page, '.table-view, .view-switch', 'cyrillic')).toEqual([]);
});
