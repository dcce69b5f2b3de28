/**
 * The difference between two versions of a map, as storage writes it: the rows to write and
 * delete, and for each what the editor expects to find stored (the old values of the fields it
 * changes; null for a row it adds; the whole old row for one it deletes). Storage refuses the
 * change as a conflict when an expectation fails, so another editor's edit is never silently
 * overwritten and a deleted row is never brought back by a stale edit.
 * Records are compared by reference first (Immer keeps untouched records identical), so a
 * one-step edit of a 2000-step map costs almost nothing.
 */
import { changedFields, pickFields, sameValue, TABLES, type Table } from './rows';
import type { MapChanges } from './schema';
import type { MapDoc } from './types';

export function emptyChanges(): MapChanges {
  return {
    upsert: { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [], notes: [] },
    remove: { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [], notes: [] },
    expect: { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [], notes: [] },
  };
}

/** The map's own fields, with their "not set" values filled in, as storage keeps them. */
export function mapFields(d: MapDoc) {
  return {
    title: d.title,
    description: d.description,
    direction: d.direction ?? 'right',
    purpose: d.purpose ?? null,
    owner: d.owner ?? '',
    status: d.status ?? 'draft',
    approval: d.approval ?? null,
    dismissed: d.dismissed ?? [],
    rulesOff: d.rulesOff ?? [],
    swot: d.swot ?? [],
    reviewEveryMonths: d.reviewEveryMonths ?? null,
    nextReview: d.nextReview ?? null,
  };
}
export type MapFields = ReturnType<typeof mapFields>;
export type MapFieldName = keyof MapFields;

export function diffMaps(before: MapDoc, after: MapDoc): MapChanges {
  const changes = emptyChanges();
  const a = mapFields(before);
  const b = mapFields(after);
  const map: Record<string, unknown> = {};
  const was: Record<string, unknown> = {};
  for (const k of Object.keys(a) as MapFieldName[]) {
    if (!sameValue(a[k], b[k])) {
      map[k] = b[k];
      was[k] = a[k];
    }
  }
  if (Object.keys(map).length > 0) {
    changes.map = map;
    changes.expect.map = was;
  }
  for (const t of TABLES) diffTable(t, before[t] ?? {}, after[t] ?? {}, changes);
  return changes;
}

function diffTable(t: Table, ra: Record<string, object>, rb: Record<string, object>, changes: MapChanges) {
  if (ra === rb) return;
  const expect = changes.expect[t];
  for (const [id, rec] of Object.entries(rb)) {
    const old = Object.hasOwn(ra, id) ? ra[id] : undefined;
    if (old === rec) continue;
    if (!old) {
      (changes.upsert[t] as object[]).push(rec);
      expect.push({ id, before: null });
      continue;
    }
    const fields = changedFields(old, rec);
    if (fields.length === 0) continue;
    (changes.upsert[t] as object[]).push(rec);
    expect.push({ id, before: pickFields(old, fields) });
  }
  for (const [id, old] of Object.entries(ra)) {
    if (Object.hasOwn(rb, id)) continue;
    changes.remove[t].push(id);
    expect.push({ id, before: pickFields(old, Object.keys(old)) });
  }
}

export function isEmptyChange(c: MapChanges): boolean {
  return !c.map && TABLES.every((t) => c.upsert[t].length === 0 && c.remove[t].length === 0);
}
