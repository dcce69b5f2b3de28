/** The lanes panel: add, rename, recolour, reorder and remove roles. */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { cmd } from '../../shared/model/commands';
import { orderedRoles } from '../../shared/model/geometry';
import { newId } from '../../shared/model/ids';
import { LIMITS, type Role } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';
import { PhasesPanel } from './PhasesPanel';
import './panelNames.css';

export const PALETTE = ['#2f80ed', '#27ae60', '#f2994a', '#7c5cff', '#eb5757', '#00a3a3', '#c2549d', '#8d6e63'];

export function RolesPanel() {
  const t = useT();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const [removing, setRemoving] = useState<Role | null>(null);
  const roles = orderedRoles(doc);
  const counts = new Map<string, number>();
  for (const s of Object.values(doc.steps)) counts.set(s.roleId, (counts.get(s.roleId) ?? 0) + 1);
  const run = store.getState().run;

  const remove = (role: Role) => {
    if ((counts.get(role.id) ?? 0) > 0) setRemoving(role);
    else run(cmd('removeRole', { roleId: role.id }));
  };

  return (
    <aside className="roles-panel" aria-label={t('lanes.panelLabel')}>
      <section aria-label={t('lanes.label')}>
        <h2 className="panel-title">{t('lanes.title')}</h2>
        <ul className="role-list">
          {roles.map((r, i) => (
            <li key={r.id} className="role-row">
              <input
                type="color"
                aria-label={t('lanes.colour', { name: r.name })}
                value={r.color}
                onChange={(e) => run(cmd('updateRole', { roleId: r.id, color: e.target.value }), { coalesceKey: `role-color:${r.id}` })}
              />
              <CommitField
                label={t('lanes.name', { name: r.name })}
                value={r.name}
                required
                wrap
                maxLength={LIMITS.roleName}
                onCommit={(name) => run(cmd('updateRole', { roleId: r.id, name: name.trim() }), { coalesceKey: `role-name:${r.id}` })}
              />
              <span className="muted role-count" title={t('editor.laneSteps')}>
                {counts.get(r.id) ?? 0}
              </span>
              <div className="role-actions">
                <button
                  className="icon-button"
                  aria-label={t('lanes.moveUp', { name: r.name })}
                  disabled={i === 0}
                  onClick={() => run(cmd('moveRole', { roleId: r.id, toIndex: i - 1 }))}
                >
                  <ArrowUp size={13} />
                </button>
                <button
                  className="icon-button"
                  aria-label={t('lanes.moveDown', { name: r.name })}
                  disabled={i === roles.length - 1}
                  onClick={() => run(cmd('moveRole', { roleId: r.id, toIndex: i + 1 }))}
                >
                  <ArrowDown size={13} />
                </button>
                <button className="icon-button" aria-label={t('lanes.remove', { name: r.name })} onClick={() => remove(r)}>
                  <Trash2 size={13} />
                </button>
              </div>
            </li>
          ))}
        </ul>
        <button
          className="add-role"
          onClick={() =>
            run(cmd('addRole', { id: newId(), name: t('lanes.newName', { n: roles.length + 1 }), color: PALETTE[roles.length % PALETTE.length]! }))
          }
        >
          <Plus size={14} aria-hidden /> {t('lanes.add')}
        </button>
      </section>
      <PhasesPanel />
      {removing && (
        <RemoveRoleDialog
          role={removing}
          others={roles.filter((r) => r.id !== removing.id)}
          count={counts.get(removing.id) ?? 0}
          onDone={() => setRemoving(null)}
        />
      )}
    </aside>
  );
}

export function RemoveRoleDialog({ role, others, count, onDone }: { role: Role; others: Role[]; count: number; onDone(): void }) {
  const t = useT();
  const store = useEditorStore();
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const run = store.getState().run;
  return (
    <Dialog title={t('lanes.removeTitle', { name: role.name })} onCancel={onDone}>
      <p>{t('lanes.removeQuestion', { count })}</p>
      {others.length > 0 && (
        <label className="field">
          <span>{t('lanes.moveStepsTo')}</span>
          <select aria-label={t('lanes.moveStepsTo')} value={target} onChange={(e) => setTarget(e.target.value)}>
            {others.map((r) => (
              <option key={r.id} value={r.id} translate="no">
                {r.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => (run(cmd('removeRole', { roleId: role.id, deleteSteps: true })), onDone())}>
          {t('lanes.deleteSteps')}
        </button>
        {others.length > 0 && (
          <button type="button" className="primary" onClick={() => (run(cmd('removeRole', { roleId: role.id, moveStepsTo: target })), onDone())}>
            {t('lanes.moveAndRemove')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
