/**
 * A phase's KPIs: the badges in its header on the canvas (a button that opens them for editing;
 * only shown in the presentation), and the dialog that edits them, opened from there or from
 * the phase's row in the Phases panel.
 */
import { Target } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Phase } from '../../../shared/model/types';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n';
import { useEditor } from '../../store/context';
import { KpiEditor } from './KpiEditor';
import { KpiBadgeRow, kpisDescription, useKpiMarksReadOnly } from './KpiBadges';

/** Edits the KPIs of one phase; closes when the phase is gone (e.g. an undo removed it). */
export function PhaseKpiDialog({ phaseId, onClose }: { phaseId: string; onClose(): void }) {
  const t = useT();
  const phase = useEditor((s) => s.doc?.phases[phaseId]);
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  if (!phase) return null;
  // events in the dialog stay out of the canvas it may be drawn from (a portal still bubbles there in React)
  const stop = (e: SyntheticEvent) => e.stopPropagation();
  return (
    <div className="kpi-dialog-host" onClick={stop} onMouseDown={stop} onPointerDown={stop} onDoubleClick={stop} onKeyDown={stop} onWheel={stop}>
      <Dialog title={t('kpiUi.phaseDialog', { name: phase.name })} onCancel={onClose}>
        <fieldset className="read-only-fence" disabled={readOnly}>
          <p className="muted hint">{t('kpiUi.sectionHint')}</p>
          <KpiEditor owner={{ kind: 'phase', id: phase.id }} kpis={phase.kpis ?? []} heading={false} />
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose}>
            {t('kpiUi.done')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

/** The KPI badges in a phase header: a button to edit them (shown only in the presentation). */
export function PhaseKpiBadges({ phase }: { phase: Phase }) {
  const t = useT();
  const readOnly = useKpiMarksReadOnly();
  const [open, setOpen] = useState(false);
  const kpis = phase.kpis ?? [];
  if (!kpis.length) return null;
  const description = kpisDescription(kpis);
  if (readOnly) {
    return (
      <span className="kpi-badges phase-kpis" role="img" aria-label={`${t('kpiUi.phaseButton', { name: phase.name })}: ${description}`} title={description}>
        <KpiBadgeRow kpis={kpis} max={3} />
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="kpi-badges phase-kpis nodrag nopan"
        aria-label={`${t('kpiUi.phaseButton', { name: phase.name })}: ${description}`}
        title={`${description}\n${t('kpiUi.editHint')}`}
        onClick={(e) => {
          e.stopPropagation();
          e.currentTarget.blur();
          setOpen(true);
        }}
      >
        <KpiBadgeRow kpis={kpis} max={3} />
      </button>
      {open && createPortal(<PhaseKpiDialog phaseId={phase.id} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

/** The KPI button of a phase's row in the Phases panel, with how many it has. */
export function PhaseKpiButton({ phase }: { phase: Phase }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const count = phase.kpis?.length ?? 0;
  return (
    <>
      <button
        type="button"
        className={`icon-button phase-kpi-button${count ? ' has-kpis' : ''}`}
        aria-label={t('kpiUi.phaseButton', { name: phase.name })}
        title={t('kpiUi.phaseButton', { name: phase.name })}
        onClick={() => setOpen(true)}
      >
        <Target size={13} aria-hidden />
        {count > 0 && <span className="phase-kpi-count">{count}</span>}
      </button>
      {open && createPortal(<PhaseKpiDialog phaseId={phase.id} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
