/**
 * The optimisation figures of the Check tab (issue 17): the share of work time done by hand (for
 * the map, each role and each phase, with a small bar), the steps most worth automating (hand
 * work per case, how often the step is done) and the KPIs off target. A click on a step or a
 * phase shows it on the canvas. Computed with the rest of the analysis (in a worker for big maps).
 */
import { useState } from 'react';
import type { AutomationCandidate, AutomationSplit, KpiRow } from '../../../shared/analysis/optimise';
import { kpiValue } from '../../../shared/analysis/optimise';
import { orderedPhases, orderedRoles } from '../../../shared/model/geometry';
import type { MapDoc } from '../../../shared/model/types';
import type { OptimiseAnalysis } from '../../analysis/compute';
import { formatWorkTime } from '../../export/localized';
import { formatNumber, formatPercent, useT } from '../../i18n';
import './automation.css';

/** How many candidates are shown before "show all". */
export const CANDIDATES_SHOWN = 8;

export type RevealTarget = { kind: 'step'; id: string } | { kind: 'phase'; id: string };

/** "×2 — в цикле", "×0,3 — ветка 30 %", "×1". */
export function howOften(t: ReturnType<typeof useT>, visits: number): string {
  const times = formatNumber(visits, visits >= 1 ? 1 : 2);
  if (visits > 1.0001) return t('automationUi.candidates.loop', { times });
  if (visits < 0.9999) return t('automationUi.candidates.branch', { times, share: formatPercent(visits) });
  return t('automationUi.candidates.once');
}

export function OptimiseFigures({ doc, figures, reveal }: { doc: MapDoc; figures: OptimiseAnalysis; reveal(target: RevealTarget): void }) {
  const t = useT();
  return (
    <>
      <ManualWork doc={doc} figures={figures} />
      <Candidates doc={doc} list={figures.candidates} reveal={reveal} />
      <KpisOffTarget doc={doc} rows={figures.kpis} reveal={reveal} t={t} />
    </>
  );
}

function Bar({ share, label }: { share: number; label: string }) {
  return (
    <span className="share-bar" role="img" aria-label={label}>
      <span style={{ width: `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%` }} />
    </span>
  );
}

function ManualWork({ doc, figures }: { doc: MapDoc; figures: OptimiseAnalysis }) {
  const t = useT();
  const a = figures.automation;
  const rows = (parts: { id: string; name: string; s: AutomationSplit | undefined }[]) => (
    <div className="share-rows">
      {parts
        .filter((p) => p.s && p.s.total > 0)
        .map((p) => (
          <div className="share-row" key={p.id} title={splitText(t, p.s!)}>
            <span className="name" translate="no">
              {p.name}
            </span>
            <Bar share={p.s!.manualShare} label={t('automationUi.manual.barLabel', { name: p.name, share: formatPercent(p.s!.manualShare) })} />
            <span className="value">{formatPercent(p.s!.manualShare)}</span>
          </div>
        ))}
    </div>
  );
  const phases = [
    ...orderedPhases(doc).map((p) => ({ id: p.id, name: p.name, s: a.byPhase.get(p.id) })),
    ...(a.byPhase.get(null) && orderedPhases(doc).length > 0 ? [{ id: '-', name: t('common.noPhase'), s: a.byPhase.get(null) }] : []),
  ];
  return (
    <section className="check-group check-figures optimise-figures manual-work" aria-label={t('automationUi.manual.title')}>
      <h3>{t('automationUi.manual.title')}</h3>
      {a.total === 0 ? (
        <p className="muted">{t('automationUi.manual.noWork')}</p>
      ) : (
        <>
          <div className="share-main" title={t('automationUi.manual.shareHint')}>
            <span className="muted">{t('automationUi.manual.share')}</span>
            <strong className="manual-share">{formatPercent(a.manualShare)}</strong>
            <Bar share={a.manualShare} label={t('automationUi.manual.barLabel', { name: doc.title, share: formatPercent(a.manualShare) })} />
          </div>
          <p className="muted">{splitText(t, a)}</p>
        </>
      )}
      {a.untimed > 0 && <p className="muted manual-untimed">{t('automationUi.manual.untimed', { count: a.untimed })}</p>}
      {a.total > 0 && (
        <>
          <details>
            <summary>{t('automationUi.manual.byRole')}</summary>
            {rows(orderedRoles(doc).map((r) => ({ id: r.id, name: r.name, s: a.byRole.get(r.id) })))}
          </details>
          {phases.length > 1 && (
            <details>
              <summary>{t('automationUi.manual.byPhase')}</summary>
              {rows(phases)}
            </details>
          )}
        </>
      )}
    </section>
  );
}

