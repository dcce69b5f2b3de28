/**
 * `npm run bench`: how long a tidy-up takes, against one plain ELK layered pass over the same
 * steps and flows. Prints a table, or with `--json` one JSON object of "name": number.
 *
 * Runs under Node's own TypeScript type stripping (Node >= 22.18, the `node` devDependency)
 * with bench/ts-resolve.mjs for extensionless imports: no extra dependency, no build step.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { stepSize } from '../shared/model/geometry';
import type { MapDoc } from '../shared/model/types';
import { layoutMap } from '../shared/layout/layoutMap';
import { randomMap } from '../tests/support/randomMaps';
import { analysisFigures, optimisationFigures } from './analysis.bench';
import { bpmnFigures } from './bpmn.bench';
import { exportFigures } from './export.bench';
import { documentFigures } from './document.bench';
import { tableFigures } from './table.bench';
import { pdfFigures } from './pdf.bench';
import { pngTilesFigures } from './pngTiles.bench';

const SIZES = [50, 200, 500, 1000, 2000];
const json = process.argv.includes('--json');
const elk = new ELK();

/** A realistic department map: 6 roles, 7 sales stages, chains with decisions, merges, loops. */
function benchMap(steps: number): MapDoc {
  return randomMap({ seed: 7000 + steps, steps, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
}

/** One plain ELK layered pass (default options, no lanes/phases/ports), same nodes and edges. */
async function plainElk(doc: MapDoc): Promise<void> {
  await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered' },
    children: Object.values(doc.steps).map((s) => ({ id: s.id, ...stepSize(s) })),
    edges: Object.values(doc.flows).map((f) => ({ id: f.id, sources: [f.fromStepId], targets: [f.toStepId] })),
  });
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

// Warm up the JIT (ELK is a large GWT-compiled script) so the first size is not penalised.
const warm = benchMap(300);
for (let k = 0; k < 3; k++) {
  await layoutMap(warm, elk);
  await plainElk(warm);
}

const results: Record<string, number> = {};
const rows: string[][] = [];
for (const n of SIZES) {
  const doc = benchMap(n);
  const runs = n >= 1000 ? 3 : 5;
  const ours: number[] = [];
  const plain: number[] = [];
  for (let k = 0; k < runs; k++) {
    // interleaved, so machine noise hits both alike
    ours.push(await time(() => layoutMap(doc, elk)));
    plain.push(await time(() => plainElk(doc)));
  }
  const ms = median(ours);
  const base = median(plain);
  results[`layout.${n}.ms`] = round(ms, 0);
  results[`layout.${n}.ratio`] = round(ms / base, 2);
  results[`elk.${n}.ms`] = round(base, 0);
  rows.push([String(n), String(Object.keys(doc.flows).length), String(runs), ms.toFixed(0), base.toFixed(0), (ms / base).toFixed(2), '', '', '']);
}

// exports of the same kind of map, tidied up first (bench/export.bench.ts)
for (const e of await exportFigures(elk)) {
  results[`export.svg.${e.steps}.ms`] = round(e.svgMs, 1);
  results[`export.svg.${e.steps}.bytes`] = e.svgBytes;
  results[`export.png2x.${e.steps}.ms`] = round(e.png2xMs, 0);
  results[`export.png2x.${e.steps}.scale`] = round(e.pngScale, 3);
  const cells = [e.svgMs.toFixed(1), (e.svgBytes / 1024).toFixed(0), `${e.png2xMs.toFixed(0)} (${e.pngWidth}x${e.pngHeight})`];
  const row = rows.find((r) => r[0] === String(e.steps));
  if (row) row.splice(6, 3, ...cells);
  else rows.push([String(e.steps), '', '', '', '', '', ...cells]);
}
rows.sort((a, b) => Number(a[0]) - Number(b[0]));

// the process document of a 200-step map as DOCX and as PDF (bench/document.bench.ts)
const documentBench = await documentFigures(elk);
Object.assign(results, documentBench);
// the tiled PDF of a 1000-step map (bench/pdf.bench.ts; goal <= 2 s)
const pdf = await pdfFigures(elk);
results['export.pdf.1000.ms'] = round(pdf.ms, 0);
results['export.pdf.1000.pages'] = pdf.pages;
// the PNG tiles (ZIP) of a 400-step map at 2x (bench/pngTiles.bench.ts; goal about 20 s)
const pngTiles = await pngTilesFigures(elk);
results['export.pngTiles.400.ms'] = round(pngTiles.ms, 0);
results['export.pngTiles.400.tiles'] = pngTiles.tiles;

// checks + figures of the map, as on every edit (bench/analysis.bench.ts); the table gets its own lines
const analysis = analysisFigures();
for (const [n, ms] of Object.entries(analysis)) results[`analysis.${n}.ms`] = round(ms, 1);
for (const [n, ms] of Object.entries(optimisationFigures())) results[`optimisation.${n}.ms`] = round(ms, 1);

// the step table opened on a 2,000-step map, in Chromium on the built app (bench/table.bench.ts)
const table = await tableFigures();
Object.assign(results, table);

// BPMN export and import of a 1000-step map (bench/bpmn.bench.ts)
const bpmn = await bpmnFigures(elk);
Object.assign(results, bpmn);

if (json) {
  console.log(JSON.stringify(results));
} else {
  const head = ['steps', 'flows', 'runs', 'layout ms (median)', 'plain ELK ms (median)', 'ratio', 'svg ms', 'svg KB', 'png 2x ms (px)'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padStart(widths[c]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const [n, ms] of Object.entries(analysis)) console.log(`analysis (checks + figures), ${n} steps: ${ms.toFixed(1)} ms (median)`);
  for (const [name, v] of Object.entries(documentBench)) console.log(`${name} (process document, map to file): ${v}`);
  for (const [name, v] of Object.entries(bpmn)) console.log(`${name}: ${v}`);
  console.log(`PNG tiles at 2x, 400 steps: ${pngTiles.ms.toFixed(0)} ms, ${pngTiles.tiles} tiles, ${(pngTiles.bytes / 1024 / 1024).toFixed(1)} MB`);
  console.log(`tiled PDF (A4 landscape, readable), 1000 steps: ${pdf.ms.toFixed(0)} ms (median of 3), ${pdf.pages} pages, ${(pdf.bytes / 1024).toFixed(0)} KB`);
  for (const [name, ms] of Object.entries(table)) console.log(`${name} (map view -> table rows painted, Chromium): ${ms} ms (median)`);
}
