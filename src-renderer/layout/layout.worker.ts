/**
 * The layout worker: ELK and everything around it run here, never on the UI thread. ELK's
 * bundled build runs synchronously inside this worker (its own worker wrapper would only add
 * a second hop), and the lane, phase and routing work after it runs here too.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutMap } from '../../shared/layout';
import { tidiedDoc, withAbsoluteX } from '../../shared/model/tidyUp';
import type { LayoutReply, LayoutRequest } from './protocol';

const elk = new ELK();
const post = (reply: LayoutReply) => (self as unknown as { postMessage(m: LayoutReply): void }).postMessage(reply);

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, doc } = event.data;
  const started = performance.now();
  try {
    const layout = await layoutMap(withAbsoluteX(doc), elk);
    const { args, check } = tidiedDoc(doc, layout);
    if (check.problems.length) {
      post({ id, ok: false, message: `the result was not clean (${check.problems.slice(0, 2).join('; ')})` });
      return;
    }
    const warnings = [...layout.warnings];
    if (check.badRoutes.length) warnings.push(`${check.badRoutes.length} flow(s) are drawn by the canvas because no clean route was found.`);
    post({ id, ok: true, args, warnings, ms: Math.round(performance.now() - started) });
  } catch (e) {
    post({ id, ok: false, message: (e as Error).message || String(e) });
  }
};
