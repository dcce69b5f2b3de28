/**
 * The RACI matrix, SIPOC and Resources views (issue 10, part 3) on the Russian full sales
 * cycle, used as a person would: set A with the mouse and with the keys, see the "no A" marker
 * go, undo it, reload and find it kept; read a derived SIPOC cell and a resources cell, select
 * a step from there; nothing is editable while a saved version is shown. Screenshots of each
 * view in Russian at 1440×900 and 1280×800, and no untranslated word on them.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapDoc } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { LATIN_ALLOWED } from '../support/latinAllowed';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const page = () => suite.page;
let mapId = '';

const stored = (): MapDoc => createMapRepository(suite.app.db).read(mapId);
const storedStep = (title: string) => Object.values(stored().steps).find((s) => s.title === title)!;
const roleId = (name: string) => Object.values(stored().roles).find((r) => r.name === name)!.id;

const QUALIFY = 'Квалифицировать лид: бюджет, потребность, сроки';
const HEAD = 'Руководитель отдела продаж';
const grid = () => page().getByRole('grid', { name: 'Матрица RACI: шаги по ролям' });
const raciRow = (title: string) =>
  grid()
    .getByRole('row')
    .filter({ has: page().getByRole('rowheader', { name: title }) });
const cell = (title: string, role: string) => raciRow(title).getByRole('gridcell', { name: new RegExp(`^${role}: `) });
const view = (name: string) => page().getByRole('tab', { name, exact: true });

/** Latin words in what the view itself says (visible text and labels), user-written text aside. */
function latinWords(p: Page, selector: string, written: string[]): Promise<string[]> {
  return p.evaluate(
    ({ selector, written, allowed }) => {
      const ok = new Set(allowed.map((w) => w.toLowerCase()));
      const words: string[] = [];
      const read = (text: string | null) => {
        let own = (text ?? '').replace(/«[^»]*»/g, ' ');
        for (const w of [...written].sort((a, b) => b.length - a.length)) own = own.split(w).join(' ');
        for (const w of own.match(/[A-Za-z][A-Za-z0-9]+/g) ?? []) if (!ok.has(w.toLowerCase())) words.push(w);
      };
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode())
          if (!n.parentElement?.closest('[translate="no"]') && n.parentElement?.checkVisibility()) read(n.textContent);
        for (const el of [root, ...root.querySelectorAll('*')]) {
          if (el.closest('[translate="no"]') || !(el as HTMLElement).checkVisibility?.()) continue;
          for (const a of ['title', 'aria-label']) read(el.getAttribute(a));
        }
      }
      return words;
    },
    { selector, written, allowed: LATIN_ALLOWED },
  );
}
const written = () => {
  const d = stored();
  return [
    ...Object.values(d.roles).map((r) => r.name),
    ...Object.values(d.phases).map((p) => p.name),
    ...Object.values(d.steps).flatMap((s) => [s.title, ...s.inputs, ...s.outputs, ...s.resources]),
  ];
};

