/**
 * A big map on the canvas (issue 15): React Flow gets only what is in and around the view, and
 * zoomed out the map is one picture. These check what the user would miss if they were wrong:
 * a flow crossing the view with both ends off screen, a selected step far away, a click on a
 * box in the picture, the picture itself.
 */
import { describe, expect, test } from 'vitest';
import { mapGeometry, stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { createCanvasBuilder, isBackdrop } from '../../src-renderer/canvas/nodes';
import { buildScene, drawScene, NO_MARKS, stepAt, stepsIn } from '../../src-renderer/canvas/overview';
import { membersIn, nextWindow, viewRect, windowed } from '../../src-renderer/canvas/windowing';
import { randomMap } from '../support/randomMaps';
import { salesMap } from '../support/builders';

const none = { steps: [] as string[], flows: [] as string[] };

/** Screen box of a step as the canvas places it (left-to-right map). */
function boxOf(doc: MapDoc, id: string) {
  const p = mapGeometry(doc).positions.get(id)!;
  return { ...p, ...stepSize(doc.steps[id]!) };
}

describe('the window React Flow gets', () => {
  test('the window stays while the view moves inside it, and follows once it leaves or after zooming in a lot', () => {
    const view = viewRect([0, 0, 1], 1000, 600);
    const win = nextWindow(null, view);
    expect(win).toEqual({ x: -500, y: -300, width: 2000, height: 1200 });
    expect(nextWindow(win, viewRect([-300, -200, 1], 1000, 600))).toBe(win);
    expect(nextWindow(win, viewRect([-800, 0, 1], 1000, 600))).not.toBe(win);
    // zoomed in four times: the same place, but a window this much bigger than the view is dropped
    expect(nextWindow(win, viewRect([0, 0, 4], 1000, 600))).not.toBe(win);
  });

  test('steps in the window go, far ones do not; a flow into the window brings its far end; a selected far step goes too', () => {
    const doc = randomMap({ seed: 7, steps: 300, lanes: 4, phases: 3 });
    const g = mapGeometry(doc);
    const first = Object.values(doc.steps).sort((a, b) => g.positions.get(a.id)!.x - g.positions.get(b.id)!.x)[0]!;
    const b = boxOf(doc, first.id);
    const win = { x: b.x - 10, y: b.y - 10, width: b.width + 20, height: b.height + 20 };
    const members = membersIn(doc, g, win);
    expect(members.steps.has(first.id)).toBe(true);
    expect(members.steps.size).toBeLessThan(Object.keys(doc.steps).length / 4);
    for (const f of Object.values(doc.flows).filter((f) => f.fromStepId === first.id || f.toStepId === first.id)) {
      expect(members.flows.has(f.id)).toBe(true);
      expect(members.steps.has(f.fromStepId) && members.steps.has(f.toStepId)).toBe(true);
    }
    const builder = createCanvasBuilder();
    const far = Object.keys(doc.steps).find((id) => !members.steps.has(id))!;
    const nodes = builder.nodes(doc, g, { steps: [far], flows: [] });
    const shown = windowed(nodes, builder.edges(doc, none), members, new Set([far]));
    expect(shown.nodes.some((n) => n.id === far)).toBe(true);
    // lanes and phase columns always go
    expect(shown.nodes.filter((n) => isBackdrop(n.id)).length).toBe(nodes.filter((n) => isBackdrop(n.id)).length);
    expect(shown.edges.every((e) => members.flows.has(e.id))).toBe(true);
  });

  test('a flow crossing the window with both ends outside it is given, with both its ends', () => {
    const doc = salesMap('s');
    const g = mapGeometry(doc);
    // the longest flow along the map, and a thin window across its middle, clear of every step
    const flows = Object.values(doc.flows).map((f) => ({ f, from: boxOf(doc, f.fromStepId), to: boxOf(doc, f.toStepId) }));
    const long = flows.sort((a, b) => Math.abs(b.to.x - b.from.x) - Math.abs(a.to.x - a.from.x))[0]!;
    // a small window between its two ends, touching neither
    const mid = { x: (long.from.x + long.from.width / 2 + long.to.x + long.to.width / 2) / 2, y: (long.from.y + long.to.y) / 2 };
    const win = { x: mid.x - 2, y: mid.y - 2, width: 4, height: 4 };
    const touches = (b: { x: number; y: number; width: number; height: number }) => b.x < win.x + win.width && b.x + b.width > win.x && b.y < win.y + win.height && b.y + b.height > win.y;
    expect(touches(long.from) || touches(long.to)).toBe(false);
    const members = membersIn(doc, g, win);
    expect(members.flows.has(long.f.id)).toBe(true);
    expect(members.steps.has(long.f.fromStepId)).toBe(true);
    expect(members.steps.has(long.f.toStepId)).toBe(true);
  });
});

describe('the whole-map picture', () => {
  const doc = randomMap({ seed: 11, steps: 250, lanes: 5, phases: 4 });
  const g = mapGeometry(doc);
  const scene = buildScene(doc, g, null, createCanvasBuilder().edges(doc, none), 'No phase');

  test('has every step, lane and phase, and a line for every flow', () => {
    expect(scene.steps).toHaveLength(250);
    expect(scene.lanes).toHaveLength(5);
    expect(scene.columns.map((c) => c.name)).toEqual(expect.arrayContaining(Object.values(doc.phases).map((p) => p.name)));
    expect(scene.flows).toHaveLength(Object.keys(doc.flows).length);
    for (const f of scene.flows) expect(f.points.length).toBeGreaterThanOrEqual(2);
  });

  test('a point on a box is that step; a point between boxes is none; a box drawn over steps selects those it touches', () => {
    const s = scene.steps[17]!;
    expect(stepAt(scene, { x: s.x + s.w / 2, y: s.y + s.h / 2 })?.id).toBe(s.id);
    expect(stepAt(scene, { x: s.x - 1e5, y: s.y - 1e5 })).toBeNull();
    const picked = stepsIn(scene, { x: s.x - 1, y: s.y - 1, width: s.w + 2, height: s.h + 2 });
    expect(picked).toContain(s.id);
    expect(picked.length).toBeLessThan(5);
  });

  test('paints only what is in the pane, and the phase names at a size one can read', () => {
    const calls: { op: string; args: unknown[] }[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, name) => (name === 'measureText' ? () => ({ width: 10 }) : (...args: unknown[]) => void calls.push({ op: String(name), args })),
        set: () => true,
      },
    ) as unknown as CanvasRenderingContext2D;
    globalThis.Path2D ??= class {
      moveTo() {}
      lineTo() {}
    } as unknown as typeof Path2D;
    const box = (id: string, x: number) => ({ id, kind: 'task' as const, x, y: 0, w: 200, h: 60, color: '#2f80ed', title: id, diff: null, ghost: false });
    const small = {
      down: false,
      lanes: [],
      columns: [{ x: -50, y: -44, w: 200_000, h: 200, header: 44, name: 'Квалификация' }],
      steps: [box('near', 0), box('far', 100_000)],
      flows: [],
    };
    const painted = (x: number) => calls.some((c) => (c.op === 'rect' || c.op === 'fillRect') && c.args[0] === x);
    // at 100 %: the step in the pane is painted, the one 100,000 px away is not
    drawScene(ctx, small, [0, 100, 1], 1000, 600, 1, NO_MARKS);
    expect(painted(0)).toBe(true);
    expect(painted(100_000)).toBe(false);
    expect(calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toEqual(['Квалификация']);
    // zoomed out to the whole map: both, as dots
    calls.length = 0;
    drawScene(ctx, small, [0, 100, 0.005], 1000, 600, 1, NO_MARKS);
    expect(painted(0) && painted(100_000)).toBe(true);
    // and the real map, all of it in the pane: every step painted
    calls.length = 0;
    const right = Math.max(...scene.steps.map((s) => s.x + s.w));
    const zoom = 1000 / (right + 400);
    drawScene(ctx, scene, [200 * zoom, 400 * zoom, zoom], 1000, 600, 1, NO_MARKS);
    for (const st of scene.steps) expect(painted(st.x), st.id).toBe(true);
  });

});
