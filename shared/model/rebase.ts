/**
 * Another editor's changes, carried into this editor's documents. `base` is the map as this
 * editor last knew it stored, `fresh` as it is stored now, `doc` this editor's document (the
 * screen, or an undo step): the result is `fresh` with this editor's own edits (base -> doc)
 * that do not collide with the other's. Where both changed the same field, or one deleted what
 * the other edited, the stored state wins and the row is reported as a conflict — the same rule
 * storage applies to a write that arrives late (see the repository's conditional writes), so
 * nothing is overwritten without the user being told, and an undo never takes back what
 * another editor did.
 */
import { dismissalKey } from './commands';
import { mapFields } from './diff';
import { ADDITIVE_FIELDS, changedFields, own, rowTitle, sameValue, TABLES, withFields, type RowOf, type Table } from './rows';
import type { MapDoc } from './types';

/** A row of this editor's that the other editor's changes overruled. */
export interface RebaseConflict {
  table: Table | 'map';
  id: string;
  title: string;
  reason: 'changed' | 'deleted';
}

export interface Rebased {
  doc: MapDoc;
  conflicts: RebaseConflict[];
}

/** What the other editor changed: per table, the rows whose stored version differs from `base`. */
export interface RemoteChanges {
  base: MapDoc;
  fresh: MapDoc;
  /** Per table: [id, fields they changed (empty when they deleted or added the row)]. */
  rows: Partial<Record<Table, [string, string[]][]>>;
  /** Whether they deleted any row. */
  deletes: boolean;
}

/** Compares the stored map with what this editor last knew (once, for every document to rebase). */
export function remoteChanges(base: MapDoc, fresh: MapDoc): RemoteChanges {
  const rows: RemoteChanges['rows'] = {};
  let deletes = false;
  for (const t of TABLES) {
    const rb = (base[t] ?? {}) as Record<string, object>;
    const rf = (fresh[t] ?? {}) as Record<string, object>;
    if (rb === rf) continue;
    const list: [string, string[]][] = [];
    for (const [id, was] of Object.entries(rb)) {
      const now = own(rf, id);
      if (now === was) continue;
      if (!now) {
        list.push([id, []]);
        deletes = true;
      } else {
        const fields = changedFields(was, now);
        if (fields.length > 0) list.push([id, fields]);
      }
    }
    for (const id of Object.keys(rf)) if (!own(rb, id)) list.push([id, []]);
    if (list.length > 0) rows[t] = list;
  }
  return { base, fresh, rows, deletes };
}

