/**
 * The interface in Russian and in English. Switched in Settings (no reload, kept in the library
 * file), then every screen a person meets is read like a proofreader would: all visible text
 * plus the title, aria-label, placeholder, alt and role descriptions of visible elements. On a
 * Russian screen no Latin word may be left but names of formats, keys and products; on an
 * English screen showing an English map, no Cyrillic. What the user wrote (map, lane and step
 * names...) is marked translate="no" by the app and is not read; in labels that quote it, it is
 * taken out before reading.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapDoc } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';
import { LATIN_ALLOWED } from '../support/latinAllowed';

const suite = appSuite();

/** Every text a user wrote in a map: titles, names, items, labels. */
function mapTexts(doc: MapDoc): string[] {
  return [
    doc.title,
    doc.description,
    ...Object.values(doc.roles).map((r) => r.name),
    ...Object.values(doc.phases).map((p) => p.name),
    ...Object.values(doc.steps).flatMap((s) => [s.title, s.description, ...s.inputs, ...s.outputs, ...s.resources]),
    ...Object.values(doc.flows).map((f) => f.label),
  ].filter((text) => text.trim());
}

/** What users wrote: the maps in the library and the bundled templates (shown in "New map"). */
function userContent(): string[] {
  const repo = createMapRepository(suite.app.db);
  const maps = repo.list().map((m) => repo.read(m.id));
  const templates = fs
    .readdirSync('templates')
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join('templates', f), 'utf8')) as MapDoc);
  return [...new Set([...maps, ...templates].flatMap(mapTexts))];
}

/**
 * Words of the wrong script on screen, each with where it was found. `script`: the one that
 * must not appear (latin on a Russian screen, cyrillic on an English one).
 */