describe('on the Russian full cycle', () => {
  test('RACI: A set with the mouse, then with the keys on a row marked «нет A»; the marker goes, comes back on undo, and the letters survive a reload', async () => {
    await callApp(page(), 'settings:set', { language: 'ru' });
    mapId = ((await callApp(page(), 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string }).id;
    await page().goto(`${suite.app.bridge.url}#map=${mapId}`);
    await page().reload();
    await ui.count(page().locator('.react-flow__node-phase'), 7);
    await view('RACI').click();
    await ui.visible(grid());
    // rows are the tasks, sub-processes and decisions; the step's own role shows R
    await ui.contains(cell(QUALIFY, 'Менеджер по продажам'), 'R');
    expect(await raciRow('Новый период продаж').count()).toBe(0);

    // the template comes with RACI: every task has its one A, nothing is marked
    await ui.count(grid().locator('.raci-row.is-flagged'), 0);
    // the mouse: clicks on the head of sales' cell cycle it (none → A → C → I); at A they are
    // accountable, and the A moves from the role that had it
    for (let i = 0; i < 4 && (await cell(QUALIFY, HEAD).getAttribute('aria-label')) !== `${HEAD}: отвечает`; i++) {
      const label = await cell(QUALIFY, HEAD).getAttribute('aria-label');
      await cell(QUALIFY, HEAD).click();
      await expect.poll(() => cell(QUALIFY, HEAD).getAttribute('aria-label')).not.toBe(label);
    }
    await expect.poll(() => cell(QUALIFY, HEAD).getAttribute('aria-label')).toBe(`${HEAD}: отвечает`);
    await ui.eventually(() => storedStep(QUALIFY).raci?.[roleId(HEAD)]).toBe('A');
    expect(Object.values(storedStep(QUALIFY).raci ?? {}).filter((l) => l === 'A')).toHaveLength(1);
    await ui.count(raciRow(QUALIFY).locator('.raci-flag'), 0);
    // one more click: C; the task has no A any more and is marked
    await cell(QUALIFY, HEAD).click();
    await expect.poll(() => cell(QUALIFY, HEAD).getAttribute('aria-label')).toBe(`${HEAD}: консультирует`);

    // tasks with no A are marked; take the first and fix it by keyboard
    const flagged = grid().locator('.raci-row.is-flagged').first();
    await ui.visible(flagged);
    await expect(flagged.locator('.raci-flag').textContent()).resolves.toBe('нет A');
    const title = (await flagged.getByRole('rowheader').getAttribute('title'))!.split('\n')[0]!;
    const facts = page().locator('.mx-facts');
    const before = Number(/Без единственной A: (\d+)/.exec((await facts.textContent()) ?? '')?.[1]);
    await raciRow(title).getByRole('rowheader').click();
    await page().keyboard.press('ArrowRight');
    await ui.focused(cell(title, HEAD));
    await page().keyboard.press('ArrowRight');
    await ui.focused(cell(title, 'Маркетинг'));
    const marketingBefore = storedStep(title).raci?.[roleId('Маркетинг')];
    await page().keyboard.press('a');
    await ui.count(raciRow(title).locator('.raci-flag'), 0);
    await expect.poll(() => cell(title, 'Маркетинг').getAttribute('aria-label')).toMatch(/^Маркетинг: (отвечает|выполняет и отвечает)$/);
    await ui.eventually(() => storedStep(title).raci?.[roleId('Маркетинг')]).toBe('A');
    // the header says how many are left
    await ui.contains(facts, before - 1 > 0 ? `Без единственной A: ${before - 1}` : 'У каждой задачи одна A');
    await suite.app.shot('matrix-raci-ru');

    // more keys: down a row, C; Delete clears it; Enter cycles
    await page().keyboard.press('ArrowDown');
    const below = page().locator(':focus');
    const belowLabel = (await below.getAttribute('aria-label'))!;
    if (belowLabel === 'Маркетинг: не участвует') {
      await page().keyboard.press('c');
      await expect.poll(() => below.getAttribute('aria-label')).toBe('Маркетинг: консультирует');
      await page().keyboard.press('Delete');
      await expect.poll(() => below.getAttribute('aria-label')).toBe('Маркетинг: не участвует');
    }
    await page().keyboard.press('ArrowUp');
    // the step selected on the canvas is not deleted by Delete in the grid (the cell is cleared)
    expect(Object.keys(stored().steps)).toContain(storedStep(title).id);

    // undo (Ctrl+Z in the grid) takes the A back: the marker returns; redo clears it again
    await page().keyboard.press('Control+z');
    if (belowLabel === 'Маркетинг: не участвует') {
      await page().keyboard.press('Control+z');
      await page().keyboard.press('Control+z');
    }
    await ui.count(raciRow(title).locator('.raci-flag'), 1);
    await ui.eventually(() => storedStep(title).raci?.[roleId('Маркетинг')]).toBe(marketingBefore);
    await page().keyboard.press('Control+y');
    await ui.count(raciRow(title).locator('.raci-flag'), 0);
    await ui.eventually(() => storedStep(title).raci?.[roleId('Маркетинг')]).toBe('A');

    // the view is remembered with the map, the letters with the map
    await page().reload();
    await ui.visible(grid());
    await expect.poll(() => cell(QUALIFY, HEAD).getAttribute('aria-label')).toBe(`${HEAD}: консультирует`);
    await expect.poll(() => cell(title, 'Маркетинг').getAttribute('aria-label')).toMatch(/отвечает$/);
    await ui.count(raciRow(title).locator('.raci-flag'), 0);
    expect(await latinWords(page(), '.map-view', written())).toEqual([]);
    // from the view switch, Tab reaches the grid's cell (after the export buttons), scrolled away or not
    await grid().evaluate((el) => el.scrollTo(0, 900));
    await view('RACI').focus();
    const role = () => page().evaluate(() => document.activeElement?.getAttribute('role'));
    for (let i = 0; i < 4 && (await role()) !== 'gridcell'; i++) await page().keyboard.press('Tab');
    await expect.poll(role).toBe('gridcell');
  });

  test('RACI: C or I on the step’s own role is refused with a message, and R/A toggles there', async () => {
    const own = cell(QUALIFY, 'Менеджер по продажам');
    await own.click();
    await expect.poll(() => own.getAttribute('aria-label')).toBe('Менеджер по продажам: выполняет и отвечает');
    // the head of sales stays consulted (only an A would have moved)
    await expect.poll(() => cell(QUALIFY, HEAD).getAttribute('aria-label')).toBe(`${HEAD}: консультирует`);
    await page().keyboard.press('c');
    await ui.visible(page().getByText('Роль шага выполняет его (R)'));
    await page().keyboard.press('Enter');
    await expect.poll(() => own.getAttribute('aria-label')).toBe('Менеджер по продажам: выполняет');
    await page().keyboard.press('Control+z');
    await expect.poll(() => own.getAttribute('aria-label')).toBe('Менеджер по продажам: выполняет и отвечает');
    await page().keyboard.press('Control+z');
    await expect.poll(() => own.getAttribute('aria-label')).toBe('Менеджер по продажам: выполняет');
    await expect.poll(() => cell(QUALIFY, HEAD).getAttribute('aria-label')).toBe(`${HEAD}: консультирует`);
  });

  test('SIPOC: a row per phase; «Работа с клиентом» takes the price list from the head of sales and the lead card from the sales manager', async () => {
    await view('SIPOC').click();
    const table = page().getByRole('table', { name: 'SIPOC карты' });
    await ui.visible(table);
    await ui.count(table.locator('tbody'), 7);
    const row = table.locator('tbody').filter({ has: page().locator('.sipoc-name', { hasText: 'Работа с клиентом' }) });
    const inputs = row.locator('td[data-col="inputs"] li');
    await ui.visible(inputs.filter({ hasText: 'Прайс-лист' }));
    await expect(inputs.filter({ hasText: 'Прайс-лист' }).getAttribute('title')).resolves.toMatch(/^Откуда: Руководитель отдела продаж/);
    await expect(inputs.filter({ hasText: 'Карточка лида' }).getAttribute('title')).resolves.toMatch(/^Откуда: Менеджер по продажам/);
    await ui.contains(row.locator('td[data-col="suppliers"]'), HEAD);
    // the brief made and used within the phase is internal: not an input of it
    await ui.count(inputs.filter({ hasText: 'Бриф клиента' }), 0);
    await ui.contains(row.locator('td[data-col="process"]'), 'Подготовить коммерческое предложение');
    await suite.app.shot('matrix-sipoc-ru');
    expect(await latinWords(page(), '.map-view', written())).toEqual([]);

    // live: a new input nobody makes shows at once, marked as having no known supplier
    await row.locator('td[data-col="process"]').getByRole('button', { name: 'Провести презентацию и отправить материалы' }).click();
    await page().getByRole('tab', { name: 'Свойства' }).click();
    await page().getByLabel('Новый вход').fill('Отзывы клиентов');
    await page().getByLabel('Новый вход').press('Enter');
    const added = inputs.filter({ hasText: 'Отзывы клиентов' });
    await ui.visible(added.locator('.sipoc-unknown'));
    // Escape leaves the field (whose own Ctrl+Z undoes typing), then Ctrl+Z undoes the edit
    await page().keyboard.press('Escape');
    await page().keyboard.press('Control+z');
    await ui.count(added, 0);
  });

  test('Resources: CRM comes first; the sales manager’s cell lists its steps, and a click selects one', async () => {
    await view('Ресурсы').click();
    const table = page().getByRole('table', { name: 'Ресурсы по ролям: шаги, в которых они используются' });
    await ui.visible(table);
    const crm = table.locator('tbody tr').first();
    await ui.contains(crm.locator('th'), 'CRM');
    const manager = crm.locator(`td[data-role="${roleId('Менеджер по продажам')}"]`);
    const uses = Object.values(stored().steps).filter((s) => s.roleId === roleId('Менеджер по продажам') && s.resources.includes('CRM')).length;
    await ui.contains(manager.locator('.res-count'), String(uses));
    await suite.app.shot('matrix-resources-ru');
    expect(await latinWords(page(), '.map-view', written())).toEqual([]);
    await manager.getByRole('button', { name: /^ещё / }).click();
    await manager.getByRole('button', { name: 'Держать клиента в курсе статуса заказа' }).click();
    await ui.visible(manager.locator('li.is-selected', { hasText: 'Держать клиента в курсе статуса заказа' }));
    await page().getByRole('tab', { name: 'Свойства' }).click();
    await ui.value(page().getByLabel('Название шага'), 'Держать клиента в курсе статуса заказа');
    // and on the map it is the selected step
    await view('Карта').click();
    await ui.visible(page().locator('.react-flow__node-step.selected', { hasText: 'Держать клиента в курсе статуса заказа' }));
  });

  test('at 1280×800 each view fits: nothing overlaps, the header and the first column stay in view', async () => {
    await page().setViewportSize({ width: 1280, height: 800 });
    try {
      for (const [tab, name] of [
        ['RACI', 'raci'],
        ['SIPOC', 'sipoc'],
        ['Ресурсы', 'resources'],
      ] as const) {
        await view(tab).click();
        await ui.visible(page().locator('.mx-bar'));
        // the export buttons and the title share the bar without overlapping
        const bar = (await page().locator('.mx-bar').boundingBox())!;
        const viewBox = (await page().locator('.map-view').boundingBox())!;
        expect(bar.width).toBeLessThanOrEqual(viewBox.width + 1);
        await suite.app.shot(`matrix-${name}-ru-1280`);
      }
      // the RACI grid scrolled right and down keeps the step column and the role header visible
      await view('RACI').click();
      await grid().evaluate((el) => el.scrollTo(400, 600));
      const step = grid().locator('.raci-row:not(.raci-head) .raci-step').first();
      const gridBox = (await grid().boundingBox())!;
      await expect.poll(async () => Math.round((await step.boundingBox())!.x - gridBox.x)).toBe(0);
      await expect.poll(async () => Math.round((await grid().locator('.raci-head').boundingBox())!.y - gridBox.y)).toBe(0);
      await suite.app.shot('matrix-raci-ru-1280-scrolled');
    } finally {
      await page().setViewportSize({ width: 1440, height: 900 });
    }
  });

  test('a saved version shown read only: the matrix takes no edits', async () => {
    await callApp(page(), 'versions:save', { mapId, name: 'Как есть', note: '', author: 'Аналитик', kind: 'manual' });
    await page().getByRole('tab', { name: 'Версии' }).click();
    const open = page().getByRole('button', { name: 'Открыть «Как есть» только для просмотра' });
    await open.click();
    await view('RACI').click();
    await expect.poll(() => grid().getAttribute('aria-readonly')).toBe('true');
    const target = cell(QUALIFY, 'Маркетинг');
    const label = await target.getAttribute('aria-label');
    await target.click();
    await page().keyboard.press('a');
    await page().keyboard.press('Enter');
    await expect(target.getAttribute('aria-label')).resolves.toBe(label);
    // the view says what is shown, and leads back (the canvas's banner is not on screen here)
    const note = page().locator('.map-view .version-banner');
    await ui.contains(note, 'Просмотр версии «Как есть» (только чтение)');
    await suite.app.shot('matrix-raci-ru-read-only');
    await note.getByRole('button', { name: 'Вернуться к текущей карте' }).click();
    await expect.poll(() => grid().getAttribute('aria-readonly')).toBe(null);
  });

  test('a new, empty map: each view says what to do instead of showing an empty grid', async () => {
    const blank = (await callApp(page(), 'maps:create', { title: 'Пустая карта' })) as { id: string };
    await page().goto(`${suite.app.bridge.url}#map=${blank.id}`);
    await page().reload();
    await view('RACI').click();
    await ui.contains(page().locator('.mx-empty'), 'Пока нет задач, подпроцессов и решений');
    await view('SIPOC').click();
    await ui.contains(page().locator('.mx-empty'), 'В карте пока нет шагов');
    await view('Ресурсы').click();
    await ui.contains(page().locator('.mx-empty'), 'Ресурсы пока не названы: добавьте их в свойствах шага');
    await suite.app.shot('matrix-resources-ru-empty');
  });
});