/** `doc` with the other editor's changes carried in (see the top of this file). */
export function rebaseDoc(doc: MapDoc, changes: RemoteChanges): Rebased {
  const { base, fresh } = changes;
  const conflicts: RebaseConflict[] = [];
  const out: MapDoc = { ...doc, createdAt: fresh.createdAt, updatedAt: fresh.updatedAt };

  // the map's own fields
  const [b, f, d] = [mapFields(base), mapFields(fresh), mapFields(doc)] as Record<string, unknown>[];
  let mapConflict = false;
  for (const k of Object.keys(f!)) {
    if (sameValue(b![k], f![k])) continue;
    // lists of set-aside findings, switched-off rules and SWOT notes: both editors' additions and removals count
    if (k in SET_FIELDS && !sameValue(b![k], d![k])) {
      const merged = mergeSets(b![k] as unknown[], d![k] as unknown[], f![k] as unknown[], SET_FIELDS[k as keyof typeof SET_FIELDS]);
      if (merged.length === 0) delete (out as unknown as Record<string, unknown>)[k];
      else (out as unknown as Record<string, unknown>)[k] = merged;
      continue;
    }
    if (!sameValue(b![k], d![k]) && !sameValue(d![k], f![k])) mapConflict = true;
    const v = (fresh as unknown as Record<string, unknown>)[k];
    if (v === undefined) delete (out as unknown as Record<string, unknown>)[k];
    else (out as unknown as Record<string, unknown>)[k] = v;
  }
  if (mapConflict) conflicts.push({ table: 'map', id: fresh.id, title: fresh.title, reason: 'changed' });

  /** Rows the other editor added or changed: what they point at must stay (see keepWhatTheirsNeed). */
  const touched: [Table, string][] = [];
  for (const t of TABLES) {
    const list = changes.rows[t];
    if (!list) continue;
    const rb = (base[t] ?? {}) as Record<string, object>;
    const rf = (fresh[t] ?? {}) as Record<string, object>;
    const rd = (doc[t] ?? {}) as Record<string, object>;
    const rows: Record<string, object> = { ...rd };
    for (const [id, theirs] of list) {
      const was = own(rb, id);
      const now = own(rf, id);
      const mine = own(rd, id);
      if (!was) {
        // they added it
        if (now) {
          rows[id] = now;
          touched.push([t, id]);
        }
        continue;
      }
      if (!now) {
        // they deleted it
        if (mine) {
          // named as both windows knew it
          if (changedFields(was, mine).length > 0) conflicts.push({ table: t, id, title: rowTitle(was, t), reason: 'deleted' });
          delete rows[id];
        }
        continue;
      }
      touched.push([t, id]);
      if (!mine) {
        // deleted here, edited there: their edit is kept, and the user is told
        conflicts.push({ table: t, id, title: rowTitle(now, t), reason: 'changed' });
        rows[id] = now;
        continue;
      }
      const ours = new Set(changedFields(was, mine));
      if (theirs.some((k) => ours.has(k) && !ADDITIVE_FIELDS.has(k) && !sameValue((mine as Record<string, unknown>)[k], (now as Record<string, unknown>)[k]))) {
        conflicts.push({ table: t, id, title: rowTitle(now, t), reason: 'changed' });
      }
      let merged = ours.size === 0 ? now : withFields(mine, now, theirs);
      // counters both raised: their increase and ours both count
      for (const k of theirs) {
        const [w, n, m] = [was, now, mine].map((r) => (r as Record<string, unknown>)[k]);
        if (ADDITIVE_FIELDS.has(k) && ours.has(k) && typeof w === 'number' && typeof n === 'number' && typeof m === 'number') {
          merged = { ...merged, [k]: Math.max(1, n + (m - w)) };
        }
      }
      rows[id] = merged;
    }
    (out as unknown as Record<Table, Record<string, object>>)[t] = rows;
  }
  if (touched.length > 0) keepWhatTheirsNeed(out, fresh, touched, conflicts);
  // only a row the other editor deleted can leave one of ours pointing at nothing
  if (changes.deletes) repairReferences(out, fresh, conflicts);
  return { doc: out, conflicts };
}

type Ref = [Table, string];

/** The rows `row` of `table` points at (a flow its steps, a step its lane and phase…). */
function referencesOf(table: Table, row: object): Ref[] {
  const r = row as Record<string, unknown>;
  const refs: Ref[] = [];
  const add = (t: Table, id: unknown) => typeof id === 'string' && refs.push([t, id]);
  if (table === 'steps') {
    add('roles', r.roleId);
    add('phases', r.phaseId);
  }
  if (table === 'flows') {
    add('steps', r.fromStepId);
    add('steps', r.toStepId);
  }
  if (table === 'painPoints') add('steps', r.stepId);
  if (table === 'notes') add('steps', r.stepId);
  if (table === 'comments') {
    if (r.targetKind === 'step') add('steps', r.targetId);
    if (r.targetKind === 'flow') add('flows', r.targetId);
    add('comments', r.parentId);
  }
  return refs;
}

/**
 * What the other editor added or changed keeps what it points at: a step this editor deleted,
 * but to which the other drew a flow or wrote a comment (or whose flow the other relabelled),
 * comes back as stored, with everything that was deleted with it, and the user is told that
 * the deletion was not saved. Deleting it anyway would delete the other's work without a word.
 */
