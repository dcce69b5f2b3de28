/** Presentation mode's walk along a map: next, decisions, back, loops, unreachable steps, phases. */
import { describe, expect, test } from 'vitest';
import {
  advance,
  buildWalkMap,
  choose,
  goBack,
  goTo,
  nextUnvisited,
  phaseIndexOf,
  startWalk,
  unvisitedCount,
  type WalkMap,
  type WalkState,
} from '../../src-renderer/presentation/walk';
import { buildMap, type FlowSpec, type StepSpec } from '../support/builders';

const roles = [{ id: 'sales' }, { id: 'client' }];

/** Presses "next" until the walk stops (a decision, an end) or `max` moves; returns the steps shown. */
function walkOn(map: WalkMap, walk: WalkState, max = 50): { path: string[]; walk: WalkState; stoppedAt: string } {
  const path = [walk.current!];
  for (let i = 0; i < max; i++) {
    const r = advance(map, walk);
    if (r.kind !== 'moved') return { path, walk, stoppedAt: r.kind };
    walk = r.walk;
    path.push(walk.current!);
  }
  return { path, walk, stoppedAt: 'max' };
}

/** Steps placed left to right in the order given (x = 260 apart). */
function map(steps: (Omit<StepSpec, 'role'> & { role?: string })[], flows: FlowSpec[], extra: Parameters<typeof buildMap>[0] = {}) {
  return buildWalkMap(buildMap({ roles, steps: steps.map((s, i) => ({ role: 'sales', x: i * 260, ...s })), flows, ...extra }));
}

describe('a linear process', () => {
  const m = map(
    [{ id: 'start', kind: 'start' }, { id: 'a' }, { id: 'b' }, { id: 'end', kind: 'end' }],
    [
      { from: 'start', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'end' },
    ],
  );

  test('walks start to end, one step per "next", and says so at the end', () => {
    const w = startWalk(m);
    expect(w.current).toBe('start');
    const r = walkOn(m, w);
    expect(r.path).toEqual(['start', 'a', 'b', 'end']);
    expect(r.stoppedAt).toBe('end');
    expect(advance(m, r.walk)).toEqual({ kind: 'end', unvisited: 0 });
  });

  test('numbers the steps along the flow', () => {
    expect(m.order).toEqual(['start', 'a', 'b', 'end']);
    expect(m.number.get('b')).toBe(3);
  });
});

describe('a decision', () => {
  const m = map(
    [
      { id: 'start', kind: 'start' },
      { id: 'ok', kind: 'decision', title: 'Lead qualified?' },
      { id: 'no', title: 'Nurture', role: 'client' },
      { id: 'yes', title: 'Prepare offer' },
      { id: 'end', kind: 'end' },
    ],
    [
      { from: 'start', to: 'ok' },
      { id: 'f-yes', from: 'ok', to: 'yes', label: 'Yes' },
      { id: 'f-no', from: 'ok', to: 'no', label: 'No' },
      { from: 'yes', to: 'end' },
    ],
  );

  test('stops at the decision and offers its branches with their labels, the way straight on first', () => {
    const r = walkOn(m, startWalk(m));
    expect(r.path).toEqual(['start', 'ok']);
    expect(r.stoppedAt).toBe('choose');
    expect(advance(m, r.walk)).toEqual({
      kind: 'choose',
      branches: [
        { flowId: 'f-yes', to: 'yes', label: 'Yes' },
        { flowId: 'f-no', to: 'no', label: 'No' },
      ],
    });
  });

  test('"next" never takes a branch by itself; a choice does', () => {
    const at = walkOn(m, startWalk(m)).walk;
    expect(advance(m, at).kind).toBe('choose');
    expect(advance(m, at).kind).toBe('choose');
    expect(choose(m, at, 1)?.current).toBe('no');
    const yes = choose(m, at, 0)!;
    expect(yes.current).toBe('yes');
    expect(walkOn(m, yes).path).toEqual(['yes', 'end']);
    expect(choose(m, at, 2)).toBeNull();
  });

  test('at the end of one branch, the other branch is what is left to show', () => {
    const at = walkOn(m, startWalk(m)).walk;
    const end = walkOn(m, choose(m, at, 0)!).walk;
    expect(advance(m, end)).toEqual({ kind: 'end', unvisited: 1 });
    expect(nextUnvisited(m, end)).toBe('no');
    expect(unvisitedCount(m, goTo(end, 'no'))).toBe(0);
    expect(nextUnvisited(m, goTo(end, 'no'))).toBeNull();
  });

  test("a decision's branches are numbered side by side, in reading order, before what follows them", () => {
    expect(m.order).toEqual(['start', 'ok', 'no', 'yes', 'end']);
  });
});

