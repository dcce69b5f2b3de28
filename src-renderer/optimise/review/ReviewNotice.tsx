/**
 * The reminder shown on opening a map whose review is due or overdue (issue 17): a band above
 * the map, not a dialog, with "Map properties" (where the review date is set; approving the map
 * sets the next one) and "Dismiss" (for this map until the app is restarted). It is shown to
 * the map's owner; see `isReviewOwner` for how the owner is recognised.
 */
import { CalendarClock } from 'lucide-react';
import { useState } from 'react';
import { localDate, reviewState } from '../../../shared/analysis/optimise';
import { REVIEW_EVERY_FIELD_ID } from '../../hierarchy/MapProperties';
import { useT } from '../../i18n';
import { useReviewUi } from '../../review/reviewUi';
import { useSettings } from '../../settings/settingsStore';
import { useEditor, useEditorStore } from '../../store/context';
import { formatDay, isReviewOwner } from './reviewDates';
import './review.css';

/** Reminders dismissed in this session, by map and date (a new date reminds again). */
const dismissed = new Set<string>();

export function ReviewNotice() {
  const t = useT();
  const store = useEditorStore();
  const mapId = useEditor((s) => s.doc?.id);
  const owner = useEditor((s) => s.doc?.owner);
  const nextReview = useEditor((s) => s.doc?.nextReview);
  const viewing = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const authorName = useSettings((s) => s.authorName);
  const [, rerender] = useState(0);
  if (!mapId || !nextReview || viewing) return null;
  const state = reviewState(nextReview, localDate());
  if (state !== 'due' && state !== 'overdue') return null;
  if (!isReviewOwner(owner, authorName)) return null;
  const key = `${mapId}:${nextReview}`;
  if (dismissed.has(key)) return null;

  const openProperties = () => {
    // the map's properties are the inspector with nothing selected
    store.getState().select({ steps: [], flows: [] });
    useReviewUi.getState().showTab('inspector');
    const focus = (tries: number) => {
      const field = document.getElementById(REVIEW_EVERY_FIELD_ID);
      if (field) {
        field.scrollIntoView({ block: 'nearest' });
        field.focus();
      } else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    requestAnimationFrame(() => focus(10));
  };

  return (
    <div className={`review-notice review-${state}`} role="status" aria-label={t('reviewCycle.notice.label')}>
      <CalendarClock size={16} aria-hidden />
      <p>{t(`reviewCycle.notice.${state}`, { date: formatDay(nextReview) })}</p>
      <div className="review-notice-actions">
        <button type="button" onClick={openProperties}>
          {t('reviewCycle.notice.open')}
        </button>
        <button
          type="button"
          onClick={() => {
            dismissed.add(key);
            rerender((n) => n + 1);
          }}
        >
          {t('reviewCycle.notice.dismiss')}
        </button>
      </div>
    </div>
  );
}
