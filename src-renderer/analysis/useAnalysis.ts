/**
 * The open map's checks and figures, computed once per document and shared by the Check panel,
 * its counters, the figures strip and the canvas markers. A small map is analysed at once (a few
 * milliseconds); a big one in a worker, so typing never waits for it: until the worker answers,
 * the analysis of the previous version of the map is shown (`stale`).
 */
import { useEffect, useReducer } from 'react';
import { reviewFindings, type ReviewedFindings } from '../../shared/analysis/checks';
import type { MapDoc } from '../../shared/model/types';
import { useEditor } from '../store/context';
import { analyse, type Analysis } from './compute';

/** From this many steps on, the analysis runs in a worker. */
export const WORKER_FROM_STEPS = 400;

const done = new WeakMap<MapDoc, Analysis>();
const asked = new WeakSet<MapDoc>();
/** The last analysis finished, shown while the next one is computed. */
let latest: { doc: MapDoc; analysis: Analysis } | null = null;
const listeners = new Set<() => void>();

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, MapDoc>();

function finish(doc: MapDoc, analysis: Analysis) {
  done.set(doc, analysis);
  latest = { doc, analysis };
  for (const l of listeners) l();
}

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'lanemap-analysis' });
    worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; analysis?: Analysis }>) => {
      const doc = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      // a worker that failed on this map: analyse it here rather than show nothing
      if (doc) finish(doc, e.data.ok && e.data.analysis ? e.data.analysis : analyse(doc));
    };
    worker.onerror = () => {
      const left = [...waiting.values()];
      waiting.clear();
      worker?.terminate();
      worker = null;
      for (const doc of left) finish(doc, analyse(doc));
    };
  }
  return worker;
}

function ask(doc: MapDoc) {
  if (asked.has(doc)) return;
  asked.add(doc);
  const id = nextId++;
  waiting.set(id, doc);
  const send = () => {
    try {
      // as JSON text: a big map is written out several times faster than the browser's structured
      // clone copies it, and the worker (not this thread) reads it back
      getWorker().postMessage({ id, json: JSON.stringify(doc) });
    } catch {
      // no workers here (or the map cannot be sent): analyse on this thread
      waiting.delete(id);
      finish(doc, analyse(doc));
    }
  };
  // after the frame that shows the map or the edit (writing a big map out takes tens of ms)
  if (typeof requestIdleCallback === 'function') requestIdleCallback(send, { timeout: 250 });
  else setTimeout(send, 0);
}

/** The analysis of `doc` if there is one already, computing it at once when the map is small. */
export function analysisOf(doc: MapDoc): Analysis | null {
  const hit = done.get(doc);
  if (hit) return hit;
  if (Object.keys(doc.steps).length < WORKER_FROM_STEPS) {
    const a = analyse(doc);
    done.set(doc, a);
    latest = { doc, analysis: a };
    return a;
  }
  return null;
}

/** The open map's analysis; `stale` while a big map's newer version is being analysed. */
export function useAnalysis(): { analysis: Analysis | null; stale: boolean } {
  const doc = useEditor((s) => s.doc);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    listeners.add(rerender);
    return () => void listeners.delete(rerender);
  }, []);
  const now = doc ? analysisOf(doc) : null;
  useEffect(() => {
    if (doc && !done.has(doc)) ask(doc);
  }, [doc]);
  if (!doc) return { analysis: null, stale: false };
  if (now) return { analysis: now, stale: false };
  // the previous version of the same map, while the worker works
  return latest && latest.doc.id === doc.id ? { analysis: latest.analysis, stale: true } : { analysis: null, stale: true };
}

const reviewed = new WeakMap<Analysis, { doc: MapDoc; result: ReviewedFindings }>();

/**
 * The open map's findings sorted by its dismissals and switched-off rules, computed once per
 * analysis and document for everything that shows them (the tab and toolbar counters, the
 * panel, the canvas marks, the RACI view).
 */
export function useReviewedFindings(): ReviewedFindings | null {
  const { analysis } = useAnalysis();
  const doc = useEditor((s) => s.doc);
  if (!analysis || !doc) return null;
  const hit = reviewed.get(analysis);
  if (hit?.doc === doc) return hit.result;
  const result = reviewFindings(doc, analysis.findings);
  reviewed.set(analysis, { doc, result });
  return result;
}
