/**
 * Walking a map in presentation mode, as pure functions of the document: where the walk
 * starts, what comes next along the flows, the branches of a decision, the path back, the
 * steps not shown yet and the phases in column order. No React, no DOM: unit-tested in
 * tests/unit/walk.test.ts.
 */
import { geometryOf } from '../canvas/frame';
import { orderedPhases } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';

/** One way out of a step: the flow, where it leads, its label ("Yes", "No" or empty). */
export interface Branch {
  flowId: string;
  to: string;
  label: string;
}

/** A phase column and its steps in walk order; `phaseId` null is the "No phase" column. */
export interface PhaseGroup {
  phaseId: string | null;
  steps: string[];
}

export interface WalkMap {
  /** Every step in reading order: along the flow (phase columns left to right), then lane by lane. */
  reading: string[];
  /**
   * Every step in the order a presenter meets it: each step after the steps whose flows lead
   * to it (loops aside), otherwise in reading order; the steps no start leads to come last.
   * Step numbers ("Step 5 of 23") are positions in this order.
   */
  order: string[];
  number: ReadonlyMap<string, number>;
  /** Ways out of each step in drawing order (see `buildWalkMap`); a decision's branches are numbered in this order. */
  out: ReadonlyMap<string, Branch[]>;
  /** Where a walk starts: the first start step in reading order (see `roots`). */
  first: string | null;
  /** Start steps; in a map without one, the steps nothing leads into; failing that, the first step. */
  roots: string[];
  /** Steps some root leads to (the roots included). */
  reachable: ReadonlySet<string>;
  /** Phase columns left to right, "No phase" first when some steps have none; empty in a map without phases. */
  phases: PhaseGroup[];
  /** The phase column of each step (null: no phase); absent in a map without phases. */
  phaseOf: ReadonlyMap<string, string | null>;
}

export function buildWalkMap(doc: MapDoc): WalkMap {
  const positions = geometryOf(doc).positions;
  const lane = (id: string) => doc.roles[doc.steps[id]!.roleId]?.order ?? Number.MAX_SAFE_INTEGER;
  const reading = Object.keys(doc.steps).sort((a, b) => {
    const pa = positions.get(a)!;
    const pb = positions.get(b)!;
    return pa.x - pb.x || lane(a) - lane(b) || pa.y - pb.y || a.localeCompare(b);
  });

  const out = new Map<string, Branch[]>(reading.map((id) => [id, []]));
  const hasIncoming = new Set<string>();
  for (const f of Object.values(doc.flows)) {
    if (!doc.steps[f.fromStepId] || !doc.steps[f.toStepId]) continue;
    out.get(f.fromStepId)!.push({ flowId: f.id, to: f.toStepId, label: f.label.trim() });
    if (f.fromStepId !== f.toStepId) hasIncoming.add(f.toStepId);
  }

  // a decision's branches in their drawing order, whatever order the flows were drawn or stored
  // in: top to bottom on a left-to-right map, left to right on a top-to-bottom one (the frame's
  // y is across the lanes in both), so the numbers on the card, the keys 1-9 and the numbers on
  // the canvas read the way the map is drawn; side by side in one row, the way on before a way
  // back (a loop), then along the flow
  for (const [from, ways] of out) {
    if (ways.length < 2) continue;
    const at = positions.get(from)!.x;
    const key = (b: Branch) => {
      const p = positions.get(b.to)!;
      return [Math.round(p.y), p.x >= at ? 0 : 1, p.x];
    };
    ways.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
      return a.flowId.localeCompare(b.flowId);
    });
  }

  const starts = reading.filter((id) => doc.steps[id]!.kind === 'start');
  const sources = reading.filter((id) => !hasIncoming.has(id));
  const roots = starts.length ? starts : sources.length ? sources : reading.slice(0, 1);

  const reachable = new Set<string>();
  for (const queue = [...roots]; queue.length;) {
    const id = queue.shift()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const b of out.get(id)!) if (!reachable.has(b.to)) queue.push(b.to);
  }
  const order = numbering(reading, roots, out, reachable);
  const number = new Map(order.map((id, i) => [id, i + 1]));

  const phased = Object.keys(doc.phases).length > 0;
  const phaseOf = new Map<string, string | null>();
  const phases: PhaseGroup[] = [];
  if (phased) {
    for (const id of order) {
      const p = doc.steps[id]!.phaseId;
      phaseOf.set(id, p && doc.phases[p] ? p : null);
    }
    const groups = orderedPhases(doc).map((p): PhaseGroup => ({ phaseId: p.id, steps: order.filter((id) => phaseOf.get(id) === p.id) }));
    const loose = order.filter((id) => phaseOf.get(id) === null);
    phases.push(...(loose.length ? [{ phaseId: null, steps: loose }] : []), ...groups);
  }

  return { reading, order, number, out, first: roots[0] ?? null, roots, reachable, phases, phaseOf };
}

/**
 * Step numbers: the flows read as a graph without its loops (the flows a depth-first walk from
 * the starts finds going back to a step on its own path), then steps taken in topological order,
 * the earliest in reading order first among those whose predecessors are all numbered, steps
 * some start leads to before the others. So numbers grow along the flows, parallel branches
 * and a decision's branches are numbered side by side, and a loop never blocks the count.
 */
