/**
 * The step table's grid: a sticky header row (a click sorts), rows drawn only where they are
 * on screen (@tanstack/react-virtual: 2,000 rows scroll like 20), an active cell moved like a
 * spreadsheet's and edited in place, and an empty last row where typing a title adds a step.
 *
 * The keyboard goes to a hidden text box (`table-keys`) rather than to the cells: the editor's
 * shortcuts leave text boxes alone (Delete would otherwise delete the selected step, arrows
 * would nudge it on the canvas), typed characters in any script and pastes arrive there, and
 * the cells stay plain text.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { MapDoc, Step } from '../../../shared/model/types';
import type { SheetLang } from '../../../shared/views/sheet';
import { cellText, TABLE_COLUMNS, type TableColumn } from '../../../shared/views/table';
import { useT } from '../../i18n';
import { useEditorStore } from '../../store/context';
import { ListCellEditor, TextCellEditor, type EditEnd, type ListOption } from './CellEditor';
import type { TableSort } from './rows';

export const NEW_ROW = '\u0000new';
export const ROW_H = 32;
const HEAD_H = 36;
const ROWHEAD_W = 52;
export const COLUMN_WIDTHS: Record<TableColumn, number> = {
  title: 280,
  kind: 116,
  role: 190,
  phase: 190,
  duration: 104,
  wait: 104,
  inputs: 230,
  outputs: 230,
  resources: 200,
  description: 320,
};
const LEFTS = (() => {
  let x = ROWHEAD_W;
  return TABLE_COLUMNS.map((c) => {
    const left = x;
    x += COLUMN_WIDTHS[c];
    return left;
  });
})();
const TOTAL_W = LEFTS[LEFTS.length - 1]! + COLUMN_WIDTHS.description;
/** Columns that stay in view while the table scrolls sideways: the row number and the title. */
const STICKY_W = ROWHEAD_W + COLUMN_WIDTHS.title;
const LIST_COLUMNS: ReadonlySet<TableColumn> = new Set(['kind', 'role', 'phase']);
/** A hover text longer than this is cut (a 20,000-character description is read in its editor). */
const HOVER_MAX = 1200;

export interface ActiveCell {
  /** A step id, or NEW_ROW for the empty row after the last. */
  id: string;
  row: number;
  col: number;
}

/** An edit in progress: the cell, and the text it started from (or typed to open a list). */
interface Editing {
  id: string;
  col: number;
  initial: string;
  replaced: boolean;
}

export interface TableGridProps {
  doc: MapDoc;
  lang: SheetLang;
  rows: Step[];
  readOnly: boolean;
  active: ActiveCell;
  onActive(cell: ActiveCell, opts?: { select?: boolean }): void;
  sort: TableSort | null;
  onSort(column: TableColumn): void;
  /** Saves a typed text into a cell (the same way as a 1×1 paste); a problem to show, or null. For NEW_ROW, `added` is the new step. */
  onCommitText(id: string, column: TableColumn, text: string): { problem: string | null; added?: string };
  /** A pick in the kind, role or phase list (null: create one named `name`); a problem, or null. */
  onPick(id: string, column: TableColumn, value: string | null, name: string): string | null;
  listOptions(column: TableColumn): { options: ListOption[]; create?: (name: string) => string };
  onClear(id: string, column: TableColumn): void;
  onPaste(text: string): void;
  onShowOnMap(id: string): void;
  /** Something to tell the user (screen readers hear it too). */
  onStatus(text: string): void;
  emptyText: string | null;
}

