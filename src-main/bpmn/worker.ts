/**
 * The worker thread a BPMN file is read in (parse.ts starts it): the XML is untrusted, so it is
 * parsed away from the backend's thread, under a time and a memory limit, and thrown away after.
 * Built as `out/main/bpmnWorker.js` (electron.vite.config.ts); run from the sources by the CLI and
 * the tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bpmnToMaps, type BpmnImportOptions } from '../../shared/interop/bpmn/import';

const { text, options } = workerData as { text: string; options: BpmnImportOptions };

try {
  const result = await bpmnToMaps(text, options);
  parentPort?.postMessage({ ok: true, result });
} catch (e) {
  const err = e as { name?: unknown; code?: unknown; message?: unknown };
  const known = err?.name === 'BpmnImportError' && typeof err.code === 'string';
  parentPort?.postMessage({ ok: false, code: known ? err.code : 'internal', message: typeof err?.message === 'string' ? err.message : String(e) });
}
