/** Asks the layout worker for a tidy-up of a map; one worker, started on first use. */
import type { MapDoc } from '../../shared/model/types';
import type { LayoutReply } from './protocol';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (reply: LayoutReply) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'lanemap-layout' });
    worker.onmessage = (e: MessageEvent<LayoutReply>) => {
      waiting.get(e.data.id)?.(e.data);
      waiting.delete(e.data.id);
    };
    worker.onerror = (e) => {
      for (const [id, resolve] of waiting) resolve({ id, ok: false, message: e.message || 'the layout worker stopped' });
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

/** A layout that takes longer than this is given up (the worker is restarted). */
const TIMEOUT_MS = 60_000;

export function requestLayout(doc: MapDoc, extraHeights?: Record<string, number>): Promise<LayoutReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      worker?.terminate();
      worker = null;
      resolve({ id, ok: false, message: 'it took longer than a minute' });
    }, TIMEOUT_MS);
    waiting.set(id, (reply) => {
      clearTimeout(timer);
      resolve(reply);
    });
    getWorker().postMessage({ id, doc, extraHeights });
  });
}
