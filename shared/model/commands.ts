/**
 * Every edit a user can make, as data: `{ type, args }`. Each command is a pure function of
 * the document, written against an Immer draft; `applyCommand` returns the next document.
 * Undo is the previous document; persistence is `diffMaps(before, after)`. One path for both.
 */
import { produce, type Draft } from 'immer';
import { frameSize, LANE_PADDING, mapGeometry } from './geometry';
import { foldText } from './search';
import { FRAGMENT_KIND, FRAGMENT_MAX_STEPS, type Fragment } from './fragment';
import { describeIssues, FlowSchema, RoleSchema, StepSchema } from './schema';
import type { AutomationLevel, EventTrigger, CommentTarget, Direction, Dismissal, Duration, Flow, ItemKind, Kpi, MapDoc, MapStatus, PainKind, Point, Purpose, RaciLetter, Step, StepKind, SwotQuadrant } from './types';
import { DEFAULT_REVIEW_MONTHS, EVENT_KINDS, ITEM_KINDS, LIMITS } from './types';

import { CommandError } from './commandError';
import { cardWidth } from './geometry';
import { freeAnnotations, noteHandlers } from './notes';

export { CommandError };

type D = Draft<MapDoc>;

function mustStep(doc: D, id: string) {
  const s = doc.steps[id];
  if (!s) throw new CommandError(`There is no step ${id} in this map.`);
  return s;
}
function mustRole(doc: D, id: string) {
  const r = doc.roles[id];
  if (!r) throw new CommandError(`There is no role ${id} in this map.`);
  return r;
}
function mustPhase(doc: D, id: string) {
  const p = doc.phases[id];
  if (!p) throw new CommandError(`There is no phase ${id} in this map.`);
  return p;
}
/** Sets `order` 0..n-1 following `orderedIds` (roles or phases). */
function renumber(records: Record<string, { order: number }>, orderedIds: string[]) {
  orderedIds.forEach((id, i) => {
    const r = records[id];
    if (r && r.order !== i) r.order = i;
  });
}
function idsInOrder(records: Record<string, { id: string; order: number }>): string[] {
  return Object.values(records)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map((r) => r.id);
}
/** Moves `id` to `toIndex` in the order of `records`. */
function reorder(records: Record<string, { id: string; order: number }>, id: string, toIndex: number) {
  const ids = idsInOrder(records).filter((x) => x !== id);
  ids.splice(Math.max(0, Math.min(ids.length, toIndex)), 0, id);
  renumber(records, ids);
}

/**
 * The first y at or below `y` where a box of `size` at `x` stays clear of the other steps of
 * the same lane and phase column (frame coordinates, real box sizes, a gap between).
 */
function clearY(doc: D, at: { x: number; y: number; roleId: string; phaseId: string | null; size: { width: number; height: number }; except?: Set<string> }) {
  const sizeOf = frameSize(doc.direction);
  const gap = 24;
  let y = at.y;
  for (let tries = 0; tries < 10_000; tries++) {
    const blocker = Object.values(doc.steps).find((s) => {
      if (at.except?.has(s.id) || s.roleId !== at.roleId || (s.phaseId ?? null) !== at.phaseId) return false;
      const b = sizeOf(s);
      return s.x < at.x + at.size.width + gap && at.x < s.x + b.width + gap && s.y < y + at.size.height + gap && y < s.y + b.height + gap;
    });
    if (!blocker) break;
    y = blocker.y + sizeOf(blocker).height + gap;
  }
  return y;
}

/** Moves a step (already given its new lane / phase) down out of the way of the steps there. */
function settle(doc: D, step: Draft<Step>) {
  step.y = clearY(doc, {
    x: step.x,
    y: step.y,
    roleId: step.roleId,
    phaseId: step.phaseId ?? null,
    size: frameSize(doc.direction)(step),
    except: new Set([step.id]),
  });
}

/** Nearest a step may stand to the left edge of its phase column. */
const MIN_COLUMN_X = 20;

export interface NewStep {
  id: string;
  kind: StepKind;
  roleId: string;
  phaseId?: string | null;
  x: number;
  y: number;
  title?: string;
}

/** `wait: null` clears the wait time. */
export type StepPatch = Partial<Pick<Step, 'title' | 'description' | 'kind' | 'pinned'>> & {
  duration?: Duration | null;
  wait?: Duration | null;
  /** 'manual' (or null) clears the mark: a step is done by hand unless it says otherwise. */
  automation?: AutomationLevel | null;
  /** Empty or null clears it. */
  system?: string | null;
  /** What an event step waits for or sends; null clears it (a plain event). Kept only on start, event and end steps. */
  trigger?: EventTrigger | null;
  /** An event step that sends rather than waits; false clears it. */
  throwing?: boolean;
};

/** `date` (YYYY-MM-DD or an ISO time) plus `months`, as YYYY-MM-DD; the 31st of a shorter month is its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A KPI list as stored: names trimmed, empty ones dropped, at most LIMITS.kpisPerItem. */
function cleanKpis(kpis: Kpi[]): Kpi[] {
  const seen = new Set<string>();
  const out: Kpi[] = [];
  for (const k of kpis) {
    const name = k.name.trim();
    if (!name || seen.has(k.id)) continue;
    seen.add(k.id);
    const num = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
    out.push({ id: k.id, name, unit: k.unit.trim(), target: num(k.target), current: num(k.current), better: k.better === 'lower' ? 'lower' : 'higher' });
  }
  if (out.length > LIMITS.kpisPerItem) throw new CommandError(`At most ${LIMITS.kpisPerItem} KPIs on one phase or step.`);
  return out;
}

function swotNote(doc: D, id: string) {
  const n = (doc.swot ?? []).find((x) => x.id === id);
  if (!n) throw new CommandError('This note is no longer on the board.');
  return n;
}

/** A step's RACI letters after its role changed: the new role is R (C or I on it are dropped; A stays: R and A). */
function keepRaciFor(s: Draft<Step>) {
  const letter = s.raci?.[s.roleId];
  if (s.raci && letter && letter !== 'A') delete s.raci[s.roleId];
  if (s.raci && Object.keys(s.raci).length === 0) delete s.raci;
}

/** Drops outside parties of items the step no longer has. */
function keepPartiesFor(s: Draft<Step>) {
  if (!s.parties) return;
  const has = { inputs: new Set(s.inputs.map(foldText)), outputs: new Set(s.outputs.map(foldText)) };
  s.parties = s.parties.filter((p) => has[p.kind].has(foldText(p.item)));
  if (s.parties.length === 0) delete s.parties;
}