describe('step numbers', () => {
  test('a step comes after every step whose flow leads to it; parallel work is numbered side by side', () => {
    // plan -> ads, plan -> calls (in parallel), both -> register; drawn with register before calls
    const m = map(
      [
        { id: 'plan', kind: 'start', x: 0 },
        { id: 'ads', x: 260 },
        { id: 'register', x: 520 },
        { id: 'calls', x: 780, role: 'client' },
        { id: 'end', kind: 'end', x: 1040 },
      ],
      [
        { from: 'plan', to: 'ads' },
        { from: 'plan', to: 'calls' },
        { from: 'ads', to: 'register' },
        { from: 'calls', to: 'register' },
        { from: 'register', to: 'end' },
      ],
    );
    expect(m.order).toEqual(['plan', 'ads', 'calls', 'register', 'end']);
    expect(m.number.get('register')).toBe(4);
  });
});

describe('the order of branches', () => {
  test('is their drawing order (top to bottom; in one row the way on before a way back), whatever order the flows were drawn or stored in', () => {
    // three lanes; the decision in the middle one
    const steps = [
      { id: 'd', kind: 'decision' as const, x: 260, role: 'client' },
      { id: 'up', x: 520, role: 'sales' },
      { id: 'down', x: 520, role: 'finance' },
      { id: 'ahead', x: 520, role: 'client' },
      { id: 'before', x: 0, role: 'client' },
    ];
    const flows = [
      { id: 'f1', from: 'd', to: 'before' },
      { id: 'f2', from: 'd', to: 'down' },
      { id: 'f3', from: 'd', to: 'up' },
      { id: 'f4', from: 'd', to: 'ahead' },
    ];
    const lanes = { roles: [{ id: 'sales' }, { id: 'client' }, { id: 'finance' }] };
    const expected = ['up', 'ahead', 'before', 'down'];
    const forward = map(steps, flows, lanes);
    const backward = map(steps, [...flows].reverse(), lanes);
    expect(forward.out.get('d')!.map((b) => b.to)).toEqual(expected);
    expect(backward.out.get('d')!.map((b) => b.to)).toEqual(expected);
  });

  test('on a top-to-bottom map (lanes as columns) they go left to right, as drawn', () => {
    const steps = [
      { id: 'd', kind: 'decision' as const, x: 0, role: 'b' },
      { id: 'right', x: 260, role: 'c' },
      { id: 'left', x: 260, role: 'a' },
      { id: 'below', x: 260, role: 'b' },
    ];
    const flows = [
      { id: 'f1', from: 'd', to: 'right' },
      { id: 'f2', from: 'd', to: 'below' },
      { id: 'f3', from: 'd', to: 'left' },
    ];
    const doc = buildMap({ roles: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], steps: steps.map((s) => ({ ...s })), flows });
    const m = buildWalkMap({ ...doc, direction: 'down' });
    expect(m.out.get('d')!.map((b) => b.to)).toEqual(['left', 'below', 'right']);
  });
});

