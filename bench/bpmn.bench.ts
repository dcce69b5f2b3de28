/**
 * BPMN figures for `npm run bench` (run from bench/layout.bench.ts, one table, one JSON): the
 * export of a 1000-step map (time, file size) and its import, both of the file Lanemap wrote
 * (read back exactly from its extension data) and of the same file with the Lanemap extension
 * elements stripped, as another tool's file would come (placed from the drawing alone).
 * Goals (issue 11): export <= 300 ms, import <= 600 ms.
 */
import { mapToBpmn } from '../shared/interop/bpmn/export';
import { bpmnToMaps } from '../shared/interop/bpmn/import';
import { applyLayout, layoutMap } from '../shared/layout/layoutMap';
import type { ElkLike } from '../shared/layout/types';
import type { MapDoc } from '../shared/model/types';
import { randomMap } from '../tests/support/randomMaps';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timed(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** "name": figure, for the bench's JSON. */
export async function bpmnFigures(elk: ElkLike, n = 1000): Promise<Record<string, number>> {
  const raw: MapDoc = randomMap({ seed: 7000 + n, steps: n, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
  const doc = applyLayout(raw, await layoutMap(raw, elk));
  const xml = await mapToBpmn(doc); // warm up
  await bpmnToMaps(xml);
  const foreign = xml.replace(/<bpmn:extensionElements>[\s\S]*?<\/bpmn:extensionElements>/g, '');
  await bpmnToMaps(foreign);
  return {
    [`bpmn.export.${n}.ms`]: Math.round(await timed(5, () => mapToBpmn(doc))),
    [`bpmn.export.${n}.bytes`]: new TextEncoder().encode(xml).length,
    [`bpmn.import.${n}.ms`]: Math.round(await timed(5, () => bpmnToMaps(xml))),
    [`bpmn.import.foreign.${n}.ms`]: Math.round(await timed(5, () => bpmnToMaps(foreign))),
  };
}
