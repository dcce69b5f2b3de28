/**
 * The zoomed-out picture of a big map (and the minimap, which paints it): a parallel split's plus,
 * an event's inner ring and a message flow's dashes survive there too (issue 11).
 */
import { expect, test } from 'vitest';
import { mapGeometry } from '../../shared/model/geometry';
import { createCanvasBuilder } from '../../src-renderer/canvas/nodes';
import { buildScene, drawScene, NO_MARKS } from '../../src-renderer/canvas/overview';
import { buildMap } from '../support/builders';

test('the picture carries and paints the plus, the inner ring and the dashed message', () => {
  const doc = buildMap({
    roles: [{ id: 'm' }, { id: 'c' }],
    steps: [
      { id: 'p', role: 'm', kind: 'parallel', title: '', x: 0 },
      { id: 't', role: 'm', kind: 'task', title: 'КП', x: 300 },
      { id: 'ev', role: 'c', kind: 'event', title: 'Ответ', x: 600 },
    ],
    flows: [
      { from: 'p', to: 't' },
      { from: 't', to: 'ev' },
    ],
  });
  doc.flows['f-t-ev']!.message = true;
  const g = mapGeometry(doc);
  const builder = createCanvasBuilder();
  const none = { steps: [] as string[], flows: [] as string[] };
  const scene = buildScene(doc, g, builder.nodes(doc, g, none), builder.edges(doc, none), '—');
  expect(scene.flows.find((f) => f.id === 'f-t-ev')?.message).toBe(true);
  expect(scene.flows.find((f) => f.id === 'f-p-t')?.message).toBeUndefined();

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
  // at 30 %: boxes of ~50 px, big enough for their marks
  drawScene(ctx, scene, [100, 100, 0.3], 2000, 1200, 1, NO_MARKS);
  const ev = scene.steps.find((s) => s.id === 'ev')!;
  const p = scene.steps.find((s) => s.id === 'p')!;
  // the event: its pill, then a second ring inside it
  const rings = calls.filter((c) => c.op === 'roundRect' && (c.args[0] as number) >= ev.x && (c.args[0] as number) < ev.x + ev.w / 2);
  expect(rings).toHaveLength(2);
  expect(rings[1]!.args[0] as number).toBeGreaterThan(ev.x);
  // the parallel split: a horizontal bar through its centre
  const cx = p.x + p.w / 2;
  const cy = p.y + p.h / 2;
  const moves = calls.filter((c) => c.op === 'moveTo').map((c) => c.args as number[]);
  expect(moves.some(([x, y]) => x! < cx && y === cy)).toBe(true);
  expect(moves.some(([x, y]) => x === cx && y! < cy)).toBe(true);
  // the message is stroked dashed; the dashes are cleared afterwards
  const dashes = calls.filter((c) => c.op === 'setLineDash').map((c) => (c.args[0] as number[]).length);
  expect(dashes).toContain(2);
  expect(calls.filter((c) => c.op === 'setLineDash').at(-1)!.args[0]).toEqual([]);
});
