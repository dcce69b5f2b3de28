/**
 * The SIPOC of the open map (issue 10, part 3): Suppliers, Inputs, Process, Outputs, Customers,
 * one row per phase (or per step of a landscape map or a map without phases), derived live from
 * the map by `sipoc` (shared/views/sipoc.ts, where the rules are written down). Read only: it
 * changes as the map does; a step's title selects the step for the inspector.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { sipoc, type SipocItem, type SipocParty, type SipocRow } from '../../../shared/views/sipoc';
import type { MapDoc } from '../../../shared/model/types';
import { useLanguage, useT } from '../../i18n';
import { useEditor, useEditorStore } from '../../store/context';
import { ViewBar } from '../raci/ViewBar';
import './sipoc.css';

/** Entries of a list shown before "+N more", and rows before "show more rows": a 2,000-step map stays quick. */
const SHOWN = 12;
const ROWS = 100;

export function SipocView() {
  const t = useT();
  useLanguage();
  const doc = useEditor((s) => s.doc)!;
  const selected = useEditor((s) => s.selection.steps);
  const s = useMemo(() => sipoc(doc), [doc]);
  const [rowLimit, setRowLimit] = useState(ROWS);
  const unknown = s.rows.reduce((n, r) => n + r.inputs.filter((i) => i.parties.length === 0).length, 0);
  const hasItems = s.rows.some((r) => r.inputs.length + r.outputs.length > 0);
  const mode = s.by === 'phases' ? t('sipocView.byPhase') : s.reason === 'landscape' ? t('sipocView.byStepLandscape') : t('sipocView.byStepNoPhases');

  const facts = (
    <>
      <span>{t('sipocView.rowCount', { count: s.rows.length })}</span>
      {unknown > 0 && <span className="mx-fact-warn">{t('sipocView.unknownCount', { count: unknown })}</span>}
    </>
  );
  const bar = (
    <ViewBar view="sipoc" title={t('sipocView.title')} facts={facts}>
      <p>
        <strong className="sipoc-mode">{mode}</strong> {t('sipocView.derivation')}
      </p>
    </ViewBar>
  );
  if (Object.keys(doc.steps).length === 0 || s.rows.length === 0) {
    return (
      <div className="mx-view sipoc-view">
        {bar}
        <p className="mx-empty">{t('sipocView.emptyMap')}</p>
      </div>
    );
  }
  const selectedSet = new Set(selected);
  const hidden = s.rows.length - rowLimit;
  return (
    <div className="mx-view sipoc-view">
      {bar}
      {!hasItems && <p className="mx-empty sipoc-hint">{t('sipocView.emptyItems')}</p>}
      <div className="sipoc-scroll">
        <table className="sipoc-table" aria-label={t('sipocView.tableLabel')}>
          <colgroup>
            <col className="sipoc-col-party" />
            <col className="sipoc-col-items" />
            <col className="sipoc-col-process" />
            <col className="sipoc-col-items" />
            <col className="sipoc-col-party" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">
                <span className="sipoc-letter">S</span> {t('sipocView.suppliers')}
              </th>
              <th scope="col">
                <span className="sipoc-letter">I</span> {t('sipocView.inputs')}
              </th>
              <th scope="col">
                <span className="sipoc-letter">P</span> {t('sipocView.process')}
              </th>
              <th scope="col">
                <span className="sipoc-letter">O</span> {t('sipocView.outputs')}
              </th>
              <th scope="col">
                <span className="sipoc-letter">C</span> {t('sipocView.customers')}
              </th>
            </tr>
          </thead>
          {s.rows.slice(0, rowLimit).map((row) => (
            <SipocGroup key={row.id ?? ''} row={row} doc={doc} selected={selectedSet} />
          ))}
        </table>
        {hidden > 0 && (
          <button type="button" className="sipoc-more-rows" onClick={() => setRowLimit((n) => n + ROWS)}>
            {t('sipocView.moreRows', { count: Math.min(ROWS, hidden) })}
          </button>
        )}
      </div>
    </div>
  );
}