describe('back', () => {
  const m = map(
    [{ id: 's', kind: 'start' }, { id: 'd', kind: 'decision' }, { id: 'x' }, { id: 'y' }, { id: 'z', kind: 'end' }],
    [
      { from: 's', to: 'd' },
      { from: 'd', to: 'x' },
      { from: 'd', to: 'y' },
      { from: 'x', to: 'z' },
      { from: 'y', to: 'z' },
    ],
  );

  test('goes back along the path actually walked, not along any flow into the step', () => {
    let w = walkOn(m, startWalk(m)).walk;
    w = choose(m, w, 1)!; // d -> y
    w = walkOn(m, w).walk; // y -> z
    expect(w.current).toBe('z');
    expect(w.history).toEqual(['s', 'd', 'y']);
    w = goBack(w)!;
    expect(w.current).toBe('y');
    w = goBack(w)!;
    expect(w.current).toBe('d');
    w = goBack(w)!;
    expect(w.current).toBe('s');
    expect(goBack(w)).toBeNull();
    // going back forgets nothing that was shown
    expect([...w.visited].sort()).toEqual(['d', 's', 'y', 'z']);
  });

  test('a jump is walked back too', () => {
    const w = goTo(startWalk(m), 'z');
    expect(goBack(w)?.current).toBe('s');
  });
});

