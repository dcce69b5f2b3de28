/**
 * The Pain points tab (the analysis of the map in a workshop): with a step selected, one click
 * on Bottleneck, Redundant or Improvement idea is one vote (dot voting), "−" takes one back;
 * below, every mark sorted by votes (a click shows the step), and the overlay that colours the
 * canvas by votes. Every vote is an undoable command stored with the map.
 */
import { useReactFlow } from '@xyflow/react';
import { Minus, Plus } from 'lucide-react';
import { useMemo } from 'react';
import { LEAN_WASTES, PAIN_KINDS, type MapDoc, type PainKind } from '../../shared/model/types';
import { revealStep } from '../canvas/viewport';
import { formatNumber, useLanguage, useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';
import { heatLevel, HEAT_LEVELS, marksByVotes, painByStep, unvotePain, votePain } from './painPoints';
import { useReviewUi } from './reviewUi';
import { PAIN_ICONS } from './StepMarks';

const LEGEND_KEYS = ['none', 'few', 'some', 'many'] as const;

const WASTES: ReadonlySet<PainKind> = new Set(LEAN_WASTES);
/** Today's three marks first, then the eight Lean wastes, each under its heading. */
const KIND_GROUPS = [
  { key: 'marks', kinds: PAIN_KINDS.filter((k) => !WASTES.has(k)) },
  { key: 'wastes', kinds: [...LEAN_WASTES] },
] as const;

/** What a Lean waste is, in a line (the first three kinds need no explanation). */
export function wasteExplanation(t: ReturnType<typeof useT>, kind: PainKind): string | null {
  return WASTES.has(kind) ? t(`painPoints.explain.${kind as (typeof LEAN_WASTES)[number]}`) : null;
}

function stepTitle(doc: MapDoc, stepId: string, untitled: string) {
  return doc.steps[stepId]?.title.trim() || untitled;
}

export function PainPointsPanel() {
  const t = useT();
  useLanguage();
  const store = useEditorStore();
  const flow = useReactFlow();
  const doc = useEditor((s) => s.doc)!;
  const selection = useEditor((s) => s.selection);
  const overlay = useReviewUi((s) => s.overlay);
  const marks = useMemo(() => marksByVotes(doc), [doc]);
  const stepId = selection.steps.length === 1 && doc.steps[selection.steps[0]!] ? selection.steps[0]! : null;
  const pain = stepId ? painByStep(doc).get(stepId) : undefined;
  const untitled = t('common.untitledStep');

  function reveal(id: string) {
    store.getState().select({ steps: [id], flows: [] });
    const d = store.getState().doc;
    if (d) revealStep(flow, d, id);
  }

  return (
    <div className="side-panel review-panel pain-panel">
      <section className="pain-vote" aria-label={stepId ? t('painPoints.markFor', { title: stepTitle(doc, stepId, untitled) }) : undefined}>
        {stepId ? (
          <>
            <p className="pain-step muted">{t('painPoints.markFor', { title: stepTitle(doc, stepId, untitled) })}</p>
            {KIND_GROUPS.map((group) => (
              <div key={group.key} className="pain-kind-group">
                <h4 className="pain-kind-group-title">{t(`painPoints.groups.${group.key}`)}</h4>
                {group.key === 'wastes' && (
                  <details className="pain-wastes-help">
                    <summary>{t('painPoints.wastesHelp')}</summary>
                    <dl>
                      {LEAN_WASTES.map((kind) => (
                        <div key={kind}>
                          <dt>{t(`painPoints.kinds.${kind}`)}</dt>
                          <dd>{t(`painPoints.explain.${kind}`)}</dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                )}
                <ul className="pain-kinds">
                  {group.kinds.map((kind) => (
                    <KindRow
                      key={kind}
                      kind={kind}
                      votes={pain?.byKind[kind]?.votes ?? 0}
                      onVote={() => votePain(store, stepId, kind)}
                      onUnvote={() => {
                        const p = pain?.byKind[kind];
                        if (p) unvotePain(store, p.id);
                      }}
                    />
                  ))}
                </ul>
              </div>
            ))}
          </>
        ) : (
          <p className="muted">{t('painPoints.selectStep')}</p>
        )}
      </section>

      <div className="pain-overlay">
        <label className="checkbox">
          <input type="checkbox" checked={overlay} onChange={(e) => useReviewUi.getState().toggleOverlay(e.target.checked)} />
          <span>
            {t('painPoints.overlay')} <span className="muted">{t('painPoints.overlayHint')}</span>
          </span>
        </label>
      </div>

      <h3 className="pain-list-title">{t('painPoints.listTitle')}</h3>
      {marks.length === 0 ? (
        <p className="muted">{t('painPoints.empty')}</p>
      ) : (
        <ul className="pain-list">
          {marks.map((p) => {
            const Icon = PAIN_ICONS[p.kind];
            const title = stepTitle(doc, p.stepId, untitled);
            return (
              <li key={p.id} className={`pain-item heat-${heatLevel(p.votes)}`} data-pain-id={p.id}>
                <button
                  type="button"
                  className="pain-item-main"
                  onClick={() => reveal(p.stepId)}
                  aria-label={t('painPoints.onStep', { kind: t(`painPoints.kinds.${p.kind}`), title, votes: t('painPoints.votes', { count: p.votes }) })}
                >
                  <span className="pain-item-title" translate="no">
                    {title}
                  </span>
                  <span className={`pain-item-kind pain-${p.kind}`}>
                    <Icon size={12} aria-hidden /> {t(`painPoints.kinds.${p.kind}`)}
                  </span>
                </button>
                <span className="pain-votes" aria-hidden>
                  {formatNumber(p.votes)}
                </span>
                <button
                  type="button"
                  className="icon"
                  onClick={() => unvotePain(store, p.id)}
                  aria-label={t('painPoints.unvote', { kind: t(`painPoints.kinds.${p.kind}`) })}
                  title={t('painPoints.unvote', { kind: t(`painPoints.kinds.${p.kind}`) })}
                >
                  <Minus size={13} aria-hidden />
                </button>
                <button
                  type="button"
                  className="icon"
                  onClick={() => votePain(store, p.stepId, p.kind)}
                  aria-label={t('painPoints.vote', { kind: t(`painPoints.kinds.${p.kind}`) })}
                  title={t('painPoints.vote', { kind: t(`painPoints.kinds.${p.kind}`) })}
                >
                  <Plus size={13} aria-hidden />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function KindRow({ kind, votes, onVote, onUnvote }: { kind: PainKind; votes: number; onVote(): void; onUnvote(): void }) {
  const t = useT();
  const Icon = PAIN_ICONS[kind];
  const name = t(`painPoints.kinds.${kind}`);
  const explain = wasteExplanation(t, kind);
  return (
    <li className={`pain-kind pain-${kind}`}>
      <button
        type="button"
        className="pain-kind-vote"
        onClick={onVote}
        title={explain ? `${t('painPoints.vote', { kind: name })}\n${explain}` : t('painPoints.vote', { kind: name })}
        aria-description={explain ?? undefined}
        data-kind={kind}
      >
        <Icon size={14} aria-hidden /> <span>{name}</span>
        {votes > 0 && <span className="count">{t('painPoints.votes', { count: votes })}</span>}
      </button>
      <button
        type="button"
        className="icon"
        onClick={onUnvote}
        disabled={votes === 0}
        aria-label={t('painPoints.unvote', { kind: name })}
        title={t('painPoints.unvote', { kind: name })}
      >
        <Minus size={14} aria-hidden />
      </button>
    </li>
  );
}

/** The overlay's key, at the canvas's bottom-left corner while the overlay is on. */
export function PainOverlayLegend() {
  const t = useT();
  const overlay = useReviewUi((s) => s.overlay);
  if (!overlay) return null;
  return (
    <div className="heat-legend canvas-heat-legend" role="group" aria-label={t('painPoints.legend.title')}>
      <span className="muted">{t('painPoints.legend.title')}:</span>
      {HEAT_LEVELS.map((level) => (
        <span key={level} className="heat-legend-item">
          <span className={`heat-swatch heat-${level}`} aria-hidden /> {t(`painPoints.legend.${LEGEND_KEYS[level]}`)}
        </span>
      ))}
    </div>
  );
}
