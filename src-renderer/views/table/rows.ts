/**
 * The rows the table shows: the map's steps in reading order, narrowed by the filter (any
 * text of any column, folded so that case and «ё»/«е» do not matter; a role; a phase) and
 * sorted by a column when asked. Pure, and computed once per document and language for the
 * texts (a 2,000-step map is filtered on every keystroke).
 */
import { readingOrder } from '../../../shared/export/svg';
import { foldText } from '../../../shared/model/search';
import { STEP_KINDS, type MapDoc, type Step } from '../../../shared/model/types';
import type { SheetLang } from '../../../shared/views/sheet';
import { cellText, durationMinutes, TABLE_COLUMNS, type TableColumn } from '../../../shared/views/table';

export interface TableFilter {
  query: string;
  /** A role id, or '' for every role. */
  roleId: string;
  /** A phase id, NO_PHASE, or '' for every phase. */
  phaseId: string;
}

export const NO_PHASE = '\u0000none';

export interface TableSort {
  column: TableColumn;
  dir: 'asc' | 'desc';
}

/** Next sort after a click on a column's header: ascending, descending, then reading order again. */
export function nextSort(sort: TableSort | null, column: TableColumn): TableSort | null {
  if (!sort || sort.column !== column) return { column, dir: 'asc' };
  return sort.dir === 'asc' ? { column, dir: 'desc' } : null;
}

interface Indexed {
  steps: Step[];
  /** Each step's cell texts, folded and joined, for the filter (made when a filter first needs it). */
  hay?: Map<string, string>;
}

const indexed = new WeakMap<MapDoc, Partial<Record<SheetLang, Indexed>>>();

function indexOf(doc: MapDoc, lang: SheetLang): Indexed {
  let byLang = indexed.get(doc);
  if (!byLang) indexed.set(doc, (byLang = {}));
  let ix = byLang[lang];
  if (!ix) byLang[lang] = ix = { steps: readingOrder(doc) };
  return ix;
}

function hayOf(doc: MapDoc, lang: SheetLang, ix: Indexed): Map<string, string> {
  if (!ix.hay) {
    ix.hay = new Map();
    for (const s of ix.steps) ix.hay.set(s.id, foldText(TABLE_COLUMNS.map((c) => cellText(doc, s, c, lang)).join('\n')));
  }
  return ix.hay;
}

/** The steps to show, in order. */
export function tableRows(doc: MapDoc, lang: SheetLang, filter: TableFilter, sort: TableSort | null): Step[] {
  const ix = indexOf(doc, lang);
  const steps = ix.steps;
  const words = foldText(filter.query).split(' ').filter(Boolean);
  const hay = words.length ? hayOf(doc, lang, ix) : null;
  const phaseOf = (s: Step) => (s.phaseId && doc.phases[s.phaseId] ? s.phaseId : NO_PHASE);
  let rows = steps;
  if (words.length || filter.roleId || filter.phaseId) {
    rows = steps.filter(
      (s) =>
        (!filter.roleId || s.roleId === filter.roleId) &&
        (!filter.phaseId || phaseOf(s) === filter.phaseId) &&
        (!hay || words.every((w) => hay.get(s.id)!.includes(w))),
    );
  }
  return sort ? sortRows(doc, lang, rows, sort) : rows;
}

const collators: Partial<Record<SheetLang, Intl.Collator>> = {};
const collator = (lang: SheetLang) => (collators[lang] ??= new Intl.Collator(lang, { numeric: true, sensitivity: 'base' }));

/**
 * Sorted by a column, empty cells last either way, ties in reading order. Lanes and phases
 * sort as the map orders them, kinds as start → end, durations by their length (a day is 8 h).
 */
function sortRows(doc: MapDoc, lang: SheetLang, rows: Step[], sort: TableSort): Step[] {
  const key = sortKey(doc, lang, sort.column);
  const keyed = rows.map((s, i) => ({ s, i, k: key(s) }));
  const sign = sort.dir === 'asc' ? 1 : -1;
  const c = collator(lang);
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
    const d = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : c.compare(String(a.k), String(b.k));
    return d * sign || a.i - b.i;
  });
  return keyed.map((x) => x.s);
}

function sortKey(doc: MapDoc, lang: SheetLang, column: TableColumn): (s: Step) => string | number | null {
  switch (column) {
    case 'kind':
      return (s) => STEP_KINDS.indexOf(s.kind);
    case 'role':
      return (s) => doc.roles[s.roleId]?.order ?? null;
    case 'phase':
      return (s) => (s.phaseId && doc.phases[s.phaseId] ? doc.phases[s.phaseId]!.order : null);
    case 'duration':
    case 'wait':
      return (s) => durationMinutes(s[column]);
    default:
      return (s) => cellText(doc, s, column, lang) || null;
  }
}