function foreignWords(page: Page, script: 'latin' | 'cyrillic'): Promise<string[]> {
  return page.evaluate(
    ({ script, allowed, written }) => {
      // Latin words of two letters or more (single letters are keys: Ctrl+E, Ctrl+Y); any Cyrillic letter
      const pattern = script === 'latin' ? /[A-Za-z][A-Za-z0-9]+/g : /[\u0400-\u04ff]+/g;
      const ok = new Set(allowed.map((w) => w.toLowerCase()));
      const ATTRIBUTES = ['title', 'aria-label', 'placeholder', 'alt', 'aria-roledescription', 'aria-description'];
      // an option shows when its list does (a <datalist>'s only while typing: not read)
      const visible = (el: Element): boolean => {
        if (el instanceof HTMLOptionElement) {
          const select = el.closest('select');
          return !!select && visible(select);
        }
        return el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
      };
      const userContent = (el: Element | null) => !!el?.closest('[translate="no"]');

      // what the user wrote: taken out of labels that quote it ("Открыть «Sample map»")
      const content = new Set<string>(written);
      for (const el of document.querySelectorAll('[translate="no"]')) {
        if (el.textContent?.trim()) content.add(el.textContent.trim());
        for (const a of ATTRIBUTES) if (el.getAttribute(a)?.trim()) content.add(el.getAttribute(a)!.trim());
      }
      for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
        if (el.type !== 'radio' && el.type !== 'checkbox' && el.type !== 'color' && el.value.trim()) content.add(el.value.trim());
      }
      // whole words only: a flow labelled "Да" must not eat the start of «Дашборд»
      const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const patterns = [...content].sort((a, b) => b.length - a.length).map((c) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(c)}(?![\\p{L}\\p{N}])`, 'gu'));
      const withoutContent = (s: string) => patterns.reduce((acc, re) => acc.replace(re, ' '), s);

      const found: string[] = [];
      const check = (text: string, where: string) => {
        for (const word of text.match(pattern) ?? []) {
          if (script === 'latin' && ok.has(word.toLowerCase())) continue;
          found.push(`${word}  ← ${where}: "${text.trim().slice(0, 90)}"`);
        }
      };
      const describe = (el: Element) =>
        `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}>`;

      // visible text
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent?.trim() || el.closest('script, style, noscript, textarea') || userContent(el) || !visible(el)) continue;
        check(node.textContent, `text in ${describe(el)}`);
      }
      // names and hints of visible elements, and the descriptions they point to
      for (const el of document.body.querySelectorAll('*')) {
        if (userContent(el) || !visible(el)) continue;
        for (const a of ATTRIBUTES) {
          const value = el.getAttribute(a);
          if (value) check(withoutContent(value), `${a} of ${describe(el)}`);
        }
        for (const id of el.getAttribute('aria-describedby')?.split(/\s+/) ?? []) {
          const target = id && document.getElementById(id);
          if (target && target.textContent) check(withoutContent(target.textContent), `description of ${describe(el)}`);
        }
      }
      return [...new Set(found)];
    },
    { script, allowed: LATIN_ALLOWED, written: userContent() },
  );
}

/** Reads the screen and fails with every foreign word found, after a screenshot to look at. */
async function expectScreenIn(language: 'ru' | 'en', screen: string) {
  const { page } = suite;
  await ui.eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
  await suite.app.shot(`lang-${language}-${screen}`);
  const words = await foreignWords(page, language === 'ru' ? 'latin' : 'cyrillic');
  expect(words, `${language === 'ru' ? 'English' : 'Russian'} words on the ${screen} screen`).toEqual([]);
}

const stored = (key: string) => suite.app.db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(key);

describe('the interface in Russian', () => {
  test('Settings switch the library to Russian at once, and keep the choice and the author name', async () => {
    const { page } = suite;
    await ui.visible(page.locator('.map-card'));
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Interface language').selectOption('ru');
    // no reload: the same dialog, now in Russian
    const dialog = page.getByRole('dialog', { name: 'Настройки' });
    await ui.visible(dialog);
    await dialog.getByLabel('Ваше имя').fill('Анна Петрова');
    await expectScreenIn('ru', 'settings');
    await dialog.getByRole('button', { name: 'Готово' }).click();
    await ui.hidden(dialog);
    await ui.eventually(() => [stored('ui.language'), stored('author.name')]).toEqual(['ru', 'Анна Петрова']);
    await ui.visible(page.getByRole('heading', { name: 'Ваши карты' }));
    await ui.contains(page.locator('.map-card'), '13 шагов');
    await expectScreenIn('ru', 'library');
  });

  test('after a reload the library opens in Russian straight away', async () => {
    const { page } = suite;
    await page.reload();
    await ui.visible(page.getByRole('heading', { name: 'Ваши карты' }));
    await expectScreenIn('ru', 'library-reloaded');
  });

  test('a damaged file to import is refused in Russian', async () => {
    const { page } = suite;
    const buffer = Buffer.from('{"format":"lanemap","schemaVersion":1,"map":{"id":"x","title":"Обрыв');
    await page.getByLabel('Импортировать файл Lanemap').setInputFiles({ name: 'обрыв.lanemap.json', mimeType: 'application/json', buffer });
    await ui.contains(page.getByRole('alert'), 'Файл «обрыв.lanemap.json» не импортирован. Файл обрывается на середине карты');
    await expectScreenIn('ru', 'import-refused');
    await page.getByRole('button', { name: 'Закрыть сообщение' }).click();
  });

  test('the new-map dialog offers the Russian templates first', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Новая карта' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая карта' });
    await ui.value(dialog.getByLabel('Название карты'), 'Новый процесс продаж');
    await ui.visible(dialog.locator('.template-thumb img').first());
    expect(await dialog.locator('.template-card .badge').first().textContent()).toBe('РУС');
    await expectScreenIn('ru', 'new-map');
    await dialog.locator('.template-card', { hasText: 'Отдел продаж: полный цикл' }).click();
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await ui.count(page.locator('.react-flow__node-phase'), 7);
  });

  test('the editor: toolbar, lanes and phases panels, the map in the inspector', async () => {
    const { page } = suite;
    await ui.visible(page.getByRole('toolbar', { name: 'Инструменты карты' }));
    await ui.visible(page.getByRole('complementary', { name: 'Дорожки и этапы' }));
    await ui.contains(page.getByRole('complementary', { name: 'Свойства' }), 'Описание карты');
    await expectScreenIn('ru', 'editor');
    // the map's checks
    await page.getByRole('tab', { name: /Проверка/ }).click();
    await ui.visible(page.locator('.check-panel'));
    await expectScreenIn('ru', 'check');
    await page.getByRole('tab', { name: 'Свойства' }).click();
  });

  test('a selected step in the inspector, then two selected', async () => {
    const { page } = suite;
    await page.locator('.react-flow__node-step', { hasText: 'Зарегистрировать лид в CRM' }).click();
    await ui.value(page.getByLabel('Название шага'), 'Зарегистрировать лид в CRM');
    await ui.visible(page.getByRole('region', { name: 'Входы' }));
    await ui.contains(page.locator('.react-flow__node-step', { hasText: 'Зарегистрировать лид в CRM' }), '10 мин');
    await expectScreenIn('ru', 'inspector-step');
    await page.locator('.react-flow__node-step', { hasText: 'Квалифицировать лид' }).click({ modifiers: ['Shift'] });
    await ui.contains(page.getByRole('complementary', { name: 'Свойства' }), 'Выбрано: 2 шага и 0 связей');
    await expectScreenIn('ru', 'inspector-selection');
    await page.keyboard.press('Escape');
  });

  test('removing a lane with steps asks where they go', async () => {
    const { page } = suite;
    await page.getByRole('complementary', { name: 'Дорожки' }).getByRole('button', { name: 'Удалить дорожку «Маркетинг»' }).click();
    const dialog = page.getByRole('dialog', { name: 'Удалить дорожку «Маркетинг»?' });
    await ui.contains(dialog, 'Куда их перенести?');
    await expectScreenIn('ru', 'remove-lane');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await ui.hidden(dialog);
  });

  test('the export dialog, for a drawing and for a PNG', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Экспорт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Экспорт карты' });
    await ui.visible(dialog.getByRole('img', { name: 'Предпросмотр экспортируемой карты' }));
    await expectScreenIn('ru', 'export');
    await dialog.getByRole('radio', { name: /^PNG/ }).check();
    await ui.visible(dialog.getByLabel('Масштаб'));
    await expectScreenIn('ru', 'export-png');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await ui.hidden(dialog);
  });

  test('the keyboard shortcuts', async () => {
    const { page } = suite;
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Сочетания клавиш' });
    await ui.visible(dialog);
    await expectScreenIn('ru', 'shortcuts');
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await ui.hidden(dialog);
  });

  test('finding a step, the review tabs (comments, pain points with the overlay, versions) and presentation mode', async () => {
    const { page } = suite;
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: 'Найти шаг по названию, описанию, входам, выходам или ресурсам' }).fill('договор');
    await ui.contains(page.locator('.find-count'), 'из');
    await expectScreenIn('ru', 'find');
    await page.keyboard.press('Escape');

    await page.locator('.react-flow__node-step', { hasText: 'Зарегистрировать лид в CRM' }).click();
    await page.getByRole('tab', { name: 'Комментарии' }).click();
    await expectScreenIn('ru', 'comments');
    await page.getByRole('tab', { name: 'Проблемы' }).click();
    await page.getByLabel('Показать на карте').check();
    await expectScreenIn('ru', 'pain-points');
    await page.getByLabel('Показать на карте').uncheck();
    await page.getByRole('tab', { name: 'Версии' }).click();
    await expectScreenIn('ru', 'versions');
    await page.getByRole('tab', { name: 'Свойства' }).click();

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Презентация' }).click();
    await ui.hidden(page.getByRole('toolbar', { name: 'Инструменты карты' }));
    await expectScreenIn('ru', 'presentation');
    await page.keyboard.press('Escape');
    await ui.visible(page.getByRole('toolbar', { name: 'Инструменты карты' }));
  });

  test('the process landscape: a sub-process step, its map and the breadcrumb back', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Назад в библиотеку' }).click();
    await page.getByRole('button', { name: 'Новая карта' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая карта' });
    await dialog.locator('.template-card', { hasText: 'Отдел продаж: ландшафт процессов' }).click();
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await ui.count(page.locator('.step-subprocess'), 12);
    await page.locator('.react-flow__node-step', { hasText: 'Квалификация лидов' }).click();
    await ui.visible(page.getByRole('button', { name: 'Открыть карту' }));
    await expectScreenIn('ru', 'landscape-subprocess');
    await page.locator('.react-flow__node-step', { hasText: 'Квалификация лидов' }).dblclick();
    const crumbs = page.getByRole('navigation', { name: 'Где находится эта карта' });
    await ui.texts(crumbs.locator('li'), ['Библиотека', 'Отдел продаж: ландшафт процессов', 'Квалификация лидов']);
    await expectScreenIn('ru', 'subprocess-map');
    await crumbs.getByRole('button', { name: 'Библиотека' }).click();
    await ui.visible(page.getByRole('heading', { name: 'Ваши карты' }));
    await ui.visible(page.locator('.map-card-parents').first());
    await expectScreenIn('ru', 'library-with-parts');
    await page.getByRole('button', { name: 'Открыть «Отдел продаж: ландшафт процессов»', exact: true }).click();
    await ui.count(page.locator('.step-subprocess'), 12);
  });

  test('settings from the toolbar', async () => {
    const { page } = suite;
    await page.getByRole('toolbar').getByRole('button', { name: 'Настройки' }).click();
    const dialog = page.getByRole('dialog', { name: 'Настройки' });
    await ui.value(dialog.getByLabel('Ваше имя'), 'Анна Петрова');
    await expectScreenIn('ru', 'settings-in-editor');
  });
});

describe('the interface in English again', () => {
  test('switching back to English changes the editor at once', async () => {
    const { page } = suite;
    await page.getByRole('dialog', { name: 'Настройки' }).getByLabel('Язык интерфейса').selectOption('en');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await ui.visible(dialog);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await ui.visible(page.getByRole('toolbar', { name: 'Map tools' }));
    await ui.eventually(() => stored('ui.language')).toBe('en');
  });

  test('an English map shows no Cyrillic: library, new map, editor, inspector, dialogs', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await ui.visible(page.getByRole('heading', { name: 'Your maps' }));
    await expectScreenIn('en', 'library');

    await page.getByRole('button', { name: 'New map' }).click();
    const created = page.getByRole('dialog', { name: 'New map' });
    await ui.visible(created.locator('.template-thumb img').first());
    expect(await created.locator('.template-card .badge').first().textContent()).toBe('EN');
    await expectScreenIn('en', 'new-map');
    await created.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Open Sample: from lead to closed deal' }).click();
    await ui.visible(page.getByRole('toolbar', { name: 'Map tools' }));
    await expectScreenIn('en', 'editor');

    await page.locator('.react-flow__node-step', { hasText: 'Qualify the lead' }).click();
    await ui.eventually(() => page.getByLabel('Step title').inputValue()).toMatch(/^Qualify the lead/);
    await expectScreenIn('en', 'inspector-step');

    await page.getByRole('button', { name: 'Export' }).click();
    await ui.visible(page.getByRole('dialog', { name: 'Export the map' }).getByRole('img', { name: 'Preview of the exported map' }));
    await expectScreenIn('en', 'export');
    await page.keyboard.press('Escape');

    await page.keyboard.press('?');
    await ui.visible(page.getByRole('dialog', { name: 'Keyboard shortcuts' }));
    await expectScreenIn('en', 'shortcuts');
    await page.keyboard.press('Escape');

    await page.getByRole('toolbar').getByRole('button', { name: 'Settings' }).click();
    await ui.visible(page.getByRole('dialog', { name: 'Settings' }));
    await expectScreenIn('en', 'settings');
    await page.keyboard.press('Escape');
  });
});
