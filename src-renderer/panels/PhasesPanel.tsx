/** The phases section of the left panel: the stages of the sales cycle, drawn as columns. */
import { ArrowDown, ArrowUp, ListPlus, Plus, Trash2 } from 'lucide-react';
import { cmd } from '../../shared/model/commands';
import { orderedPhases } from '../../shared/model/geometry';
import { newId } from '../../shared/model/ids';
import { LIMITS } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';
import { PhaseKpiButton } from '../optimise/kpi/PhaseKpis';

/** The seven stages of the sales cycle (see the domain notes), offered in one click; names in `phases.salesCycle`. */
export const SALES_CYCLE = ['preparation', 'leads', 'client', 'closing', 'delivery', 'service', 'analysis'] as const;

export function PhasesPanel() {
  const t = useT();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const phases = orderedPhases(doc);
  const counts = new Map<string, number>();
  for (const s of Object.values(doc.steps)) if (s.phaseId) counts.set(s.phaseId, (counts.get(s.phaseId) ?? 0) + 1);
  const run = store.getState().run;

  return (
    <section className="phases-panel" aria-label={t('phases.label')}>
      <h2 className="panel-title">{t('phases.title')}</h2>
      {phases.length === 0 && <p className="muted hint">{t('phases.hint')}</p>}
      <ul className="role-list">
        {phases.map((p, i) => (
          <li key={p.id} className="role-row phase-row">
            <span className="phase-index muted">{i + 1}</span>
            <CommitField
              label={t('phases.name', { name: p.name })}
              value={p.name}
              required
              wrap
              maxLength={LIMITS.roleName}
              onCommit={(name) => run(cmd('renamePhase', { phaseId: p.id, name: name.trim() }), { coalesceKey: `phase-name:${p.id}` })}
            />
            <span className="muted role-count" title={t('editor.phaseSteps')}>
              {counts.get(p.id) ?? 0}
            </span>
            <div className="role-actions">
              <PhaseKpiButton phase={p} />
              <button
                className="icon-button"
                aria-label={t('phases.moveEarlier', { name: p.name })}
                disabled={i === 0}
                onClick={() => run(cmd('movePhase', { phaseId: p.id, toIndex: i - 1 }))}
              >
                <ArrowUp size={13} />
              </button>
              <button
                className="icon-button"
                aria-label={t('phases.moveLater', { name: p.name })}
                disabled={i === phases.length - 1}
                onClick={() => run(cmd('movePhase', { phaseId: p.id, toIndex: i + 1 }))}
              >
                <ArrowDown size={13} />
              </button>
              <button
                className="icon-button"
                aria-label={t('phases.remove', { name: p.name })}
                title={t('phases.removeHint')}
                onClick={() => run(cmd('removePhase', { phaseId: p.id }))}
              >
                <Trash2 size={13} />
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div className="panel-actions">
        <button className="add-role" onClick={() => run(cmd('addPhase', { id: newId(), name: t('phases.newName', { n: phases.length + 1 }) }))}>
          <Plus size={14} aria-hidden /> {t('phases.add')}
        </button>
        {phases.length === 0 && (
          <button
            className="add-role"
            onClick={() => run(cmd('addPhases', { phases: SALES_CYCLE.map((stage) => ({ id: newId(), name: t(`phases.salesCycle.${stage}`) })) }))}
          >
            <ListPlus size={14} aria-hidden /> {t('phases.addSalesCycle')}
          </button>
        )}
      </div>
    </section>
  );
}
