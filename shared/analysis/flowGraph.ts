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
  const phaseOrder = (s: Step | undefined) => (s?.phaseId ? (doc.phases[s.phaseId]?.order ?? -1) : -1);
  const reading = (x: Step | undefined, y: Step | undefined) =>
    phaseOrder(x) - phaseOrder(y) ||
    (x?.x ?? 0) - (y?.x ?? 0) ||
    (x?.y ?? 0) - (y?.y ?? 0) ||
    ((x?.id ?? '') < (y?.id ?? '') ? -1 : (x?.id ?? '') > (y?.id ?? '') ? 1 : 0);
  // steps in reading order: walks and ties between equally long paths go the same way every time
  const steps = Object.values(doc.steps).sort(reading);
  const out = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  const inc = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  for (const f of Object.values(doc.flows)) {
    out.get(f.fromStepId)?.push(f.id);
    inc.get(f.toStepId)?.push(f.id);
  }
  // each step's flows in the reading order of the steps they lead to, so every walk (which flow
  // closes a loop, hence the critical path) depends on the map as drawn, never on the order
  // storage happens to return rows in or on the ids a copy was given
  const rank = (fid: string) => doc.steps[doc.flows[fid]!.toStepId];
  const byReading = (a: string, b: string) => reading(rank(a), rank(b)) || (a < b ? -1 : a > b ? 1 : 0);
  for (const list of out.values()) if (list.length > 1) list.sort(byReading);
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
 */
export function backFlows(doc: MapDoc, g: FlowGraph): Set<string> {
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  // start steps first, then the rest in reading order (g.steps is in reading order; sort is stable)
  const order = [...g.steps].sort((a, b) => Number(b.kind === 'start') - Number(a.kind === 'start'));
  for (const root of order) {
    if (state.has(root.id)) continue;
    // iterative depth-first walk: [step, index of the next outgoing flow]
    const stack: [string, number][] = [[root.id, 0]];
    state.set(root.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const flows = g.out.get(top[0]) ?? [];
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

/** A hand-off: work passing from one role's step to another role's (`flowId`: the flow that arrives at `to`). */
export interface HandOffFlow {
  flowId: string;
  from: Step;
  to: Step;
}

/**
 * The flows on which work passes from one role to another. An event step (a reply awaited, a
 * timer) is not work: work goes through it from the step before to the step after, so "the
 * manager sends the offer → (the customer's reply, in the customer's lane) → the manager reads it"
 * is no hand-off, and a hand-off through an event is counted once, on the flow leaving it.
 */
export function handOffFlows(doc: MapDoc): HandOffFlow[] {
  const into = new Map<string, string[]>();
  for (const f of Object.values(doc.flows)) {
    const list = into.get(f.toStepId);
    if (list) list.push(f.id);
    else into.set(f.toStepId, [f.id]);
  }
  // the work steps a step's work comes from, looking back through events (each event once)
  const sources = (flowId: string): Step[] => {
    const out: Step[] = [];
    const seen = new Set<string>();
    const stack = [flowId];
    while (stack.length > 0) {
      const f = doc.flows[stack.pop()!]!;
      const from = doc.steps[f.fromStepId];
      if (!from) continue;
      if (from.kind !== 'event') {
        if (!out.includes(from)) out.push(from);
        continue;
      }
      if (seen.has(from.id)) continue;
      seen.add(from.id);
      stack.push(...(into.get(from.id) ?? []));
    }
    return out;
  };
  const out: HandOffFlow[] = [];
  for (const f of Object.values(doc.flows)) {
    const to = doc.steps[f.toStepId];
    const from = doc.steps[f.fromStepId];
    if (!to || !from || to.kind === 'event') continue;
    if (from.kind !== 'event') {
      if (from.roleId !== to.roleId) out.push({ flowId: f.id, from, to });
      continue;
    }
    const other = sources(f.id).find((s) => s.roleId !== to.roleId);
    if (other) out.push({ flowId: f.id, from: other, to });
  }
  return out;
}