function splitText(t: ReturnType<typeof useT>, s: AutomationSplit): string {
  return t('automationUi.manual.split', { manual: formatWorkTime(s.manual), partial: formatWorkTime(s.partial), auto: formatWorkTime(s.auto) });
}

function Candidates({ doc, list, reveal }: { doc: MapDoc; list: AutomationCandidate[]; reveal(target: RevealTarget): void }) {
  const t = useT();
  const [all, setAll] = useState(false);
  const shown = all ? list : list.slice(0, CANDIDATES_SHOWN);
  const untitled = t('common.untitledStep');
  return (
    <section className="check-group optimise-figures automation-candidates" aria-label={t('automationUi.candidates.title')}>
      <h3>
        {t('automationUi.candidates.title')} <span className="muted">{formatNumber(list.length)}</span>
      </h3>
      <p className="muted check-explain">{t('automationUi.candidates.explain')}</p>
      {list.length === 0 ? (
        <p className="muted">{t('automationUi.candidates.none')}</p>
      ) : (
        <ol className="candidate-list">
          {shown.map((c) => {
            const step = doc.steps[c.stepId];
            if (!step) return null;
            return (
              <li key={c.stepId}>
                <button type="button" className="check-item" onClick={() => reveal({ kind: 'step', id: c.stepId })} data-step={c.stepId}>
                  <span className="candidate-title" translate={step.title.trim() ? 'no' : undefined}>
                    {step.title.trim() || untitled}
                  </span>
                  <span className="candidate-meta">
                    {c.work > 0 ? formatWorkTime(c.work) : t('automationUi.candidates.untimed')} · {howOften(t, c.visits)}
                    {c.work > 0 && <> · {t('automationUi.candidates.perCase', { time: formatWorkTime(c.score) })}</>}
                    {c.level === 'partial' && <> · {t('automationUi.candidates.partial')}</>}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {!all && list.length > CANDIDATES_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          {t('automationUi.candidates.showAll')} ({t('automationUi.candidates.more', { count: list.length - CANDIDATES_SHOWN })})
        </button>
      )}
    </section>
  );
}

function KpisOffTarget({ doc, rows, reveal, t }: { doc: MapDoc; rows: KpiRow[]; reveal(target: RevealTarget): void; t: ReturnType<typeof useT> }) {
  const off = rows.filter((r) => r.status === 'missed');
  if (rows.length === 0) return null;
  const untitled = t('common.untitledStep');
  const ownerName = (r: KpiRow) =>
    r.owner.kind === 'phase' ? `${t('automationUi.kpis.phase')} «${doc.phases[r.owner.id]?.name ?? ''}»` : doc.steps[r.owner.id]?.title.trim() || untitled;
  return (
    <section className="check-group optimise-figures kpis-off-target" aria-label={t('automationUi.kpis.title')}>
      <h3>
        {t('automationUi.kpis.title')} <span className="muted">{formatNumber(off.length)}</span>
      </h3>
      {off.length === 0 ? (
        <p className="muted">{t('automationUi.kpis.none')}</p>
      ) : (
        <ul className="kpi-off-list">
          {off.map((r) => (
            <li key={`${r.owner.id}:${r.kpi.id}`}>
              <button type="button" className="check-item" onClick={() => reveal(r.owner)} title={t(`automationUi.kpis.${r.kpi.better}`)}>
                <span className="kpi-off-name" translate="no">
                  {t('automationUi.kpis.row', {
                    name: r.kpi.name,
                    current: kpiValue(r.kpi.current, r.kpi.unit, formatNumber),
                    target: kpiValue(r.kpi.target, r.kpi.unit, formatNumber),
                  })}
                </span>
                <span className="candidate-meta" translate="no">
                  {ownerName(r)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
