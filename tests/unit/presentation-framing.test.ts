/** Where the presentation's camera and card go (presentation/framing.ts): pure geometry. */
import { describe, expect, test } from 'vitest';
import { geometryOf } from '../../src-renderer/canvas/frame';
import { freeArea, intersects, MIN_READING_ZOOM, onScreen, planStep, stepRect, type CardPlace, type Stage } from '../../src-renderer/presentation/framing';
import { buildMap } from '../support/builders';

const doc = buildMap({
  roles: [{ id: 'sales' }, { id: 'client' }],
  steps: [
    { id: 'a', role: 'sales', x: 0 },
    { id: 'b', role: 'sales', x: 260 },
    { id: 'c', role: 'sales', x: 520 },
  ],
  flows: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'c' },
  ],
});
const g = geometryOf(doc);

/** A 1024×768 window below a 62 px bar; lane names 168 px wide at any zoom. */
const stage: Stage = { width: 1024, height: 706, top: 0, down: false, laneBand: () => 168 };
const right: CardPlace = { side: 'right', box: { x: 1024 - 16 - 380, y: 16, width: 380, height: 674 } };
const left: CardPlace = { side: 'left', box: { x: 16, y: 16, width: 380, height: 674 } };

describe('the free area', () => {
  test('leaves out the lane names on the left and the card on its side', () => {
    expect(freeArea(stage, right, 1)).toEqual({ x: 180, y: 0, width: 628 - 12 - 180, height: 706 });
    expect(freeArea(stage, left, 1)).toEqual({ x: 408, y: 0, width: 1024 - 408, height: 706 });
  });
  test('on a top-to-bottom map, the lane names are a row along the top', () => {
    expect(freeArea({ ...stage, down: true }, right, 1)).toEqual({ x: 0, y: 180, width: 616, height: 706 - 180 });
  });
  test('a lane column that grows with the zoom is measured at the zoom used', () => {
    const zooming = { ...stage, laneBand: (z: number) => 168 * z };
    expect(freeArea(zooming, null, 2).x).toBe(336 + 12);
  });
});

describe('a step planned', () => {
  test('is centred in the free area, whole, readable, clear of the lane names and the card', () => {
    const plan = planStep(doc, g, 'a', ['b'], stage, [right, left])!;
    const box = onScreen(stepRect(doc, g, 'a')!, plan.viewport);
    expect(plan.viewport.zoom).toBeGreaterThanOrEqual(MIN_READING_ZOOM);
    expect(box.x).toBeGreaterThanOrEqual(168);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    expect(intersects(box, plan.side === 'right' ? right.box : left.box)).toBe(false);
    expect(Math.abs(box.x + box.width / 2 - (plan.free.x + plan.free.width / 2))).toBeLessThan(1);
  });
  test('the card goes to the other side when the next step would be under it', () => {
    const plan = planStep(doc, g, 'a', ['b'], stage, [right, left])!;
    expect(plan.side).toBe('left');
    const next = onScreen(stepRect(doc, g, 'b')!, plan.viewport);
    expect(intersects(next, left.box)).toBe(false);
  });
  test('and stays where it is when the next step is clear of it', () => {
    // the last step: nothing follows
    expect(planStep(doc, g, 'c', [], stage, [right, left])!.side).toBe('right');
  });
  test('a step too big for the window is shown whole, smaller', () => {
    const long = buildMap({ roles: [{ id: 'sales' }], steps: [{ id: 'x', role: 'sales', x: 0, title: 'Очень длинное название шага '.repeat(60) }], flows: [] });
    const plan = planStep(long, geometryOf(long), 'x', [], stage, [right])!;
    const box = onScreen(stepRect(long, geometryOf(long), 'x')!, plan.viewport);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(706);
    expect(box.x).toBeGreaterThanOrEqual(168);
    expect(box.x + box.width).toBeLessThanOrEqual(right.box.x);
  });
});
