/** Copies a map with new ids everywhere (duplicate, instantiate a template). */
import { newId } from './ids';
import type { MapDoc } from './types';

export function cloneWithNewIds(doc: MapDoc, overrides: { title?: string; now: string }): MapDoc {
  const roleIds = new Map(Object.keys(doc.roles).map((id) => [id, newId()]));
  const phaseIds = new Map(Object.keys(doc.phases).map((id) => [id, newId()]));
  const stepIds = new Map(Object.keys(doc.steps).map((id) => [id, newId()]));
  const pick = (m: Map<string, string>, id: string) => m.get(id) ?? id;
  const out: MapDoc = {
    id: newId(),
    title: overrides.title ?? doc.title,
    description: doc.description,
    ...(doc.direction ? { direction: doc.direction } : {}),
    createdAt: overrides.now,
    updatedAt: overrides.now,
    roles: {},
    phases: {},
    steps: {},
    flows: {},
  };
  for (const r of Object.values(doc.roles)) out.roles[pick(roleIds, r.id)] = { ...r, id: pick(roleIds, r.id) };
  for (const p of Object.values(doc.phases)) out.phases[pick(phaseIds, p.id)] = { ...p, id: pick(phaseIds, p.id) };
  for (const s of Object.values(doc.steps)) {
    const id = pick(stepIds, s.id);
    out.steps[id] = {
      ...s,
      id,
      roleId: pick(roleIds, s.roleId),
      phaseId: s.phaseId ? pick(phaseIds, s.phaseId) : null,
      inputs: [...s.inputs],
      outputs: [...s.outputs],
      resources: [...s.resources],
      duration: s.duration ? { ...s.duration } : null,
    };
  }
  for (const f of Object.values(doc.flows)) {
    const id = newId();
    out.flows[id] = {
      ...f,
      id,
      fromStepId: pick(stepIds, f.fromStepId),
      toStepId: pick(stepIds, f.toStepId),
      ...(f.route ? { route: f.route.map((p) => ({ ...p })) } : {}),
    };
  }
  return out;
}
