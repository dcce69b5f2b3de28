/**
 * Analysis figures for `npm run bench` (run from bench/layout.bench.ts): the checks and the
 * figures (work, wait, lead time, critical path) of a random N-step department map, together,
 * as they would run on every edit. Goals (issue 10): 500 steps in 30 ms, 2,000 in 120 ms.
 * `optimisationFigures`: the optimisation toolkit's figures on the same maps (manual share by
 * role and phase, how often each step is done, automation candidates, KPIs), also on every edit.
 */
import { checkMap } from '../shared/analysis/checks';
import { mapFigures } from '../shared/analysis/figures';
import { automationCandidates, automationFigures, expectedVisits, kpiRows } from '../shared/analysis/optimise';
import { randomMap } from '../tests/support/randomMaps';

export const ANALYSIS_SIZES = [500, 2000];

/** The random department map of `n` steps both measures run on. */
const benchMap = (n: number) => randomMap({ seed: 9000 + n, steps: n, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });

/** Median milliseconds of `work` on each size's map (9 runs). */
function medians(sizes: number[], work: (doc: ReturnType<typeof benchMap>) => void): Record<number, number> {
  const out: Record<number, number> = {};
  for (const n of sizes) {
    const doc = benchMap(n);
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t = performance.now();
      work(doc);
      times.push(performance.now() - t);
    }
    out[n] = times.sort((a, b) => a - b)[4]!;
  }
  return out;
}

/** Median milliseconds of checks + figures per map size. */
export function analysisFigures(sizes = ANALYSIS_SIZES): Record<number, number> {
  return medians(sizes, (doc) => {
    checkMap(doc);
    mapFigures(doc);
  });
}

/** Median milliseconds of the optimisation figures per map size (the maps of analysisFigures). */
export function optimisationFigures(sizes = ANALYSIS_SIZES): Record<number, number> {
  return medians(sizes, (doc) => {
    automationFigures(doc);
    automationCandidates(doc, expectedVisits(doc));
    kpiRows(doc);
  });
}