/** What a pasted (or typed) table row sets on a step; a field left out stays as it is. */
export interface PasteStepEdit {
  title?: string;
  kind?: StepKind;
  description?: string;
  duration?: Duration | null;
  /** null: no wait. */
  wait?: Duration | null;
  roleId?: string;
  phaseId?: string | null;
  inputs?: string[];
  outputs?: string[];
  resources?: string[];
}

/** Space between a pasted step and the one before it along the flow (as the templates space them). */
const PASTE_GAP = 60;
/** Where the first step of an empty lane / phase cell goes (frame coordinates, relative to its column and lane). */
const PASTE_FIRST = { x: 40, y: 40 };

/**
 * A place for a new step at the end of its lane within its phase column: right of the steps
 * already there, level with the last of them, so it follows them in reading order and covers
 * none (columns and lanes grow to fit it).
 */
function placeAtEnd(doc: D, roleId: string, phaseId: string | null, step: Parameters<ReturnType<typeof frameSize>>[0]): { x: number; y: number } {
  const sizeOf = frameSize(doc.direction);
  const column = (s: { phaseId: string | null }) => (s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null);
  const key = column({ phaseId });
  let last: Draft<Step> | null = null;
  let right = -Infinity;
  for (const s of Object.values(doc.steps)) {
    if (s.roleId !== roleId || column(s) !== key) continue;
    const r = s.x + sizeOf(s).width;
    if (r > right) {
      right = r;
      last = s;
    }
  }
  if (!last) return PASTE_FIRST;
  // a decision is taller than a task: line their middles up rather than their tops
  const own = sizeOf(step);
  const y = Math.max(LANE_PADDING, Math.round(last.y + (sizeOf(last).height - own.height) / 2));
  return { x: right + PASTE_GAP, y };
}

/** Applies a table row's edit to a step through the same commands as the canvas and inspector. */
function applyStepEdit(doc: D, stepId: string, e: PasteStepEdit) {
  const patch: StepPatch = {};
  for (const k of ['title', 'kind', 'description', 'duration', 'wait'] as const) if (e[k] !== undefined) (patch as Record<string, unknown>)[k] = e[k];
  if (Object.keys(patch).length) handlers.updateStep(doc, { stepId, patch });
  for (const kind of ITEM_KINDS) if (e[kind] !== undefined) handlers.setStepItems(doc, { stepId, kind, items: e[kind] });
  if (e.roleId !== undefined) handlers.setStepRole(doc, { stepId, roleId: e.roleId });
  if (e.phaseId !== undefined) handlers.setStepPhase(doc, { stepId, phaseId: e.phaseId });
}

/** The key of a dismissal, as `Finding.key` (shared/analysis/checks.ts) spells it. */
export function dismissalKey(d: Pick<Dismissal, 'rule' | 'targetKind' | 'targetId' | 'item'>): string {
  const at = d.targetKind === 'map' ? 'map' : `${d.targetKind}:${d.targetId}`;
  return `${d.rule}|${at}${d.item === undefined ? '' : `|${d.item}`}`;
}

/** Whether a dismissal's target is still in the map. */
function targetExists(doc: D, d: Dismissal): boolean {
  const records = { map: null, step: doc.steps, flow: doc.flows, role: doc.roles, phase: doc.phases }[d.targetKind];
  return records === null || (d.targetId !== null && Object.hasOwn(records, d.targetId));
}

