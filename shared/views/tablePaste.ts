/**
 * Pasting a block of cells into the step table (issue 10, part 3): a block copied from Excel
 * or a similar spreadsheet (tab-separated text) adds or updates steps. Pure: the block is
 * read (`parseTsv`), then planned against the map (`planPaste`) into what a preview shows —
 * rows added, cells changed, lanes and phases to create, and every problem with its row and
 * column — and only a plan without problems becomes a command (`pasteCommand`), one undo step.
 *
 * Two kinds of block:
 * - with a header row naming the columns (English or Russian, any order, any case): columns
 *   map by name, rows match existing steps by title (folded: case, «ё», spaces); a row whose
 *   title no step has becomes a new step;
 * - without one: pasted at the active cell, spreadsheet-style, overwriting rightwards and
 *   downwards through the rows as shown; rows past the end become new steps.
 * Typing in a cell goes through the same plan (a 1×1 block without headers), so a typed and
 * a pasted value are read and checked alike.
 */
import { cmd, type Command, type PasteStepEdit } from '../model/commands';
import { foldText } from '../model/search';
import { LIMITS, type Duration, type DurationUnit, type MapDoc, type Step, type StepKind } from '../model/types';
import { OPTIMISE_COLUMNS, OPTIMISE_HEADERS } from './optimise';
import type { SheetLang } from './sheet';
import {
  cellText,
  formatDurationIn,
  ITEM_SEPARATOR,
  KIND_NAMES,
  parseDuration,
  parseKind,
  parseUnit,
  splitItems,
  TABLE_COLUMNS,
  TABLE_HEADERS,
  type DurationError,
  type TableColumn,
} from './table';

/** More rows than this in one paste is refused (a whole department's map is a few hundred steps). */
export const MAX_PASTE_ROWS = 1000;
/** More text than this in one paste is refused before it is read. */
export const MAX_PASTE_CHARS = 2_000_000;

/**
 * Reads tab-separated text as Excel and Google Sheets write it: cells separated by tabs, rows
 * by line breaks (CRLF or LF); a cell that starts with a double quote is quoted and may hold
 * tabs, line breaks and doubled quotes. A quote that does not close a cell properly is taken
 * as text. The line break after the last row and empty rows at the end are dropped.
 */
