/**
 * The conditional write's rules, one copy for both map stores (./mapRepository.ts on SQLite,
 * ./pg/pgStore.ts on PostgreSQL): every row an edit writes says what it expects stored, field
 * by field; a stale edit is refused naming the rows; another field of the same row changed
 * meanwhile is kept (merged); a row both editors deleted is reported as already gone; a write
 * repeated because its answer was lost is not a conflict; rows someone attached meanwhile to a
 * row the edit deletes refuse the edit (they would go with it without a word).
 *
 * Each store reads what is stored its own way and hands it over as a `StoredState`.
 */
import { ADDITIVE_FIELDS, fieldValue, rowTitle, TABLES, withFields, type Table } from '../../shared/model/rows';
import type { MapChanges } from '../../shared/model/schema';
import type { AnyRow } from './rowModel';

export class NotFoundError extends Error {}

/** A row another editor changed or deleted after this editor last read it. */
export interface ConflictRow {
  table: Table | 'map';
  id: string;
  /** The title (or name, or text) of the row as stored now, or as it was if it was deleted. */
  title: string;
  /** changed: its fields differ from what the edit expected; deleted: it is gone; exists: an added row is already there. */
  reason: 'changed' | 'deleted' | 'exists';
}

export class ConflictError extends Error {
  readonly conflicts: ConflictRow[];
  // no parameter property: the team server runs these sources on Node's type stripping
  constructor(message: string, conflicts: ConflictRow[] = []) {
    super(message);
    this.conflicts = conflicts;
  }
}

/** Text PostgreSQL cannot keep (the NUL character): the edit is refused whole, nothing is stored. */
export class UnstorableTextError extends Error {}

export const GONE = 'This map no longer exists.';

/** What a row of each table is called in a message. */
export const WHAT: Record<Table, string> = { roles: 'lane', phases: 'phase', steps: 'step', flows: 'flow', comments: 'comment', painPoints: 'pain point', notes: 'note' };

/** The refusal of a write naming a row of another map. */
export const ofAnotherMap = (t: Table, id: string) => new ConflictError(`The ${WHAT[t]} ${id} belongs to another map.`);

/** How a store compares two stored field values (plain JSON data). */
export type Same = (a: unknown, b: unknown) => boolean;

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** Equality of two field values whatever the order of their objects' keys (jsonb does not keep it). */
export function sameStored(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** What the rules need to know of the stored map, read by the store within the write's transaction. */
export interface StoredState {
  /** The map's own fields (`mapFields` of the stored map). */
  fields(): Record<string, unknown>;
  /** The stored row `id` of `t` in this map, or undefined; a row of another map is refused (`ofAnotherMap`). */
  row(t: Table, id: string): AnyRow | undefined;
  /** Rows that hang on a row (by their id and what names them). */
  flowsOfStep(stepId: string): { id: string; label: string }[];
  painsOfStep(stepId: string): { id: string; kind: string }[];
  notesOfStep(stepId: string): { id: string; text: string }[];
  commentsOn(kind: 'step' | 'flow', targetId: string): { id: string; text: string }[];
  repliesTo(threadId: string): { id: string; text: string }[];
}

/**
 * Whether writing field `k` would overwrite something else than the edit expected: the stored
 * value is neither the expected one nor already the one being written (a write that arrives
 * twice, e.g. as the page goes away while it is on its way, is not a conflict).
 */
export function isOverwritten(same: Same, stored: object, k: string, expected: unknown, next: object | undefined): boolean {
  const value = fieldValue(stored, k);
  // a counter (votes) that already holds the new count was raised by someone else's vote
  return !same(value, expected) && !(next && !ADDITIVE_FIELDS.has(k) && same(value, fieldValue(next, k)));
}

function changedFields(same: Same, before: object, after: object): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('id');
  return [...keys].filter((k) => !same(fieldValue(before, k), fieldValue(after, k)));
}

/**
 * Rows that hang on a row this edit deletes (a step's flows, comments, pain points and notes, a
 * flow's comments, a thread's replies) but that the edit does not delete or re-point itself:
 * another editor added or attached them meanwhile, and deleting them with it would lose their
 * work without a word. The edit is refused instead, so the editor can be told.
 */
function unknownDependents(s: StoredState, changes: MapChanges): ConflictRow[] {
  const out: ConflictRow[] = [];
  const gone = (t: Table) => new Set(changes.remove[t]);
  // rows this edit rewrites to point elsewhere do not hang on the deleted row any more
  const repointed = (t: Table) => new Set(changes.upsert[t].map((r) => r.id));
  const [flows, comments, pains, notes] = [gone('flows'), gone('comments'), gone('painPoints'), gone('notes')];
  const [flowsRe, commentsRe, painsRe, notesRe] = [repointed('flows'), repointed('comments'), repointed('painPoints'), repointed('notes')];
  const flag = (table: Table, id: string, title: string) => {
    if (!out.some((c) => c.table === table && c.id === id)) out.push({ table, id, title, reason: 'exists' });
  };
  for (const stepId of gone('steps')) {
    for (const f of s.flowsOfStep(stepId)) if (!flows.has(f.id) && !flowsRe.has(f.id)) flag('flows', f.id, f.label || stepId);
    for (const p of s.painsOfStep(stepId)) if (!pains.has(p.id) && !painsRe.has(p.id)) flag('painPoints', p.id, p.kind);
    // an annotation another editor attached meanwhile would be left pointing at nothing
    for (const n of s.notesOfStep(stepId)) if (!notes.has(n.id) && !notesRe.has(n.id)) flag('notes', n.id, n.text || 'note');
    for (const c of s.commentsOn('step', stepId)) if (!comments.has(c.id) && !commentsRe.has(c.id)) flag('comments', c.id, c.text);
  }
  for (const flowId of flows) {
    for (const c of s.commentsOn('flow', flowId)) if (!comments.has(c.id) && !commentsRe.has(c.id)) flag('comments', c.id, c.text);
  }
  for (const threadId of comments) {
    for (const c of s.repliesTo(threadId)) if (!comments.has(c.id) && !commentsRe.has(c.id)) flag('comments', c.id, c.text);
  }
  return out;
}