const handlers = {
  renameMap(doc: D, a: { title: string }) {
    doc.title = a.title;
  },
  setMapDescription(doc: D, a: { description: string }) {
    doc.description = a.description;
  },
  addStep(doc: D, a: NewStep) {
    mustRole(doc, a.roleId);
    if (a.phaseId) mustPhase(doc, a.phaseId);
    if (doc.steps[a.id]) throw new CommandError('A step with this id already exists.');
    doc.steps[a.id] = {
      id: a.id,
      kind: a.kind,
      title: a.title ?? '',
      description: '',
      roleId: a.roleId,
      phaseId: a.phaseId ?? null,
      x: Math.round(a.phaseId ? Math.max(MIN_COLUMN_X, a.x) : a.x),
      y: Math.max(LANE_PADDING, Math.round(a.y)),
      duration: null,
      inputs: [],
      outputs: [],
      resources: [],
    };
  },
  /** Adds a step to the right of `afterStepId`, in the same lane, and connects the two. */
  addStepAfter(doc: D, a: { afterStepId: string; id: string; flowId: string; kind: StepKind; title?: string }) {
    const prev = mustStep(doc, a.afterStepId);
    const sizeOf = frameSize(doc.direction);
    const x = prev.x + sizeOf(prev).width + 60;
    // keep clear of the steps already standing there in the same lane (real box sizes)
    const size = sizeOf({ kind: a.kind, title: a.title ?? '', inputs: [], outputs: [], resources: [] });
    const y = clearY(doc, { x, y: prev.y, roleId: prev.roleId, phaseId: prev.phaseId ?? null, size });
    handlers.addStep(doc, { id: a.id, kind: a.kind, roleId: prev.roleId, phaseId: prev.phaseId, x, y, title: a.title });
    handlers.connect(doc, { id: a.flowId, fromStepId: prev.id, toStepId: a.id });
  },
  updateStep(doc: D, a: { stepId: string; patch: StepPatch }) {
    const s = mustStep(doc, a.stepId);
    const { automation, system, trigger, throwing, ...rest } = a.patch;
    Object.assign(s, rest);
    if (s.pinned === false) delete s.pinned;
    if (trigger !== undefined) {
      if (trigger === null) delete s.trigger;
      else s.trigger = trigger;
    }
    if (throwing !== undefined) {
      if (throwing) s.throwing = true;
      else delete s.throwing;
    }
    // a trigger belongs to events, and only an event step in the middle sends
    if (!EVENT_KINDS.includes(s.kind)) delete s.trigger;
    if (s.kind !== 'event') delete s.throwing;
    if (s.wait === null) delete s.wait;
    if (automation !== undefined) {
      if (automation === null || automation === 'manual') delete s.automation;
      else s.automation = automation;
    }
    if (system !== undefined) {
      const name = system?.trim() ?? '';
      if (name) s.system = name;
      else delete s.system;
    }
  },
  /** Replaces the KPIs of a phase or a step (an empty list clears them). */
  setKpis(doc: D, a: { target: { kind: 'phase' | 'step'; id: string }; kpis: Kpi[] }) {
    const owner = a.target.kind === 'phase' ? mustPhase(doc, a.target.id) : mustStep(doc, a.target.id);
    const kpis = cleanKpis(a.kpis);
    if (kpis.length === 0) delete owner.kpis;
    else owner.kpis = kpis;
  },
  /** The percentage of cases that take a flow out of a decision (null: not said). */
  /** Marks a flow as a message between parties (drawn dashed), or as the work passing on again. */
  setFlowMessage(doc: D, a: { flowId: string; message: boolean }) {
    const f = doc.flows[a.flowId];
    if (!f) throw new CommandError('This flow no longer exists.');
    if (a.message) f.message = true;
    else delete f.message;
  },
  setFlowShare(doc: D, a: { flowId: string; share: number | null }) {
    const f = doc.flows[a.flowId];
    if (!f) throw new CommandError('This flow no longer exists.');
    if (a.share === null) delete f.share;
    else if (!Number.isFinite(a.share) || a.share < 0 || a.share > 100) throw new CommandError('A share is a percentage from 0 to 100.');
    else f.share = Math.round(a.share * 10) / 10;
  },
  /** Adds a note to a quadrant of the SWOT board (at `index`, else at its end). */
  addSwotNote(doc: D, a: { id: string; quadrant: SwotQuadrant; text: string; index?: number; stepIds?: string[] }) {
    const text = a.text.trim();
    if (!text) throw new CommandError('Write something first.');
    const list = doc.swot ?? [];
    if (list.some((n) => n.id === a.id)) throw new CommandError('A note with this id already exists.');
    if (list.length >= LIMITS.swotNotes) throw new CommandError(`A board holds at most ${LIMITS.swotNotes} notes.`);
    const note = { id: a.id, quadrant: a.quadrant, text, stepIds: (a.stepIds ?? []).filter((id) => doc.steps[id]) };
    doc.swot = insertInQuadrant(list, note, a.index);
  },
  editSwotNote(doc: D, a: { id: string; text: string }) {
    const text = a.text.trim();
    if (!text) throw new CommandError('Write something first.');
    swotNote(doc, a.id).text = text;
  },
  /** Moves a note to `index` among the notes of `quadrant` (the same or another one). */
  moveSwotNote(doc: D, a: { id: string; quadrant: SwotQuadrant; index: number }) {
    const note = { ...swotNote(doc, a.id), quadrant: a.quadrant };
    doc.swot = insertInQuadrant(
      (doc.swot ?? []).filter((n) => n.id !== a.id),
      note,
      a.index,
    );
  },
  deleteSwotNote(doc: D, a: { id: string }) {
    const rest = (doc.swot ?? []).filter((n) => n.id !== a.id);
    if (rest.length === 0) delete doc.swot;
    else doc.swot = rest;
  },
  /** The steps a note is about (steps not in the map are left out). */
  linkSwotNote(doc: D, a: { id: string; stepIds: string[] }) {
    swotNote(doc, a.id).stepIds = [...new Set(a.stepIds)].filter((id) => doc.steps[id]).slice(0, LIMITS.itemsPerList);
  },
  /** How often the map is reviewed (0: not regularly) and when next (null: not planned). */
  setReviewCycle(doc: D, a: { everyMonths?: number | null; nextReview?: string | null }) {
    if (a.everyMonths !== undefined) {
      if (a.everyMonths === null) delete doc.reviewEveryMonths;
      else if (!Number.isInteger(a.everyMonths) || a.everyMonths < 0 || a.everyMonths > LIMITS.reviewMonths)
        throw new CommandError(`Review every 0 to ${LIMITS.reviewMonths} months.`);
      else doc.reviewEveryMonths = a.everyMonths;
    }
    if (a.nextReview !== undefined) {
      if (a.nextReview === null) delete doc.nextReview;
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(a.nextReview) || addMonths(a.nextReview, 0) !== a.nextReview) throw new CommandError('Give the date as YYYY-MM-DD.');
      else doc.nextReview = a.nextReview;
    }
  },
  /**
   * Sets a RACI letter of a role on a step (null clears it). There is one accountable role:
   * an A set here moves from the role that had it. On the step's own role (R) only A is taken.
   */
  setRaci(doc: D, a: { stepId: string; roleId: string; letter: RaciLetter | null }) {
    mustRole(doc, a.roleId);
    const s = mustStep(doc, a.stepId);
    if (a.roleId === s.roleId && a.letter !== null && a.letter !== 'A') throw new CommandError('The step\'s own role is responsible for it: it can also be accountable (A), not consulted or informed.');
    const raci = { ...(s.raci ?? {}) };
    if (a.letter === 'A') for (const [roleId, letter] of Object.entries(raci)) if (letter === 'A') delete raci[roleId];
    if (a.letter === null) delete raci[a.roleId];
    else raci[a.roleId] = a.letter;
    if (Object.keys(raci).length === 0) delete s.raci;
    else s.raci = raci;
  },
  /** Names the outside party an input comes from or an output goes to (empty or null: inside the map). */
  setItemParty(doc: D, a: { stepId: string; kind: 'inputs' | 'outputs'; item: string; party: string | null }) {
    const s = mustStep(doc, a.stepId);
    const key = foldText(a.item);
    if (!s[a.kind].some((i) => foldText(i) === key)) throw new CommandError('This step has no such item.');
    const rest = (s.parties ?? []).filter((p) => !(p.kind === a.kind && foldText(p.item) === key));
    const party = a.party?.trim() ?? '';
    const next = party ? [...rest, { kind: a.kind, item: a.item.trim(), party }] : rest;
    if (next.length === 0) delete s.parties;
    else s.parties = next;
  },
  /** Sets a finding of the checks aside, with the reason (replaces an earlier dismissal of it). */
  dismissFinding(doc: D, a: { dismissal: Dismissal }) {
    if (!a.dismissal.reason.trim()) throw new CommandError('Say why the finding is set aside.');
    const key = dismissalKey(a.dismissal);
    const kept = (doc.dismissed ?? []).filter((d) => dismissalKey(d) !== key && targetExists(doc, d));
    doc.dismissed = [...kept, { ...a.dismissal, reason: a.dismissal.reason.trim() }];
  },
  /** Takes a dismissal back: the finding counts again. */
  restoreFinding(doc: D, a: { key: string }) {
    const kept = (doc.dismissed ?? []).filter((d) => dismissalKey(d) !== a.key);
    if (kept.length === 0) delete doc.dismissed;
    else doc.dismissed = kept;
  },
  /** Switches a rule of the checks off (or on again) for this map. */
  setRuleEnabled(doc: D, a: { rule: string; enabled: boolean }) {
    const off = new Set(doc.rulesOff ?? []);
    if (a.enabled) off.delete(a.rule);
    else off.add(a.rule);
    if (off.size === 0) delete doc.rulesOff;
    else doc.rulesOff = [...off].sort();
  },
  /**
   * The result of a tidy-up as one edit: new places for steps (x relative to their phase
   * column, y to their lane) and the drawn routes of flows (a flow without one is routed by
   * the canvas). Steps or flows deleted meanwhile are skipped.
   */
  tidyUp(doc: D, a: { steps: Record<string, { x: number; y: number }>; routes: Record<string, Point[] | undefined>; direction?: Direction }) {
    if (a.direction === 'down') doc.direction = 'down';
    else if (a.direction === 'right') delete doc.direction;
    for (const [id, p] of Object.entries(a.steps)) {
      const s = doc.steps[id];
      if (!s) continue;
      s.x = p.x;
      s.y = p.y;
    }
    for (const f of Object.values(doc.flows)) {
      const route = a.routes[f.id];
      if (route && route.length >= 2) f.route = route.map((p) => ({ x: p.x, y: p.y }));
      else delete f.route;
    }
  },
  /**
   * A block pasted into the step table, as one edit: lanes and phases it names that the map
   * lacks, changes to existing steps, and new steps, each placed at the end of its lane within
   * its phase (in order, not connected: flows are drawn on the map).
   */
  pasteSteps(
    doc: D,
    a: {
      roles: { id: string; name: string; color: string }[];
      phases: { id: string; name: string }[];
      updates: ({ stepId: string } & PasteStepEdit)[];
      adds: ({ id: string; kind: StepKind; title: string; roleId: string; phaseId: string | null } & PasteStepEdit)[];
    },
  ) {
    for (const r of a.roles) handlers.addRole(doc, r);
    for (const p of a.phases) handlers.addPhase(doc, p);
    for (const { stepId, ...edit } of a.updates) {
      mustStep(doc, stepId);
      applyStepEdit(doc, stepId, edit);
    }
    for (const { id, kind, title, roleId, phaseId, ...edit } of a.adds) {
      mustRole(doc, roleId);
      if (phaseId) mustPhase(doc, phaseId);
      const at = placeAtEnd(doc, roleId, phaseId, { kind, title, inputs: edit.inputs ?? [], outputs: edit.outputs ?? [], resources: edit.resources ?? [], duration: edit.duration ?? null });
      handlers.addStep(doc, { id, kind, roleId, phaseId, x: at.x, y: at.y, title });
      applyStepEdit(doc, id, edit);
    }
  },
  /** Puts a step in another lane, below the steps already standing there if need be. */
  setStepRole(doc: D, a: { stepId: string; roleId: string }) {
    mustRole(doc, a.roleId);
    const s = mustStep(doc, a.stepId);
    if (s.roleId === a.roleId) return;
    s.roleId = a.roleId;
    keepRaciFor(s);
    settle(doc, s);
  },
  /**
   * Moves steps (end of a drag): x relative to the phase column, y relative to the lane, and,
   * when dropped in another lane or column, the new role and phase (`phaseId` left out: kept).
   */
  moveSteps(doc: D, a: { moves: { stepId: string; x: number; y: number; roleId: string; phaseId?: string | null }[]; notes?: { id: string; x: number; y: number }[] }) {
    if (a.notes?.length) noteHandlers.moveNotes(doc, { moves: a.notes });
    for (const m of a.moves) {
      mustRole(doc, m.roleId);
      const s = mustStep(doc, m.stepId);
      if (m.phaseId !== undefined) {
        if (m.phaseId !== null) mustPhase(doc, m.phaseId);
        s.phaseId = m.phaseId;
      }
      s.x = Math.round(Math.max(s.phaseId ? MIN_COLUMN_X : 0, m.x));
      s.y = Math.max(LANE_PADDING, Math.round(m.y));
      s.roleId = m.roleId;
      keepRaciFor(s);
    }
  },
  /** Puts a step in another phase column (or none), at the same place within the column. */
  setStepPhase(doc: D, a: { stepId: string; phaseId: string | null }) {
    if (a.phaseId !== null) mustPhase(doc, a.phaseId);
    const s = mustStep(doc, a.stepId);
    if ((s.phaseId ?? null) === a.phaseId) return;
    s.phaseId = a.phaseId;
    if (s.phaseId) s.x = Math.max(MIN_COLUMN_X, s.x);
    settle(doc, s);
  },
  setStepItems(doc: D, a: { stepId: string; kind: ItemKind; items: string[] }) {
    const cleaned = a.items.map((i) => i.trim()).filter(Boolean);
    const s = mustStep(doc, a.stepId);
    s[a.kind] = cleaned;
    keepPartiesFor(s);
  },
  connect(doc: D, a: { id: string; fromStepId: string; toStepId: string; label?: string }) {
    mustStep(doc, a.fromStepId);
    mustStep(doc, a.toStepId);
    if (a.fromStepId === a.toStepId) throw new CommandError('A step cannot flow into itself.');
    const exists = Object.values(doc.flows).some((f) => f.fromStepId === a.fromStepId && f.toStepId === a.toStepId);
    if (exists) throw new CommandError('These steps are already connected.');
    doc.flows[a.id] = { id: a.id, fromStepId: a.fromStepId, toStepId: a.toStepId, label: a.label ?? '' };
  },
  setFlowLabel(doc: D, a: { flowId: string; label: string }) {
    const f = doc.flows[a.flowId];
    if (!f) throw new CommandError('This flow no longer exists.');
    f.label = a.label;
  },
  /** Deletes steps (with the flows touching them, and the comments and pain points on them) and flows. */
  deleteElements(doc: D, a: { stepIds: string[]; flowIds: string[]; noteIds?: string[] }) {
    const steps = new Set(a.stepIds);
    const flows = new Set<string>();
    for (const f of Object.values(doc.flows) as Flow[]) {
      if (a.flowIds.includes(f.id) || steps.has(f.fromStepId) || steps.has(f.toStepId)) {
        flows.add(f.id);
        delete doc.flows[f.id];
      }
    }
    // an annotation outlives its step as a sticky note where it stood: what was written is kept (an undo reattaches it)
    freeAnnotations(doc, steps);
    for (const id of steps) delete doc.steps[id];
    if (a.noteIds?.length) noteHandlers.deleteNotes(doc, { ids: a.noteIds });
    dropOrphanReview(doc);
  },
  /** The map's properties, as the article's first step asks: why it is made and who owns it. */
  setMapProperties(doc: D, a: { purpose?: Purpose | null; owner?: string }) {
    if (a.purpose === null) delete doc.purpose;
    else if (a.purpose !== undefined) doc.purpose = a.purpose;
    if (a.owner !== undefined) {
      if (a.owner.trim()) doc.owner = a.owner;
      else delete doc.owner;
    }
  },
  /** draft -> in review -> approved (who and when); back to draft or review at any time. */
  setStatus(doc: D, a: { status: MapStatus; by?: string; at?: string }) {
    if (a.status === 'approved') {
      if (!a.by?.trim() || !a.at) throw new CommandError('Say who approves the map.');
      doc.approval = { by: a.by.trim(), at: a.at };
      // the approved map is due for review again after its cycle
      const every = doc.reviewEveryMonths ?? DEFAULT_REVIEW_MONTHS;
      if (every > 0) doc.nextReview = addMonths(a.at, every);
      else delete doc.nextReview;
    }
    if (a.status === 'draft') delete doc.status;
    else doc.status = a.status;
  },
  /** Links a sub-process step to the map that details it (null: unlinks). */
  setStepLink(doc: D, a: { stepId: string; mapId: string | null }) {
    const s = mustStep(doc, a.stepId);
    if (a.mapId === doc.id) throw new CommandError('A map cannot be its own sub-process.');
    if (a.mapId) {
      s.linkedMapId = a.mapId;
      s.kind = 'subprocess';
    } else delete s.linkedMapId;
  },
  addComment(
    doc: D,
    a: { id: string; targetKind: CommentTarget; targetId: string | null; parentId?: string | null; author: string; text: string; at: string },
  ) {
    if (doc.comments[a.id]) throw new CommandError('A comment with this id already exists.');
    if (!a.text.trim()) throw new CommandError('Write something first.');
    let { targetKind, targetId } = a;
    let parentId: string | null = null;
    if (a.parentId) {
      // a reply joins its thread: same target, and always points to the thread's first comment
      const parent = doc.comments[a.parentId];
      if (!parent) throw new CommandError('This comment no longer exists.');
      parentId = parent.parentId ?? parent.id;
      targetKind = parent.targetKind;
      targetId = parent.targetId;
    } else if (targetKind === 'map') targetId = null;
    else if (!targetId || !(targetKind === 'step' ? doc.steps[targetId] : doc.flows[targetId])) {
      throw new CommandError(`This ${targetKind} no longer exists.`);
    }
    doc.comments[a.id] = {
      id: a.id,
      targetKind,
      targetId,
      parentId,
      author: a.author.trim(),
      text: a.text.trim(),
      createdAt: a.at,
      resolvedAt: null,
      resolvedBy: null,
    };
    // a new remark in a resolved thread opens it again
    const root = parentId ? doc.comments[parentId] : undefined;
    if (root?.resolvedAt) {
      root.resolvedAt = null;
      root.resolvedBy = null;
    }
  },
  editComment(doc: D, a: { id: string; text: string }) {
    const c = doc.comments[a.id];
    if (!c) throw new CommandError('This comment no longer exists.');
    if (!a.text.trim()) throw new CommandError('Write something first.');
    c.text = a.text.trim();
  },
  /** Deletes a comment; the first comment of a thread takes its replies with it. */
  deleteComment(doc: D, a: { id: string }) {
    if (!doc.comments[a.id]) return;
    for (const c of Object.values(doc.comments)) if (c.parentId === a.id) delete doc.comments[c.id];
    delete doc.comments[a.id];
  },
  resolveComment(doc: D, a: { id: string; resolved: boolean; by?: string; at?: string }) {
    const c = doc.comments[a.id];
    if (!c) throw new CommandError('This comment no longer exists.');
    const root = c.parentId ? doc.comments[c.parentId] : c;
    if (!root) throw new CommandError('This comment no longer exists.');
    root.resolvedAt = a.resolved ? (a.at ?? new Date().toISOString()) : null;
    root.resolvedBy = a.resolved ? (a.by ?? '') : null;
  },
  /** Marks a step as a pain point of `kind`, or adds a vote when it is already marked so (dot voting). */
  markPainPoint(doc: D, a: { id: string; stepId: string; kind: PainKind; at: string }) {
    mustStep(doc, a.stepId);
    const existing = Object.values(doc.painPoints).find((p) => p.stepId === a.stepId && p.kind === a.kind);
    if (existing) existing.votes += 1;
    else doc.painPoints[a.id] = { id: a.id, stepId: a.stepId, kind: a.kind, votes: 1, createdAt: a.at };
  },
  /** Takes one vote back; the mark goes with its last vote. */
  unvotePainPoint(doc: D, a: { id: string }) {
    const p = doc.painPoints[a.id];
    if (!p) return;
    if (p.votes > 1) p.votes -= 1;
    else delete doc.painPoints[a.id];
  },
  removePainPoint(doc: D, a: { id: string }) {
    delete doc.painPoints[a.id];
  },
  /**
   * Makes a saved version the current state of the map: its title, description, lanes,
   * phases, steps and flows. Comments and pain points stay where their step or flow still
   * exists. One undo brings the state before back.
   */
  restoreVersion(doc: D, a: { version: MapDoc }) {
    const v = a.version;
    doc.title = v.title;
    doc.description = v.description;
    if (v.direction === 'down') doc.direction = 'down';
    else delete doc.direction;
    doc.roles = JSON.parse(JSON.stringify(v.roles)) as MapDoc['roles'];
    doc.phases = JSON.parse(JSON.stringify(v.phases)) as MapDoc['phases'];
    doc.steps = JSON.parse(JSON.stringify(v.steps)) as MapDoc['steps'];
    doc.flows = JSON.parse(JSON.stringify(v.flows)) as MapDoc['flows'];
    for (const s of Object.values(doc.steps)) if (s.linkedMapId === doc.id) delete s.linkedMapId;
    dropOrphanReview(doc);
  },
  addRole(doc: D, a: { id: string; name: string; color: string }) {
    if (doc.roles[a.id]) throw new CommandError('A role with this id already exists.');
    doc.roles[a.id] = { id: a.id, name: a.name, color: a.color, order: Object.keys(doc.roles).length };
    renumber(doc.roles, idsInOrder(doc.roles));
  },
  updateRole(doc: D, a: { roleId: string; name?: string; color?: string }) {
    const r = mustRole(doc, a.roleId);
    if (a.name !== undefined) r.name = a.name;
    if (a.color !== undefined) r.color = a.color;
  },
  /** Moves a lane to `toIndex` (0 = top). */
  moveRole(doc: D, a: { roleId: string; toIndex: number }) {
    mustRole(doc, a.roleId);
    reorder(doc.roles, a.roleId, a.toIndex);
  },
  /**
   * Removes a lane. Its steps move to `moveStepsTo`, or are deleted when `deleteSteps` is set;
   * a lane that still has steps and neither option is refused.
   */
  removeRole(doc: D, a: { roleId: string; moveStepsTo?: string; deleteSteps?: boolean }) {
    mustRole(doc, a.roleId);
    const inLane = Object.values(doc.steps).filter((s) => s.roleId === a.roleId);
    if (inLane.length > 0) {
      if (a.moveStepsTo) {
        if (a.moveStepsTo === a.roleId) throw new CommandError('Choose another lane for the steps.');
        mustRole(doc, a.moveStepsTo);
        // each moved step keeps its place along the flow and goes below what stands there
        for (const s of inLane.sort((p, q) => p.y - q.y)) {
          s.roleId = a.moveStepsTo;
          keepRaciFor(s);
          settle(doc, s);
        }
      } else if (a.deleteSteps) {
        handlers.deleteElements(doc, { stepIds: inLane.map((s) => s.id), flowIds: [] });
      } else {
        throw new CommandError(`This lane has ${inLane.length} step(s): choose where they go.`);
      }
    }
    delete doc.roles[a.roleId];
    for (const s of Object.values(doc.steps)) {
      if (s.raci && Object.hasOwn(s.raci, a.roleId)) {
        delete s.raci[a.roleId];
        if (Object.keys(s.raci).length === 0) delete s.raci;
      }
    }
    renumber(doc.roles, idsInOrder(doc.roles));
  },
  /** Adds a phase (a stage of the sales cycle) as the last column, or at `index`. */
  addPhase(doc: D, a: { id: string; name: string; index?: number }) {
    if (doc.phases[a.id]) throw new CommandError('A phase with this id already exists.');
    doc.phases[a.id] = { id: a.id, name: a.name, order: Object.keys(doc.phases).length };
    if (a.index !== undefined) reorder(doc.phases, a.id, a.index);
  },
  /** Adds several phases at once (e.g. the seven stages of the sales cycle): one undo step. */
  addPhases(doc: D, a: { phases: { id: string; name: string }[] }) {
    for (const p of a.phases) handlers.addPhase(doc, p);
  },
  renamePhase(doc: D, a: { phaseId: string; name: string }) {
    mustPhase(doc, a.phaseId).name = a.name;
  },
  movePhase(doc: D, a: { phaseId: string; toIndex: number }) {
    mustPhase(doc, a.phaseId);
    reorder(doc.phases, a.phaseId, a.toIndex);
  },
  /**
   * Removes a phase. Its steps have no phase then and go to the "no phase" column in front
   * (or, when no phase is left, stay free), keeping their distance from the map's start.
   */
  removePhase(doc: D, a: { phaseId: string }) {
    mustPhase(doc, a.phaseId);
    const before = mapGeometry(doc).positions;
    const moved = Object.values(doc.steps).filter((s) => s.phaseId === a.phaseId);
    for (const s of moved) {
      s.phaseId = null;
      // the "no phase" column starts at 0, as a map without phases does
      s.x = before.get(s.id)!.x;
    }
    delete doc.phases[a.phaseId];
    renumber(doc.phases, idsInOrder(doc.phases));
    for (const s of moved) settle(doc, s);
  },
  // --- issue 13: clipboard, insert into a flow, heal on delete, re-attach flows (CLIPBOARD) ---
  /**
   * Pastes a fragment (steps with every property, the flows among them) as one edit, under new
   * ids (`ids`): lanes and phases go where `roles` / `phases` say (after making `newRoles` /
   * `newPhases`); each step goes to `places[oldId]` when given, else to its own place moved by
   * `offset`. Flow routes move by `routeShift` (left out: dropped, the canvas routes them). A
   * damaged or forged fragment is refused as a whole.
   */
  pasteFragment(
    doc: D,
    a: {
      fragment: Fragment;
      ids: { steps: Record<string, string>; flows: Record<string, string> };
      roles: Record<string, string>;
      phases: Record<string, string>;
      newRoles: { id: string; name: string; color: string }[];
      newPhases: { id: string; name: string }[];
      places?: Record<string, { x: number; y: number; roleId: string; phaseId: string | null }>;
      offset?: Point;
      routeShift?: Point;
    },
  ) {
    const f = a.fragment as Partial<Fragment> | null;
    const refuse = (why: string): never => {
      throw new CommandError(`The pasted steps were refused: ${why}`);
    };
    if (!f || f.kind !== FRAGMENT_KIND || !Array.isArray(f.steps) || !Array.isArray(f.flows)) refuse('this is not a piece of a Lanemap map.');
    const steps = f!.steps!;
    const flows = f!.flows!;
    if (steps.length === 0) refuse('there is nothing to paste.');
    if (steps.length > FRAGMENT_MAX_STEPS || flows.length > FRAGMENT_MAX_STEPS * 4) refuse(`at most ${FRAGMENT_MAX_STEPS} steps at once.`);
    for (const r of a.newRoles) {
      const ok = RoleSchema.safeParse({ ...r, order: 0 });
      if (!ok.success) refuse(`a lane is damaged (${describeIssues(ok.error)}).`);
      handlers.addRole(doc, r);
    }
    for (const p of a.newPhases) {
      if (typeof p.name !== 'string' || !p.name.trim() || p.name.length > LIMITS.roleName) refuse('a phase name is empty or too long.');
      handlers.addPhase(doc, p);
    }
    const seen = new Set<string>();
    const offset = a.offset ?? { x: 0, y: 0 };
    for (const old of steps) {
      if (!old || typeof old !== 'object' || typeof old.id !== 'string' || seen.has(old.id)) refuse('a step is damaged or given twice.');
      seen.add(old.id);
      const id = a.ids.steps[old.id];
      if (!id || doc.steps[id]) refuse('a step has no new id.');
      const place = a.places?.[old.id];
      const roleId = place?.roleId ?? a.roles[old.roleId];
      const phaseId = place ? place.phaseId : old.phaseId ? (a.phases[old.phaseId] ?? null) : null;
      if (!roleId || !doc.roles[roleId]) refuse('a step has no lane in this map.');
      if (phaseId && !doc.phases[phaseId]) refuse('a step has no phase in this map.');
      const raci: Record<string, RaciLetter> = {};
      if (old.raci && typeof old.raci === 'object') {
        for (const [r, letter] of Object.entries(old.raci)) {
          const to = a.roles[r];
          if (to && doc.roles[to]) raci[to] = letter;
        }
      }
      // a role pasted onto the lane that holds the step is R: of its letters only A stays
      if (raci[roleId!] && raci[roleId!] !== 'A') delete raci[roleId!];
      const next: Step = {
        ...old,
        id: id!,
        roleId: roleId!,
        phaseId: phaseId ?? null,
        x: Math.round(place ? place.x : old.x + offset.x),
        y: Math.round(place ? place.y : old.y + offset.y),
      };
      if (Object.keys(raci).length) next.raci = raci;
      else delete next.raci;
      if (next.linkedMapId === doc.id) delete next.linkedMapId;
      if (next.phaseId) next.x = Math.max(MIN_COLUMN_X, next.x);
      next.y = Math.max(LANE_PADDING, next.y);
      const valid = StepSchema.safeParse(next);
      if (!valid.success) refuse(`a step is damaged (${describeIssues(valid.error)}).`);
      doc.steps[id!] = valid.data!;
    }
    for (const old of flows) {
      if (!old || typeof old !== 'object') refuse('a flow is damaged.');
      const from = a.ids.steps[old.fromStepId];
      const to = a.ids.steps[old.toStepId];
      if (!seen.has(old.fromStepId) || !seen.has(old.toStepId) || !from || !to) refuse('a flow leads to a step that is not pasted with it.');
      if (from === to) refuse('a flow leads from a step to itself.');
      const id = a.ids.flows[old.id];
      if (!id || doc.flows[id]) refuse('a flow has no new id.');
      if (Object.values(doc.flows).some((x) => x.fromStepId === from && x.toStepId === to)) refuse('two flows join the same steps.');
      const next: Flow = { ...old, id: id!, fromStepId: from!, toStepId: to! };
      if (next.route && a.routeShift && Array.isArray(next.route)) next.route = next.route.map((p) => ({ x: p.x + a.routeShift!.x, y: p.y + a.routeShift!.y }));
      else delete next.route;
      const valid = FlowSchema.safeParse(next);
      if (!valid.success) refuse(`a flow is damaged (${describeIssues(valid.error)}).`);
      doc.flows[id!] = valid.data!;
    }
  },
  /**
   * Deletes steps and flows (as deleteElements) and heals the gaps: where the deleted steps
   * form a chain with exactly one way in and one way out at each step (a -> b -> c -> d, b and
   * c deleted), the steps before and after are connected (a -> d), unless that would be a loop
   * to itself or they are already connected. The flow into the chain is kept (its id, share and
   * comments) and now ends at d; it takes the label of the flow leaving the chain, or keeps its
   * own when that one has none (a decision's "Yes" stays).
   */
  deleteHealing(doc: D, a: { stepIds: string[]; flowIds: string[]; noteIds?: string[] }) {
    const gone = new Set(a.stepIds.filter((id) => doc.steps[id]));
    const cut = new Set(a.flowIds);
    const all = (Object.values(doc.flows) as Flow[]).filter((f) => f.fromStepId !== f.toStepId);
    const ins = new Map<string, Flow[]>();
    const outs = new Map<string, Flow[]>();
    for (const f of all) {
      (ins.get(f.toStepId) ?? ins.set(f.toStepId, []).get(f.toStepId)!).push(f);
      (outs.get(f.fromStepId) ?? outs.set(f.fromStepId, []).get(f.fromStepId)!).push(f);
    }
    const heals: { flow: Flow; to: string; label: string }[] = [];
    const joined = new Set(all.filter((f) => !cut.has(f.id) && !gone.has(f.fromStepId) && !gone.has(f.toStepId)).map((f) => `${f.fromStepId}>${f.toStepId}`));
    for (const fin of all) {
      if (gone.has(fin.fromStepId) || !gone.has(fin.toStepId) || cut.has(fin.id)) continue;
      let cur = fin.toStepId;
      let last: Flow | null = null;
      const visited = new Set<string>();
      let target: string | null = null;
      while (!visited.has(cur)) {
        visited.add(cur);
        const i = ins.get(cur) ?? [];
        const o = outs.get(cur) ?? [];
        if (i.length !== 1 || o.length !== 1 || cut.has(o[0]!.id)) break;
        last = o[0]!;
        if (!gone.has(last.toStepId)) {
          target = last.toStepId;
          break;
        }
        cur = last.toStepId;
      }
      if (!target || !last || target === fin.fromStepId) continue;
      const key = `${fin.fromStepId}>${target}`;
      if (joined.has(key)) continue;
      joined.add(key);
      heals.push({ flow: { ...fin }, to: target, label: last.label.trim() ? last.label : fin.label });
    }
    handlers.deleteElements(doc, { stepIds: [...gone], flowIds: a.flowIds, ...(a.noteIds?.length ? { noteIds: a.noteIds } : {}) });
    for (const h of heals) {
      const { route: _route, ...rest } = h.flow;
      doc.flows[h.flow.id] = { ...rest, toStepId: h.to, label: h.label };
    }
  },
  /**
   * Puts a step into flow `flowId` (from -> step -> to) as one edit: the flow keeps its label
   * and share on the part into the step (a decision's "Yes" stays on the part leaving the
   * decision); a new flow `newFlowId` leads on. `step` makes a new step (`stepId` its id) after
   * `from`, in its lane, making room: the later steps of that lane and phase move right when
   * `to` stands too close. Otherwise `stepId` is an existing step without flows, first moved
   * by `move` (a drop on the flow).
   */
  insertOnFlow(
    doc: D,
    a: { flowId: string; stepId: string; newFlowId: string; step?: { kind: StepKind; title?: string }; move?: { x: number; y: number; roleId: string; phaseId?: string | null } },
  ) {
    const f = doc.flows[a.flowId];
    if (!f) throw new CommandError('This flow no longer exists.');
    const from = mustStep(doc, f.fromStepId);
    const to = mustStep(doc, f.toStepId);
    if (a.step) {
      const sizeOf = frameSize(doc.direction);
      const size = sizeOf({ kind: a.step.kind, title: a.step.title ?? '', inputs: [], outputs: [], resources: [] });
      const x = from.x + sizeOf(from).width + 60;
      const phaseId = from.phaseId ?? null;
      if (to.roleId === from.roleId && (to.phaseId ?? null) === phaseId && to.x >= from.x && to.x < x + size.width + 60) {
        const push = x + size.width + 60 - to.x;
        const from0 = to.x;
        for (const s of Object.values(doc.steps)) if (s.roleId === to.roleId && (s.phaseId ?? null) === phaseId && s.x >= from0 && s.id !== from.id) s.x += push;
      }
      const y = clearY(doc, { x, y: from.y, roleId: from.roleId, phaseId, size });
      handlers.addStep(doc, { id: a.stepId, kind: a.step.kind, roleId: from.roleId, phaseId, x, y, title: a.step.title });
    } else {
      const s = mustStep(doc, a.stepId);
      if (s.id === f.fromStepId || s.id === f.toStepId) throw new CommandError('This step is already at an end of the flow.');
      if (Object.values(doc.flows).some((x) => x.fromStepId === s.id || x.toStepId === s.id)) throw new CommandError('Only a step without flows can be put into a flow.');
      if (a.move) handlers.moveSteps(doc, { moves: [{ stepId: s.id, ...a.move }] });
    }
    const oldTo = f.toStepId;
    f.toStepId = a.stepId;
    delete f.route;
    doc.flows[a.newFlowId] = { id: a.newFlowId, fromStepId: a.stepId, toStepId: oldTo, label: '' };
  },
  /** Moves a flow's ends to other steps (its label and share stay); a loop to itself or a second flow between the same steps is refused. */
  reconnectFlow(doc: D, a: { flowId: string; fromStepId: string; toStepId: string }) {
    const f = doc.flows[a.flowId];
    if (!f) throw new CommandError('This flow no longer exists.');
    mustStep(doc, a.fromStepId);
    mustStep(doc, a.toStepId);
    if (a.fromStepId === a.toStepId) throw new CommandError('A step cannot flow into itself.');
    if (f.fromStepId === a.fromStepId && f.toStepId === a.toStepId) return;
    if (Object.values(doc.flows).some((x) => x.id !== f.id && x.fromStepId === a.fromStepId && x.toStepId === a.toStepId)) throw new CommandError('These steps are already connected.');
    f.fromStepId = a.fromStepId;
    f.toStepId = a.toStepId;
    delete f.route;
  },
  // --- end of issue 13 (CLIPBOARD) ---
  ...noteHandlers,
  /** Widths of steps set by the user ("same width"); null, or a width no wider than the card's own, clears it. */
  setStepWidths(doc: D, a: { widths: Record<string, number | null> }) {
    for (const [id, w] of Object.entries(a.widths)) {
      const s = mustStep(doc, id);
      if (w !== null && (!Number.isFinite(w) || w <= 0)) throw new CommandError('A width is a number of pixels.');
      const natural = cardWidth({ kind: s.kind, title: s.title });
      if (w === null || Math.round(w) <= natural) delete s.width;
      else s.width = cardWidth({ kind: s.kind, title: s.title, width: w });
    }
  },
};

