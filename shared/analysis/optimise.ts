/**
 * The optimisation toolkit's figures (issue 17): KPIs against their targets, the share of work
 * time done by hand (for the map, each role and each phase), the steps most worth automating,
 * and whether a map is due for its regular review. Pure functions of the map.
 */
import { addMonths } from '../model/commands';
import type { AutomationLevel, Kpi, MapDoc, Step } from '../model/types';
import { DEFAULT_REVIEW_MONTHS } from '../model/types';
import { backFlows, flowGraph, reach, type FlowGraph } from './flowGraph';
import { minutes } from './figures';

// ---------------------------------------------------------------------------------------- KPIs

export type KpiStatus = 'met' | 'missed' | 'unknown';

/** Met when the current value is at or beyond the target in the better direction; unknown without both. */
export function kpiStatus(k: Pick<Kpi, 'target' | 'current' | 'better'>): KpiStatus {
  if (k.target === null || k.current === null) return 'unknown';
  return (k.better === 'lower' ? k.current <= k.target : k.current >= k.target) ? 'met' : 'missed';
}

export interface KpiRow {
  kpi: Kpi;
  owner: { kind: 'phase' | 'step'; id: string };
  status: KpiStatus;
}

/** Every KPI of the map: the phases' in column order, then the steps' in reading order. */
export function kpiRows(doc: MapDoc): KpiRow[] {
  const rows: KpiRow[] = [];
  const phases = Object.values(doc.phases).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  for (const p of phases) for (const kpi of p.kpis ?? []) rows.push({ kpi, owner: { kind: 'phase', id: p.id }, status: kpiStatus(kpi) });
  // steps in reading order (the graph is only built when a step has KPIs)
  const steps = Object.values(doc.steps).some((s) => s.kpis?.length) ? flowGraph(doc).steps : [];
  for (const s of steps) for (const kpi of s.kpis ?? []) rows.push({ kpi, owner: { kind: 'step', id: s.id }, status: kpiStatus(kpi) });
  return rows;
}

