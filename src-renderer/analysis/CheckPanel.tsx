/**
 * The Check tab (issue 10): the map's figures (lead time, work, waiting, efficiency, hand-offs;
 * per phase and role) and its checks, updated on every edit (in a worker for big maps), grouped
 * by rule with their severity and a one-line explanation. A click selects what a finding is about
 * and brings it into view. A finding can be dismissed with a reason (stored with the map,
 * undoable, listed as dismissed), a rule switched off for the map. Also the hand-offs between
 * roles and the rework loops.
 */
import { geometryOf } from '../canvas/frame';
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type FormEvent } from 'react';
import { dismissalOf, RULES, type ReviewedFindings, type Finding, type FindingTarget, type RuleId } from '../../shared/analysis/checks';
import type { Figures } from '../../shared/analysis/figures';
import { cmd, dismissalKey } from '../../shared/model/commands';
import { orderedPhases, orderedRoles } from '../../shared/model/geometry';
import { LIMITS, type MapDoc } from '../../shared/model/types';
import { revealStep } from '../canvas/viewport';
import { formatWorkTime } from '../export/localized';
import { formatDate, formatNumber, formatPercent, useLanguage, useT } from '../i18n';
import { useSettings } from '../settings/settingsStore';
import { useEditor, useEditorStore } from '../store/context';
import { useAnalysisUi } from './analysisUi';
import { useAnalysis, useReviewedFindings } from './useAnalysis';
import { requestView } from '../views/views';
import { whenCanvasOpens } from '../views/table/showOnMap';
import { OptimiseFigures, type RevealTarget } from '../optimise/automation/OptimiseFigures';
import { PHASE_NODE_PREFIX } from '../canvas/nodes';
import { phaseRect } from '../presentation/framing';
import { LimitedTextarea } from '../components/limits/useTextLimit';

/** How many open problems and warnings the map has (hints, dismissed findings and rules switched off are not counted). */
export function useFindingCount(): number {
  const seen = useReviewedFindings();
  return useMemo(() => (seen ? seen.open.filter((f) => f.severity !== 'hint').length : 0), [seen]);
}

/** Until the first analysis of a big map is in. */
const NOTHING_SEEN: ReviewedFindings = { open: [], dismissed: [], off: [] };

