/**
 * The checks of a map (issue 10, part 1): what a reader of the map would find wrong with the
 * process it draws. Pure and linear, so they can run on every edit. Each finding names its rule,
 * a severity, what it is about and the words a message needs; the interface says it in the
 * user's language. Inputs and outputs marked as coming from or going to an outside party are
 * sourced and used by that party. `reviewFindings` sets aside what the map's own dismissals and
 * switched-off rules say.
 */
import { foldText } from '../model/search';
import { dismissalKey } from '../model/commands';
import type { Dismissal, MapDoc, Step } from '../model/types';
import { backFlows, components, flowGraph, handOffFlows, reach, type FlowGraph } from './flowGraph';

export type Severity = 'problem' | 'warning' | 'hint';

export const RULES = {
  'no-start': 'problem',
  'no-end': 'problem',
  unreachable: 'problem',
  'dead-end': 'problem',
  isolated: 'warning',
  'decision-branches': 'problem',
  'unlabelled-branch': 'warning',
  'duplicate-flow': 'warning',
  'unlinked-subprocess': 'warning',
  'task-without-output': 'warning',
  'unsourced-input': 'hint',
  'unused-output': 'hint',
  'empty-lane': 'warning',
  'task-without-duration': 'hint',
  'empty-phase': 'warning',
  'raci-accountable': 'warning',
  'raci-idle-role': 'hint',
  'kpi-incomplete': 'hint',
} as const satisfies Record<string, Severity>;
export type RuleId = keyof typeof RULES;

export type FindingTarget = { kind: 'map' } | { kind: 'step' | 'flow' | 'role' | 'phase'; id: string };

export interface Finding {
  rule: RuleId;
  severity: Severity;
  target: FindingTarget;
  /** Stable across edits that do not touch it: rule, target and item (for dismissals). */
  key: string;
  /** The item (an input or output) a data finding is about, as written on the step. */
  item?: string;
}

/**
 * An input or output as the checks compare them: case, «ё»/«е» and spaces do not matter.
 * Remembered (a map's vocabulary is small and repeats; locale-aware lower-casing is not cheap).
 */
const folded = new Map<string, string>();
export function itemKey(item: string): string {
  let key = folded.get(item);
  if (key === undefined) {
    if (folded.size > 50_000) folded.clear();
    folded.set(item, (key = foldText(item)));
  }
  return key;
}

function finding(rule: RuleId, target: FindingTarget, item?: string): Finding {
  const at = target.kind === 'map' ? 'map' : `${target.kind}:${target.id}`;
  return { rule, severity: RULES[rule], target, key: `${rule}|${at}${item === undefined ? '' : `|${itemKey(item)}`}`, ...(item === undefined ? {} : { item }) };
}

