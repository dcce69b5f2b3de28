/**
 * The row-level difference between two versions of a map: what storage must write so that
 * the stored map equals `after`. Records are compared by reference first (Immer keeps
 * untouched records identical), so a one-step edit of a 2000-step map costs almost nothing.
 */
import type { MapChanges } from './schema';
import type { MapDoc } from './types';

type Tables = 'roles' | 'phases' | 'steps' | 'flows';
const TABLES: Tables[] = ['roles', 'phases', 'steps', 'flows'];

export function diffMaps(before: MapDoc, after: MapDoc): MapChanges {
  const changes: MapChanges = {
    upsert: { roles: [], phases: [], steps: [], flows: [] },
    remove: { roles: [], phases: [], steps: [], flows: [] },
  };
  const direction = (d: MapDoc) => d.direction ?? 'right';
  if (before.title !== after.title || before.description !== after.description || direction(before) !== direction(after)) {
    changes.map = {};
    if (before.title !== after.title) changes.map.title = after.title;
    if (before.description !== after.description) changes.map.description = after.description;
    if (direction(before) !== direction(after)) changes.map.direction = direction(after);
  }
  for (const t of TABLES) {
    const a = before[t] as Record<string, unknown>;
    const b = after[t] as Record<string, unknown>;
    if (a === b) continue;
    for (const [id, rec] of Object.entries(b)) {
      if (a[id] !== rec && JSON.stringify(a[id]) !== JSON.stringify(rec)) (changes.upsert[t] as unknown[]).push(rec);
    }
    for (const id of Object.keys(a)) if (!(id in b)) changes.remove[t].push(id);
  }
  return changes;
}

export function isEmptyChange(c: MapChanges): boolean {
  return !c.map && TABLES.every((t) => c.upsert[t].length === 0 && c.remove[t].length === 0);
}
