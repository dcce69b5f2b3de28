/**
 * A piece of a map carried by the clipboard (issue 13): some steps with every property they
 * carry, the flows among them, and the names of their lanes and phases (so a paste into another
 * map can match them by name). Positions are as stored: x relative to the step's phase column
 * (or the map's start without a phase), y relative to its lane.
 */
import { foldText } from './search';
import type { Flow, MapDoc, Step } from './types';

/** The system clipboard's type for a fragment (DOM clipboardData; the async API gets it as `web ` + this). */
export const FRAGMENT_MIME = 'application/x-lanemap+json';
export const FRAGMENT_KIND = 'lanemap-fragment';
/** Most steps one paste takes (a forged fragment is refused beyond). */
export const FRAGMENT_MAX_STEPS = 5_000;

export interface Fragment {
  kind: typeof FRAGMENT_KIND;
  v: 1;
  /** The map it was copied from (a paste into the same map keeps lanes and phases by id). */
  mapId: string;
  roles: { id: string; name: string; color: string; order: number }[];
  phases: { id: string; name: string; order: number }[];
  /** In the order they were selected: the first is the one put under the pointer. */
  steps: Step[];
  flows: Flow[];
}

/** The selected steps of `doc` with the flows among them (both ends selected) as a fragment; null when no step is selected. */
export function makeFragment(doc: MapDoc, stepIds: string[]): Fragment | null {
  const steps = stepIds.map((id) => doc.steps[id]).filter((s): s is Step => s !== undefined);
  if (steps.length === 0) return null;
  const ids = new Set(steps.map((s) => s.id));
  const flows = Object.values(doc.flows).filter((f) => ids.has(f.fromStepId) && ids.has(f.toStepId));
  const roleIds = new Set<string>();
  for (const s of steps) {
    roleIds.add(s.roleId);
    for (const r of Object.keys(s.raci ?? {})) roleIds.add(r);
  }
  const roles = [...roleIds].map((id) => doc.roles[id]).filter((r) => r !== undefined).map((r) => ({ id: r.id, name: r.name, color: r.color, order: r.order }));
  const phaseIds = new Set(steps.map((s) => s.phaseId).filter((p): p is string => !!p));
  const phases = [...phaseIds].map((id) => doc.phases[id]).filter((p) => p !== undefined).map((p) => ({ id: p.id, name: p.name, order: p.order }));
  return JSON.parse(JSON.stringify({ kind: FRAGMENT_KIND, v: 1, mapId: doc.id, roles, phases, steps, flows })) as Fragment;
}

/** Reads a fragment from clipboard text; null when it is not one (plain text, another app's JSON). Shape only: the command checks the rest. */
export function parseFragment(text: string | null | undefined): Fragment | null {
  if (!text || text.length > 50_000_000) return null;
  try {
    const v = JSON.parse(text) as Partial<Fragment>;
    if (!v || typeof v !== 'object' || v.kind !== FRAGMENT_KIND) return null;
    if (!Array.isArray(v.steps) || !Array.isArray(v.flows) || !Array.isArray(v.roles) || !Array.isArray(v.phases)) return null;
    return v as Fragment;
  } catch {
    return null;
  }
}

/** The titles of a fragment's steps, one a line (the clipboard's plain text). */
export function fragmentText(f: Fragment): string {
  return f.steps.map((s) => (typeof s.title === 'string' ? s.title.replace(/\s*\n\s*/g, ' ') : '')).join('\n');
}

/**
 * Where a fragment's lanes and phases go in `doc`: the same ids when `doc` has them (the same
 * map), else those with the same name (case, spaces and «ё»/«е» ignored), else new ones
 * (listed in `newRoles` / `newPhases`, with the ids `newId` gives).
 */
export function matchFragment(doc: MapDoc, f: Fragment, newId: () => string) {
  const sameMap = f.mapId === doc.id;
  const roleByName = new Map(Object.values(doc.roles).map((r) => [foldText(r.name), r.id]));
  const phaseByName = new Map(Object.values(doc.phases).map((p) => [foldText(p.name), p.id]));
  const roles: Record<string, string> = {};
  const phases: Record<string, string> = {};
  const newRoles: { id: string; name: string; color: string }[] = [];
  const newPhases: { id: string; name: string }[] = [];
  // a lane is made only for a role a step stands in; a role named only in RACI is matched or left out
  const lanes = new Set(f.steps.map((s) => s.roleId));
  for (const r of [...f.roles].sort((a, b) => a.order - b.order)) {
    const name = String(r.name ?? '');
    const found = (sameMap && doc.roles[r.id] ? r.id : undefined) ?? roleByName.get(foldText(name));
    if (found) roles[r.id] = found;
    else if (lanes.has(r.id)) {
      const id = newId();
      newRoles.push({ id, name, color: r.color });
      roleByName.set(foldText(name), id);
      roles[r.id] = id;
    }
  }
  for (const p of [...f.phases].sort((a, b) => a.order - b.order)) {
    const name = String(p.name ?? '');
    const found = (sameMap && doc.phases[p.id] ? p.id : undefined) ?? phaseByName.get(foldText(name));
    if (found) phases[p.id] = found;
    else {
      const id = newId();
      newPhases.push({ id, name });
      phaseByName.set(foldText(name), id);
      phases[p.id] = id;
    }
  }
  return { roles, phases, newRoles, newPhases };
}