/** Every expectation of `changes` that what is stored breaks, naming the rows. */
export function findConflicts(same: Same, s: StoredState, mapId: string, changes: MapChanges): ConflictRow[] {
  const conflicts: ConflictRow[] = [];
  if (changes.map) {
    const fields = s.fields();
    const expected = (changes.expect.map ?? {}) as Record<string, unknown>;
    const changed = Object.keys(changes.map).filter((k) => isOverwritten(same, fields, k, expected[k], changes.map));
    if (changed.length > 0) conflicts.push({ table: 'map', id: mapId, title: String(fields.title), reason: 'changed' });
  }
  for (const t of TABLES) {
    const expected = new Map(changes.expect[t].map((e) => [e.id, e.before] as const));
    const ids = [...changes.upsert[t].map((r) => r.id), ...changes.remove[t]];
    const removed = new Set(changes.remove[t]);
    const writing = new Map<string, object>(changes.upsert[t].map((r) => [r.id, r] as const));
    for (const id of ids) {
      const row = s.row(t, id);
      const before = expected.get(id);
      const next = writing.get(id);
      if (before === null) {
        // the same row sent again (a retry whose first answer was lost) is not a conflict
        if (row && (!next || changedFields(same, row, next).length > 0)) conflicts.push({ table: t, id, title: rowTitle(row, t), reason: 'exists' });
      } else if (!row) {
        // both editors deleted it: nothing is lost
        if (!removed.has(id)) conflicts.push({ table: t, id, title: rowTitle(before ?? {}, t), reason: 'deleted' });
      } else if (before && Object.keys(before).some((k) => isOverwritten(same, row, k, (before as Record<string, unknown>)[k], next))) {
        conflicts.push({ table: t, id, title: rowTitle(row, t), reason: 'changed' });
      }
    }
  }
  conflicts.push(...unknownDependents(s, changes));
  return conflicts;
}

/** The refusal of a stale edit, naming (up to three of) the rows it met. */
export function conflictError(conflicts: ConflictRow[]): ConflictError {
  const names = conflicts
    .slice(0, 3)
    .map((c) => `«${c.title}»`)
    .join(', ');
  return new ConflictError(`Someone else changed this map meanwhile (${names}${conflicts.length > 3 ? ', …' : ''}); your change was not stored.`, conflicts);
}

/**
 * What to store for each row an edit upserts: a new row whole; an edited one as stored with
 * only the fields the edit changes (it keeps what others changed in its other fields), and
 * whether a step's item lists are among them.
 */
export function mergeInto(s: StoredState, changes: MapChanges): <R extends AnyRow>(t: Table, row: R) => { row: R; items: boolean } {
  const expected = new Map(TABLES.flatMap((t) => changes.expect[t].map((e) => [`${t}:${e.id}`, e.before] as const)));
  return (t, row) => {
    const was = s.row(t, row.id);
    const fields = Object.keys(expected.get(`${t}:${row.id}`) ?? {});
    if (!was) return { row, items: true };
    return { row: withFields(was, row, fields) as typeof row, items: fields.some((f) => f === 'inputs' || f === 'outputs' || f === 'resources') };
  };
}

/** The rows the edit was to delete that were gone already (someone else deleted them). */
export function alreadyGone(s: StoredState, changes: MapChanges): { table: Table; id: string }[] {
  return TABLES.flatMap((t) => changes.remove[t].filter((id) => !s.row(t, id)).map((id) => ({ table: t, id })));
}

/**
 * Checks `changes` against what is stored (ConflictError naming the rows when an expectation
 * fails) and returns how to merge each row into what is stored.
 */
export function checked(same: Same, s: StoredState, mapId: string, changes: MapChanges) {
  const conflicts = findConflicts(same, s, mapId, changes);
  if (conflicts.length > 0) throw conflictError(conflicts);
  return mergeInto(s, changes);
}

/** Whether every new value of `changes` is already stored (a write repeated because its answer was lost). */
export function alreadyStored(same: Same, s: StoredState, changes: MapChanges): boolean {
  if (changes.map) {
    const fields = s.fields();
    if (Object.entries(changes.map).some(([k, v]) => !same(fieldValue(fields, k), v))) return false;
  }
  for (const t of TABLES) {
    const expected = new Map(changes.expect[t].map((e) => [e.id, e.before] as const));
    for (const row of changes.upsert[t] as AnyRow[]) {
      const now = s.row(t, row.id);
      const keys = Object.keys(expected.get(row.id) ?? row);
      if (!now || keys.some((k) => !same(fieldValue(now, k), fieldValue(row, k)))) return false;
    }
    if (changes.remove[t].some((id) => s.row(t, id))) return false;
  }
  return true;
}

/**
 * Whether an edit changes the map's content (lanes, phases, steps, flows, notes, title,
 * description, direction) without setting its status: an approved map then becomes a draft
 * again, as the editor's commands do, also for an editor that did not know of the approval yet.
 */
export function resetsApproval(changes: MapChanges): boolean {
  if (changes.map?.status !== undefined) return false;
  return (
    (['roles', 'phases', 'steps', 'flows', 'notes'] as const).some((t) => changes.upsert[t].length > 0 || changes.remove[t].length > 0) ||
    !!(changes.map && (changes.map.title !== undefined || changes.map.description !== undefined || changes.map.direction !== undefined))
  );
}
