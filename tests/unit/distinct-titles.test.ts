/**
 * Titles a person can tell apart: a map imported again, or made again from the landscape
 * template, gets "… (2)", "(3)"… (compared case- and ё/е-insensitively, the title limit kept by
 * cutting the base); the landscape template links the library's maps of its detailed processes
 * instead of copying them when asked to.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { distinctTitle, mapsTitled, sameTitle } from '../../shared/model/titles';
import { LIMITS } from '../../shared/model/types';
import { salesMap } from '../support/builders';
import { dispatch } from '../../src-main/services/dispatch';
import { call, openTempLibrary, removeTempDirs, type TempLibrary } from '../support/library';

const libs: TempLibrary[] = [];
afterEach(() => {
  for (const l of libs.splice(0)) if (l.db.open) l.close();
  removeTempDirs();
});
function library() {
  const lib = openTempLibrary();
  libs.push(lib);
  return lib;
}
const NOW = '2026-11-30T10:00:00.000Z';

describe('distinctTitle', () => {
  test('a free title is kept as it is', () => {
    expect(distinctTitle('Воронка продаж', ['Другая карта'])).toBe('Воронка продаж');
  });

  test('a taken title gets (2), then (3), in Cyrillic, whatever the case and ё/е', () => {
    expect(distinctTitle('Приём заявок', ['приём заявок'])).toBe('Приём заявок (2)');
    expect(distinctTitle('Прием заявок', ['ПРИЁМ   ЗАЯВОК', 'Приём заявок (2)'])).toBe('Прием заявок (3)');
    expect(distinctTitle('Lead qualification', ['lead QUALIFICATION', 'Lead qualification (2)', 'lead qualification (3)'])).toBe('Lead qualification (4)');
  });

  test('a title that already ends in a number is numbered on, not numbered twice', () => {
    expect(distinctTitle('Отгрузка (2)', ['Отгрузка', 'Отгрузка (2)'])).toBe('Отгрузка (3)');
  });

  test('at the title limit the base is cut, never the number', () => {
    const long = 'ё'.repeat(LIMITS.mapTitle);
    const second = distinctTitle(long, ['Е'.repeat(LIMITS.mapTitle)]);
    expect(second).toHaveLength(LIMITS.mapTitle);
    expect(second.endsWith(' (2)')).toBe(true);
    expect(second.startsWith('ё'.repeat(LIMITS.mapTitle - 4))).toBe(true);
    const third = distinctTitle(long, [long, second]);
    expect(third).toHaveLength(LIMITS.mapTitle);
    expect(third.endsWith(' (3)')).toBe(true);
    expect(distinctTitle('x'.repeat(LIMITS.mapTitle), ['x'.repeat(LIMITS.mapTitle)], LIMITS.mapTitle)).toBe(`${'x'.repeat(LIMITS.mapTitle - 4)} (2)`);
  });

  test('sameTitle and mapsTitled compare as Find does and pick the most recently changed map', () => {
    expect(sameTitle('Ёлка', 'елка')).toBe(true);
    expect(sameTitle('Ёлка', 'Ёлки')).toBe(false);
    const found = mapsTitled({ a: 'Квалификация лидов', b: 'Нет такой' }, [
      { id: 'old', title: 'квалификация лидов', updatedAt: '2026-01-01T00:00:00.000Z' },
      { id: 'new', title: 'Квалификация  лидов', updatedAt: '2026-05-01T00:00:00.000Z' },
    ]);
    expect(found).toEqual({ a: { id: 'new', title: 'Квалификация  лидов' } });
  });
});

describe('maps:import of a title the library already has', () => {
  test('the same file imported twice or three times is "Title", "Title (2)", "Title (3)"', () => {
    const lib = library();
    const doc = { ...salesMap(), title: 'Сделки с ёлками' };
    const text = toLanemapJson(doc, { exportedAt: NOW });
    const titles = [1, 2, 3].map(() => call(lib.services, 'maps:import', { text }).title);
    expect(titles).toEqual(['Сделки с ёлками', 'Сделки с ёлками (2)', 'Сделки с ёлками (3)']);
    // another spelling of the same title (е for ё, capitals) is the same title
    const other = toLanemapJson({ ...doc, title: 'СДЕЛКИ С ЕЛКАМИ' }, { exportedAt: NOW });
    expect(call(lib.services, 'maps:import', { text: other }).title).toBe('СДЕЛКИ С ЕЛКАМИ (4)');
  });

  test('a file titled at the limit imported again keeps the limit, cutting the title, not the number', () => {
    const lib = library();
    const title = 'Щ'.repeat(LIMITS.mapTitle);
    const text = toLanemapJson({ ...salesMap(), title }, { exportedAt: NOW });
    call(lib.services, 'maps:import', { text });
    const again = call(lib.services, 'maps:import', { text });
    expect(again.title).toBe(`${'Щ'.repeat(LIMITS.mapTitle - 4)} (2)`);
    expect(call(lib.services, 'maps:get', { id: again.id }).title).toBe(again.title);
  });
});

describe('the landscape template beside maps of its detailed processes', () => {
  const detailed = (lib: TempLibrary, language: 'ru' | 'en') => {
    const templates = call(lib.services, 'templates:list', {});
    const landscape = templates.find((t) => t.id === `process-landscape.${language}`)!;
    return Object.values(landscape.links).map((base) => templates.find((t) => t.id === `${base}.${language}`)!.doc.title);
  };

  test('made twice with copies, the second landscape and its detailed maps are titled "(2)"', () => {
    const lib = library();
    const first = call(lib.services, 'maps:createFromTemplate', { templateId: 'process-landscape.ru' });
    const second = call(lib.services, 'maps:createFromTemplate', { templateId: 'process-landscape.ru', existing: 'copy' });
    expect(second.title).toBe(`${first.title} (2)`);
    const children = Object.values(second.steps)
      .filter((s) => s.linkedMapId)
      .map((s) => call(lib.services, 'maps:get', { id: s.linkedMapId! }).title);
    expect(children.sort()).toEqual(
      detailed(lib, 'ru')
        .map((t) => `${t} (2)`)
        .sort(),
    );
    const titles = call(lib.services, 'maps:list', {}).map((m) => m.title.toLocaleLowerCase('ru'));
    expect(new Set(titles).size).toBe(titles.length);
  });

  test('asked to link, the landscape links the library maps of the same titles (in its language) and makes only the missing ones', () => {
    const lib = library();
    const titles = detailed(lib, 'ru');
    // the library has the first detailed process (titled in other capitals and with е for ё) and an English one
    const mine = call(lib.services, 'maps:create', { title: titles[0]!.toLocaleUpperCase('ru').replace(/Ё/g, 'Е') });
    const english = detailed(lib, 'en');
    call(lib.services, 'maps:create', { title: english[1]! });
    const before = call(lib.services, 'maps:list', {}).length;
    const landscape = call(lib.services, 'maps:createFromTemplate', { templateId: 'process-landscape.ru', existing: 'link' });
    const linked = Object.values(landscape.steps).filter((s) => s.linkedMapId);
    expect(linked).toHaveLength(titles.length);
    expect(linked.filter((s) => s.linkedMapId === mine.id)).toHaveLength(1);
    // the landscape and the other detailed maps are new (not the English one)
    expect(call(lib.services, 'maps:list', {})).toHaveLength(before + 1 + titles.length - 1);
    expect(call(lib.services, 'maps:list', {}).find((m) => m.id === mine.id)?.partOf).toEqual([{ id: landscape.id, title: landscape.title }]);
  });

  test('an unknown choice is refused as bad input and makes nothing', () => {
    const lib = library();
    const before = call(lib.services, 'maps:list', {}).length;
    const reply = dispatch(lib.services, 'maps:createFromTemplate', { templateId: 'process-landscape.ru', existing: 'both' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(call(lib.services, 'maps:list', {})).toHaveLength(before);
  });
});
