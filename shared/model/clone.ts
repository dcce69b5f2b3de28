/** Copies a map with new ids everywhere (duplicate, instantiate a template, import). */
import { newId } from './ids';
import type { MapDoc } from './types';

/**
 * Old id -> new id, by kind. Pass the same one when copying several documents that must keep
 * matching each other (a map and its saved versions: a step keeps one id across all of them,
 * so versions still compare step by step with the copied map).
 */
export type IdMap = Map<string, string>;

export function newIdMap(): IdMap {
  return new Map();
}

type Kind = 'map' | 'role' | 'phase' | 'step' | 'flow' | 'comment' | 'painPoint' | 'note';

export function cloneWithNewIds(
  doc: MapDoc,
  overrides: {
    title?: string;
    now: string;
    /** A saved version: keeps its status, approval and dates, as it was then. */
    asSnapshot?: boolean;
  },
  ids: IdMap = newIdMap(),
): MapDoc {
  /** The new id of something this document holds (made on first sight). */
  const own = (kind: Kind, id: string) => {
    const key = `${kind}:${id}`;
    let next = ids.get(key);
    if (next === undefined) ids.set(key, (next = newId()));
    return next;
  };
  // every part this document holds gets its id first, so references between parts resolve
  for (const id of Object.keys(doc.roles)) own('role', id);
  for (const id of Object.keys(doc.phases)) own('phase', id);
  for (const id of Object.keys(doc.steps)) own('step', id);
  for (const id of Object.keys(doc.flows)) own('flow', id);
  for (const id of Object.keys(doc.comments ?? {})) own('comment', id);
  /** A reference: its new id, or the old one if it points at nothing copied (kept as it was). */
  const ref = (kind: Kind, id: string) => ids.get(`${kind}:${id}`) ?? id;

  const snapshot = overrides.asSnapshot === true;
  const out: MapDoc = {
    id: own('map', doc.id),
    title: overrides.title ?? doc.title,
    description: doc.description,
    ...(doc.direction ? { direction: doc.direction } : {}),
    ...(doc.purpose ? { purpose: doc.purpose } : {}),
    ...(doc.owner ? { owner: doc.owner } : {}),
    ...(snapshot && doc.status ? { status: doc.status } : {}),
    ...(snapshot && doc.approval ? { approval: { ...doc.approval } } : {}),
    ...(doc.rulesOff?.length ? { rulesOff: [...doc.rulesOff] } : {}),
    ...(doc.reviewEveryMonths !== undefined ? { reviewEveryMonths: doc.reviewEveryMonths } : {}),
    // the next review belongs to the approval, which a copy (a new draft) does not have
    ...(snapshot && doc.nextReview ? { nextReview: doc.nextReview } : {}),
    createdAt: snapshot ? doc.createdAt : overrides.now,
    updatedAt: snapshot ? doc.updatedAt : overrides.now,
    roles: {},
    phases: {},
    steps: {},
    flows: {},
    comments: {},
    painPoints: {},
  };
  for (const r of Object.values(doc.roles)) out.roles[ref('role', r.id)] = { ...r, id: ref('role', r.id) };
  for (const p of Object.values(doc.phases)) {
    out.phases[ref('phase', p.id)] = { ...p, id: ref('phase', p.id), ...(p.kpis ? { kpis: p.kpis.map((k) => ({ ...k })) } : {}) };
  }
  for (const s of Object.values(doc.steps)) {
    const id = ref('step', s.id);
    out.steps[id] = {
      ...s,
      id,
      roleId: ref('role', s.roleId),
      phaseId: s.phaseId ? ref('phase', s.phaseId) : null,
      inputs: [...s.inputs],
      outputs: [...s.outputs],
      resources: [...s.resources],
      duration: s.duration ? { ...s.duration } : null,
      ...(s.wait ? { wait: { ...s.wait } } : {}),
      ...(s.raci ? { raci: Object.fromEntries(Object.entries(s.raci).map(([roleId, letter]) => [ref('role', roleId), letter])) } : {}),
      ...(s.parties ? { parties: s.parties.map((p) => ({ ...p })) } : {}),
      ...(s.kpis ? { kpis: s.kpis.map((k) => ({ ...k })) } : {}),
    };
  }
  for (const f of Object.values(doc.flows)) {
    const id = ref('flow', f.id);
    out.flows[id] = {
      ...f,
      id,
      fromStepId: ref('step', f.fromStepId),
      toStepId: ref('step', f.toStepId),
      ...(f.route ? { route: f.route.map((p) => ({ ...p })) } : {}),
    };
  }
  // the review travels with the copy; its status starts again as a draft (a snapshot keeps its own)
  for (const c of Object.values(doc.comments ?? {})) {
    const id = ref('comment', c.id);
    const targetId = c.targetId === null ? null : ref(c.targetKind === 'step' ? 'step' : 'flow', c.targetId);
    out.comments[id] = { ...c, id, targetId, parentId: c.parentId ? ref('comment', c.parentId) : null };
  }
  for (const p of Object.values(doc.painPoints ?? {})) {
    const id = own('painPoint', p.id);
    out.painPoints[id] = { ...p, id, stepId: ref('step', p.stepId) };
  }
  // notes travel with the copy, annotations on the copy's steps
  for (const n of Object.values(doc.notes ?? {})) {
    const id = own('note', n.id);
    (out.notes ??= {})[id] = { ...n, id, ...(n.stepId ? { stepId: ref('step', n.stepId) } : {}) };
  }
  // the SWOT board travels with the copy, linked to the copy's steps
  if (doc.swot?.length) out.swot = doc.swot.map((n) => ({ ...n, stepIds: n.stepIds.map((id) => ref('step', id)) }));
  // findings set aside stay set aside on the copy: their targets get the copy's ids
  if (doc.dismissed?.length) {
    out.dismissed = doc.dismissed.map((d) => ({ ...d, targetId: d.targetId === null || d.targetKind === 'map' ? d.targetId : ref(d.targetKind, d.targetId) }));
  }
  return out;
}
