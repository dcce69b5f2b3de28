/**
 * Arrange (align, distribute) on the map's geometry, both directions, and where a new step goes
 * (the lane last worked in).
 */
import { describe, expect, test } from 'vitest';
import { applyCommand, cmd } from '../../shared/model/commands';
import { frameSize, mapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { arrangeMoves, type ArrangeOp } from '../../src-renderer/editor/arrange';
import { spotInLane, workedLane } from '../../src-renderer/editor/lastLane';
import { buildMap } from '../support/builders';

const three = (direction?: 'down') => {
  const doc = buildMap({
    roles: [{ id: 'r1' }, { id: 'r2' }],
    steps: [
      { id: 'a', role: 'r1', x: 40, y: 40 },
      { id: 'b', role: 'r1', x: 300, y: 90 },
      { id: 'c', role: 'r2', x: 700, y: 60 },
    ],
  });
  return direction ? { ...doc, direction } : doc;
};

function arranged(doc: MapDoc, ids: string[], op: ArrangeOp) {
  const moves = arrangeMoves(doc, ids, op);
  expect(moves).not.toBeNull();
  return applyCommand(doc, cmd('moveSteps', { moves: moves! }));
}

/** Screen boxes of the steps (a top-to-bottom map drawn transposed). */
function boxes(doc: MapDoc) {
  const g = mapGeometry(doc);
  const size = frameSize(doc.direction);
  const out: Record<string, { left: number; top: number; right: number; bottom: number; lane: string }> = {};
  for (const s of Object.values(doc.steps)) {
    const p = g.positions.get(s.id)!;
    const z = size(s);
    const f = { left: p.x, top: p.y, right: p.x + z.width, bottom: p.y + z.height };
    out[s.id] = doc.direction === 'down' ? { left: f.top, top: f.left, right: f.bottom, bottom: f.right, lane: s.roleId } : { ...f, lane: s.roleId };
  }
  return out;
}

describe('align and distribute', () => {
  test('align left lines up the left edges on the leftmost; lanes are kept', () => {
    const after = boxes(arranged(three(), ['a', 'b', 'c'], { align: 'left' }));
    expect(after.b!.left).toBe(after.a!.left);
    expect(after.c!.left).toBe(after.a!.left);
    expect([after.a!.lane, after.b!.lane, after.c!.lane]).toEqual(['r1', 'r1', 'r2']);
  });

  test('align right and centre use the selection’s own right edge and middle', () => {
    const before = boxes(three());
    const right = boxes(arranged(three(), ['a', 'b', 'c'], { align: 'right' }));
    for (const id of ['a', 'b', 'c']) expect(right[id]!.right).toBe(before.c!.right);
    const centre = boxes(arranged(three(), ['a', 'b'], { align: 'center' }));
    expect((centre.a!.left + centre.a!.right) / 2).toBeCloseTo((centre.b!.left + centre.b!.right) / 2, 0);
  });

  test('align top within one lane lines the steps up on screen', () => {
    const after = boxes(arranged(three(), ['a', 'b'], { align: 'top' }));
    expect(after.b!.top).toBe(after.a!.top);
  });

  test('align top across lanes puts each step at the same place in its own lane, never out of it', () => {
    const doc = three();
    const after = arranged(doc, ['b', 'c'], { align: 'top' });
    expect(after.steps.b!.y).toBe(60);
    expect(after.steps.c!.y).toBe(60);
    expect(after.steps.c!.roleId).toBe('r2');
    const bottom = arranged(doc, ['a', 'b', 'c'], { align: 'bottom' });
    expect(new Set(['a', 'b', 'c'].map((id) => bottom.steps[id]!.y)).size).toBe(1);
    expect(bottom.steps.a!.roleId).toBe('r1');
  });

  test('distribute horizontally leaves equal gaps and keeps the ends', () => {
    const doc = buildMap({
      roles: [{ id: 'r1' }],
      steps: [
        { id: 'a', role: 'r1', x: 0, y: 40 },
        { id: 'b', role: 'r1', x: 250, y: 200 },
        { id: 'c', role: 'r1', x: 900, y: 40 },
      ],
    });
    const before = boxes(doc);
    const after = boxes(arranged(doc, ['c', 'a', 'b'], { distribute: 'horizontal' }));
    expect(after.a!.left).toBe(before.a!.left);
    expect(after.c!.left).toBe(before.c!.left);
    expect(after.b!.left - after.a!.right).toBeCloseTo(after.c!.left - after.b!.right, 0);
  });

  test('distribute vertically within a lane leaves equal gaps', () => {
    const doc = buildMap({
      roles: [{ id: 'r1' }],
      steps: [
        { id: 'a', role: 'r1', x: 0, y: 40 },
        { id: 'b', role: 'r1', x: 250, y: 100 },
        { id: 'c', role: 'r1', x: 500, y: 500 },
      ],
    });
    const after = boxes(arranged(doc, ['a', 'b', 'c'], { distribute: 'vertical' }));
    expect(after.b!.top - after.a!.bottom).toBeCloseTo(after.c!.top - after.b!.bottom, 0);
  });

  test('too few steps, or nothing to change: no moves', () => {
    expect(arrangeMoves(three(), ['a'], { align: 'left' })).toBeNull();
    expect(arrangeMoves(three(), ['a', 'b'], { distribute: 'horizontal' })).toBeNull();
    const once = arranged(three(), ['a', 'b'], { align: 'left' });
    expect(arrangeMoves(once, ['a', 'b'], { align: 'left' })).toBeNull();
  });

  test('a step in a phase column stays in it', () => {
    const doc = buildMap({
      roles: [{ id: 'r1' }],
      phases: [
        { id: 'p1', name: 'Лиды', order: 0 },
        { id: 'p2', name: 'Сделка', order: 1 },
      ],
      steps: [
        { id: 'a', role: 'r1', x: 40, y: 40, phaseId: 'p1' },
        { id: 'b', role: 'r1', x: 100, y: 200, phaseId: 'p2' },
      ],
    });
    const after = arranged(doc, ['a', 'b'], { align: 'left' });
    expect(after.steps.b!.phaseId).toBe('p2');
    expect(after.steps.b!.x).toBe(20);
  });

  test('a top-to-bottom map keeps the screen meaning: left is across the lanes, top is along the flow', () => {
    const down = three('down');
    const left = boxes(arranged(down, ['a', 'b'], { align: 'left' }));
    expect(left.b!.left).toBe(left.a!.left);
    expect(left.b!.lane).toBe('r1');
    const top = boxes(arranged(down, ['a', 'b', 'c'], { align: 'top' }));
    expect(top.b!.top).toBe(top.a!.top);
    expect(top.c!.top).toBe(top.a!.top);
    expect(top.c!.lane).toBe('r2');
  });
});

describe('where a new step goes', () => {
  test('the lane worked in: steps changed in one lane, else the step newly selected', () => {
    const doc = three();
    const moved = applyCommand(doc, cmd('moveSteps', { moves: [{ stepId: 'c', x: 720, y: 60, roleId: 'r2' }] }));
    expect(workedLane(doc, moved, [], [])).toBe('r2');
    expect(workedLane(doc, doc, [], ['a'])).toBe('r1');
    expect(workedLane(doc, doc, ['a'], ['a', 'c'])).toBe('r2');
    // a change of many lanes at once (a tidy-up) says nothing; nor does deselecting
    const all = applyCommand(doc, cmd('moveSteps', { moves: ['a', 'c'].map((id) => ({ stepId: id, x: 10, y: 40, roleId: doc.steps[id]!.roleId })) }));
    expect(workedLane(doc, all, ['a'], [])).toBeNull();
  });

  test('after the last step of the lane in view, level with it, covering nothing', () => {
    const doc = three();
    const spot = spotInLane(doc, 'r1', 'task', { from: -200, to: 2000 });
    const b = mapGeometry(doc).positions.get('b')!;
    expect(spot.x).toBeGreaterThan(b.x + frameSize(undefined)(doc.steps.b!).width);
    expect(spot.y).toBe(90);
    // only step a is in view: right after it (b, further along and lower, is out of view)
    const apart = buildMap({
      roles: [{ id: 'r1' }],
      steps: [
        { id: 'a', role: 'r1', x: 40, y: 40 },
        { id: 'b', role: 'r1', x: 900, y: 300 },
      ],
    });
    const near = spotInLane(apart, 'r1', 'task', { from: -200, to: 250 });
    expect(near.x).toBeLessThan(400);
    expect(near.y).toBe(40);
    // b at the same level right behind a: the new step goes past it, covering nothing
    const blocked = spotInLane(doc, 'r1', 'task', { from: -200, to: 250 });
    expect(blocked.x).toBeGreaterThan(b.x + frameSize(undefined)(doc.steps.b!).width);
    // an empty lane: the middle of the view
    const empty = spotInLane(buildMap({ roles: [{ id: 'r1' }] }), 'r1', 'task', { from: 500, to: 1500 });
    expect(empty.x).toBeGreaterThan(700);
    expect(empty.x).toBeLessThan(1000);
  });
});