export function CheckPanel() {
  const t = useT();
  useLanguage();
  const store = useEditorStore();
  const flow = useReactFlow();
  const doc = useEditor((s) => s.doc)!;
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const { analysis, stale } = useAnalysis();
  const authorName = useSettings((s) => s.authorName);
  const marks = useAnalysisUi((s) => s.marks);
  const setUi = useAnalysisUi((s) => s.set);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const seen = useReviewedFindings() ?? NOTHING_SEEN;
  const groups = useMemo(() => {
    const byRule = new Map<RuleId, Finding[]>();
    for (const f of seen.open) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    return [...byRule.entries()];
  }, [seen]);
  if (!analysis) return <div className="side-panel check-panel muted">{t('check.stale')}</div>;
  const untitled = t('common.untitledStep');
  const stepName = (id: string) => doc.steps[id]?.title.trim() || untitled;

  /** Selects a step or flow a finding is about and brings it into view (on the map view). */
  function reveal(target: FindingTarget) {
    const d = store.getState().doc;
    if (!d || target.kind === 'map') return;
    const stepId = target.kind === 'step' ? target.id : target.kind === 'flow' ? d.flows[target.id]?.fromStepId : undefined;
    if (!stepId || !d.steps[stepId]) return;
    store.getState().select(target.kind === 'step' ? { steps: [target.id], flows: [] } : { steps: [], flows: [target.id] });
    // from another view the map is shown first, and the step brought into view once it is drawn
    if (requestView('map'))
      whenCanvasOpens(() => {
        const now = store.getState().doc;
        if (now?.steps[stepId]) revealStep(flow, now, stepId);
      });
    else revealStep(flow, d, stepId);
  }
  /** A step or a phase of the optimisation figures: the step is selected, the phase's column brought into view. */
  function revealFigure(target: RevealTarget) {
    if (target.kind === 'step') return reveal(target);
    const show = () => {
      // from the map's geometry: a column off screen (or in the overview picture) is not a mounted node
      const now = store.getState().doc;
      const column = now ? phaseRect(now, geometryOf(now), target.id) : null;
      if (!column) return;
      const { zoom } = flow.getViewport();
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const { x, width: w, height: h } = column;
      // the column's header at the top of the pane, the column centred across
      const y = pane ? column.y + Math.min(h / 2, pane.height / zoom / 2 - 16) : column.y + h / 2;
      void flow.setCenter(x + w / 2, y, { zoom, duration: 250 });
      document.querySelector<HTMLElement>(`[data-id="${CSS.escape(PHASE_NODE_PREFIX + target.id)}"]`)?.focus({ preventScroll: true });
    };
    store.getState().select({ steps: [], flows: [] });
    if (requestView('map')) whenCanvasOpens(show);
    else show();
  }
  const handOffCount = analysis.handOffs.reduce((n, h) => n + h.flowIds.length, 0);
  const dismiss = (f: Finding, reason: string) => {
    store
      .getState()
      .run(cmd('dismissFinding', { dismissal: dismissalOf(f, reason.trim(), authorName.trim().slice(0, LIMITS.author), new Date().toISOString()) }));
    setDismissing(null);
  };
  const switchRule = (rule: RuleId, enabled: boolean) => store.getState().run(cmd('setRuleEnabled', { rule, enabled }));

  return (
    <div className={`side-panel review-panel check-panel${stale ? ' is-stale' : ''}`}>
      <p className="muted">
        {t('check.intro')} {stale && <span className="check-stale">{t('check.stale')}</span>}
      </p>
      <FiguresSection doc={doc} figures={analysis.figures} />
      {analysis.optimise && <OptimiseFigures doc={doc} figures={analysis.optimise} reveal={revealFigure} />}
      {groups.length === 0 ? (
        <p className="check-clean">{t('check.clean')}</p>
      ) : (
        groups.map(([rule, list]) => (
          <section key={rule} className={`check-group severity-${RULES[rule]}`} aria-label={t(`check.rules.${rule}.title`)}>
            <h3>
              <span className={`check-severity severity-${RULES[rule]}`}>{t(`check.severity.${RULES[rule]}`)}</span> {t(`check.rules.${rule}.title`)}{' '}
              <span className="muted">{formatNumber(list.length)}</span>
              <button
                type="button"
                className="link-button check-rule-off"
                aria-label={t('check.ruleOffLabel', { rule: t(`check.rules.${rule}.title`) })}
                onClick={() => switchRule(rule, false)}
              >
                {t('check.ruleOff')}
              </button>
            </h3>
            <p className="muted check-explain">{t(`check.rules.${rule}.explain`)}</p>
            <ul className="check-list">
              {list.map((f) => {
                const name = f.target.kind === 'map' ? doc.title : targetName(doc, f, stepName);
                return (
                  <li key={f.key} className="check-row">
                    {f.target.kind === 'step' || f.target.kind === 'flow' ? (
                      <button type="button" className="check-item" onClick={() => reveal(f.target)} data-finding={f.key}>
                        <FindingText name={name} item={f.item} />
                      </button>
                    ) : (
                      <span className="check-item" data-finding={f.key}>
                        <FindingText name={name} item={f.item} />
                      </span>
                    )}
                    {!readOnly && dismissing !== f.key && (
                      <button
                        type="button"
                        className="link-button check-dismiss"
                        aria-label={t('check.dismissLabel', { name })}
                        onClick={() => setDismissing(f.key)}
                      >
                        {t('check.dismiss')}
                      </button>
                    )}
                    {dismissing === f.key && <DismissForm onCancel={() => setDismissing(null)} onDismiss={(reason) => dismiss(f, reason)} />}
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
      {seen.dismissed.length > 0 && (
        <section className="check-group check-dismissed" aria-label={t('check.dismissedTitle')}>
          <h3>
            {t('check.dismissedTitle')} <span className="muted">{formatNumber(seen.dismissed.length)}</span>
          </h3>
          <ul className="check-list">
            {seen.dismissed.map(({ finding: f, dismissal: d }) => {
              const name = f.target.kind === 'map' ? doc.title : targetName(doc, f, stepName);
              return (
                <li key={f.key} className="check-row">
                  <button type="button" className="check-item" onClick={() => reveal(f.target)}>
                    <span className="muted">{t(`check.rules.${f.rule}.title`)}: </span>
                    <FindingText name={name} item={f.item} />
                  </button>
                  <p className="check-reason">
                    «<span translate="no">{d.reason}</span>»{' '}
                    <span className="muted">{t('check.dismissedBy', { by: d.by || t('comments.anonymous'), date: formatDate(d.at, 'date') })}</span>
                  </p>
                  {!readOnly && (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('check.restoreLabel', { name })}
                      onClick={() => store.getState().run(cmd('restoreFinding', { key: dismissalKey(d) }))}
                    >
                      {t('check.restore')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section className="check-group" aria-label={t('check.handOffs', { count: handOffCount })}>
        <h3>{t('check.handOffs', { count: handOffCount })}</h3>
        <ul className="check-list">
          {analysis.handOffs.map((h) => (
            <li key={`${h.fromRoleId}>${h.toRoleId}`} className="check-item">
              <span translate="no">
                {doc.roles[h.fromRoleId]?.name} → {doc.roles[h.toRoleId]?.name}
              </span>{' '}
              <span className="muted">{formatNumber(h.flowIds.length)}</span>
            </li>
          ))}
        </ul>
        <h3>{t('check.rework', { count: analysis.rework.length })}</h3>
        <ul className="check-list">
          {analysis.rework
            .filter((id) => doc.flows[id])
            .map((id) => {
              const f = doc.flows[id]!;
              return (
                <li key={id}>
                  <button type="button" className="check-item" onClick={() => reveal({ kind: 'flow', id })}>
                    <span translate="no">
                      «{stepName(f.fromStepId)}» → «{stepName(f.toStepId)}»
                    </span>
                  </button>
                </li>
              );
            })}
        </ul>
      </section>
      <details className="check-group check-rules" open={seen.off.length > 0}>
        <summary>
          {t('check.rulesTitle')}
          {seen.off.length > 0 && <span className="muted"> · {t('check.rulesOff', { count: seen.off.length })}</span>}
        </summary>
        <p className="muted">{t('check.rulesIntro')}</p>
        <label className="checkbox">
          <input type="checkbox" checked={marks} onChange={(e) => setUi({ marks: e.target.checked })} />
          <span>{t('check.showMarkers')}</span>
        </label>
        <ul className="check-rule-list">
          {(Object.keys(RULES) as RuleId[]).map((rule) => (
            <li key={rule}>
              <label className="checkbox">
                <input type="checkbox" checked={!seen.off.includes(rule)} onChange={(e) => switchRule(rule, e.target.checked)} />
                <span>
                  <span className={`check-severity severity-${RULES[rule]}`}>{t(`check.severity.${RULES[rule]}`)}</span> {t(`check.rules.${rule}.title`)}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function FindingText({ name, item }: { name: string; item?: string }) {
  return (
    <>
      <span translate="no">{name}</span>
      {item && (
        <span className="muted">
          {' '}
          · <span translate="no">{item}</span>
        </span>
      )}
    </>
  );
}

/** Asks why a finding is not a problem here; a reason is required. */
function DismissForm({ onDismiss, onCancel }: { onDismiss(reason: string): void; onCancel(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(true);
    onDismiss(reason);
  };
  return (
    <form className="check-dismiss-form" onSubmit={submit}>
      <label className="field">
        <span>{t('check.reason')}</span>
        <LimitedTextarea
          autoFocus
          rows={2}
          maxLength={LIMITS.reason}
          value={reason}
          placeholder={t('check.reasonPlaceholder')}
          aria-invalid={error}
          onChange={(e) => [setReason(e.target.value), setError(false)]}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {t('check.reasonRequired')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary">
          {t('check.dismiss')}
        </button>
      </div>
    </form>
  );
}

/** The figures of the map, and per phase and role. */
function FiguresSection({ doc, figures }: { doc: MapDoc; figures: Figures & { byPhase: Map<string | null, Figures>; byRole: Map<string, Figures> } }) {
  const t = useT();
  const row = (label: string, value: string, hint?: string) => (
    <div className="figure-row" title={hint}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const table = (title: string, parts: { id: string; name: string; f: Figures | undefined }[]) => (
    <details>
      <summary>{title}</summary>
      <table className="figures-table">
        <thead>
          <tr>
            <th scope="col">{t('figures.part')}</th>
            <th scope="col">{t('figures.leadTime')}</th>
            <th scope="col">{t('figures.workTotal')}</th>
            <th scope="col">{t('figures.waitTotal')}</th>
            <th scope="col">{t('figures.handOffs')}</th>
          </tr>
        </thead>
        <tbody>
          {parts
            .filter((p) => p.f)
            .map((p) => (
              <tr key={p.id}>
                <th scope="row" translate="no">
                  {p.name}
                </th>
                <td>{formatWorkTime(p.f!.leadTime)}</td>
                <td>{formatWorkTime(p.f!.workTotal)}</td>
                <td>{formatWorkTime(p.f!.waitTotal)}</td>
                <td>{formatNumber(p.f!.handOffs)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </details>
  );
  const phases = [
    ...orderedPhases(doc).map((p) => ({ id: p.id, name: p.name, f: figures.byPhase.get(p.id) })),
    ...(figures.byPhase.get(null) ? [{ id: '-', name: t('common.noPhase'), f: figures.byPhase.get(null) }] : []),
  ];
  return (
    <section className="check-group check-figures" aria-label={t('figures.title')}>
      <h3>{t('figures.title')}</h3>
      {figures.criticalPath.length === 0 ? (
        <p className="muted">{t('figures.noPath')}</p>
      ) : (
        <dl className="figure-list">
          {row(t('figures.leadTime'), formatWorkTime(figures.leadTime), t('figures.leadTimeHint'))}
          {row(t('figures.workOnPath'), formatWorkTime(figures.workOnPath), t('figures.workOnPathHint'))}
          {row(t('figures.efficiency'), formatPercent(figures.efficiency), t('figures.efficiencyHint'))}
          {row(t('figures.workTotal'), formatWorkTime(figures.workTotal))}
          {row(t('figures.waitTotal'), formatWorkTime(figures.waitTotal))}
          {row(t('figures.handOffs'), formatNumber(figures.handOffs))}
        </dl>
      )}
      <p className="muted">
        {figures.criticalPath.length > 0 && <>{t('figures.pathSteps', { count: figures.criticalPath.length })}. </>}
        {t('figures.dayNote')}
      </p>
      {phases.length > 1 && table(t('figures.byPhase'), phases)}
      {table(
        t('figures.byRole'),
        orderedRoles(doc).map((r) => ({ id: r.id, name: r.name, f: figures.byRole.get(r.id) })),
      )}
    </section>
  );
}

/** What a finding is about, as a person calls it. */
function targetName(doc: MapDoc, f: Finding, stepName: (id: string) => string): string {
  switch (f.target.kind) {
    case 'step':
      return stepName(f.target.id);
    case 'flow': {
      const flow = doc.flows[f.target.id];
      return flow ? `«${stepName(flow.fromStepId)}» → «${stepName(flow.toStepId)}»${flow.label ? ` (${flow.label})` : ''}` : '';
    }
    case 'role':
      return doc.roles[f.target.id]?.name ?? '';
    case 'phase':
      return doc.phases[f.target.id]?.name ?? '';
    default:
      return doc.title;
  }
}