describe('loops', () => {
  // negotiate -> agreed? -(no)-> negotiate; -(yes)-> sign
  const m = map(
    [{ id: 's', kind: 'start' }, { id: 'negotiate' }, { id: 'agreed', kind: 'decision' }, { id: 'sign' }, { id: 'won', kind: 'end' }],
    [
      { from: 's', to: 'negotiate' },
      { from: 'negotiate', to: 'agreed' },
      { from: 'agreed', to: 'negotiate', label: 'No' },
      { from: 'agreed', to: 'sign', label: 'Yes' },
      { from: 'sign', to: 'won' },
    ],
  );

  test('going round a loop is allowed, and says it comes back to a step already shown', () => {
    let w = walkOn(m, startWalk(m)).walk;
    expect(w.current).toBe('agreed');
    // the way back round the loop comes after the way on
    expect(advance(m, w)).toMatchObject({ kind: 'choose', branches: [{ to: 'sign' }, { to: 'negotiate' }] });
    w = choose(m, w, 1)!;
    expect(w.current).toBe('negotiate');
    const r = advance(m, w);
    expect(r).toMatchObject({ kind: 'moved', revisit: true });
  });

  test('a loop without any decision does not trap the walk: the steps outside it are still offered', () => {
    const cycle = map(
      [{ id: 's', kind: 'start' }, { id: 'a' }, { id: 'b' }, { id: 'other' }],
      [
        { from: 's', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    );
    const r = walkOn(cycle, startWalk(cycle), 10);
    expect(r.stoppedAt).toBe('max');
    expect(new Set(r.path)).toEqual(new Set(['s', 'a', 'b']));
    expect(nextUnvisited(cycle, r.walk)).toBe('other');
    expect(cycle.order).toEqual(['s', 'a', 'b', 'other']);
  });

  test('numbering terminates on a loop and counts each step once', () => {
    expect(m.order).toEqual(['s', 'negotiate', 'agreed', 'sign', 'won']);
  });
});

describe('steps no start leads to', () => {
  const m = map(
    [{ id: 's', kind: 'start' }, { id: 'a' }, { id: 'lonely', title: 'Archive the deal' }, { id: 'e', kind: 'end' }, { id: 'side' }],
    [
      { from: 's', to: 'a' },
      { from: 'a', to: 'e' },
      { from: 'lonely', to: 'side' },
    ],
  );

  test('are not reachable, are numbered after the reachable ones and are offered as "next unvisited"', () => {
    expect([...m.reachable].sort()).toEqual(['a', 'e', 's']);
    expect(m.order).toEqual(['s', 'a', 'e', 'lonely', 'side']);
    const end = walkOn(m, startWalk(m)).walk;
    expect(advance(m, end)).toEqual({ kind: 'end', unvisited: 2 });
    const lonely = goTo(end, nextUnvisited(m, end)!);
    expect(lonely.current).toBe('lonely');
    expect(walkOn(m, lonely).path).toEqual(['lonely', 'side']);
  });
});

describe('where the walk starts', () => {
  test('the first start step in reading order (along the flow, then lane by lane)', () => {
    const m = map(
      [
        { id: 'late', kind: 'start', x: 600 },
        { id: 'lower', kind: 'start', x: 100, role: 'client' },
        { id: 'upper', kind: 'start', x: 100 },
      ],
      [],
    );
    expect(m.roots).toEqual(['upper', 'lower', 'late']);
    expect(startWalk(m).current).toBe('upper');
  });

  test('a map without a start step starts at the first step nothing leads into', () => {
    const m = map(
      [
        { id: 'b', x: 0 },
        { id: 'a', x: 300 },
        { id: 'c', x: 600 },
      ],
      [
        { from: 'a', to: 'c' },
        { from: 'c', to: 'b' },
      ],
    );
    expect(m.first).toBe('a');
    expect(walkOn(m, startWalk(m)).path).toEqual(['a', 'c', 'b']);
  });

  test('a map that is one big loop starts at its first step in reading order', () => {
    const m = map(
      [{ id: 'a' }, { id: 'b' }],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    );
    expect(m.first).toBe('a');
  });

  test('a walk can start at a chosen step, and ignores an unknown one', () => {
    const m = map([{ id: 's', kind: 'start' }, { id: 'a' }], [{ from: 's', to: 'a' }]);
    expect(startWalk(m, 'a').current).toBe('a');
    expect(startWalk(m, 'gone').current).toBe('s');
  });
});

describe('an empty map', () => {
  test('has nothing to walk and does not fail', () => {
    const m = buildWalkMap(buildMap({ roles }));
    const w = startWalk(m);
    expect(w.current).toBeNull();
    expect(m.first).toBeNull();
    expect(advance(m, w)).toEqual({ kind: 'empty' });
    expect(nextUnvisited(m, w)).toBeNull();
    expect(goBack(w)).toBeNull();
    expect(choose(m, w, 0)).toBeNull();
    expect(m.phases).toEqual([]);
  });
});

describe('phases', () => {
  const phases = [
    { id: 'p2', name: 'Closing', order: 1 },
    { id: 'p1', name: 'Lead generation', order: 0 },
    { id: 'p3', name: 'Empty', order: 2 },
  ];
  const m = map(
    [
      { id: 's', kind: 'start', phaseId: 'p1', x: 0 },
      { id: 'a', phaseId: 'p1', x: 260 },
      { id: 'b', phaseId: 'p2', x: 0 },
      { id: 'loose', phaseId: null, x: 0 },
    ],
    [
      { from: 's', to: 'a' },
      { from: 'a', to: 'b' },
    ],
    { phases },
  );

  test('are listed in column order with their steps in walk order; "No phase" first when used; empty ones too', () => {
    expect(m.phases).toEqual([
      { phaseId: null, steps: ['loose'] },
      { phaseId: 'p1', steps: ['s', 'a'] },
      { phaseId: 'p2', steps: ['b'] },
      { phaseId: 'p3', steps: [] },
    ]);
    expect(phaseIndexOf(m, 'b')).toBe(2);
    expect(phaseIndexOf(m, 'loose')).toBe(0);
  });

  test('a map without phases has no phase columns', () => {
    const plain = map([{ id: 'a' }], []);
    expect(plain.phases).toEqual([]);
    expect(phaseIndexOf(plain, 'a')).toBe(-1);
  });

  test('the walk starts in the first phase even when an unphased step stands in front', () => {
    expect(m.first).toBe('s');
  });
});

describe('flows to steps that are gone', () => {
  test('are ignored rather than breaking the walk', () => {
    const doc = buildMap({ roles, steps: [{ id: 's', role: 'sales', kind: 'start' }], flows: [] });
    doc.flows['f'] = { id: 'f', fromStepId: 's', toStepId: 'missing', label: '' };
    const m = buildWalkMap(doc);
    expect(advance(m, startWalk(m))).toEqual({ kind: 'end', unvisited: 0 });
  });
});
