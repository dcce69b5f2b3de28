/**
 * The SWOT board as a page of the presentation (issue 17): S shows it over the map, S or Esc
 * goes back to the step. Read only, large type for a projector; each quadrant scrolls on its
 * own if it holds more than fits, and a note's steps are named under it.
 */
import { useMemo } from 'react';
import type { MapDoc, SwotNote, SwotQuadrant } from '../../../shared/model/types';
import { SWOT_GRID, linkedSteps, swotByQuadrant } from '../../../shared/views/swot';
import { useT } from '../../i18n';
import './swotPage.css';

const LETTERS: Record<SwotQuadrant, string> = { strengths: 'S', weaknesses: 'W', opportunities: 'O', threats: 'T' };

/** A full quadrant is set smaller so that more of it fits on the screen (it still scrolls past that). */
function dense(notes: SwotNote[]): boolean {
  return notes.length > 6 || notes.reduce((n, note) => n + note.text.length + 40, 0) > 420;
}

export function SwotPage({ doc }: { doc: MapDoc }) {
  const t = useT();
  const by = useMemo(() => swotByQuadrant(doc), [doc]);
  const untitled = t('common.untitledStep');
  return (
    <section className="pres-swot" aria-label={t('swotView.present.label', { title: doc.title })}>
      <div className="pres-swot-grid">
        {SWOT_GRID.map((q) => (
          <div key={q} className={`pres-swot-quadrant is-${q}${dense(by[q]) ? ' is-dense' : ''}`} data-quadrant={q}>
            <h2 className="pres-swot-heading">
              <span className="pres-swot-letter" aria-hidden="true">
                {LETTERS[q]}
              </span>
              {t(`swotView.quadrants.${q}`)}
            </h2>
            {by[q].length === 0 ? (
              <p className="pres-swot-hint">{t(`swotView.hints.${q}`)}</p>
            ) : (
              <ul className="pres-swot-notes">
                {by[q].map((n) => {
                  const steps = linkedSteps(doc, n);
                  return (
                    <li key={n.id}>
                      <span translate="no">{n.text}</span>
                      {steps.length > 0 && (
                        <span className="pres-swot-steps" translate="no">
                          {steps.map((s) => s.title.trim() || untitled).join(' · ')}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