/** Comments and pain points whose step or flow is gone go with it (an undo brings them back together). */
function dropOrphanReview(doc: D) {
  for (const c of Object.values(doc.comments)) {
    const gone = (c.targetKind === 'step' && !doc.steps[c.targetId ?? '']) || (c.targetKind === 'flow' && !doc.flows[c.targetId ?? '']);
    if (gone) delete doc.comments[c.id];
  }
  for (const c of Object.values(doc.comments)) if (c.parentId && !doc.comments[c.parentId]) delete doc.comments[c.id];
  for (const p of Object.values(doc.painPoints)) if (!doc.steps[p.stepId]) delete doc.painPoints[p.id];
  // SWOT notes stay, without the steps that are gone
  for (const n of doc.swot ?? []) if (n.stepIds.some((id) => !doc.steps[id])) n.stepIds = n.stepIds.filter((id) => doc.steps[id]);
}

/** `note` placed at `index` among the notes of its quadrant (the end when absent or past it). */
function insertInQuadrant<N extends { quadrant: SwotQuadrant }>(list: N[], note: N, index?: number): N[] {
  const same = list.filter((n) => n.quadrant === note.quadrant);
  const at = index === undefined ? same.length : Math.max(0, Math.min(same.length, Math.floor(index)));
  if (at >= same.length) {
    // after the last note of the quadrant (or at the end)
    const last = same[same.length - 1];
    const pos = last ? list.indexOf(last) + 1 : list.length;
    return [...list.slice(0, pos), note, ...list.slice(pos)];
  }
  const pos = list.indexOf(same[at]!);
  return [...list.slice(0, pos), note, ...list.slice(pos)];
}

