/**
 * The review cycle's words and who is reminded (issue 17): a due or overdue review in both
 * languages with the date written out, nothing for a review far ahead or none, and the owner
 * rule (trimmed, regardless of case; no owner or no user name: everyone).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { addMonths, applyCommand, cmd } from '../../shared/model/commands';
import { i18n } from '../../src-renderer/i18n';
import { formatDay, isReviewOwner, reviewStateText } from '../../src-renderer/optimise/review/reviewDates';
import { salesMap } from '../support/builders';

afterAll(() => i18n.changeLanguage('en'));

describe('the review state in words', () => {
  test('Russian: overdue since, due by; nothing when far ahead or not planned', async () => {
    await i18n.changeLanguage('ru');
    expect(formatDay('2026-10-12')).toBe('12 окт. 2026 г.');
    expect(reviewStateText('2026-10-12', '2026-11-30')).toEqual({ state: 'overdue', text: 'Пересмотр просрочен с 12 окт. 2026 г.' });
    expect(reviewStateText('2026-12-20', '2026-11-30')).toEqual({ state: 'due', text: 'Пересмотр до 20 дек. 2026 г.' });
    expect(reviewStateText('2027-05-30', '2026-11-30')).toBeNull();
    expect(reviewStateText(null, '2026-11-30')).toBeNull();
    expect(i18n.t('reviewCycle.filterDue', { count: 3 })).toBe('Пора пересмотреть (3)');
  });

  test('English, and a date never shifts a day', async () => {
    await i18n.changeLanguage('en');
    expect(formatDay('2027-05-30')).toBe('May 30, 2027');
    expect(formatDay('2027-01-01')).toBe('Jan 1, 2027');
    expect(reviewStateText('2026-11-29', '2026-11-30')!.text).toBe('Review overdue since Nov 29, 2026');
  });
});

describe('who is reminded', () => {
  test.each([
    ['Анна Смирнова', 'Анна Смирнова', true],
    ['  анна смирнова ', 'АННА СМИРНОВА', true],
    ['Анна Смирнова', 'Иван Петров', false],
    ['', 'Иван Петров', true],
    [undefined, 'Иван Петров', true],
    ['Анна Смирнова', '', true],
    ['Анна Смирнова', '   ', true],
  ] as const)('owner %j, user %j: %s', (owner, user, shown) => {
    expect(isReviewOwner(owner, user)).toBe(shown);
  });
});

describe('approving sets the next review the map’s cycle ahead', () => {
  test('3 months, the default 6, none with 0; the 31st lands on the month’s last day', () => {
    const at = '2026-11-30T10:00:00.000Z';
    const approve = (every?: number) => {
      let doc = salesMap();
      if (every !== undefined) doc = applyCommand(doc, cmd('setReviewCycle', { everyMonths: every }));
      return applyCommand(doc, cmd('setStatus', { status: 'approved', by: 'Анна', at })).nextReview;
    };
    expect(approve(3)).toBe('2027-02-28');
    expect(approve()).toBe('2027-05-30');
    expect(approve(0)).toBeUndefined();
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });
});
