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
import { mapFields } from './diff';
import { changedFields, own, sameValue, TABLES, withFields, type Table } from './rows';
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

function titleOf(row: object | undefined, fallback: string): string {
  const r = (row ?? {}) as Partial<Record<'title' | 'name' | 'text' | 'label', string>>;
  return r.title ?? r.name ?? r.text ?? r.label ?? fallback;
}

/** What the other editor changed: per table, the rows whose stored version differs from `base`. */
export interface RemoteChanges {
  base: MapDoc;
  fresh: MapDoc;
  /** Per table: [id, fields they changed (empty when they deleted or added the row)]. */
  rows: Partial<Record<Table, [string, string[]][]>>;
}

/** Compares the stored map with what this editor last knew (once, for every document to rebase). */
export function remoteChanges(base: MapDoc, fresh: MapDoc): RemoteChanges {
  const rows: RemoteChanges['rows'] = {};
  for (const t of TABLES) {
    const rb = (base[t] ?? {}) as Record<string, object>;
    const rf = (fresh[t] ?? {}) as Record<string, object>;
    if (rb === rf) continue;
    const list: [string, string[]][] = [];
    for (const [id, was] of Object.entries(rb)) {
      const now = own(rf, id);
      if (now === was) continue;
      if (!now) list.push([id, []]);
      else {
        const fields = changedFields(was, now);
        if (fields.length > 0) list.push([id, fields]);
      }
    }
    for (const id of Object.keys(rf)) if (!own(rb, id)) list.push([id, []]);
    if (list.length > 0) rows[t] = list;
  }
  return { base, fresh, rows };
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
    if (!sameValue(b![k], d![k]) && !sameValue(d![k], f![k])) mapConflict = true;
    const v = (fresh as unknown as Record<string, unknown>)[k];
    if (v === undefined) delete (out as unknown as Record<string, unknown>)[k];
    else (out as unknown as Record<string, unknown>)[k] = v;
  }
  if (mapConflict) conflicts.push({ table: 'map', id: fresh.id, title: fresh.title, reason: 'changed' });

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
        if (now) rows[id] = now;
        continue;
      }
      if (!now) {
        // they deleted it
        if (mine) {
          if (changedFields(was, mine).length > 0) conflicts.push({ table: t, id, title: titleOf(mine, t), reason: 'deleted' });
          delete rows[id];
        }
        continue;
      }
      if (!mine) {
        // deleted here, edited there: their edit is kept, and the user is told
        conflicts.push({ table: t, id, title: titleOf(now, t), reason: 'changed' });
        rows[id] = now;
        continue;
      }
      const ours = new Set(changedFields(was, mine));
      if (theirs.some((k) => ours.has(k) && !sameValue((mine as Record<string, unknown>)[k], (now as Record<string, unknown>)[k]))) {
        conflicts.push({ table: t, id, title: titleOf(now, t), reason: 'changed' });
      }
      rows[id] = ours.size === 0 ? now : withFields(mine, now, theirs);
    }
    (out as unknown as Record<Table, Record<string, object>>)[t] = rows;
  }
  repairReferences(out, fresh, conflicts);
  return { doc: out, conflicts };
}

/**
 * After merging, a row of this editor's may point at something the other editor deleted (a
 * flow to a deleted step, a step moved into a deleted lane, a comment on a deleted flow): it is
 * put back as stored, or dropped when it is new, and reported.
 */
function repairReferences(doc: MapDoc, fresh: MapDoc, conflicts: RebaseConflict[]) {
  const report = (table: Table, id: string, row: object) => {
    if (!conflicts.some((c) => c.table === table && c.id === id)) conflicts.push({ table, id, title: titleOf(row, table), reason: 'deleted' });
  };
  const fix = <T extends Table>(table: T, broken: (row: MapDoc[T][string]) => boolean) => {
    const rows = doc[table] as Record<string, MapDoc[T][string]>;
    let copy: Record<string, MapDoc[T][string]> | null = null;
    for (const [id, row] of Object.entries(rows)) {
      if (!broken(row)) continue;
      copy ??= { ...rows };
      const stored = own(fresh[table] as Record<string, MapDoc[T][string]>, id);
      if (stored && !broken(stored)) copy[id] = stored;
      else delete copy[id];
      report(table, id, row);
    }
    if (copy) (doc as unknown as Record<Table, unknown>)[table] = copy;
  };
  fix('steps', (s) => !own(doc.roles, s.roleId) || (s.phaseId !== null && !own(doc.phases, s.phaseId)));
  fix('flows', (f) => !own(doc.steps, f.fromStepId) || !own(doc.steps, f.toStepId));
  fix('painPoints', (p) => !own(doc.steps, p.stepId));
  fix('comments', (c) => (c.targetKind === 'step' && !own(doc.steps, c.targetId)) || (c.targetKind === 'flow' && !own(doc.flows, c.targetId)));
  fix('comments', (c) => c.parentId !== null && own(doc.comments, c.parentId)?.parentId !== null);
}
