/**
 * The map's steps and flows as a graph, for the checks and figures: who follows whom, what the
 * start steps reach, what reaches an end, and which flows go back (rework loops). Linear in
 * steps plus flows, so it can run on every edit of a 2,000-step map.
 */
import type { MapDoc, Step } from '../model/types';

export interface FlowGraph {
  steps: Step[];
  /** Outgoing and incoming flow ids per step id. */
  out: Map<string, string[]>;
  in: Map<string, string[]>;
}

export function flowGraph(doc: MapDoc): FlowGraph {
  const steps = Object.values(doc.steps);
  const out = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  const inc = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  for (const f of Object.values(doc.flows)) {
    out.get(f.fromStepId)?.push(f.id);
    inc.get(f.toStepId)?.push(f.id);
  }
  return { steps, out, in: inc };
}

/** Every step reachable from `from` along flows (forwards), or that reaches it (`backwards`). */
export function reach(doc: MapDoc, g: FlowGraph, from: Iterable<string>, backwards = false): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const fid of (backwards ? g.in : g.out).get(id) ?? []) {
      const f = doc.flows[fid]!;
      stack.push(backwards ? f.fromStepId : f.toStepId);
    }
  }
  return seen;
}

/**
 * The flows that go back: those that close a loop when the map is walked from its start steps
 * (a depth-first walk, steps in reading order), and those that lead into an earlier phase.
 * Each step's flows are followed in the reading order of their targets, not in the order they
 * were stored: otherwise the same drawing (a map made from a template gets new ids, so its flows
 * come back from storage in another order) could close a loop at another flow and get another
 * critical path.
 */
export function backFlows(doc: MapDoc, g: FlowGraph): Set<string> {
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const lane = (s: Step) => doc.roles[s.roleId]?.order ?? 0;
  const reading = [...g.steps].sort((a, b) => a.x - b.x || lane(a) - lane(b) || a.y - b.y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rank = new Map(reading.map((s, i) => [s.id, i]));
  const order = [...reading.filter((s) => s.kind === 'start'), ...reading.filter((s) => s.kind !== 'start')];
  const rankOfTarget = (fid: string) => rank.get(doc.flows[fid]!.toStepId) ?? Infinity;
  const outInOrder = new Map<string, string[]>();
  const outOf = (id: string) => {
    const flows = g.out.get(id) ?? [];
    if (flows.length < 2) return flows;
    let sorted = outInOrder.get(id);
    if (!sorted) outInOrder.set(id, (sorted = [...flows].sort((a, b) => rankOfTarget(a) - rankOfTarget(b))));
    return sorted;
  };
  for (const root of order) {
    if (state.has(root.id)) continue;
    // iterative depth-first walk: [step, index of the next outgoing flow]
    const stack: [string, number][] = [[root.id, 0]];
    state.set(root.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const flows = outOf(top[0]);
      if (top[1] >= flows.length) {
        state.set(top[0], 'done');
        stack.pop();
        continue;
      }
      const fid = flows[top[1]++]!;
      const next = doc.flows[fid]!.toStepId;
      const s = state.get(next);
      if (s === 'open') back.add(fid);
      else if (s === undefined) {
        state.set(next, 'open');
        stack.push([next, 0]);
      }
    }
  }
  for (const f of Object.values(doc.flows)) {
    const from = doc.steps[f.fromStepId]?.phaseId;
    const to = doc.steps[f.toStepId]?.phaseId;
    if (from && to && (doc.phases[to]?.order ?? 0) < (doc.phases[from]?.order ?? 0)) back.add(f.id);
  }
  return back;
}

/**
 * The strongly connected parts of the graph (steps on one loop share a part), numbered so that
 * every flow between two parts goes from a lower number to a higher one (a topological order).
 */
export function components(doc: MapDoc, g: FlowGraph): { of: Map<string, number>; count: number; cyclic: boolean[] } {
  // Tarjan's algorithm, iterative; parts come out in reverse topological order
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  for (const root of g.steps) {
    if (index.has(root.id)) continue;
    const work: [string, number][] = [[root.id, 0]];
    index.set(root.id, next);
    low.set(root.id, next++);
    stack.push(root.id);
    onStack.add(root.id);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v] = top;
      const flows = g.out.get(v) ?? [];
      if (top[1] < flows.length) {
        const w = doc.flows[flows[top[1]++]!]!.toStepId;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const part: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          part.push(w);
        } while (w !== v);
        found.push(part);
      }
    }
  }
  const of = new Map<string, number>();
  const count = found.length;
  const cyclic: boolean[] = new Array<boolean>(count).fill(false);
  found.forEach((part, i) => {
    const n = count - 1 - i;
    for (const id of part) of.set(id, n);
    cyclic[n] = part.length > 1;
  });
  for (const f of Object.values(doc.flows)) if (f.fromStepId === f.toStepId && of.has(f.fromStepId)) cyclic[of.get(f.fromStepId)!] = true;
  return { of, count, cyclic };
}
