/** Durations as people type and paste them into the step table, in English and Russian. */
import { describe, expect, test } from 'vitest';
import { formatDurationIn, parseDuration } from '../../shared/views/table';

const ok = (text: string, bare?: 'min' | 'h' | 'd') => {
  const r = parseDuration(text, bare);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.duration;
};

describe('parseDuration', () => {
  test.each([
    ['30', { value: 30, unit: 'min' }],
    ['30 min', { value: 30, unit: 'min' }],
    ['30 мин', { value: 30, unit: 'min' }],
    ['30 мин.', { value: 30, unit: 'min' }],
    ['90 минут', { value: 90, unit: 'min' }],
    ['1 минута', { value: 1, unit: 'min' }],
    ['1.5 h', { value: 1.5, unit: 'h' }],
    ['1,5 ч', { value: 1.5, unit: 'h' }],
    ['1,5ч', { value: 1.5, unit: 'h' }],
    ['1 час', { value: 1, unit: 'h' }],
    ['3 часа', { value: 3, unit: 'h' }],
    ['5 Часов', { value: 5, unit: 'h' }],
    ['2 hours', { value: 2, unit: 'h' }],
    ['2 d', { value: 2, unit: 'd' }],
    ['2 дн', { value: 2, unit: 'd' }],
    ['2 дн.', { value: 2, unit: 'd' }],
    ['2 дня', { value: 2, unit: 'd' }],
    ['5 дней', { value: 5, unit: 'd' }],
    ['1 день', { value: 1, unit: 'd' }],
    ['  10   MIN ', { value: 10, unit: 'min' }],
    ['0', { value: 0, unit: 'min' }],
    ['1 ч 30 мин', { value: 90, unit: 'min' }],
    ['1 d 4 h', { value: 12, unit: 'h' }],
    ['1:30', { value: 90, unit: 'min' }],
    ['1\u00a0000 мин', { value: 1000, unit: 'min' }],
  ])('"%s" is %o', (text, expected) => {
    expect(ok(text)).toEqual(expected);
  });

  test('a number alone is in minutes unless the column says another unit', () => {
    expect(ok('45')).toEqual({ value: 45, unit: 'min' });
    expect(ok('4', 'h')).toEqual({ value: 4, unit: 'h' });
    expect(ok('4 мин', 'h')).toEqual({ value: 4, unit: 'min' });
  });

  test('empty text is no duration', () => {
    expect(ok('')).toBeNull();
    expect(ok('   ')).toBeNull();
  });

  test.each([
    ['5 лет', 'unknownUnit', 'лет'],
    ['2 weeks', 'unknownUnit', 'weeks'],
    ['-3 h', 'negative', undefined],
    ['−3 ч', 'negative', undefined],
    ['abc', 'notDuration', undefined],
    ['ч', 'notDuration', undefined],
    ['3-5 ч', 'notDuration', undefined],
    ['1 30 мин', 'notDuration', undefined],
    ['2000000', 'tooLarge', undefined],
  ])('"%s" is refused: %s', (text, error, unit) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe(error);
      expect(r.unit).toBe(unit);
    }
  });

  test('what the table shows reads back as the same duration, in both languages', () => {
    for (const d of [
      { value: 30, unit: 'min' },
      { value: 1.5, unit: 'h' },
      { value: 2, unit: 'd' },
      { value: 0.25, unit: 'd' },
    ] as const) {
      for (const lang of ['en', 'ru'] as const) expect(ok(formatDurationIn(d, lang))).toEqual(d);
    }
    expect(formatDurationIn({ value: 1.5, unit: 'h' }, 'ru')).toBe('1,5 ч');
    expect(formatDurationIn({ value: 30, unit: 'min' }, 'en')).toBe('30 min');
  });
});