/** Every finding of the map, in a stable order (by rule, then by the steps' reading order). */
export function checkMap(doc: MapDoc): Finding[] {
  const g = flowGraph(doc);
  const steps = [...g.steps].sort((a, b) => a.x - b.x || a.y - b.y || a.id.localeCompare(b.id));
  const out: Finding[] = [];
  const step = (id: string) => ({ kind: 'step' as const, id });
  if (steps.length === 0) return out;

  // structure
  const starts = steps.filter((s) => s.kind === 'start').map((s) => s.id);
  const ends = steps.filter((s) => s.kind === 'end').map((s) => s.id);
  if (starts.length === 0) out.push(finding('no-start', { kind: 'map' }));
  if (ends.length === 0) out.push(finding('no-end', { kind: 'map' }));
  const isolated = new Set(steps.filter((s) => g.out.get(s.id)!.length === 0 && g.in.get(s.id)!.length === 0).map((s) => s.id));
  if (steps.length > 1) for (const id of isolated) out.push(finding('isolated', step(id)));
  if (starts.length > 0) {
    const reached = reach(doc, g, starts);
    for (const s of steps) if (!reached.has(s.id) && !isolated.has(s.id)) out.push(finding('unreachable', step(s.id)));
  }
  if (ends.length > 0) {
    const finishing = reach(doc, g, ends, true);
    for (const s of steps) if (!finishing.has(s.id) && !isolated.has(s.id)) out.push(finding('dead-end', step(s.id)));
  }
  for (const s of steps) {
    if (s.kind !== 'decision') continue;
    const branches = g.out.get(s.id)!;
    if (branches.length < 2) out.push(finding('decision-branches', step(s.id)));
    for (const fid of branches) if (!doc.flows[fid]!.label.trim()) out.push(finding('unlabelled-branch', { kind: 'flow', id: fid }));
  }
  const pairs = new Set<string>();
  for (const s of steps) {
    for (const fid of g.out.get(s.id)!) {
      const pair = `${s.id}>${doc.flows[fid]!.toStepId}`;
      if (pairs.has(pair)) out.push(finding('duplicate-flow', { kind: 'flow', id: fid }));
      pairs.add(pair);
    }
  }
  for (const s of steps) if (s.kind === 'subprocess' && !s.linkedMapId) out.push(finding('unlinked-subprocess', step(s.id)));

  // data: the map's own vocabulary decides what feeds what
  for (const s of steps) if (s.kind === 'task' && s.outputs.length === 0) out.push(finding('task-without-output', step(s.id)));
  const flowOfItems = itemFlow(doc, g);
  for (const s of steps) {
    // a start step's inputs come from outside the map, an end step's outputs leave it
    // and so does an item marked as coming from or going to an outside party
    const outside = partiesOf(s);
    if (s.kind !== 'start')
      for (const input of s.inputs)
        if (!outside.inputs.has(itemKey(input)) && !flowOfItems.producedBefore(s.id, input)) out.push(finding('unsourced-input', step(s.id), input));
    if (s.kind !== 'end')
      for (const output of s.outputs)
        if (!outside.outputs.has(itemKey(output)) && !flowOfItems.usedAfter(s.id, output)) out.push(finding('unused-output', step(s.id), output));
  }

  // roles and time
  const used = new Set(steps.map((s) => s.roleId));
  for (const r of Object.values(doc.roles).sort((a, b) => a.order - b.order)) if (!used.has(r.id)) out.push(finding('empty-lane', { kind: 'role', id: r.id }));
  for (const s of steps) if (s.kind === 'task' && !s.duration) out.push(finding('task-without-duration', step(s.id)));
  const phased = new Set(steps.map((s) => s.phaseId));
  for (const p of Object.values(doc.phases).sort((a, b) => a.order - b.order))
    if (!phased.has(p.id)) out.push(finding('empty-phase', { kind: 'phase', id: p.id }));

  // RACI, once the map uses it: one accountable role per task; a role whose only part is one R or A
  const involvement = new Map<string, { count: number; stepId: string }>();
  const involve = (roleId: string, stepId: string) => {
    const was = involvement.get(roleId);
    involvement.set(roleId, { count: (was?.count ?? 0) + 1, stepId: was?.stepId ?? stepId });
  };
  let usesRaci = false;
  for (const s of steps) {
    involve(s.roleId, s.id);
    for (const [roleId, letter] of Object.entries(s.raci ?? {})) {
      usesRaci = true;
      if (roleId !== s.roleId || letter !== 'A') involve(roleId, s.id);
    }
  }
  if (usesRaci) {
    for (const s of steps) {
      if (s.kind !== 'task' && s.kind !== 'subprocess') continue;
      const accountable = Object.entries(s.raci ?? {}).filter(([roleId, letter]) => letter === 'A' && Object.hasOwn(doc.roles, roleId)).length;
      if (accountable !== 1) out.push(finding('raci-accountable', step(s.id)));
    }
    for (const r of Object.values(doc.roles).sort((a, b) => a.order - b.order)) {
      const i = involvement.get(r.id);
      const only = i?.count === 1 ? doc.steps[i.stepId] : undefined;
      if (only && (only.roleId === r.id || only.raci?.[r.id] === 'A')) out.push(finding('raci-idle-role', { kind: 'role', id: r.id }));
    }
  }

  // KPIs: one without a target or a current value cannot be read as on or off target
  for (const p of Object.values(doc.phases).sort((a, b) => a.order - b.order))
    for (const k of p.kpis ?? []) if (k.target === null || k.current === null) out.push(finding('kpi-incomplete', { kind: 'phase', id: p.id }, k.name));
  for (const s of steps) for (const k of s.kpis ?? []) if (k.target === null || k.current === null) out.push(finding('kpi-incomplete', step(s.id), k.name));

  const order = Object.keys(RULES);
  return out.sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
}

/** The items of a step marked as coming from or going to an outside party, by `itemKey`. */
export function partiesOf(s: Step): { inputs: Map<string, string>; outputs: Map<string, string> } {
  const out = { inputs: new Map<string, string>(), outputs: new Map<string, string>() };
  for (const p of s.parties ?? []) out[p.kind].set(itemKey(p.item), p.party);
  return out;
}

/** The findings of a map as its reader sees them: those still open, those set aside (with why), the rules switched off. */
export interface ReviewedFindings {
  open: Finding[];
  dismissed: { finding: Finding; dismissal: Dismissal }[];
  off: RuleId[];
}

