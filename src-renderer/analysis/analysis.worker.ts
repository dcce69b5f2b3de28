/** Checks and figures of a big map, off the UI thread (see useAnalysis). */
import type { MapDoc } from '../../shared/model/types';
import { analyse, type Analysis } from './compute';

type Reply = { id: number; ok: true; analysis: Analysis } | { id: number; ok: false; message: string };
const post = (reply: Reply) => (self as unknown as { postMessage(m: Reply): void }).postMessage(reply);

self.onmessage = (event: MessageEvent<{ id: number; json: string }>) => {
  const { id, json } = event.data;
  try {
    post({ id, ok: true, analysis: analyse(JSON.parse(json) as MapDoc) });
  } catch (e) {
    post({ id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
};
