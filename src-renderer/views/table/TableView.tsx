/**
 * The step table (issue 10, part 3): the map's steps as rows in reading order, every cell
 * edited through the same commands as the canvas (one undo step each), filtered by any text,
 * role or phase, sorted by a column, and a block pasted from Excel previewed before it adds or
 * updates steps. Read only while a saved version is shown.
 */
import { ClipboardPaste, MapPinned, X } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cmd } from '../../../shared/model/commands';
import { orderedPhases, orderedRoles } from '../../../shared/model/geometry';
import { newId } from '../../../shared/model/ids';
import { STEP_KINDS, type StepKind } from '../../../shared/model/types';
import { TABLE_COLUMNS, type TableColumn } from '../../../shared/views/table';
import { parseTsv, pasteCommand, planPaste, type PasteTarget } from '../../../shared/views/tablePaste';
import { useLanguage, useT } from '../../i18n';
import { useEditor, useEditorStore } from '../../store/context';
import { notify } from '../../store/notices';
import { ViewExportButtons } from '../export/ViewExportButtons';
import type { ListOption } from './CellEditor';
import { pasteErrorText } from './messages';
import { PastePreview } from './PastePreview';
import { NO_PHASE, nextSort, tableRows, type TableFilter, type TableSort } from './rows';
import { useShowOnMap } from './showOnMap';
import { NEW_ROW, TableGrid, type ActiveCell } from './TableGrid';
import './table.css';
import { LimitedInput } from '../../components/limits/useTextLimit';

const NO_FILTER: TableFilter = { query: '', roleId: '', phaseId: '' };
/** The filter and sort of each map's table in this window. */
const remembered = new Map<string, { filter: TableFilter; sort: TableSort | null }>();

