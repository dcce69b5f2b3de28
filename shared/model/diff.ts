/**
 * The row-level difference between two versions of a map: what storage must write so that
 * the stored map equals `after`. Records are compared by reference first (Immer keeps
 * untouched records identical), so a one-step edit of a 2000-step map costs almost nothing.
 */
import type { MapChanges } from './schema';
import type { MapDoc } from './types';

type Tables = 'roles' | 'phases' | 'steps' | 'flows' | 'comments' | 'painPoints';
const TABLES: Tables[] = ['roles', 'phases', 'steps', 'flows', 'comments', 'painPoints'];

export function emptyChanges(): MapChanges {
  return {
    upsert: { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [] },
    remove: { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [] },
  };
}

/** The map's own fields, with their "not set" values filled in, as storage keeps them. */
function fields(d: MapDoc) {
  return {
    title: d.title,
    description: d.description,
    direction: d.direction ?? 'right',
    purpose: d.purpose ?? null,
    owner: d.owner ?? '',
    status: d.status ?? 'draft',
    approval: d.approval ?? null,
  };
}

export function diffMaps(before: MapDoc, after: MapDoc): MapChanges {
  const changes = emptyChanges();
  const a = fields(before);
  const b = fields(after);
  const map: NonNullable<MapChanges['map']> = {};
  if (a.title !== b.title) map.title = b.title;
  if (a.description !== b.description) map.description = b.description;
  if (a.direction !== b.direction) map.direction = b.direction;
  if (a.purpose !== b.purpose) map.purpose = b.purpose;
  if (a.owner !== b.owner) map.owner = b.owner;
  if (a.status !== b.status) map.status = b.status;
  if (JSON.stringify(a.approval) !== JSON.stringify(b.approval)) map.approval = b.approval;
  if (Object.keys(map).length > 0) changes.map = map;
  for (const t of TABLES) {
    const ra = (before[t] ?? {}) as Record<string, unknown>;
    const rb = (after[t] ?? {}) as Record<string, unknown>;
    if (ra === rb) continue;
    for (const [id, rec] of Object.entries(rb)) {
      if (ra[id] !== rec && JSON.stringify(ra[id]) !== JSON.stringify(rec)) (changes.upsert[t] as unknown[]).push(rec);
    }
    for (const id of Object.keys(ra)) if (!(id in rb)) changes.remove[t].push(id);
  }
  return changes;
}

export function isEmptyChange(c: MapChanges): boolean {
  return !c.map && TABLES.every((t) => c.upsert[t].length === 0 && c.remove[t].length === 0);
}