function numbering(reading: string[], roots: string[], out: ReadonlyMap<string, Branch[]>, reachable: ReadonlySet<string>): string[] {
  const place = new Map(reading.map((id, i) => [id, i]));
  const loops = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  for (const from of [...roots, ...reading]) {
    if (state.has(from)) continue;
    state.set(from, 'open');
    const stack: { id: string; next: number }[] = [{ id: from, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const branch = out.get(top.id)![top.next++];
      if (!branch) {
        state.set(top.id, 'done');
        stack.pop();
      } else if (state.get(branch.to) === 'open') loops.add(branch.flowId);
      else if (!state.has(branch.to)) {
        state.set(branch.to, 'open');
        stack.push({ id: branch.to, next: 0 });
      }
    }
  }
  const waiting = new Map(reading.map((id) => [id, 0]));
  for (const ways of out.values()) for (const b of ways) if (!loops.has(b.flowId)) waiting.set(b.to, waiting.get(b.to)! + 1);
  const rank = (id: string) => (reachable.has(id) ? 0 : reading.length) + place.get(id)!;
  const ready = reading.filter((id) => waiting.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    let best = 0;
    for (let i = 1; i < ready.length; i++) if (rank(ready[i]!) < rank(ready[best]!)) best = i;
    const id = ready.splice(best, 1)[0]!;
    order.push(id);
    for (const b of out.get(id)!) {
      if (loops.has(b.flowId)) continue;
      const left = waiting.get(b.to)! - 1;
      waiting.set(b.to, left);
      if (left === 0) ready.push(b.to);
    }
  }
  return order;
}

/** Where a walk is: the step shown, the path that led there (for Back) and every step shown so far. */
export interface WalkState {
  current: string | null;
  /** The steps walked before `current`, oldest first; Back returns to the last one. */
  history: string[];
  visited: ReadonlySet<string>;
}

/** A walk at `at` (default: the map's first step), with `seen` counted as shown already. */
export function startWalk(map: WalkMap, at: string | null = map.first, seen: Iterable<string> = []): WalkState {
  const current = at !== null && map.number.has(at) ? at : map.first;
  const visited = new Set(seen);
  if (current) visited.add(current);
  return { current, history: [], visited };
}

/** Goes to `stepId` (a choice, a jump, the next unvisited step); Back comes back here. */
export function goTo(walk: WalkState, stepId: string): WalkState {
  const visited = new Set(walk.visited);
  visited.add(stepId);
  return { current: stepId, history: walk.current ? [...walk.history, walk.current] : walk.history, visited };
}

export type Advance =
  /** One way on: the walk moved (`revisit`: to a step shown before, e.g. round a loop). */
  | { kind: 'moved'; walk: WalkState; revisit: boolean }
  /** A decision (several ways on): the presenter picks one of `branches`. */
  | { kind: 'choose'; branches: Branch[] }
  /** An end (nothing leads on); `unvisited` steps are still not shown. */
  | { kind: 'end'; unvisited: number }
  | { kind: 'empty' };

/** Next along the flows; never picks a branch on its own. */
export function advance(map: WalkMap, walk: WalkState): Advance {
  if (!walk.current) return { kind: 'empty' };
  const ways = map.out.get(walk.current) ?? [];
  if (ways.length === 0) return { kind: 'end', unvisited: unvisitedCount(map, walk) };
  if (ways.length > 1) return { kind: 'choose', branches: ways };
  const to = ways[0]!.to;
  return { kind: 'moved', walk: goTo(walk, to), revisit: walk.visited.has(to) };
}

/** Takes branch `index` (0-based) of the current step; null when there is no such branch. */
export function choose(map: WalkMap, walk: WalkState, index: number): WalkState | null {
  const branch = walk.current ? map.out.get(walk.current)?.[index] : undefined;
  return branch ? goTo(walk, branch.to) : null;
}

/** Back along the path actually walked; null at the beginning of the walk. */
export function goBack(walk: WalkState): WalkState | null {
  const previous = walk.history[walk.history.length - 1];
  if (previous === undefined) return null;
  return { current: previous, history: walk.history.slice(0, -1), visited: walk.visited };
}

export function unvisitedCount(map: WalkMap, walk: WalkState): number {
  let n = 0;
  for (const id of map.order) if (!walk.visited.has(id)) n++;
  return n;
}

/**
 * The next step not shown yet: the first one after the current step in walk order, else the
 * first one from the beginning; null when every step has been shown.
 */
export function nextUnvisited(map: WalkMap, walk: WalkState): string | null {
  const from = walk.current ? (map.number.get(walk.current) ?? 0) : 0;
  const after = map.order.slice(from).find((id) => !walk.visited.has(id));
  return after ?? map.order.find((id) => !walk.visited.has(id)) ?? null;
}

/** Index in `map.phases` of the column a step is in (-1 in a map without phases). */
export function phaseIndexOf(map: WalkMap, stepId: string): number {
  if (!map.phaseOf.has(stepId)) return -1;
  const phaseId = map.phaseOf.get(stepId);
  return map.phases.findIndex((g) => g.phaseId === phaseId);
}
