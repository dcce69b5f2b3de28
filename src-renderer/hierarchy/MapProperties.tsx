/**
 * The map's properties, as the article's first step asks: why the map is made (training,
 * optimisation, monitoring, other) and who owns it; and how often it is reviewed (issue 17):
 * every N months (absent: the default; 0: not regularly) and the date of the next review,
 * which approving the map sets. Shown in the inspector when nothing is selected, above the
 * description. Every change is one undoable edit.
 */
import { X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { cmd } from '../../shared/model/commands';
import { DEFAULT_REVIEW_MONTHS, LIMITS, PURPOSES, type MapDoc, type Purpose } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { useT } from '../i18n';
import { useEditorStore } from '../store/context';
import '../optimise/review/review.css';

/** The months field's id: the review reminder moves the focus here ("Map properties"). */
export const REVIEW_EVERY_FIELD_ID = 'map-review-every';

export function MapProperties({ doc }: { doc: MapDoc }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  return (
    <>
      <label className="field">
        <span>{t('properties.purpose')}</span>
        <select
          aria-label={t('properties.purpose')}
          value={doc.purpose ?? ''}
          onChange={(e) => run(cmd('setMapProperties', { purpose: (e.target.value || null) as Purpose | null }))}
        >
          <option value="">{t('properties.purposeUnset')}</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`properties.purposes.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('properties.owner')}</span>
        <CommitField
          label={t('properties.owner')}
          value={doc.owner ?? ''}
          maxLength={LIMITS.owner}
          placeholder={t('properties.ownerPlaceholder')}
          onCommit={(owner) => run(cmd('setMapProperties', { owner }), { coalesceKey: 'map:owner' })}
        />
      </label>
      <ReviewFields doc={doc} />
    </>
  );
}

function ReviewFields({ doc }: { doc: MapDoc }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  const stored = doc.reviewEveryMonths === undefined ? '' : String(doc.reviewEveryMonths);
  const [draft, setDraft] = useState(stored);
  const [bad, setBad] = useState(false);
  /** The field holds text that is no number ("1e"): a number input then reports an empty value. */
  const unreadable = useRef(false);
  // an undo or another window changes the value under the field
  useEffect(() => {
    setDraft(stored);
    setBad(false);
  }, [stored]);

  const commitMonths = () => {
    const text = draft.trim();
    if (unreadable.current) return setBad(true);
    if (text === stored) return setBad(false);
    const n = text === '' ? null : Number(text);
    if (n !== null && (!Number.isInteger(n) || n < 0 || n > LIMITS.reviewMonths)) return setBad(true);
    setBad(false);
    run(cmd('setReviewCycle', { everyMonths: n }));
  };

  return (
    <>
      <label className="field">
        <span>{t('reviewCycle.every')}</span>
        <input
          id={REVIEW_EVERY_FIELD_ID}
          type="number"
          inputMode="numeric"
          min={0}
          max={LIMITS.reviewMonths}
          step={1}
          aria-label={t('reviewCycle.every')}
          aria-describedby="map-review-every-hint"
          aria-invalid={bad || undefined}
          placeholder={String(DEFAULT_REVIEW_MONTHS)}
          value={draft}
          onChange={(e) => {
            unreadable.current = e.target.validity.badInput;
            setDraft(e.target.value);
          }}
          onBlur={commitMonths}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitMonths();
            else if (e.key === 'Escape' && draft !== stored) {
              e.stopPropagation();
              unreadable.current = false;
              setDraft(stored);
              setBad(false);
            }
          }}
        />
        <small id="map-review-every-hint" className={bad ? 'field-error' : 'muted'} role={bad ? 'alert' : undefined}>
          {bad ? t('reviewCycle.badEvery', { max: LIMITS.reviewMonths }) : t('reviewCycle.everyHint', { count: DEFAULT_REVIEW_MONTHS })}
        </small>
      </label>
      <div className="field">
        <label htmlFor="map-next-review" className="field-label">
          {t('reviewCycle.next')}
        </label>
        <div className="review-date-row">
          <input
            id="map-next-review"
            type="date"
            aria-label={t('reviewCycle.next')}
            value={doc.nextReview ?? ''}
            onChange={(e) => {
              const v = e.target.value;
              // a date input gives a whole date or nothing (its clear button)
              if (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v)) run(cmd('setReviewCycle', { nextReview: v || null }), { coalesceKey: 'map:nextReview' });
            }}
          />
          {doc.nextReview && (
            <button
              type="button"
              className="icon-button"
              aria-label={t('reviewCycle.clearNext')}
              title={t('reviewCycle.clearNext')}
              onClick={() => run(cmd('setReviewCycle', { nextReview: null }))}
            >
              <X size={14} aria-hidden />
            </button>
          )}
        </div>
      </div>
    </>
  );
}
