/**
 * PNG tiles, one after another on this thread by default (svgToPng, with its fallback fonts), or
 * side by side on worker threads when asked (`threads`): resvg spends most of a tile's time per
 * pixel. The workers run plain CommonJS given here and load resvg with Inter only; they are not
 * used by the app or the CLI yet (the pool hung once in a trial, not understood yet).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { fittingScale } from '../../shared/export/bitmap';
import { interTtfFiles } from './fonts';
import { svgToPng } from './png';

export interface TileJob {
  svg: string;
  width: number;
  height: number;
}

export interface PoolRun {
  scale: number;
  transparent: boolean;
  /** Called as each tile is done (any order), with how many are done. */
  onDone?(done: number): void;
  /** True: no more tiles are started and the call fails with `stopped()`'s error. */
  stop?(): boolean;
  stopped(): Error;
  /** Threads to use (default 1: drawn here, with svgToPng's fonts; more is not used by the app or the CLI yet). */
  threads?: number;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
parentPort.on('message', (job) => {
  try {
    const r = new Resvg(job.svg, {
      font: workerData.font,
      fitTo: { mode: 'zoom', value: job.scale },
      ...(job.transparent ? {} : { background: '#ffffff' }),
      logLevel: 'off',
    });
    const png = r.render().asPng();
    const copy = new Uint8Array(png.length);
    copy.set(png);
    parentPort.postMessage({ id: job.id, png: copy }, [copy.buffer]);
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: String((e && e.message) || e) });
  }
});
`;

export async function renderTiles(jobs: TileJob[], run: PoolRun): Promise<Uint8Array[]> {
  // one thread unless asked: the pool hung once in a trial and its workers lack the fallback fonts svgToPng finds
  const threads = Math.max(1, Math.min(run.threads ?? 1, jobs.length));
  const out: Uint8Array[] = new Array<Uint8Array>(jobs.length);
  if (threads < 2 || jobs.length < 4) {
    for (const [i, j] of jobs.entries()) {
      if (run.stop?.()) throw run.stopped();
      out[i] = svgToPng(j.svg, j, { scale: run.scale, transparent: run.transparent }).png;
      run.onDone?.(i + 1);
    }
    return out;
  }
  const workerData = {
    resvg: createRequire(import.meta.url).resolve('@resvg/resvg-js'),
    font: { loadSystemFonts: false, fontFiles: interTtfFiles(), defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  };
  const workers = Array.from({ length: threads }, () => new Worker(WORKER, { eval: true, workerData }));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const give = (w: Worker) => {
        if (failed) return;
        if (next >= jobs.length) return;
        if (run.stop?.()) return fail(run.stopped());
        const id = next++;
        const j = jobs[id]!;
        w.postMessage({ id, svg: j.svg, scale: fittingScale(j, run.scale), transparent: run.transparent });
      };
      for (const w of workers) {
        w.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
          if (m.error !== undefined || !m.png) return fail(new Error(`A tile could not be drawn: ${m.error}`));
          out[m.id] = m.png;
          run.onDone?.(++done);
          if (done === jobs.length) resolve();
          else give(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => code !== 0 && fail(new Error(`A tile drawing thread stopped (exit code ${code}).`)));
        give(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
