/**
 * The resources of the open map by role (issue 10, part 3): a row per tool or system (the most
 * used first), a column per role, in each cell the steps of that role using it (the first few,
 * the rest behind "+N more"; all of them on hover), and totals. A step's title selects the step
 * for the inspector. Derived live by `resourceUse` (shared/views/resources.ts); no edits here.
 */
import { useMemo, useState } from 'react';
import { foldText } from '../../../shared/model/search';
import type { MapDoc, Role } from '../../../shared/model/types';
import { resourceUse, type ResourceRow } from '../../../shared/views/resources';
import { formatNumber, useLanguage, useT } from '../../i18n';
import { useEditor, useEditorStore } from '../../store/context';
import { ViewBar } from '../raci/ViewBar';
import './resources.css';

/** Steps shown in a cell before "+N more". */
const SHOWN = 2;
const NAME_W = 200;
const ROLE_W = 156;
const TOTAL_W = 76;

export function ResourcesView() {
  const t = useT();
  useLanguage();
  const doc = useEditor((s) => s.doc)!;
  const selected = useEditor((s) => s.selection.steps);
  const use = useMemo(() => resourceUse(doc), [doc]);
  // cells opened to show all their steps, by folded resource and role
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const facts = (
    <>
      <span>{t('resourcesView.resourceCount', { count: use.rows.length })}</span>
      <span>{t('resourcesView.uses', { count: use.total })}</span>
    </>
  );
  const bar = (
    <ViewBar view="resources" title={t('resourcesView.title')} facts={facts}>
      <p>{t('resourcesView.note')}</p>
    </ViewBar>
  );
  if (use.roles.length === 0 || use.rows.length === 0) {
    return (
      <div className="mx-view resources-view">
        {bar}
        <p className="mx-empty">{use.roles.length === 0 ? t('resourcesView.emptyRoles') : t('resourcesView.empty')}</p>
      </div>
    );
  }
  const selectedSet = new Set(selected);
  const width = NAME_W + use.roles.length * ROLE_W + TOTAL_W;
  return (
    <div className="mx-view resources-view">
      {bar}
      <div className="res-scroll">
        <table className="res-table" aria-label={t('resourcesView.tableLabel')} style={{ width, ['--name-w' as string]: `${NAME_W}px` }}>
          <colgroup>
            <col style={{ width: NAME_W }} />
            {use.roles.map((r) => (
              <col key={r.id} style={{ width: ROLE_W }} />
            ))}
            <col style={{ width: TOTAL_W }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="res-name">
                {t('resourcesView.resource')}
              </th>
              {use.roles.map((r) => (
                <th key={r.id} scope="col" className="res-role" style={{ ['--role-color' as string]: r.color }} title={r.name}>
                  <span translate="no">{r.name}</span>
                </th>
              ))}
              <th scope="col" className="res-total" title={t('resourcesView.totalTip')}>
                {t('resourcesView.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {use.rows.map((row) => (
              <tr key={foldText(row.resource)}>
                <th scope="row" className="res-name" translate="no">
                  {row.resource}
                </th>
                {use.roles.map((role) => {
                  const key = `${foldText(row.resource)}|${role.id}`;
                  return (
                    <StepsCell key={role.id} doc={doc} row={row} role={role} expanded={open.has(key)} onToggle={() => toggle(key)} selected={selectedSet} />
                  );
                })}
                <td className="res-total">{formatNumber(row.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="res-name">
                {t('resourcesView.total')}
              </th>
              {use.roles.map((r) => (
                <td key={r.id} className="res-role-total" title={t('resourcesView.roleTotalTip')}>
                  {formatNumber(use.roleTotals[r.id] ?? 0)}
                </td>
              ))}
              <td className="res-total">{formatNumber(use.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

function StepsCell(props: { doc: MapDoc; row: ResourceRow; role: Role; expanded: boolean; onToggle(): void; selected: Set<string> }) {
  const { doc, row, role, expanded, onToggle, selected } = props;
  const t = useT();
  const store = useEditorStore();
  const ids = row.byRole[role.id] ?? [];
  if (ids.length === 0) return <td className="res-cell is-empty" />;
  const title = (id: string) => doc.steps[id]?.title.trim() || t('common.untitledStep');
  const shown = expanded ? ids : ids.slice(0, SHOWN);
  const summary = t('resourcesView.cellSteps', { count: ids.length, role: role.name, resource: row.resource });
  return (
    <td className="res-cell" data-role={role.id} title={`${summary}:\n${ids.map(title).join('\n')}`}>
      <span className="res-count" aria-label={summary}>
        {formatNumber(ids.length)}
      </span>
      <ul className="res-steps">
        {shown.map((id) => (
          <li key={id} className={selected.has(id) ? 'is-selected' : undefined}>
            <button type="button" className="mx-step-link" translate="no" onClick={() => store.getState().select({ steps: [id], flows: [] })}>
              {title(id)}
            </button>
          </li>
        ))}
      </ul>
      {ids.length > SHOWN && (
        <button type="button" className="mx-more" aria-expanded={expanded} onClick={onToggle}>
          {expanded ? t('resourcesView.less') : t('resourcesView.more', { count: ids.length - SHOWN })}
        </button>
      )}
    </td>
  );
}
