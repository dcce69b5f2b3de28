/**
 * The map's figures (issue 10, part 2): work time, wait time, lead time along the critical path
 * and the share of it that is work (process cycle efficiency), for the map and for each phase
 * and role. A step's wait (`Step.wait`) is how long work waits before it starts; `waitOf` can
 * say otherwise (e.g. to see the map without waits).
 *
 * Times are in minutes. A day is a working day of 8 hours, as process durations are counted in
 * working time (a step "takes 1 day" of someone's work, not 24 hours).
 */
import type { Duration, MapDoc, Step } from '../model/types';
import { backFlows, flowGraph, handOffFlows } from './flowGraph';

export const MINUTES_PER_UNIT: Record<Duration['unit'], number> = { min: 1, h: 60, d: 8 * 60 };

/** A duration in minutes (none: 0). */
export function minutes(d: Duration | null | undefined): number {
  return d ? d.value * MINUTES_PER_UNIT[d.unit] : 0;
}

/**
 * A step's work in minutes: its duration, except for an event, which is not work (a reply awaited,
 * three days passing): its duration is waiting.
 */
export function stepWork(s: Pick<Step, 'kind' | 'duration'>): number {
  return s.kind === 'event' ? 0 : minutes(s.duration);
}

/** A step's waiting in minutes: its wait, and for an event (a timer) its duration too. */
export function stepWait(s: Pick<Step, 'kind' | 'duration' | 'wait'>): number {
  return minutes(s.wait) + (s.kind === 'event' ? minutes(s.duration) : 0);
}

export interface Figures {
  /** All the steps' work, and all their waiting. */
  workTotal: number;
  waitTotal: number;
  /** The longest start-to-end path by wait + work (loops once, the longest branch at a decision). */
  criticalPath: string[];
  leadTime: number;
  /** Work on the critical path, and its share of the lead time (0 when there is no lead time). */
  workOnPath: number;
  efficiency: number;
  /** Flows from one role's step to another role's. */
  handOffs: number;
}

export interface MapFigures extends Figures {
  /** The same figures for the steps of each phase (critical path: its part in that phase), and each role. */
  byPhase: Map<string | null, Figures>;
  byRole: Map<string, Figures>;
}

export function mapFigures(doc: MapDoc, opts: { waitOf?: (s: Step) => number } = {}): MapFigures {
  const waitOf = opts.waitOf ?? stepWait;
  const g = flowGraph(doc);
  const back = backFlows(doc, g);
  // a parallel split runs all its branches: the longest one is the lead time, every branch's work counts
  const cost = new Map(g.steps.map((s) => [s.id, waitOf(s) + stepWork(s)]));
  const path = longestPath(doc, g.steps, back, cost);
  const handOffs = handOffFlows(doc);

  const figuresOf = (steps: Step[], handOffs: number): Figures => {
    const ids = new Set(steps.map((s) => s.id));
    const pathSteps = path.filter((id) => ids.has(id));
    const leadTime = pathSteps.reduce((t, id) => t + cost.get(id)!, 0);
    const workOnPath = pathSteps.reduce((t, id) => t + stepWork(doc.steps[id]!), 0);
    return {
      workTotal: steps.reduce((t, s) => t + stepWork(s), 0),
      waitTotal: steps.reduce((t, s) => t + waitOf(s), 0),
      criticalPath: pathSteps,
      leadTime,
      workOnPath,
      efficiency: leadTime > 0 ? workOnPath / leadTime : 0,
      handOffs,
    };
  };
  const group = <K>(key: (s: Step) => K) => {
    const out = new Map<K, Step[]>();
    for (const s of g.steps) out.set(key(s), [...(out.get(key(s)) ?? []), s]);
    return out;
  };
  const byPhase = new Map<string | null, Figures>();
  for (const [phase, steps] of group((s) => s.phaseId)) {
    byPhase.set(phase, figuresOf(steps, handOffs.filter((h) => h.from.phaseId === phase).length));
  }
  const byRole = new Map<string, Figures>();
  for (const [role, steps] of group((s) => s.roleId)) {
    byRole.set(role, figuresOf(steps, handOffs.filter((h) => h.from.roleId === role).length));
  }
  return { ...figuresOf(g.steps, handOffs.length), byPhase, byRole };
}

/**
 * The longest path by step cost over the flows that do not go back (so a loop counts once),
 * from a start step (or, without one, any step nothing leads to) to an end step (or, without
 * one, any step that leads nowhere).
 */
function longestPath(doc: MapDoc, steps: Step[], back: Set<string>, cost: Map<string, number>): string[] {
  const forward = Object.values(doc.flows).filter((f) => !back.has(f.id) && doc.steps[f.fromStepId] && doc.steps[f.toStepId]);
  const incoming = new Map<string, number>(steps.map((s) => [s.id, 0]));
  const out = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  for (const f of forward) {
    incoming.set(f.toStepId, incoming.get(f.toStepId)! + 1);
    out.get(f.fromStepId)!.push(f.toStepId);
  }
  const hasStart = steps.some((s) => s.kind === 'start');
  const hasEnd = steps.some((s) => s.kind === 'end');
  const isSource = (s: Step) => (hasStart ? s.kind === 'start' : incoming.get(s.id) === 0);
  const isSink = (s: Step) => (hasEnd ? s.kind === 'end' : out.get(s.id)!.length === 0);
  // topological order (Kahn), then the best total reaching each step from a source
  const order: string[] = [];
  const left = new Map(incoming);
  const ready = steps.filter((s) => left.get(s.id) === 0).map((s) => s.id);
  while (ready.length > 0) {
    const id = ready.pop()!;
    order.push(id);
    for (const next of out.get(id)!) {
      left.set(next, left.get(next)! - 1);
      if (left.get(next) === 0) ready.push(next);
    }
  }
  const best = new Map<string, number>();
  const via = new Map<string, string>();
  for (const id of order) {
    const s = doc.steps[id]!;
    if (isSource(s) && !best.has(id)) best.set(id, cost.get(id)!);
    const here = best.get(id);
    if (here === undefined) continue;
    for (const next of out.get(id)!) {
      const total = here + cost.get(next)!;
      if (total > (best.get(next) ?? -1)) {
        best.set(next, total);
        via.set(next, id);
      }
    }
  }
  let end: string | undefined;
  for (const s of steps) if (isSink(s) && best.has(s.id) && (end === undefined || best.get(s.id)! > best.get(end)!)) end = s.id;
  const path: string[] = [];
  for (let at = end; at !== undefined; at = via.get(at)) path.unshift(at);
  return path;
}

/** Minutes as working days (8 h), hours and minutes, e.g. "1 d 2 h 30 min" with the given unit words. */
export function formatMinutes(total: number, units: { min: string; h: string; d: string }, number: (n: number) => string = String): string {
  if (!(total > 0)) return `0 ${units.min}`;
  const rounded = Math.round(total);
  const d = Math.floor(rounded / MINUTES_PER_UNIT.d);
  const h = Math.floor((rounded % MINUTES_PER_UNIT.d) / 60);
  const m = rounded % 60;
  const parts = [d ? `${number(d)} ${units.d}` : '', h ? `${number(h)} ${units.h}` : '', m ? `${number(m)} ${units.min}` : ''].filter(Boolean);
  // under a minute (e.g. 0.5 min): said as a fraction rather than nothing
  return parts.length ? parts.join(' ') : `${number(Math.round(total * 10) / 10)} ${units.min}`;
}