export function TableGrid(p: TableGridProps) {
  const t = useT();
  const store = useEditorStore();
  const scrollRef = useRef<HTMLDivElement>(null);
  const keysRef = useRef<HTMLTextAreaElement>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [focused, setFocused] = useState(false);
  const rowCount = p.rows.length + (p.readOnly ? 0 : 1);
  const editRow = editing ? (editing.id === NEW_ROW ? p.rows.length : p.rows.findIndex((s) => s.id === editing.id)) : -1;
  const rangeExtractor = useCallback(
    (range: Range) => {
      // the row being edited stays drawn while the table scrolls away from it
      const r = defaultRangeExtractor(range);
      return editRow >= 0 && !r.includes(editRow) ? [...r, editRow].sort((a, b) => a - b) : r;
    },
    [editRow],
  );
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 8,
    scrollMargin: HEAD_H,
    rangeExtractor,
    // a first frame of rows before the scroll box is measured
    initialRect: { width: 1200, height: 800 },
  });

  const focusKeys = () => keysRef.current?.focus({ preventScroll: true });

  /** Keeps the active cell in view: below the sticky header, right of the sticky columns. */
  const reveal = useCallback((row: number, col: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const top = HEAD_H + row * ROW_H;
    if (top - HEAD_H < el.scrollTop) el.scrollTop = top - HEAD_H;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
    if (col === 0) return;
    const left = LEFTS[col]!;
    const right = left + COLUMN_WIDTHS[TABLE_COLUMNS[col]!];
    if (left - STICKY_W < el.scrollLeft) el.scrollLeft = left - STICKY_W;
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
  }, []);

  const { active } = p;
  useEffect(() => reveal(active.row, active.col), [active.row, active.col, reveal]);

  const idAt = (row: number) => (row >= p.rows.length ? NEW_ROW : p.rows[row]!.id);
  const moveTo = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rowCount - 1, row));
    const c = Math.max(0, Math.min(TABLE_COLUMNS.length - 1, col));
    p.onActive({ id: idAt(r), row: r, col: c }, { select: true });
  };

  const stepAt = (id: string) => (id === NEW_ROW ? undefined : p.doc.steps[id]);
  const textOf = (id: string, col: number) => {
    const s = stepAt(id);
    return s ? cellText(p.doc, s, TABLE_COLUMNS[col]!, p.lang) : '';
  };

  const startEdit = (replace?: string) => {
    if (rowCount === 0) return;
    if (p.readOnly) return p.onStatus(t('tableView.readOnly'));
    const column = TABLE_COLUMNS[active.col]!;
    if (active.id === NEW_ROW && column !== 'title') return p.onStatus(t('tableView.titleFirst'));
    setEditing({
      id: active.id,
      col: active.col,
      initial: replace ?? (LIST_COLUMNS.has(column) ? '' : textOf(active.id, active.col)),
      replaced: replace !== undefined,
    });
  };

  const endEdit = (end: EditEnd, added?: string) => {
    setEditing(null);
    focusKeys();
    if (!end) return;
    if (added) {
      // a step typed into the empty row: the keyboard stays on that row, for the next one
      return p.onActive({ id: NEW_ROW, row: Infinity, col: 0 });
    }
    if (end.dRow || end.dCol) moveTo(active.row + end.dRow, active.col + end.dCol);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || rowCount === 0) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key;
    if (mod && !e.altKey && (key.toLowerCase() === 'z' || key.toLowerCase() === 'y' || e.code === 'KeyZ' || e.code === 'KeyY')) {
      // the editor's own undo leaves text boxes alone: this box is the table, not text
      e.preventDefault();
      if (e.code === 'KeyY' || key.toLowerCase() === 'y' || e.shiftKey) store.getState().redo();
      else store.getState().undo();
      return;
    }
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEAD_H) / ROW_H) - 1);
    const last = TABLE_COLUMNS.length - 1;
    const moves: Record<string, () => void> = {
      ArrowUp: () => moveTo(mod ? 0 : active.row - 1, active.col),
      ArrowDown: () => moveTo(mod ? rowCount - 1 : active.row + 1, active.col),
      ArrowLeft: () => moveTo(active.row, mod ? 0 : active.col - 1),
      ArrowRight: () => moveTo(active.row, mod ? last : active.col + 1),
      Home: () => moveTo(mod ? 0 : active.row, 0),
      End: () => moveTo(mod ? rowCount - 1 : active.row, last),
      PageUp: () => moveTo(active.row - page, active.col),
      PageDown: () => moveTo(active.row + page, active.col),
    };
    if (moves[key] && !e.altKey) {
      e.preventDefault();
      moves[key]();
    } else if (key === 'ArrowDown' && e.altKey && LIST_COLUMNS.has(TABLE_COLUMNS[active.col]!)) {
      e.preventDefault();
      startEdit();
    } else if (key === 'Tab' && !mod) {
      // right and left, row by row; past the first or last cell the keyboard leaves the table
      const next = active.col + (e.shiftKey ? -1 : 1);
      if (next < 0 && active.row > 0) moveTo(active.row - 1, last);
      else if (next > last && active.row < rowCount - 1) moveTo(active.row + 1, 0);
      else if (next >= 0 && next <= last) moveTo(active.row, next);
      else return;
      e.preventDefault();
    } else if (key === 'Escape') {
      // the editor's shortcuts blur a text box on Escape: the table keeps the keyboard
      e.preventDefault();
      focusKeys();
    } else if ((key === 'Enter' || key === 'F2') && !mod) {
      e.preventDefault();
      startEdit();
    } else if ((key === 'Delete' || key === 'Backspace') && !mod) {
      e.preventDefault();
      if (p.readOnly) p.onStatus(t('tableView.readOnly'));
      else if (active.id !== NEW_ROW) p.onClear(active.id, TABLE_COLUMNS[active.col]!);
    } else if (key.length === 1 && !mod && !e.altKey) {
      // typing starts editing with what was typed (Cyrillic too); IME and insertText arrive as input
      e.preventDefault();
      startEdit(key);
    }
  };

  const onInput = () => {
    const el = keysRef.current!;
    const text = el.value;
    el.value = '';
    if (text && !editing) startEdit(text);
  };

  const onCopy = (e: ClipboardEvent) => {
    e.preventDefault();
    const text = textOf(active.id, active.col);
    // a cell with tabs, line breaks or quotes is quoted, as Excel reads it back into one cell
    e.clipboardData.setData('text/plain', /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  };

  const onCut = (e: ClipboardEvent) => {
    onCopy(e);
    if (p.readOnly) p.onStatus(t('tableView.readOnly'));
    else if (active.id !== NEW_ROW) p.onClear(active.id, TABLE_COLUMNS[active.col]!);
  };

  const onPaste = (e: ClipboardEvent) => {
    e.preventDefault();
    p.onPaste(e.clipboardData.getData('text/plain'));
  };

  const onCellDown = (e: MouseEvent, row: number, col: number) => {
    if (e.button !== 0) return;
    e.preventDefault();
    if (editing && (editing.id !== idAt(row) || editing.col !== col)) (document.activeElement as HTMLElement | null)?.blur();
    moveTo(row, col);
    focusKeys();
  };

  const items = virtualizer.getVirtualItems();
  const column = TABLE_COLUMNS[active.col]!;
  const activeText = textOf(active.id, active.col);
  const keysLabel = `${t('tableView.gridLabel')}. ${active.id === NEW_ROW ? t('tableView.newRowLabel') : t('tableView.rowLabel', { row: active.row + 1 })}, ${t(`tableView.columns.${column}`)}: ${activeText.slice(0, 200)}`;

  return (
    <div className={`table-grid${focused ? ' is-focused' : ''}`}>
      <div className="table-scroll" ref={scrollRef}>
        <div role="grid" aria-label={t('tableView.gridLabel')} aria-rowcount={rowCount + 1} aria-colcount={TABLE_COLUMNS.length + 1} style={{ width: TOTAL_W }}>
          <div role="row" className="table-head" aria-rowindex={1} style={{ height: HEAD_H }}>
            <div role="columnheader" className="th th-num" style={{ width: ROWHEAD_W }} aria-label="#">
              #
            </div>
            {TABLE_COLUMNS.map((c, i) => {
              const sorted = p.sort?.column === c ? p.sort.dir : null;
              const label = t(`tableView.columns.${c}`);
              return (
                <div
                  key={c}
                  role="columnheader"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className={`th is-${c}${i === active.col ? ' is-active-col' : ''}`}
                  style={{ width: COLUMN_WIDTHS[c] }}
                >
                  <button type="button" onClick={() => p.onSort(c)} title={t('tableView.sortBy', { column: label })} data-column={c}>
                    <span>{label}</span>
                    {sorted === 'asc' && <ArrowUp size={13} aria-hidden />}
                    {sorted === 'desc' && <ArrowDown size={13} aria-hidden />}
                  </button>
                </div>
              );
            })}
          </div>
          <div className="table-body" style={{ height: rowCount * ROW_H }}>
            {items.map((item) => {
              const row = item.index;
              const step = p.rows[row];
              const id = step?.id ?? NEW_ROW;
              const isActiveRow = row === active.row;
              return (
                <div
                  key={id}
                  role="row"
                  aria-rowindex={row + 2}
                  aria-selected={isActiveRow}
                  data-step={step?.id}
                  className={`tr${isActiveRow ? ' is-active' : ''}${step ? '' : ' is-new'}${row === editRow ? ' is-editing' : ''}`}
                  style={{ transform: `translateY(${item.start - HEAD_H}px)` }}
                >
                  <div
                    role="rowheader"
                    className="td td-num"
                    style={{ width: ROWHEAD_W }}
                    onMouseDown={(e) => onCellDown(e, row, active.col)}
                    onDoubleClick={() => step && p.onShowOnMap(step.id)}
                    title={step ? t('tableView.showOnMapHint') : undefined}
                  >
                    {step ? row + 1 : '+'}
                  </div>
                  {TABLE_COLUMNS.map((c, col) => {
                    const text = step ? cellText(p.doc, step, c, p.lang) : '';
                    const isActive = isActiveRow && col === active.col;
                    const isEditing = editing !== null && row === editRow && col === editing.col;
                    const role = c === 'role' && step ? p.doc.roles[step.roleId] : undefined;
                    return (
                      <div
                        key={c}
                        role="gridcell"
                        aria-colindex={col + 2}
                        aria-selected={isActive}
                        className={`td is-${c}${isActive ? ' is-active' : ''}`}
                        style={{ width: COLUMN_WIDTHS[c] }}
                        translate={c === 'kind' || !step ? undefined : 'no'}
                        title={text.length > 0 && !isEditing ? (text.length > HOVER_MAX ? `${text.slice(0, HOVER_MAX)}…` : text) : undefined}
                        onMouseDown={(e) => onCellDown(e, row, col)}
                        onDoubleClick={() => startEdit()}
                      >
                        {role && <span className="table-dot" style={{ background: role.color }} aria-hidden />}
                        {step ? (
                          <span className="td-text">{text}</span>
                        ) : (
                          c === 'title' && !isEditing && <span className="td-placeholder">{t('tableView.newRow')}</span>
                        )}
                        {isEditing && editing && <Editor {...p} editing={editing} onEnd={endEdit} />}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
        {p.emptyText && <p className="table-empty">{p.emptyText}</p>}
      </div>
      {/* after the grid: Tab reaches the column headers (sorting) first */}
      <textarea
        ref={keysRef}
        className="table-keys"
        aria-label={keysLabel}
        aria-describedby="table-keys-help"
        autoComplete="off"
        spellCheck={false}
        onKeyDown={onKeyDown}
        onInput={onInput}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={onPaste}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        data-submit-on-ctrl-enter
      />
    </div>
  );
}

/** The editor for the cell being edited: a list for kind, role and phase, a text box otherwise. */
function Editor(props: TableGridProps & { editing: Editing; onEnd(end: EditEnd, added?: string): void }) {
  const t = useT();
  const { editing } = props;
  const column = TABLE_COLUMNS[editing.col]!;
  const label = t(`tableView.columns.${column}`);
  if (LIST_COLUMNS.has(column)) {
    const step = props.doc.steps[editing.id];
    const current = !step ? '' : column === 'kind' ? step.kind : column === 'role' ? step.roleId : (step.phaseId ?? '');
    const { options, create } = props.listOptions(column);
    return (
      <ListCellEditor
        label={label}
        options={options}
        current={current}
        initialFilter={editing.replaced ? editing.initial.trim() : ''}
        createLabel={create}
        onPick={(value, name) => props.onPick(editing.id, column, value, name)}
        onEnd={props.onEnd}
      />
    );
  }
  let added: string | undefined;
  const hint =
    column === 'duration' || column === 'wait'
      ? t('tableView.durationHint')
      : column === 'inputs' || column === 'outputs' || column === 'resources'
        ? t('tableView.itemsHint')
        : t('tableView.textHint');
  return (
    <TextCellEditor
      column={column}
      initial={editing.initial}
      original={props.doc.steps[editing.id] ? cellText(props.doc, props.doc.steps[editing.id]!, column, props.lang) : ''}
      label={label}
      hint={hint}
      onCommit={(text) => {
        const r = props.onCommitText(editing.id, column, text);
        added = r.added;
        return r.problem;
      }}
      onEnd={(end) => props.onEnd(end, added)}
    />
  );
}