export function TableView() {
  const t = useT();
  const lang = useLanguage();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const showOnMap = useShowOnMap();
  // the filter and the sort stay while the user looks at the map and comes back (not across restarts)
  const kept = remembered.get(doc.id);
  const [filter, setFilter] = useState<TableFilter>(kept?.filter ?? NO_FILTER);
  const [sort, setSort] = useState<TableSort | null>(kept?.sort ?? null);
  useEffect(() => {
    remembered.set(doc.id, { filter, sort });
  }, [doc.id, filter, sort]);
  const [status, setStatus] = useState('');
  const [paste, setPaste] = useState<{ text: string; target: PasteTarget } | null>(null);
  const rows = useMemo(() => tableRows(doc, lang, filter, sort), [doc, lang, filter, sort]);
  const total = Object.keys(doc.steps).length;
  const roles = useMemo(() => orderedRoles(doc), [doc.roles]); // eslint-disable-line react-hooks/exhaustive-deps
  const phases = useMemo(() => orderedPhases(doc), [doc.phases]); // eslint-disable-line react-hooks/exhaustive-deps
  const rowIndex = useMemo(() => new Map(rows.map((s, i) => [s.id, i])), [rows]);

  // the active cell follows its step through sorting, filtering and edits; a step that went
  // away leaves the cell where it was
  const [cell, setCell] = useState<ActiveCell>(() => {
    const sel = store.getState().selection.steps;
    const at = sel.length === 1 ? rows.findIndex((s) => s.id === sel[0]) : -1;
    return { id: rows[Math.max(0, at)]?.id ?? NEW_ROW, row: Math.max(0, at), col: 0 };
  });
  const rowCount = rows.length + (readOnly ? 0 : 1);
  const active = useMemo<ActiveCell>(() => {
    const known = cell.id === NEW_ROW ? (readOnly ? undefined : rows.length) : rowIndex.get(cell.id);
    if (known !== undefined) return { ...cell, row: known };
    const row = Math.max(0, Math.min(rowCount - 1, Number.isFinite(cell.row) ? cell.row : rowCount - 1));
    return { id: rows[row]?.id ?? NEW_ROW, row, col: cell.col };
  }, [cell, rowIndex, rows, rowCount, readOnly]);

  const onActive = useCallback(
    (next: ActiveCell, opts?: { select?: boolean }) => {
      setCell(next);
      // the inspector shows the step of the active row
      if (opts?.select && next.id !== NEW_ROW && store.getState().doc?.steps[next.id]) store.getState().select({ steps: [next.id], flows: [] });
    },
    [store],
  );

  /** New steps go to the lane and phase of the last row shown (or of the filter, or the first lane). */
  const defaults = useMemo(() => {
    const last = rows[rows.length - 1];
    const roleId = filter.roleId || last?.roleId || roles[0]?.id;
    const phaseId =
      filter.phaseId && filter.phaseId !== NO_PHASE ? filter.phaseId : last ? last.phaseId : filter.phaseId === NO_PHASE ? null : (phases[0]?.id ?? null);
    return { defaultRoleId: roleId, defaultPhaseId: phaseId };
  }, [rows, filter, roles, phases]);

  const say = useCallback((text: string) => setStatus(text), []);

  /** A typed value, read and checked as a 1×1 paste; returns a problem to show, or null. */
  const commitText = useCallback(
    (id: string, column: TableColumn, text: string): { problem: string | null; added?: string } => {
      const current = store.getState().doc;
      if (!current) return { problem: null };
      const isNew = id === NEW_ROW;
      const target: PasteTarget = { rowStepIds: isNew ? [] : [id], row: 0, column: TABLE_COLUMNS.indexOf(column), lang, headers: 'none', ...defaults };
      const plan = planPaste(current, [[text]], target);
      if (plan.errors.length) return { problem: pasteErrorText(t, plan.errors[0]!) };
      const command = pasteCommand(current, plan, newId);
      if (!command || !store.getState().run(command)) return { problem: null };
      const added = command.type === 'pasteSteps' ? command.args.adds[0]?.id : undefined;
      if (added) store.getState().select({ steps: [added], flows: [] });
      return { problem: null, added };
    },
    [store, lang, defaults, t],
  );

  const pick = useCallback(
    (id: string, column: TableColumn, value: string | null, name: string): string | null => {
      const run = store.getState().run;
      if (value === null) return commitText(id, column, name).problem;
      const step = store.getState().doc?.steps[id];
      if (!step) return null;
      if (column === 'kind' && value !== step.kind) run(cmd('updateStep', { stepId: id, patch: { kind: value as StepKind } }));
      if (column === 'role' && value !== step.roleId) run(cmd('setStepRole', { stepId: id, roleId: value }));
      if (column === 'phase' && value !== (step.phaseId ?? '')) run(cmd('setStepPhase', { stepId: id, phaseId: value || null }));
      return null;
    },
    [store, commitText],
  );

  const listOptions = useCallback(
    (column: TableColumn): { options: ListOption[]; create?: (name: string) => string } => {
      if (column === 'kind') return { options: STEP_KINDS.map((k) => ({ value: k, label: t(`tableView.kinds.${k}`) })) };
      if (column === 'role')
        return { options: roles.map((r) => ({ value: r.id, label: r.name, color: r.color })), create: (name) => t('tableView.createRole', { name }) };
      return {
        options: [...phases.map((p) => ({ value: p.id, label: p.name })), { value: '', label: t('tableView.noPhase') }],
        create: (name) => t('tableView.createPhase', { name }),
      };
    },
    [roles, phases, t],
  );

  const clear = useCallback(
    (id: string, column: TableColumn) => {
      const { problem } = commitText(id, column, '');
      if (problem)
        say(column === 'title' || column === 'kind' || column === 'role' ? t('tableView.cannotClear', { column: t(`tableView.columns.${column}`) }) : problem);
    },
    [commitText, say, t],
  );

  const pasteTarget = useCallback(
    (): PasteTarget => ({ rowStepIds: rows.map((s) => s.id), row: active.row, column: active.col, lang, headers: 'detect', ...defaults }),
    [rows, active, lang, defaults],
  );

  /** Ctrl+V in the table: one value goes straight into the active cell; a block is previewed first. */
  const onPaste = useCallback(
    (text: string) => {
      if (readOnly) return notify.error(t('tableView.readOnlyPaste'));
      if (!text.trim()) return notify.error(t('tableView.clipboardEmpty'));
      const block = parseTsv(text);
      if (block.length === 1 && block[0]!.length === 1 && active.id !== NEW_ROW) {
        const { problem } = commitText(active.id, TABLE_COLUMNS[active.col]!, block[0]![0]!);
        if (problem) notify.error(problem);
        return;
      }
      setPaste({ text, target: pasteTarget() });
    },
    [readOnly, t, active, commitText, pasteTarget],
  );

  const onSort = useCallback(
    (column: TableColumn) => {
      const next = nextSort(sort, column);
      setSort(next);
      const name = t(`tableView.columns.${column}`);
      say(next ? t(next.dir === 'asc' ? 'tableView.sortedAsc' : 'tableView.sortedDesc', { column: name }) : t('tableView.sortedNone'));
    },
    [sort, t, say],
  );

  // a message fades after a while; a new one replaces it
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const filtered = filter.query.trim() !== '' || filter.roleId !== '' || filter.phaseId !== '';
  const activeStep = active.id === NEW_ROW ? undefined : doc.steps[active.id];
  const rootRef = useRef<HTMLDivElement>(null);

  return (
    <div
      className="table-view"
      ref={rootRef}
      onMouseDown={(e) => {
        // a click on the table's empty parts keeps the keyboard in the table
        if (e.target === e.currentTarget || (e.target as HTMLElement).classList.contains('table-scroll')) {
          e.preventDefault();
          rootRef.current?.querySelector<HTMLElement>('.table-keys')?.focus({ preventScroll: true });
        }
      }}
    >
      <div className="table-bar">
        <div className="table-filter">
          <LimitedInput
            type="search"
            aria-label={t('tableView.filter')}
            placeholder={t('tableView.filterPlaceholder')}
            value={filter.query}
            maxLength={300}
            onChange={(e) => setFilter((f) => ({ ...f, query: e.target.value }))}
          />
          {filtered && (
            <button
              type="button"
              className="icon-button"
              aria-label={t('tableView.clearFilter')}
              title={t('tableView.clearFilter')}
              onClick={() => setFilter(NO_FILTER)}
            >
              <X size={14} aria-hidden />
            </button>
          )}
        </div>
        <select aria-label={t('tableView.roleFilter')} value={filter.roleId} onChange={(e) => setFilter((f) => ({ ...f, roleId: e.target.value }))}>
          <option value="">{t('tableView.allRoles')}</option>
          {roles.map((r) => (
            <option key={r.id} value={r.id} translate="no">
              {r.name}
            </option>
          ))}
        </select>
        {phases.length > 0 && (
          <select aria-label={t('tableView.phaseFilter')} value={filter.phaseId} onChange={(e) => setFilter((f) => ({ ...f, phaseId: e.target.value }))}>
            <option value="">{t('tableView.allPhases')}</option>
            {phases.map((p) => (
              <option key={p.id} value={p.id} translate="no">
                {p.name}
              </option>
            ))}
            <option value={NO_PHASE}>{t('tableView.noPhase')}</option>
          </select>
        )}
        <span className="table-count muted" aria-live="polite">
          {filtered ? t('tableView.countFiltered', { shown: rows.length, total }) : t('tableView.count', { count: total })}
        </span>
        <span className="table-bar-gap" />
        <button type="button" disabled={!activeStep} title={t('tableView.showOnMapHint')} onClick={() => activeStep && showOnMap(activeStep.id)}>
          <MapPinned size={14} aria-hidden /> {t('tableView.showOnMap')}
        </button>
        <button type="button" disabled={readOnly} title={t('tableView.pasteHint')} onClick={() => setPaste({ text: '', target: pasteTarget() })}>
          <ClipboardPaste size={14} aria-hidden /> {t('tableView.paste')}
        </button>
        <ViewExportButtons view="table" />
      </div>
      <TableGrid
        doc={doc}
        lang={lang}
        rows={rows}
        readOnly={readOnly}
        active={active}
        onActive={onActive}
        sort={sort}
        onSort={onSort}
        onCommitText={commitText}
        onPick={pick}
        listOptions={listOptions}
        onClear={clear}
        onPaste={onPaste}
        onShowOnMap={showOnMap}
        onStatus={say}
        emptyText={rows.length > 0 ? null : total === 0 ? t('tableView.emptyMap') : t('tableView.noMatch')}
      />
      <div className="table-foot">
        <span id="table-keys-help" className="muted">
          {t('tableView.keys')}
        </span>
        <span className="table-status" role="status">
          {status}
        </span>
      </div>
      {paste && (
        <PastePreview
          initialText={paste.text}
          target={paste.target}
          onClose={(applied) => {
            setPaste(null);
            if (applied) say(t('tableView.pasted', { added: applied.added, cells: applied.cells }));
            // the first new step comes into view (it is selected too)
            if (applied?.first) setCell({ id: applied.first, row: 0, col: 0 });
            rootRef.current?.querySelector<HTMLElement>('.table-keys')?.focus({ preventScroll: true });
          }}
        />
      )}
    </div>
  );
}
