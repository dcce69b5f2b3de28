/**
 * The layout worker: ELK and everything around it (lanes, phase columns, routing, checks) run
 * here, never on the UI thread. ELK's bundled build runs synchronously inside this worker; its
 * own worker wrapper would only add a second hop.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutMap, validateLayout } from '../../shared/layout';
import { frameSize, type SizeFn } from '../../shared/model/geometry';
import type { Step } from '../../shared/model/types';
import type { LayoutReply, LayoutRequest } from './protocol';

const elk = new ELK();
const post = (reply: LayoutReply) => (self as unknown as { postMessage(m: LayoutReply): void }).postMessage(reply);

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, doc, extraHeights } = event.data;
  const started = performance.now();
  try {
    const own = frameSize(doc.direction);
    const size: SizeFn | undefined = extraHeights
      ? (s) => {
          const z = own(s);
          return { width: z.width, height: z.height + (extraHeights[(s as Step).id] ?? 0) };
        }
      : undefined;
    const result = await layoutMap(doc, elk, { size });
    // the same rules the tests hold the engine to; a result that breaks one is not applied
    const problems = validateLayout(doc, result, { size });
    if (problems.length) {
      post({ id, ok: false, message: `the result broke ${problems.length} rule(s), e.g. ${problems[0]}` });
      return;
    }
    post({ id, ok: true, args: { steps: result.steps, routes: result.routes }, warnings: result.warnings, ms: Math.round(performance.now() - started) });
  } catch (e) {
    post({ id, ok: false, message: (e as Error).message || String(e) });
  }
};