/** Sorts `findings` by the map's dismissals and switched-off rules. */
export function reviewFindings(doc: MapDoc, findings: Finding[]): ReviewedFindings {
  const off = new Set(doc.rulesOff ?? []);
  const byKey = new Map((doc.dismissed ?? []).map((d) => [dismissalKey(d), d] as const));
  const out: ReviewedFindings = { open: [], dismissed: [], off: (Object.keys(RULES) as RuleId[]).filter((r) => off.has(r)) };
  for (const f of findings) {
    if (off.has(f.rule)) continue;
    const d = byKey.get(f.key);
    if (d) out.dismissed.push({ finding: f, dismissal: d });
    else out.open.push(f);
  }
  return out;
}

/** The dismissal of `finding` (its rule, target and item), given why and by whom. */
export function dismissalOf(finding: Finding, reason: string, by: string, at: string): Dismissal {
  const t = finding.target;
  return {
    rule: finding.rule,
    targetKind: t.kind,
    targetId: t.kind === 'map' ? null : t.id,
    ...(finding.item === undefined ? {} : { item: itemKey(finding.item) }),
    reason,
    by,
    at,
  };
}

/**
 * Which items (by `itemKey`) the steps before a step produce, and the steps after it use: one
 * pass over the loops-collapsed graph in topological order, with one bit per item of the map's
 * vocabulary, so the data checks stay linear on big maps.
 */
function itemFlow(doc: MapDoc, g: FlowGraph) {
  const vocabulary = new Map<string, number>();
  for (const s of g.steps) for (const i of [...s.inputs, ...s.outputs]) if (!vocabulary.has(itemKey(i))) vocabulary.set(itemKey(i), vocabulary.size);
  const words = Math.max(1, Math.ceil(vocabulary.size / 32));
  const { of, count, cyclic } = components(doc, g);
  const bits = () => Array.from({ length: count }, () => new Uint32Array(words));
  const [made, needed, before, after] = [bits(), bits(), bits(), bits()];
  const set = (b: Uint32Array, item: string) => {
    const i = vocabulary.get(itemKey(item))!;
    b[i >>> 5]! |= 1 << (i & 31);
  };
  const has = (b: Uint32Array, item: string) => {
    const i = vocabulary.get(itemKey(item))!;
    return (b[i >>> 5]! & (1 << (i & 31))) !== 0;
  };
  const or = (into: Uint32Array, from: Uint32Array) => {
    for (let w = 0; w < words; w++) into[w]! |= from[w]!;
  };
  for (const s of g.steps) {
    for (const o of s.outputs) set(made[of.get(s.id)!]!, o);
    for (const i of s.inputs) set(needed[of.get(s.id)!]!, i);
  }
  // the parts of a loop see each other's items; between parts, flows go to higher numbers
  for (let c = 0; c < count; c++) {
    if (!cyclic[c]) continue;
    or(before[c]!, made[c]!);
    or(after[c]!, needed[c]!);
  }
  const links = Object.values(doc.flows)
    .map((f) => [of.get(f.fromStepId)!, of.get(f.toStepId)!] as const)
    .filter(([a, b]) => a !== b);
  for (const [a, b] of [...links].sort((x, y) => x[0] - y[0])) {
    or(before[b]!, before[a]!);
    or(before[b]!, made[a]!);
  }
  for (const [a, b] of [...links].sort((x, y) => y[1] - x[1])) {
    or(after[a]!, after[b]!);
    or(after[a]!, needed[b]!);
  }
  return {
    producedBefore: (stepId: string, item: string) => has(before[of.get(stepId)!]!, item),
    usedAfter: (stepId: string, item: string) => has(after[of.get(stepId)!]!, item),
  };
}

/** A hand-off: work passing from one role's step to another role's, counted by pair of roles. */
export interface HandOff {
  fromRoleId: string;
  toRoleId: string;
  flowIds: string[];
}

/** Every hand-off of the map, grouped by pair of roles, most frequent first. */
export function handOffs(doc: MapDoc): HandOff[] {
  const byPair = new Map<string, HandOff>();
  // work passing between roles (an event in between is not work: see handOffFlows)
  for (const { flowId, from, to } of handOffFlows(doc)) {
    const key = `${from.roleId}>${to.roleId}`;
    const h = byPair.get(key) ?? { fromRoleId: from.roleId, toRoleId: to.roleId, flowIds: [] };
    h.flowIds.push(flowId);
    byPair.set(key, h);
  }
  return [...byPair.values()].sort((a, b) => b.flowIds.length - a.flowIds.length || a.fromRoleId.localeCompare(b.fromRoleId));
}

/** The rework loops: flows back to an earlier step (closing a loop) or into an earlier phase. */
export function reworkFlows(doc: MapDoc): string[] {
  return [...backFlows(doc, flowGraph(doc))].sort();
}
