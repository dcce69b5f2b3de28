/**
 * The interface's two languages (src-renderer/i18n/en.ts and ru.ts): the same keys (plural
 * forms aside: English one/other, Russian one/few/many/other), no empty text, the same
 * {{placeholders}}, no English left in the Russian; and the plural and number formatting
 * a Russian reader expects.
 */
import { describe, expect, test } from 'vitest';
import { en } from '../../src-renderer/i18n/en';
import { ru } from '../../src-renderer/i18n/ru';
import { formatDuration, formatNumber, i18n, systemLanguage, type Messages } from '../../src-renderer/i18n';
import { LATIN_ALLOWED } from '../support/latinAllowed';

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** The plural forms each language needs (Intl.PluralRules' categories for integers and fractions). */
const FORMS = { en: ['one', 'other'], ru: ['one', 'few', 'many', 'other'] } as const;

/** Every text with its dotted key. */
function flatten(m: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Keys without their plural suffix, with the forms each has. */
function groups(flat: Map<string, string>): Map<string, { forms: string[]; texts: string[] }> {
  const out = new Map<string, { forms: string[]; texts: string[] }>();
  for (const [key, text] of flat) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    const g = out.get(base) ?? { forms: [], texts: [] };
    if (m) g.forms.push(m[1]!);
    g.texts.push(text);
    out.set(base, g);
  }
  return out;
}

const placeholders = (texts: string[]) => [...new Set(texts.flatMap((s) => [...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!)))].sort();

const enFlat = flatten(en);
const ruFlat = flatten(ru);
const enGroups = groups(enFlat);
const ruGroups = groups(ruFlat);

describe('en.ts and ru.ts', () => {
  test('have the same keys, plural forms aside', () => {
    expect([...ruGroups.keys()].sort()).toEqual([...enGroups.keys()].sort());
  });

  test('each plural key has every form its language needs, and no other', () => {
    const wrong: string[] = [];
    for (const [lang, gs] of [
      ['en', enGroups],
      ['ru', ruGroups],
    ] as const) {
      for (const [base, g] of gs) {
        if (g.forms.length === 0) continue;
        if ([...g.forms].sort().join() !== [...FORMS[lang]].sort().join()) wrong.push(`${lang}: ${base} has ${g.forms.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('a key is plural in both languages or in neither', () => {
    const mismatched = [...enGroups].filter(([base, g]) => g.forms.length > 0 !== (ruGroups.get(base)?.forms.length ?? 0) > 0).map(([base]) => base);
    expect(mismatched).toEqual([]);
  });

  test('no text is empty', () => {
    const empty = [...enFlat, ...ruFlat].filter(([, text]) => !text.trim()).map(([key]) => key);
    expect(empty).toEqual([]);
  });

  test('both languages fill in the same placeholders', () => {
    const differ = [...enGroups]
      .filter(([base, g]) => ruGroups.has(base) && placeholders(g.texts).join() !== placeholders(ruGroups.get(base)!.texts).join())
      .map(([base, g]) => `${base}: en ${placeholders(g.texts).join(',')} / ru ${placeholders(ruGroups.get(base)!.texts).join(',')}`);
    expect(differ).toEqual([]);
  });

  test('the Russian has no English words left in it (names of formats, keys and products aside)', () => {
    const allowed = new Set(LATIN_ALLOWED);
    // single letters are keys ("(P)") or coordinates (x, y)
    const leftovers = [...ruFlat]
      .map(([key, text]) => [key, text.replace(/\{\{[^}]*\}\}/g, '')] as const)
      .flatMap(([key, text]) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w)).map((w) => `${key}: ${w}`));
    expect(leftovers).toEqual([]);
  });
});

describe('Russian plurals and numbers', () => {
  const ruT = i18n.getFixedT('ru');

  test.each([
    [1, '1 шаг'],
    [2, '2 шага'],
    [5, '5 шагов'],
    [11, '11 шагов'],
    [21, '21 шаг'],
    [0, '0 шагов'],
    [1234, '1 234 шага'],
  ])('%i steps read «%s»', (count, text) => {
    // Intl groups thousands with a no-break space in Russian
    expect(ruT('common.stepCount', { count }).replace(/\u00a0/g, ' ')).toBe(text);
  });

  test('English counts say step / steps', () => {
    const enT = i18n.getFixedT('en');
    expect([1, 2, 1234].map((count) => enT('common.stepCount', { count }))).toEqual(['1 step', '2 steps', '1,234 steps']);
  });

  test('durations and numbers use the language of the interface', async () => {
    await i18n.changeLanguage('ru');
    try {
      expect(formatDuration({ value: 1.5, unit: 'h' })).toBe('1,5 ч');
      expect(formatNumber(12345.5).replace(/\u00a0/g, ' ')).toBe('12 345,5');
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(formatDuration({ value: 1.5, unit: 'h' })).toBe('1.5 h');
  });

  test('the system language is Russian for ru*, English otherwise', () => {
    expect(['ru', 'ru-RU', 'ru_UA', 'RU'].map((tag) => systemLanguage(tag))).toEqual(['ru', 'ru', 'ru', 'ru']);
    expect(['en-US', 'de', 'uk-UA', 'rus', '', undefined].map((tag) => systemLanguage(tag))).toEqual(['en', 'en', 'en', 'en', 'en', 'en']);
  });
});