/** One row of the SIPOC: its phase (or step) named across the table, then the five lists. */
function SipocGroup({ row, doc, selected }: { row: SipocRow; doc: MapDoc; selected: Set<string> }) {
  const t = useT();
  const store = useEditorStore();
  const select = (id: string) => store.getState().select({ steps: [id], flows: [] });
  const name = row.kind === 'no-phase' ? t('common.noPhase') : row.name.trim() || (row.kind === 'step' ? t('common.untitledStep') : '—');
  const untitled = t('common.untitledStep');
  const showStep = t('sipocView.showStep');
  const stepName = (id: string) => doc.steps[id]?.title.trim() || untitled;
  return (
    <tbody data-row={row.id ?? ''}>
      <tr className="sipoc-name">
        <th colSpan={5} scope="rowgroup">
          {row.kind !== 'no-phase' && <span className="sipoc-name-kind">{row.kind === 'step' ? t('sipocView.step') : t('sipocView.phase')}</span>}
          {row.kind === 'step' && row.id ? (
            <button type="button" className="mx-step-link" translate="no" title={t('sipocView.showStep')} onClick={() => select(row.id!)}>
              {name}
            </button>
          ) : (
            <span translate="no">{name}</span>
          )}
        </th>
      </tr>
      <tr>
        <td data-col="suppliers">
          <Parties list={row.suppliers} doc={doc} />
        </td>
        <td data-col="inputs">
          <Items list={row.inputs} dir="in" stepName={stepName} />
        </td>
        <td data-col="process">
          <Capped
            list={row.process}
            render={(shown) => (
              <ol className="sipoc-list sipoc-process">
                {shown.map((step) => (
                  <li key={step.id} className={selected.has(step.id) ? 'is-selected' : undefined}>
                    <button type="button" className="mx-step-link" translate="no" title={showStep} onClick={() => select(step.id)}>
                      {step.title.trim() || untitled}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          />
        </td>
        <td data-col="outputs">
          <Items list={row.outputs} dir="out" stepName={stepName} />
        </td>
        <td data-col="customers">
          <Parties list={row.customers} doc={doc} />
        </td>
      </tr>
    </tbody>
  );
}

/** Suppliers or customers: a role with its lane colour, an outside party outlined. */
function Parties({ list, doc }: { list: SipocParty[]; doc: MapDoc }) {
  const t = useT();
  const outside = t('sipocView.outside');
  return (
    <Capped
      list={list}
      render={(shown) => (
        <ul className="sipoc-list sipoc-parties">
          {shown.map((p) => {
            const role = p.roleId ? doc.roles[p.roleId] : undefined;
            return (
              <li key={p.name} className={role ? 'is-role' : 'is-outside'} title={role ? undefined : outside}>
                {role && <span className="sipoc-dot" style={{ background: role.color }} aria-hidden="true" />}
                <span translate="no">{p.name}</span>
              </li>
            );
          })}
        </ul>
      )}
    />
  );
}

/** Inputs or outputs, each with where it comes from or goes to on hover; unknown ones marked. */
function Items({ list, dir, stepName }: { list: SipocItem[]; dir: 'in' | 'out'; stepName(id: string): string }) {
  const t = useT();
  return (
    <Capped
      list={list}
      render={(shown) => (
        <ul className="sipoc-list sipoc-items">
          {shown.map((i) => {
            const unknown = i.parties.length === 0;
            const where = unknown
              ? t(dir === 'in' ? 'sipocView.unknownSupplier' : 'sipocView.unknownCustomer')
              : t(dir === 'in' ? 'sipocView.from' : 'sipocView.to', { names: i.parties.map((p) => p.name).join(', ') });
            const steps = t(dir === 'in' ? 'sipocView.takenBy' : 'sipocView.madeBy', { steps: i.stepIds.map(stepName).join(', ') });
            return (
              <li key={i.item} className={unknown ? 'is-unknown' : undefined} title={`${where}\n${steps}`}>
                <span translate="no">{i.item}</span>
                {unknown && (
                  <span className="sipoc-unknown" role="img" aria-label={where}>
                    ?
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    />
  );
}

/** The first entries of a long list, and a button for the rest (and back). */
function Capped<T>({ list, render }: { list: T[]; render(shown: T[]): ReactNode }) {
  const t = useT();
  const [all, setAll] = useState(false);
  if (list.length <= SHOWN + 1) return render(list);
  return (
    <>
      {render(all ? list : list.slice(0, SHOWN))}
      <button type="button" className="mx-more" aria-expanded={all} onClick={() => setAll((v) => !v)}>
        {all ? t('sipocView.less') : t('sipocView.more', { count: list.length - SHOWN })}
      </button>
    </>
  );
}
