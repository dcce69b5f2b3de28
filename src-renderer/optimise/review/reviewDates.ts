/** The review cycle's dates as the interface shows them, and who is reminded of a review. */
import { reviewState, type ReviewState } from '../../../shared/analysis/optimise';
import { formatDate, t } from '../../i18n';

/** A calendar date (YYYY-MM-DD) in the user's language: «30 мая 2027 г.», "May 30, 2027". */
export function formatDay(ymd: string): string {
  // noon local time: the day never shifts with the time zone
  return formatDate(`${ymd}T12:00:00`, 'date');
}

/** «Пересмотр до 30 мая 2027 г.» / «Пересмотр просрочен: срок был …»; null when nothing is due. */
export function reviewStateText(nextReview: string | null | undefined, today: string): { state: ReviewState; text: string } | null {
  const state = reviewState(nextReview, today);
  if (state !== 'due' && state !== 'overdue') return null;
  return { state, text: t(`reviewCycle.state.${state}`, { date: formatDay(nextReview!) }) };
}

const fold = (s: string) => s.trim().toLocaleLowerCase();

/**
 * Whether the review reminder is for this user. The map's owner is a free-text name and the
 * user's name comes from the settings, so they are compared trimmed and regardless of case.
 * A map with no owner reminds everyone (nobody else would be told), and so does a map with an
 * owner when the user has not set a name (we cannot tell whether it is them).
 */
export function isReviewOwner(owner: string | undefined, authorName: string): boolean {
  if (!owner || !owner.trim()) return true;
  if (!authorName.trim()) return true;
  return fold(owner) === fold(authorName);
}