function keepWhatTheirsNeed(doc: MapDoc, fresh: MapDoc, theirs: Ref[], conflicts: RebaseConflict[]) {
  const rowsOf = (t: Table) => (doc[t] ?? {}) as unknown as Record<string, object>;
  const put = (t: Table, id: string, row: object) => {
    (doc as unknown as Record<Table, Record<string, object>>)[t] = { ...rowsOf(t), [id]: row };
  };
  const queue = [...theirs];
  const restore = (t: Table, id: string, told: boolean) => {
    const back = own((fresh[t] ?? {}) as unknown as Record<string, object>, id);
    if (!back || own(rowsOf(t), id)) return;
    put(t, id, back);
    if (told && !conflicts.some((c) => c.table === t && c.id === id)) conflicts.push({ table: t, id, title: rowTitle(back, t), reason: 'changed' });
    queue.push([t, id]);
    // what was deleted with it comes back with it
    for (const dt of ['flows', 'painPoints', 'comments', 'notes'] as const) {
      for (const [did, drow] of Object.entries((fresh[dt] ?? {}) as unknown as Record<string, object>)) {
        if (!own(rowsOf(dt), did) && referencesOf(dt, drow).some(([rt, rid]) => rt === t && rid === id)) restore(dt, did, false);
      }
    }
  };
  while (queue.length > 0) {
    const [t, id] = queue.pop()!;
    const row = own(rowsOf(t), id);
    if (!row) continue;
    for (const [rt, rid] of referencesOf(t, row)) if (!own(rowsOf(rt), rid)) restore(rt, rid, true);
  }
}

/**
 * After merging, a row of this editor's may point at something the other editor deleted (a
 * flow to a deleted step, a step moved into a deleted lane, a comment on a deleted flow): it is
 * put back as stored, or dropped when it is new, and reported.
 */
function repairReferences(doc: MapDoc, fresh: MapDoc, conflicts: RebaseConflict[]) {
  const report = (table: Table, id: string, row: object) => {
    if (!conflicts.some((c) => c.table === table && c.id === id)) conflicts.push({ table, id, title: rowTitle(row, table), reason: 'deleted' });
  };
  const fix = <T extends Table>(table: T, broken: (row: RowOf<T>) => boolean) => {
    const rows = (doc[table] ?? {}) as Record<string, RowOf<T>>;
    let copy: Record<string, RowOf<T>> | null = null;
    for (const [id, row] of Object.entries(rows)) {
      if (!broken(row)) continue;
      copy ??= { ...rows };
      const stored = own((fresh[table] ?? {}) as Record<string, RowOf<T>>, id);
      if (stored && !broken(stored)) copy[id] = stored;
      else delete copy[id];
      report(table, id, row);
    }
    if (copy) (doc as unknown as Record<Table, unknown>)[table] = copy;
  };
  fix('steps', (s) => !own(doc.roles, s.roleId) || (s.phaseId !== null && !own(doc.phases, s.phaseId)));
  fix('flows', (f) => !own(doc.steps, f.fromStepId) || !own(doc.steps, f.toStepId));
  fix('painPoints', (p) => !own(doc.steps, p.stepId));
  fix('notes', (n) => n.stepId !== undefined && !own(doc.steps, n.stepId));
  fix('comments', (c) => (c.targetKind === 'step' && !own(doc.steps, c.targetId)) || (c.targetKind === 'flow' && !own(doc.flows, c.targetId)));
  fix('comments', (c) => c.parentId !== null && own(doc.comments, c.parentId)?.parentId !== null);
}

/** Map fields that are sets: each element is known by its key, and edits to them merge. */
const SET_FIELDS = {
  dismissed: (d: unknown) => dismissalKey(d as Parameters<typeof dismissalKey>[0]),
  rulesOff: (r: unknown) => String(r),
  // notes of the SWOT board: two facilitators typing at once both keep their notes
  swot: (n: unknown) => (n as { id: string }).id,
} as const;

/** `theirs` with what `mine` added to `base` (new or changed elements) and without what it removed. */
function mergeSets(base: unknown[], mine: unknown[], theirs: unknown[], key: (x: unknown) => string): unknown[] {
  const was = new Map(base.map((x) => [key(x), x] as const));
  const now = new Map(mine.map((x) => [key(x), x] as const));
  const out = new Map(theirs.map((x) => [key(x), x] as const));
  for (const [k, x] of now) if (!was.has(k) || !sameValue(was.get(k), x)) out.set(k, x);
  for (const k of was.keys()) if (!now.has(k)) out.delete(k);
  return [...out.values()];
}
