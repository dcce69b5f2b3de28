/**
 * Reads a BPMN file in a worker thread (worker.ts) with a time limit and a memory limit: an
 * entity bomb, a 50 MB file or 20,000 elements cannot hang or exhaust the backend. On time-out the
 * worker is ended and the read fails as BpmnImportError('timeout'); out of memory, as 'too-large'.
 *
 * The worker file is found where it runs: beside the bundle (`out/main/bpmnWorker.js`, for the
 * app and `npm run web`), or as TypeScript beside this file (the CLI, the tests), then loaded
 * through bench/ts-resolve.mjs as bin/lanemap.mjs loads the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BpmnImportError, type BpmnImport, type BpmnImportOptions } from '../../shared/interop/bpmn/import';

export interface BpmnReadLimits {
  /** The worker is ended after this long (default 60 s: a cold 1000-step read takes about 5 s on a busy 2-core machine). */
  timeoutMs: number;
  /** Its heap (default 768 MB). */
  maxHeapMb: number;
}

export const DEFAULT_BPMN_LIMITS: BpmnReadLimits = { timeoutMs: 60_000, maxHeapMb: 768 };

/** How to start the worker: a file, or (from the sources) a line of code that loads it. */
export type WorkerSource = { file: string } | { code: string };

const here = fileURLToPath(import.meta.url);

/** The worker of this build: the bundle's `bpmnWorker.js`, or `worker.ts` through the TypeScript hooks. */
export function bpmnWorkerSource(): WorkerSource {
  if (here.endsWith('.ts')) {
    const worker = pathToFileURL(path.join(path.dirname(here), 'worker.ts')).href;
    const hooks = pathToFileURL(path.join(path.dirname(here), '../../bench/ts-resolve.mjs')).href;
    return { code: `import(${JSON.stringify(hooks)}).then(() => import(${JSON.stringify(worker)}))` };
  }
  // the bundle: this code may sit in out/main or in out/main/chunks
  for (const dir of [path.dirname(here), path.join(path.dirname(here), '..')]) {
    const file = path.join(dir, 'bpmnWorker.js');
    if (fs.existsSync(file)) return { file };
  }
  throw new Error('The BPMN reader (bpmnWorker.js) is missing from this build of Lanemap.');
}

/** `bpmnToMaps` in a worker thread, stopped after `limits.timeoutMs`. */
export function readBpmnInWorker(
  text: string,
  options: BpmnImportOptions,
  limits: Partial<BpmnReadLimits> = {},
  source: WorkerSource = bpmnWorkerSource(),
): Promise<BpmnImport> {
  const { timeoutMs, maxHeapMb } = { ...DEFAULT_BPMN_LIMITS, ...limits };
  return new Promise<BpmnImport>((resolve, reject) => {
    const worker =
      'code' in source
        ? new Worker(source.code, { eval: true, workerData: { text, options }, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } })
        : new Worker(source.file, { workerData: { text, options }, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new BpmnImportError('timeout', `Reading the file took longer than ${Math.round(timeoutMs / 1000)} s; it was stopped.`))),
      timeoutMs,
    );
    worker.on('message', (m: { ok: true; result: BpmnImport } | { ok: false; code: string; message: string }) =>
      settle(() => {
        if (m.ok) resolve(m.result);
        else if (m.code === 'internal') reject(new Error(m.message));
        else reject(new BpmnImportError(m.code as BpmnImportError['code'], m.message));
      }),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new BpmnImportError('too-large', 'The file needs more memory to read than Lanemap gives it.')
            : new Error(`The BPMN reader failed: ${e.message}`),
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`The BPMN reader stopped (exit code ${code}) without an answer.`))));
  });
}