export function parseTsv(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = src.length;
  const endOfCell = (k: number) => k >= n || src[k] === '\t' || src[k] === '\n' || src[k] === '\r';
  while (i <= n) {
    let cell: string | null = null;
    if (src[i] === '"') {
      // a quoted cell: up to a quote that is followed by a tab, a line break or the end
      let buf = '';
      let j = i + 1;
      while (j < n) {
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            buf += '"';
            j += 2;
            continue;
          }
          if (endOfCell(j + 1)) {
            cell = buf.replace(/\r\n?/g, '\n');
            i = j + 1;
          }
          break;
        }
        buf += src[j];
        j++;
      }
    }
    if (cell === null) {
      // plain text up to the next tab or line break (a stray quote is text)
      let j = i;
      while (!endOfCell(j)) j++;
      cell = src.slice(i, j);
      i = j;
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (src[i] === '\t') {
      i++;
      continue;
    }
    // a line break: CRLF, LF or a lone CR
    i += src[i] === '\r' && src[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  while (rows.length && rows[rows.length - 1]!.every((c) => c.trim() === '')) rows.pop();
  return rows;
}

/** Column names a header row may use (folded), besides the table's own headers in both languages. */
const HEADER_WORDS: Record<TableColumn, string[]> = {
  title: ['name', 'step', 'step title', 'наименование', 'шаг', 'название шага', 'действие'],
  kind: ['type', 'step kind', 'step type', 'вид', 'тип шага', 'вид шага'],
  role: ['lane', 'who', 'owner', 'responsible', 'performer', 'исполнитель', 'дорожка', 'ответственный', 'ответственная роль', 'кто'],
  phase: ['stage', 'этап', 'фаза', 'стадия', 'этап продаж'],
  duration: ['time', 'work time', 'work', 'duration of work', 'время', 'продолжительность', 'время работы', 'трудоемкость'],
  wait: ['wait time', 'waiting', 'waiting time', 'queue', 'время ожидания', 'ожидание до начала', 'очередь'],
  inputs: ['input', 'in', 'вход', 'входные данные', 'на входе'],
  outputs: ['output', 'out', 'result', 'results', 'выход', 'результат', 'результаты', 'на выходе'],
  resources: ['resource', 'tools', 'tool', 'systems', 'ресурс', 'инструменты', 'инструмент', 'ресурсы и инструменты', 'системы'],
  description: ['notes', 'note', 'details', 'примечание', 'примечания', 'подробности', 'комментарий'],
};

const COLUMNS_BY_NAME: Map<string, TableColumn> = (() => {
  const m = new Map<string, TableColumn>();
  for (const c of TABLE_COLUMNS) {
    m.set(c, c);
    for (const lang of ['en', 'ru'] as const) m.set(foldText(TABLE_HEADERS[lang][c]), c);
    for (const w of HEADER_WORDS[c]) m.set(foldText(w), c);
  }
  return m;
})();

/** Headers of the sheet's columns that the table shows but a paste does not set (shared/views/optimise.ts). */
const READ_ONLY_HEADERS: Set<string> = new Set((['en', 'ru'] as const).flatMap((lang) => OPTIMISE_COLUMNS.map((c) => foldText(OPTIMISE_HEADERS[lang][c]))));

export interface HeaderColumn {
  column: TableColumn;
  /** A unit the header names ("Duration, h", «Ожидание (дн)»): a number alone in this column is in it. */
  unit?: DurationUnit;
}

/**
 * The column a header cell names, in either language, any case ("ВХОДЫ", "Duration (h)",
 * «Длительность, мин»); null when it names none.
 */
export function headerColumn(text: string): HeaderColumn | null {
  const h = foldText(text)
    .replace(/[*:]+$/, '')
    .trim();
  if (!h) return null;
  const whole = COLUMNS_BY_NAME.get(h);
  if (whole) return { column: whole };
  // a unit after the name: "duration, h", "длительность (мин.)", "wait [d]"
  const m = /^(.*?)\s*[,([]\s*([a-zа-я.]+)\s*[)\]]?$/.exec(h) ?? /^(.*?)\s+([a-zа-я.]+)$/.exec(h);
  if (m) {
    const column = COLUMNS_BY_NAME.get(m[1]!.trim());
    const unit = parseUnit(m[2]!);
    if (column && unit && (column === 'duration' || column === 'wait')) return { column, unit };
  }
  return null;
}

/**
 * Whether the first row of a block names columns: at least two of its cells do (or its only
 * cell does), they are most of its non-empty cells, and none is named twice.
 */
function headerOf(row: string[]): (HeaderColumn | null)[] | null {
  const cells = row.map(headerColumn);
  const filled = row.filter((c) => c.trim() !== '').length;
  const named = cells.filter((c) => c !== null);
  if (named.length === 0 || named.length * 2 <= filled || (named.length < 2 && filled > 1)) return null;
  return cells;
}

export type PasteErrorCode =
  | 'tooManyRows'
  | 'tooMuchText'
  | 'tooManyColumns'
  | 'nothingToPaste'
  | 'onlyHeader'
  | 'noTitleColumn'
  | 'duplicateColumn'
  | 'emptyTitle'
  | 'emptyTitleNew'
  | 'ambiguousTitle'
  | 'repeatedTitle'
  | 'unknownKind'
  | 'badDuration'
  | 'tooLong'
  | 'tooManyItems'
  | 'noLane';

/** A problem with the block, where it is: `row` counts the block's rows from 1 (the header is row 1). */
export interface PasteError {
  code: PasteErrorCode;
  row?: number;
  column?: TableColumn;
  /** The cell as pasted (shortened), or a header's text. */
  value?: string;
  /** For badDuration: what is wrong with it. */
  reason?: DurationError;
  /** The unit word not understood (badDuration, unknownUnit). */
  unit?: string;
  limit?: number;
  count?: number;
}

export interface CellChange {
  column: TableColumn;
  from: string;
  to: string;
}

/** A row that changes an existing step. */
export interface PlannedUpdate {
  row: number;
  stepId: string;
  title: string;
  changes: CellChange[];
  edit: PlanEdit;
}

/** A row that becomes a new step. */
export interface PlannedAdd {
  row: number;
  title: string;
  kind: StepKind;
  role: string;
  phase: string;
  /** The other cells it fills (durations, lists, description), as the table will show them. */
  cells: CellChange[];
  edit: PlanEdit;
}

/** A lane or phase by id, or one the paste creates (by its name). */
type Ref = { id: string } | { create: string };

/** What a row sets, before new lanes and phases have ids. */
export interface PlanEdit {
  title?: string;
  kind?: StepKind;
  role?: Ref;
  phase?: Ref | null;
  duration?: Duration | null;
  wait?: Duration | null;
  inputs?: string[];
  outputs?: string[];
  resources?: string[];
  description?: string;
}

export interface PastePlan {
  mode: 'header' | 'position';
  /** The block's columns, left to right (null: a header the table does not know, ignored). */
  columns: (TableColumn | null)[];
  /** Headers that name no column of the table (their cells are ignored). */
  ignored: string[];
  /** The unit of a number without one, per duration column present. */
  bareUnits: Partial<Record<'duration' | 'wait', DurationUnit>>;
  updates: PlannedUpdate[];
  adds: PlannedAdd[];
  newRoles: string[];
  newPhases: string[];
  /** Rows that match a step and change nothing. */
  unchanged: number;
  /** Rows with no text at all. */
  emptyRows: number;
  errors: PasteError[];
  /** Where a block without headers starts: the row (0-based in the rows shown) and column. */
  start?: { row: number; column: TableColumn };
}

/** Where a block goes and what new steps get when the block does not say. */
export interface PasteTarget {
  /** The steps of the rows shown, in the order shown (a block without headers goes down this list). */
  rowStepIds: string[];
  /** The active cell: the row (rowStepIds.length: the empty row after the last) and column. */
  row: number;
  column: number;
  /** Lane and phase of a new step when its row names none (e.g. those of the last row shown). */
  defaultRoleId?: string;
  defaultPhaseId?: string | null;
  lang: SheetLang;
  /** 'detect' (a pasted block) or 'none' (typing in a cell: the text is a value, never a header). */
  headers: 'detect' | 'none';
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

const EDITABLE_EMPTY: ReadonlySet<TableColumn> = new Set(['phase', 'duration', 'wait', 'inputs', 'outputs', 'resources', 'description']);

/** Whether emptying this column's cell means something (a step has no title, kind or lane to clear). */
export function clearable(column: TableColumn): boolean {
  return EDITABLE_EMPTY.has(column);
}

/**
 * The plan of a paste: what each row of `block` would add or change in `doc`, and every
 * problem found. Nothing is applied; `pasteCommand` turns a plan without errors into one edit.
 */
export function planPaste(doc: MapDoc, block: string[][], target: PasteTarget): PastePlan {
  const plan: PastePlan = {
    mode: 'position',
    columns: [],
    ignored: [],
    bareUnits: {},
    updates: [],
    adds: [],
    newRoles: [],
    newPhases: [],
    unchanged: 0,
    emptyRows: 0,
    errors: [],
  };
  const textSize = block.reduce((n, r) => n + r.reduce((m, c) => m + c.length, 0), 0);
  if (textSize > MAX_PASTE_CHARS) return fail(plan, { code: 'tooMuchText', limit: MAX_PASTE_CHARS });
  // (a typed cell may well be empty: it clears the cell)
  if (block.length === 0 || (target.headers === 'detect' && block.every((r) => r.every((c) => c.trim() === '')))) return fail(plan, { code: 'nothingToPaste' });

  let header: (HeaderColumn | null)[] | null = target.headers === 'detect' ? headerOf(block[0]!) : null;
  let body = block;
  let firstRow = 1;
  if (header) {
    plan.mode = 'header';
    body = block.slice(1);
    firstRow = 2;
    plan.columns = header.map((h) => h?.column ?? null);
    block[0]!.forEach((text, i) => {
      // the table's read-only columns (automation, KPIs…) come back in its own sheet: skipped without a word
      if (!header![i] && text.trim() && !READ_ONLY_HEADERS.has(foldText(text))) plan.ignored.push(text.trim());
    });
    const seen = new Set<TableColumn>();
    for (const [i, h] of header.entries()) {
      if (!h) continue;
      if (seen.has(h.column)) plan.errors.push({ code: 'duplicateColumn', column: h.column, value: block[0]![i] });
      seen.add(h.column);
      if (h.column === 'duration' || h.column === 'wait') plan.bareUnits[h.column] = h.unit ?? 'min';
    }
    if (!seen.has('title')) plan.errors.push({ code: 'noTitleColumn' });
    if (body.every((r) => r.every((c) => c.trim() === ''))) plan.errors.push({ code: 'onlyHeader' });
  } else {
    const width = Math.max(...block.map((r) => r.length));
    const room = TABLE_COLUMNS.length - target.column;
    if (width > room) plan.errors.push({ code: 'tooManyColumns', count: width, limit: room });
    plan.columns = TABLE_COLUMNS.slice(target.column, target.column + width);
    header = plan.columns.map((c) => (c ? { column: c } : null));
    plan.start = { row: target.row, column: TABLE_COLUMNS[target.column]! };
    for (const c of plan.columns) if (c === 'duration' || c === 'wait') plan.bareUnits[c] = 'min';
  }
  if (body.length > MAX_PASTE_ROWS) return fail(plan, { code: 'tooManyRows', count: body.length, limit: MAX_PASTE_ROWS });
  if (plan.errors.length) return plan;

  const reader = new CellReader(doc, plan, target.lang);
  const byTitle = new Map<string, string[]>();
  for (const s of Object.values(doc.steps)) {
    const key = foldText(s.title);
    if (key) byTitle.set(key, [...(byTitle.get(key) ?? []), s.id]);
  }
  const pastedTitles = new Map<string, number>();

  body.forEach((cells, i) => {
    const row = firstRow + i;
    if (target.headers === 'detect' && cells.every((c) => c.trim() === '')) {
      plan.emptyRows += 1;
      return;
    }
    // the row's values by column (a short row leaves the columns it lacks as they are)
    const values = new Map<TableColumn, string>();
    cells.forEach((text, k) => {
      const c = header[k]?.column;
      if (c) values.set(c, text);
    });
    let step: Step | undefined;
    if (plan.mode === 'header') {
      const title = (values.get('title') ?? '').trim();
      if (!title) return void plan.errors.push({ code: 'emptyTitleNew', row, column: 'title' });
      const key = foldText(title);
      const again = pastedTitles.get(key);
      if (again !== undefined) return void plan.errors.push({ code: 'repeatedTitle', row, column: 'title', value: short(title), count: again });
      pastedTitles.set(key, row);
      const ids = byTitle.get(key) ?? [];
      if (ids.length > 1) return void plan.errors.push({ code: 'ambiguousTitle', row, column: 'title', value: short(title), count: ids.length });
      step = ids[0] ? doc.steps[ids[0]] : undefined;
    } else {
      const id = target.rowStepIds[target.row + i];
      step = id ? doc.steps[id] : undefined;
    }
    const edit = reader.read(values, row, step);
    if (!edit) return;
    // with headers the title is what finds the step: «квалификация лида» does not rename «Квалификация лида»
    if (plan.mode === 'header' && step) delete edit.title;
    if (step) {
      const changes = changesOf(doc, step, edit, reader);
      if (changes.length === 0) plan.unchanged += 1;
      else plan.updates.push({ row, stepId: step.id, title: step.title, changes, edit });
    } else {
      if (!edit.title) return void plan.errors.push({ code: 'emptyTitleNew', row, column: 'title' });
      const role = edit.role ?? (target.defaultRoleId && doc.roles[target.defaultRoleId] ? { id: target.defaultRoleId } : undefined);
      if (!role) return void plan.errors.push({ code: 'noLane', row, column: 'role' });
      const phase = edit.phase !== undefined ? edit.phase : target.defaultPhaseId && doc.phases[target.defaultPhaseId] ? { id: target.defaultPhaseId } : null;
      plan.adds.push({
        row,
        title: edit.title,
        kind: edit.kind ?? 'task',
        role: reader.refName(role, 'role'),
        phase: phase ? reader.refName(phase, 'phase') : '',
        cells: filledCells(edit, reader.lang),
        edit: { ...edit, role, phase },
      });
    }
  });
  return plan;
}

function fail(plan: PastePlan, error: PasteError): PastePlan {
  plan.errors.push(error);
  return plan;
}

/** Reads a row's cells into what they set, noting each problem with its row and column. */
class CellReader {
  private roles = new Map<string, string>();
  private phases = new Map<string, string>();
  private doc: MapDoc;
  private plan: PastePlan;
  readonly lang: SheetLang;
  constructor(doc: MapDoc, plan: PastePlan, lang: SheetLang) {
    this.doc = doc;
    this.plan = plan;
    this.lang = lang;
    for (const r of Object.values(doc.roles)) this.roles.set(foldText(r.name), r.id);
    for (const p of Object.values(doc.phases)) this.phases.set(foldText(p.name), p.id);
  }

  /** The lane or phase named by a cell; one the map lacks is to be created (once per name). */
  private ref(kind: 'role' | 'phase', name: string): Ref {
    const key = foldText(name);
    const id = (kind === 'role' ? this.roles : this.phases).get(key);
    if (id) return { id };
    const list = kind === 'role' ? this.plan.newRoles : this.plan.newPhases;
    const known = list.find((n) => foldText(n) === key);
    if (!known) list.push(name);
    return { create: known ?? name };
  }

  refName(ref: Ref, kind: 'role' | 'phase'): string {
    if ('create' in ref) return ref.create;
    return (kind === 'role' ? this.doc.roles[ref.id]?.name : this.doc.phases[ref.id]?.name) ?? '';
  }

  /** The row's edit; null when a cell of it has a problem (noted in the plan). */
  read(values: Map<TableColumn, string>, row: number, step: Step | undefined): PlanEdit | null {
    const edit: PlanEdit = {};
    const before = this.plan.errors.length;
    const err = (e: Omit<PasteError, 'row'>) => this.plan.errors.push({ row, ...e });
    for (const [column, raw] of values) {
      const text = column === 'description' ? raw.replace(/\s+$/, '').replace(/^\s*\n/, '') : raw.trim();
      switch (column) {
        case 'title':
          if (!text) err({ code: step ? 'emptyTitle' : 'emptyTitleNew', column });
          else if (text.length > LIMITS.title) err({ code: 'tooLong', column, limit: LIMITS.title, count: text.length });
          else edit.title = text;
          break;
        case 'kind':
          if (text) {
            const kind = parseKind(text);
            if (kind) edit.kind = kind;
            else err({ code: 'unknownKind', column, value: short(text) });
          }
          break;
        case 'role':
          if (text.length > LIMITS.roleName) err({ code: 'tooLong', column, limit: LIMITS.roleName, count: text.length });
          else if (text) edit.role = this.ref('role', text);
          break;
        case 'phase':
          if (text.length > LIMITS.roleName) err({ code: 'tooLong', column, limit: LIMITS.roleName, count: text.length });
          else edit.phase = text ? this.ref('phase', text) : null;
          break;
        case 'duration':
        case 'wait': {
          const d = parseDuration(text, this.plan.bareUnits[column] ?? 'min');
          if (d.ok) edit[column] = d.duration;
          else err({ code: 'badDuration', column, value: short(text), reason: d.error, unit: d.unit });
          break;
        }
        case 'inputs':
        case 'outputs':
        case 'resources': {
          const items = splitItems(text);
          const long = items.find((x) => x.length > LIMITS.itemLabel);
          if (long) err({ code: 'tooLong', column, value: short(long), limit: LIMITS.itemLabel, count: long.length });
          else if (items.length > LIMITS.itemsPerList) err({ code: 'tooManyItems', column, limit: LIMITS.itemsPerList, count: items.length });
          else edit[column] = items;
          break;
        }
        case 'description':
          if (text.length > LIMITS.description) err({ code: 'tooLong', column, limit: LIMITS.description, count: text.length });
          else edit.description = text;
          break;
      }
    }
    return this.plan.errors.length > before ? null : edit;
  }
}

/** The cells a new step fills besides its title, kind, lane and phase. */
function filledCells(edit: PlanEdit, lang: SheetLang): CellChange[] {
  const out: CellChange[] = [];
  for (const c of ['duration', 'wait'] as const) if (edit[c]) out.push({ column: c, from: '', to: formatDurationIn(edit[c], lang) });
  for (const c of ['inputs', 'outputs', 'resources'] as const) if (edit[c]?.length) out.push({ column: c, from: '', to: edit[c].join(ITEM_SEPARATOR) });
  if (edit.description) out.push({ column: 'description', from: '', to: edit.description });
  return out;
}

const sameItems = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameDuration = (a: Duration | null | undefined, b: Duration | null | undefined) =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.value === b.value && a.unit === b.unit);

/** The cells a row changes on an existing step, as the table would show them before and after. */
function changesOf(doc: MapDoc, step: Step, edit: PlanEdit, reader: CellReader): CellChange[] {
  const lang = reader.lang;
  const out: CellChange[] = [];
  const add = (column: TableColumn, to: string) => out.push({ column, from: cellText(doc, step, column, lang), to });
  if (edit.title !== undefined && edit.title !== step.title) add('title', edit.title);
  if (edit.kind !== undefined && edit.kind !== step.kind) add('kind', KIND_NAMES[lang][edit.kind]);
  if (edit.role && !('id' in edit.role && edit.role.id === step.roleId)) add('role', reader.refName(edit.role, 'role'));
  if (edit.phase !== undefined) {
    const now = step.phaseId && doc.phases[step.phaseId] ? step.phaseId : null;
    const same = edit.phase === null ? now === null : 'id' in edit.phase && edit.phase.id === now;
    if (!same) add('phase', edit.phase ? reader.refName(edit.phase, 'phase') : '');
  }
  for (const c of ['duration', 'wait'] as const) {
    const v = edit[c];
    if (v !== undefined && !sameDuration(v, step[c])) add(c, v ? formatDurationIn(v, lang) : '');
  }
  for (const c of ['inputs', 'outputs', 'resources'] as const) {
    const v = edit[c];
    if (v !== undefined && !sameItems(v, step[c])) add(c, v.join(ITEM_SEPARATOR));
  }
  if (edit.description !== undefined && edit.description !== step.description) add('description', edit.description);
  return out;
}

/** Lane colours for lanes a paste creates (as the lanes panel picks them). */
const PALETTE = ['#2f80ed', '#27ae60', '#f2994a', '#7c5cff', '#eb5757', '#00a3a3', '#c2549d', '#8d6e63'];

/**
 * The edit a plan makes, as one command: a single changed cell as the command the canvas uses
 * for it (updateStep, setStepRole, setStepPhase, setStepItems), anything more as `pasteSteps`
 * (one undo step). Null when the plan has errors or changes nothing.
 */
export function pasteCommand(doc: MapDoc, plan: PastePlan, newId: () => string): Command | null {
  if (plan.errors.length > 0 || (plan.updates.length === 0 && plan.adds.length === 0)) return null;
  const roleIds = new Map(plan.newRoles.map((name) => [name, newId()]));
  const phaseIds = new Map(plan.newPhases.map((name) => [name, newId()]));
  const resolve = (ref: Ref, ids: Map<string, string>) => ('id' in ref ? ref.id : ids.get(ref.create)!);
  const stepEdit = (e: PlanEdit): PasteStepEdit => {
    const out: PasteStepEdit = {};
    for (const k of ['title', 'kind', 'duration', 'wait', 'inputs', 'outputs', 'resources', 'description'] as const) {
      if (e[k] !== undefined) (out as Record<string, unknown>)[k] = e[k];
    }
    if (e.role) out.roleId = resolve(e.role, roleIds);
    if (e.phase !== undefined) out.phaseId = e.phase ? resolve(e.phase, phaseIds) : null;
    return out;
  };
  // only what changes: a row that sets a cell to what it already is leaves it alone
  const updates = plan.updates.map((u) => ({ stepId: u.stepId, ...onlyChanged(stepEdit(u.edit), u.changes) }));
  if (plan.adds.length === 0 && plan.newRoles.length === 0 && plan.newPhases.length === 0 && updates.length === 1 && plan.updates[0]!.changes.length === 1) {
    const single = singleCommand(updates[0]!);
    if (single) return single;
  }
  const firstRole = Object.keys(doc.roles).length;
  return cmd('pasteSteps', {
    roles: plan.newRoles.map((name, i) => ({ id: roleIds.get(name)!, name, color: PALETTE[(firstRole + i) % PALETTE.length]! })),
    phases: plan.newPhases.map((name) => ({ id: phaseIds.get(name)!, name })),
    updates,
    adds: plan.adds.map((a) => {
      const e = stepEdit(a.edit);
      return { ...e, id: newId(), title: a.title, kind: a.kind, roleId: e.roleId!, phaseId: e.phaseId ?? null };
    }),
  });
}

const FIELD_OF: Record<TableColumn, keyof PasteStepEdit> = {
  title: 'title',
  kind: 'kind',
  role: 'roleId',
  phase: 'phaseId',
  duration: 'duration',
  wait: 'wait',
  inputs: 'inputs',
  outputs: 'outputs',
  resources: 'resources',
  description: 'description',
};

function onlyChanged(edit: PasteStepEdit, changes: CellChange[]): PasteStepEdit {
  const out: PasteStepEdit = {};
  for (const c of changes) (out as Record<string, unknown>)[FIELD_OF[c.column]] = edit[FIELD_OF[c.column]];
  return out;
}

function singleCommand(u: { stepId: string } & PasteStepEdit): Command | null {
  const { stepId, ...e } = u;
  const [field] = Object.keys(e) as (keyof PasteStepEdit)[];
  switch (field) {
    case 'roleId':
      return cmd('setStepRole', { stepId, roleId: e.roleId! });
    case 'phaseId':
      return cmd('setStepPhase', { stepId, phaseId: e.phaseId ?? null });
    case 'inputs':
    case 'outputs':
    case 'resources':
      return cmd('setStepItems', { stepId, kind: field, items: e[field]! });
    case 'title':
    case 'kind':
    case 'description':
    case 'duration':
    case 'wait':
      return cmd('updateStep', { stepId, patch: { [field]: e[field] } });
    default:
      return null;
  }
}