/** Edits that review a map rather than change it: they leave an approved map approved. */
const REVIEW_COMMANDS = new Set<string>([
  'setStatus',
  'setMapProperties',
  'addComment',
  'editComment',
  'deleteComment',
  'resolveComment',
  'markPainPoint',
  'unvotePainPoint',
  'removePainPoint',
  'dismissFinding',
  'restoreFinding',
  'setRuleEnabled',
  'addSwotNote',
  'editSwotNote',
  'moveSwotNote',
  'deleteSwotNote',
  'linkSwotNote',
  'setReviewCycle',
]);

/** True when `command` changes what the map says, so an approved map becomes a draft again. */
export function changesContent(command: Command): boolean {
  return !REVIEW_COMMANDS.has(command.type);
}
type Handlers = typeof handlers;
export type CommandType = keyof Handlers;
export type CommandArgs<T extends CommandType> = Parameters<Handlers[T]>[1];
/** A user's edit as data. */
export type Command = { [T in CommandType]: { type: T; args: CommandArgs<T> } }[CommandType];

/** Applies a command and returns the next document (the input is never mutated). */
export function applyCommand(doc: MapDoc, command: Command): MapDoc {
  return produce(doc, (draft) => {
    (handlers[command.type] as (d: D, a: unknown) => void)(draft, command.args);
    // the approved state is kept in its version; editing starts a new draft
    if (draft.status === 'approved' && changesContent(command)) delete draft.status;
  });
}

/** Convenience for building commands with typed args. */
export function cmd<T extends CommandType>(type: T, args: CommandArgs<T>): Command {
  return { type, args } as Command;
}
