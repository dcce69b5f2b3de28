/** Numbers typed into a KPI's target and current value, as Russians and others type them. */
import { describe, expect, test } from 'vitest';
import { editableNumber, parseKpiNumber } from '../../src-renderer/optimise/kpi/parse';

describe('parseKpiNumber', () => {
  test.each([
    ['12', 12],
    ['12,5', 12.5],
    ['12.5', 12.5],
    [' 1 000,25 ', 1000.25],
    ['1\u00a0000', 1000],
    ['-3', -3],
    ['−3,5', -3.5],
    [',5', 0.5],
    ['', null],
    ['   ', null],
  ])('given "%s", then it is %s', (text, value) => {
    expect(parseKpiNumber(text)).toEqual({ ok: true, value });
  });

  test.each(['abc', '12,5,1', '1.2.3', '12%', '<script>', '1e400', '9'.repeat(20), '--1'])('given "%s", then it is refused', (text) => {
    expect(parseKpiNumber(text).ok).toBe(false);
  });

  test('a value is edited with the language decimal separator and read back the same', () => {
    expect(editableNumber(12.5, true)).toBe('12,5');
    expect(editableNumber(12.5, false)).toBe('12.5');
    expect(editableNumber(null, true)).toBe('');
    expect(parseKpiNumber(editableNumber(0.25, true))).toEqual({ ok: true, value: 0.25 });
  });
});
