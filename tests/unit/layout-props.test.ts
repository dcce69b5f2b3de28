/**
 * Properties of the tidy-up on many seeded random maps (10-500 steps, 2-8 lanes, 0-7 phases,
 * decisions, merges, loops back, unphased and pinned steps).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { applyLayout, layoutMap, phaseSlots, validateLayout } from '../../shared/layout';
import { frameSize, mapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { randomMap, rng, type RandomMapSpec } from '../support/randomMaps';

const elk = new ELK();

/** Many small maps, some medium, one big: a few seconds on two cores. */
function specs(): RandomMapSpec[] {
  const r = rng(20260301);
  const out: RandomMapSpec[] = [];
  const sizes = [...Array.from({ length: 28 }, () => 10 + Math.floor(r() * 50)), 120, 200, 260, 500];
  sizes.forEach((steps, k) => {
    out.push({
      seed: 1000 + k,
      steps,
      lanes: 2 + Math.floor(r() * 7),
      phases: k % 5 === 0 ? 0 : 1 + Math.floor(r() * 7),
      unphased: r() < 0.5 ? 0.1 : 0,
      pinned: k % 3 === 0 ? 0.06 : 0,
      loops: 0.05 + r() * 0.1,
      decisions: 0.1 + r() * 0.15,
    });
  });
  return out;
}

/** Everything a user would notice, checked on the laid-out doc in the canvas's geometry. */
function checkLayout(doc: MapDoc, result: Awaited<ReturnType<typeof layoutMap>>, keepPins: boolean) {
  expect(validateLayout(doc, result)).toEqual([]);
  const laid = applyLayout(doc, result);
  const geo = mapGeometry(laid);
  const slot = phaseSlots(laid).index;
  const size = frameSize(laid.direction);
  const right = (id: string) => geo.positions.get(id)!.x + size(laid.steps[id]!).width;
  for (const f of Object.values(doc.flows)) {
    // the generator's forward flows (not labelled «нет») read left to right unless they enter an
    // earlier column or touch a step pinned by hand (which stays wherever the user put it)
    const pinnedEnd = keepPins && (doc.steps[f.fromStepId]!.pinned || doc.steps[f.toStepId]!.pinned);
    if (f.label === '' && !pinnedEnd && slot.get(f.toStepId)! >= slot.get(f.fromStepId)!) {
      expect(geo.positions.get(f.toStepId)!.x, f.id).toBeGreaterThan(right(f.fromStepId));
    }
  }
  if (keepPins) {
    for (const s of Object.values(doc.steps)) if (s.pinned) expect(result.steps[s.id], s.id).toEqual({ x: s.x, y: s.y });
  }
  // routes are drawn for (nearly) every flow; the rest are left to the canvas with a warning
  const missing = Object.keys(doc.flows).filter((id) => !result.routes[id]).length;
  const pins = Object.values(doc.steps).some((s) => s.pinned) && keepPins;
  if (!pins) expect(missing).toBe(0);
  else expect(missing).toBeLessThanOrEqual(Math.ceil(Object.keys(doc.flows).length * 0.1));
  if (missing > 0) expect(result.warnings.join(' ')).toContain(`${missing} flows`);
}

describe('layoutMap on random maps', () => {
  for (const spec of specs()) {
    // every fourth map reads top to bottom: the same rules in the turned frame
    const down = spec.seed % 4 === 1;
    const name = `${spec.steps} steps, ${spec.lanes} lanes, ${spec.phases} phases, seed ${spec.seed}${spec.pinned ? ', pinned' : ''}${down ? ', top to bottom' : ''}`;
    test(name, async () => {
      const doc: MapDoc = { ...randomMap(spec), ...(down ? { direction: 'down' as const } : {}) };
      const result = await layoutMap(doc, elk);
      checkLayout(doc, result, true);
      if (spec.pinned) checkLayout(doc, await layoutMap(doc, elk, { pinned: 'ignore' }), false);
    });
  }

  test('the same map gives the same layout, and laying out a laid-out map keeps it valid', async () => {
    const doc = randomMap({ seed: 77, steps: 150, lanes: 5, phases: 6, unphased: 0.1, pinned: 0.05, loops: 0.1 });
    const a = await layoutMap(doc, elk);
    const b = await layoutMap(structuredClone(doc), elk);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const again = applyLayout(doc, a);
    checkLayout(again, await layoutMap(again, elk), true);
  });
});