/** A KPI's value as shown: the number (in the reader's locale) with its unit, «12 %», «2 ч». */
export function kpiValue(v: number | null, unit: string, number: (n: number) => string = String): string {
  if (v === null) return '—';
  const n = number(v);
  if (!unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

// ---------------------------------------------------------------------------------- automation

/** How a step is done (absent: by hand). */
export function automationOf(s: Step): AutomationLevel {
  return s.automation ?? 'manual';
}

/** Steps that are work someone (or something) does: tasks and sub-processes. */
const isWork = (s: Step) => s.kind === 'task' || s.kind === 'subprocess';

export interface AutomationSplit {
  /** Work minutes (durations) done by hand, partly automated, automated. */
  manual: number;
  partial: number;
  auto: number;
  total: number;
  /** manual / total (0 when there is no work time). */
  manualShare: number;
  /** Work steps without a duration (their time is not counted). */
  untimed: number;
}

export interface AutomationFigures extends AutomationSplit {
  byRole: Map<string, AutomationSplit>;
  byPhase: Map<string | null, AutomationSplit>;
}

function split(steps: Step[]): AutomationSplit {
  const out = { manual: 0, partial: 0, auto: 0, total: 0, manualShare: 0, untimed: 0 };
  for (const s of steps) {
    const m = minutes(s.duration);
    if (m <= 0) {
      out.untimed++;
      continue;
    }
    out[automationOf(s)] += m;
    out.total += m;
  }
  out.manualShare = out.total > 0 ? out.manual / out.total : 0;
  return out;
}

/** The split of work time by how it is done, for the map, each role and each phase. */
export function automationFigures(doc: MapDoc): AutomationFigures {
  const work = Object.values(doc.steps).filter(isWork);
  const group = <K>(key: (s: Step) => K) => {
    const m = new Map<K, Step[]>();
    for (const s of work) {
      const list = m.get(key(s));
      if (list) list.push(s);
      else m.set(key(s), [s]);
    }
    return new Map([...m].map(([k, list]) => [k, split(list)] as const));
  };
  return { ...split(work), byRole: group((s) => s.roleId), byPhase: group((s) => s.phaseId) };
}

/** Loops are counted at most this many times (a back flow taken almost always would otherwise count forever). */
const MAX_LOOP_FACTOR = 10;

/**
 * How often each step is done per case that runs through the map: 1 on the main line, the
 * branch's share after a decision (the flows' `share`, else an equal split of what is left),
 * and more inside a loop (a rework loop taken half the time doubles the steps in it, and the
 * steps after the loop are done once again, not half the time). Flows out of a step that is not a
 * decision all happen (work in parallel; where they meet again the step is done once). Steps no
 * start reaches count once.
 */
export function expectedVisits(doc: MapDoc, g: FlowGraph = flowGraph(doc)): Map<string, number> {
  const back = backFlows(doc, g);
  const prob = flowProbabilities(doc, g.out);
  const order = forwardOrder(doc, g, back);
  const hasStart = g.steps.some((s) => s.kind === 'start');
  const roots = g.steps.filter((s) => (hasStart ? s.kind === 'start' : !(g.in.get(s.id) ?? []).some((fid) => !back.has(fid)))).map((s) => s.id);
  const reached = reach(doc, g, roots);
  const position = new Map(order.map((id, i) => [id, i]));
  // each loop's entry (the target of back flows) repeats what follows it: 1 / (1 - chance of going round)
  const entryFactor = new Map<string, number>();
  const backInto = new Map<string, string[]>();
  for (const fid of back) {
    const f = doc.flows[fid]!;
    const list = backInto.get(f.toStepId);
    if (list) list.push(fid);
    else backInto.set(f.toStepId, [fid]);
  }
  // inner loops first (their entries come later), so an outer loop's pass counts their repeats
  for (const [entry, flows] of [...backInto].sort(([a], [b]) => (position.get(b) ?? 0) - (position.get(a) ?? 0))) {
    // the chance that one pass from the entry reaches each flow's start (a decision's shares, forward
    // flows only): forward flows keep to the order, so the pass runs from the entry to the last start
    const first = position.get(entry) ?? 0;
    const last = Math.max(...flows.map((fid) => position.get(doc.flows[fid]!.fromStepId) ?? -1));
    if (last < first) continue;
    const pass = propagate(doc, g, order.slice(first, last + 1), back, prob, new Map([[entry, 1]]), entryFactor);
    let round = 0;
    for (const fid of flows) round += (pass.get(doc.flows[fid]!.fromStepId) ?? 0) * (prob.get(fid) ?? 0);
    if (round > 0) entryFactor.set(entry, Math.min(MAX_LOOP_FACTOR, 1 / Math.max(1 / MAX_LOOP_FACTOR, 1 - Math.min(1, round))));
  }
  const v = propagate(doc, g, order, back, prob, new Map(roots.map((id) => [id, 1])), entryFactor);
  const visits = new Map<string, number>();
  // a step reached only through branches nobody takes (a 0 % share) is not done; one no start reaches counts once
  const untaken = (id: string) => (g.in.get(id) ?? []).some((fid) => !back.has(fid) && prob.get(fid) === 0);
  for (const s of g.steps) {
    const n = v.get(s.id) ?? 0;
    visits.set(s.id, n > 0 || (reached.has(s.id) && untaken(s.id)) ? n : 1);
  }
  return visits;
}

/** The steps in an order where every forward flow (not a back flow) goes from an earlier step to a later one (Kahn; reading order breaks ties). */
function forwardOrder(doc: MapDoc, g: FlowGraph, back: Set<string>): string[] {
  const left = new Map<string, number>(g.steps.map((s) => [s.id, 0]));
  for (const f of Object.values(doc.flows))
    if (!back.has(f.id) && left.has(f.toStepId) && left.has(f.fromStepId)) left.set(f.toStepId, left.get(f.toStepId)! + 1);
  const ready = g.steps.filter((s) => left.get(s.id) === 0).map((s) => s.id);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    order.push(id);
    for (const fid of g.out.get(id) ?? []) {
      if (back.has(fid)) continue;
      const to = doc.flows[fid]!.toStepId;
      left.set(to, left.get(to)! - 1);
      if (left.get(to) === 0) ready.push(to);
    }
  }
  return order;
}

/**
 * Expected executions along the forward flows from `seed`, over `order` (a stretch of the forward order):
 * a flow passes on its step's executions times its chance, and where flows meet they add up (the
 * branches of a decision). Parallel work meeting again is done once: a step never gets more than
 * its inflows would bring if every decision sent all its cases down each branch (`whole`). A
 * loop's entry is multiplied by its factor. (Approximate where a loop sits inside parallel work.)
 */
function propagate(
  doc: MapDoc,
  g: FlowGraph,
  order: string[],
  back: Set<string>,
  prob: Map<string, number>,
  seed: Map<string, number>,
  factor: Map<string, number> | null,
): Map<string, number> {
  const v = new Map<string, number>();
  const whole = new Map<string, number>();
  for (const id of order) {
    let sum = 0;
    let most = 0;
    for (const fid of g.in.get(id) ?? []) {
      if (back.has(fid)) continue;
      const from = doc.flows[fid]!.fromStepId;
      sum += (v.get(from) ?? 0) * (prob.get(fid) ?? 0);
      most = Math.max(most, whole.get(from) ?? 0);
    }
    const f = factor?.get(id) ?? 1;
    const s = seed.get(id) ?? 0;
    v.set(id, Math.max(s, Math.min(sum, most)) * f);
    whole.set(id, Math.max(s, most) * f);
  }
  return v;
}

/** The chance that a case leaving a step takes each of its flows (see expectedVisits). */
function flowProbabilities(doc: MapDoc, out: Map<string, string[]>): Map<string, number> {
  const prob = new Map<string, number>();
  for (const [stepId, flows] of out) {
    if (flows.length === 0) continue;
    if (doc.steps[stepId]?.kind !== 'decision' || flows.length === 1) {
      for (const fid of flows) prob.set(fid, 1);
      continue;
    }
    const said = flows.filter((fid) => doc.flows[fid]!.share !== undefined);
    const saidTotal = said.reduce((t, fid) => t + doc.flows[fid]!.share!, 0);
    const rest = flows.length - said.length;
    const each = rest > 0 ? Math.max(0, 100 - saidTotal) / rest : 0;
    const raw = flows.map((fid) => doc.flows[fid]!.share ?? each);
    const sum = raw.reduce((t, x) => t + x, 0);
    flows.forEach((fid, i) => prob.set(fid, sum > 0 ? raw[i]! / sum : 1 / flows.length));
  }
  return prob;
}

export interface AutomationCandidate {
  stepId: string;
  level: Exclude<AutomationLevel, 'auto'>;
  /** Work minutes of one execution. */
  work: number;
  /** Executions per case (see expectedVisits). */
  visits: number;
  /** Work by hand per case: work × visits (half of it for a partly automated step). */
  score: number;
}

/**
 * Steps done by hand (or partly), the most hand work per case first: work time × how often the
 * step is done (a loop or a frequent branch counts more). Steps without a duration come last,
 * by how often they are done.
 */
export function automationCandidates(doc: MapDoc, visits?: Map<string, number>, g: FlowGraph = flowGraph(doc)): AutomationCandidate[] {
  visits ??= expectedVisits(doc, g);
  const out: AutomationCandidate[] = [];
  for (const s of g.steps) {
    if (!isWork(s)) continue;
    const level = automationOf(s);
    if (level === 'auto') continue;
    const work = minutes(s.duration);
    const v = visits.get(s.id) ?? 1;
    out.push({ stepId: s.id, level, work, visits: v, score: work * v * (level === 'partial' ? 0.5 : 1) });
  }
  // stable: reading order breaks ties
  return out.sort((a, b) => Number(b.work > 0) - Number(a.work > 0) || b.score - a.score || b.visits - a.visits);
}

/** Systems named in the map, for suggestions: the steps' systems first, then their resources, most used first. */
export function systemSuggestions(doc: MapDoc): string[] {
  const count = new Map<string, { name: string; n: number; system: boolean }>();
  const add = (name: string, system: boolean) => {
    const key = name.trim().toLocaleLowerCase();
    if (!key) return;
    const c = count.get(key) ?? { name: name.trim(), n: 0, system };
    c.n++;
    c.system ||= system;
    count.set(key, c);
  };
  for (const s of Object.values(doc.steps)) {
    if (s.system) add(s.system, true);
    for (const r of s.resources) add(r, false);
  }
  return [...count.values()].sort((a, b) => Number(b.system) - Number(a.system) || b.n - a.n || a.name.localeCompare(b.name)).map((c) => c.name);
}

// ------------------------------------------------------------------------------------- review

/** Within this many days of its next review a map is due. */
export const REVIEW_DUE_DAYS = 30;

export type ReviewState = 'none' | 'ok' | 'due' | 'overdue';

/** Today as YYYY-MM-DD in the local calendar. */
export function localDate(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Whole days from `a` to `b` (YYYY-MM-DD each). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Overdue after its date, due within REVIEW_DUE_DAYS of it, none without one. */
export function reviewState(nextReview: string | null | undefined, today: string): ReviewState {
  if (!nextReview || !/^\d{4}-\d{2}-\d{2}$/.test(nextReview)) return 'none';
  const days = daysBetween(today, nextReview);
  if (Number.isNaN(days)) return 'none';
  if (days < 0) return 'overdue';
  return days <= REVIEW_DUE_DAYS ? 'due' : 'ok';
}

/** The months between reviews the map uses (its own, else the default). */
export function reviewMonths(doc: Pick<MapDoc, 'reviewEveryMonths'>): number {
  return doc.reviewEveryMonths ?? DEFAULT_REVIEW_MONTHS;
}

/** The next review a map approved on `at` gets (null: no regular review). */
export function nextReviewAfter(doc: Pick<MapDoc, 'reviewEveryMonths'>, at: string): string | null {
  const every = reviewMonths(doc);
  return every > 0 ? addMonths(at, every) : null;
}
