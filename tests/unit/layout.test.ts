/**
 * The tidy-up on small maps, with what a user would notice: reading order, lanes, phases,
 * loops drawn around the steps, pinned steps left alone.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { mapGeometry, stepSize } from '../../shared/model/geometry';
import type { MapDoc, Point } from '../../shared/model/types';
import { applyLayout, layoutMap, validateLayout } from '../../shared/layout';
import { buildMap, salesMap } from '../support/builders';

const elk = new ELK();

async function tidy(doc: MapDoc, options?: Parameters<typeof layoutMap>[2]) {
  const result = await layoutMap(doc, elk, options);
  const laid = applyLayout(doc, result);
  const geo = mapGeometry(laid);
  const box = (id: string) => {
    const p = geo.positions.get(id)!;
    const s = stepSize(laid.steps[id]!);
    return { left: p.x, top: p.y, right: p.x + s.width, bottom: p.y + s.height, cy: p.y + s.height / 2 };
  };
  return { result, laid, geo, box, violations: validateLayout(doc, result) };
}

const twoLanes = [{ id: 'sales' }, { id: 'client' }];

describe('layoutMap on small maps', () => {
  test('a 3-step chain across 2 lanes reads left to right and stays in its lanes', async () => {
    const doc = buildMap({
      roles: twoLanes,
      steps: [
        { id: 'a', role: 'sales', kind: 'start', x: 500, y: 300 },
        { id: 'b', role: 'client', x: 0, y: 10 },
        { id: 'c', role: 'sales', kind: 'end', x: 90, y: 90 },
      ],
      flows: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    });
    const { box, violations, laid, geo, result } = await tidy(doc);
    expect(violations).toEqual([]);
    expect(box('a').right).toBeLessThan(box('b').left);
    expect(box('b').right).toBeLessThan(box('c').left);
    expect(laid.steps.a!.roleId).toBe('sales');
    const [sales, client] = geo.lanes;
    expect(box('b').top).toBeGreaterThanOrEqual(client!.top);
    expect(box('a').bottom).toBeLessThanOrEqual(sales!.top + sales!.height);
    const route = result.routes['f-a-b']!;
    expect(route[0]).toEqual({ x: box('a').right, y: box('a').cy });
    expect(route[route.length - 1]).toEqual({ x: box('b').left, y: box('b').cy });
  });

  test('a chain inside one lane is one straight line of straight flows', async () => {
    const doc = buildMap({
      roles: twoLanes,
      steps: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, role: 'sales', x: 0, y: i * 100 })),
      flows: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
      ],
    });
    const { result, box, violations } = await tidy(doc);
    expect(violations).toEqual([]);
    expect(new Set(['a', 'b', 'c', 'd'].map((id) => box(id).cy)).size).toBe(1);
    for (const id of ['f-a-b', 'f-b-c', 'f-c-d']) expect(result.routes[id]).toHaveLength(2);
  });

  test("a decision's «no» loops back around the steps, not through them", async () => {
    const doc = salesMap('s');
    const { result, box, violations } = await tidy(doc);
    expect(violations).toEqual([]);
    const loop = result.routes['s-f5']!; // decide -> qualify, «нет»
    expect(loop).toBeDefined();
    const decide = box('s-decide');
    const qualify = box('s-qualify');
    expect(qualify.right).toBeLessThan(decide.left); // the loop really goes back
    expect(loop[1]!.x).toBeGreaterThan(decide.right); // leaves to the right first
    expect(loop[loop.length - 2]!.x).toBeLessThan(qualify.left); // enters from the left
    // its long horizontal piece runs in a corridor clear of every step
    const longest = loop
      .slice(1)
      .reduce<[Point, Point]>((best, p, i) => (Math.abs(p.x - loop[i]!.x) > Math.abs(best[1].x - best[0].x) ? [loop[i]!, p] : best), [loop[0]!, loop[1]!]);
    for (const id of Object.keys(doc.steps)) {
      const b = box(id);
      const crosses =
        longest[0].y > b.top && longest[0].y < b.bottom && Math.max(longest[0].x, longest[1].x) > b.left && Math.min(longest[0].x, longest[1].x) < b.right;
      expect(crosses, id).toBe(false);
    }
    // and the yes-branch still reads forward
    expect(box('s-won').left).toBeGreaterThan(decide.right);
  });

  test('phases are columns: a later phase is to the right even when flows go back to an earlier one', async () => {
    const doc = buildMap({
      roles: twoLanes,
      phases: [
        { id: 'prep', name: 'Подготовка', order: 0 },
        { id: 'deal', name: 'Сделка', order: 1 },
      ],
      steps: [
        { id: 'analyse', role: 'sales', phaseId: 'deal', x: 0 },
        { id: 'plan', role: 'client', phaseId: 'prep', x: 0 },
        { id: 'loose', role: 'client', phaseId: null, x: 0 },
      ],
      flows: [
        { from: 'analyse', to: 'plan', label: 'новый цикл' },
        { from: 'loose', to: 'analyse' },
      ],
    });
    const { result, box, violations, geo } = await tidy(doc);
    expect(violations).toEqual([]);
    expect(box('plan').right).toBeLessThan(box('analyse').left);
    // the unphased step sits in the leading "no phase" column, as the canvas draws it
    expect(geo.columns[0]!.phase).toBeNull();
    expect(box('loose').right).toBeLessThan(box('plan').left);
    expect(result.phaseColumns.map((c) => c.phaseId)).toEqual(['prep', 'deal']);
    expect(result.phaseColumns[0]!.right).toBeLessThanOrEqual(result.phaseColumns[1]!.left);
    expect(result.routes['f-analyse-plan']).toBeDefined();
  });

  test('a pinned step keeps its place and the others keep clear of it', async () => {
    const spec = {
      roles: twoLanes,
      steps: [
        { id: 'a', role: 'sales', x: 0, y: 0 },
        { id: 'b', role: 'sales', x: 300, y: 0 },
        { id: 'c', role: 'sales', x: 600, y: 0 },
      ],
      flows: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    };
    const free = await tidy(buildMap(spec));
    // pin a step exactly where the layout puts b
    const doc = buildMap({ ...spec, steps: [...spec.steps, { id: 'pin', role: 'sales', x: free.laid.steps.b!.x, y: free.laid.steps.b!.y }] });
    doc.steps.pin!.pinned = true;
    const { result, violations } = await tidy(doc);
    expect(violations).toEqual([]);
    expect(result.steps.pin).toEqual({ x: doc.steps.pin!.x, y: doc.steps.pin!.y });
    const ignored = await tidy(doc, { pinned: 'ignore' });
    expect(ignored.violations).toEqual([]);
  });

  test('a map without phases is one free column with absolute x', async () => {
    const { result, violations, box, laid } = await tidy(salesMap('n'));
    expect(violations).toEqual([]);
    expect(result.phaseColumns).toEqual([]);
    expect(box('n-lead').left).toBe(laid.steps['n-lead']!.x);
  });

  test('self loops and flows between the same steps get valid routes; an empty map is fine', async () => {
    const doc = buildMap({
      roles: twoLanes,
      steps: [
        { id: 'a', role: 'sales' },
        { id: 'b', role: 'client' },
      ],
      flows: [
        { id: 'self', from: 'a', to: 'a' },
        { id: 'ab1', from: 'a', to: 'b' },
        { id: 'ab2', from: 'a', to: 'b' },
        { id: 'ba', from: 'b', to: 'a' },
      ],
    });
    const { result, violations } = await tidy(doc);
    expect(violations).toEqual([]);
    for (const id of ['self', 'ab1', 'ab2', 'ba']) expect(result.routes[id], id).toBeDefined();
    const empty = await layoutMap(buildMap({ roles: twoLanes }), elk);
    expect(empty).toEqual({ steps: {}, routes: {}, phaseColumns: [], warnings: [] });
  });

  test('applyLayout is pure and sets routes; the same input gives the same layout', async () => {
    const doc = salesMap('p');
    const before = JSON.stringify(doc);
    const result = await layoutMap(doc, elk);
    const laid = applyLayout(doc, result);
    expect(JSON.stringify(doc)).toBe(before);
    for (const f of Object.values(laid.flows)) expect(f.route).toEqual(result.routes[f.id]);
    expect(await layoutMap(doc, elk)).toEqual(result);
    // a flow without a route loses its stale one
    const stale = applyLayout(
      { ...doc, flows: { ...doc.flows, 'p-f1': { ...doc.flows['p-f1']!, route: [{ x: 1, y: 1 }] } } },
      { ...result, routes: { ...result.routes, 'p-f1': undefined } },
    );
    expect(stale.flows['p-f1']!.route).toBeUndefined();
  });
});
