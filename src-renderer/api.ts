/**
 * The ONE place that talks to the backend. In Electron the preload provides
 * `window.lanemap.call`; in a browser (`npm run web`, tests) calls go over the HTTP bridge
 * with the per-launch token the bridge put in the page.
 */
import { CALLS, type CallName } from '../shared/calls';
import type { TeamMessage } from './team/events';
import type { CallInput, CallReply, CallResults, ConflictInfo, ErrorCode, LanemapApi } from '../shared/contract';

declare global {
  interface Window {
    lanemap?: {
      call(name: string, input: unknown): Promise<CallReply>;
      /** Team servers' events for this window (preload; team/events.ts); returns the way to stop listening. */
      onTeamEvent?(cb: (message: TeamMessage) => void): (() => void) | void;
    };
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'offline',
    message: string,
    /** For a conflict: the rows another editor changed or deleted meanwhile. */
    readonly conflicts?: ConflictInfo[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function overHttp(name: CallName, input: unknown): Promise<CallReply> {
  const token = document.querySelector<HTMLMetaElement>('meta[name="lanemap-token"]')?.content ?? '';
  let res: Response;
  try {
    res = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lanemap-token': token },
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError('offline', 'Lanemap’s backend is not reachable. Is `npm run web` still running?');
  }
  try {
    return (await res.json()) as CallReply;
  } catch {
    throw new ApiError('internal', `The backend answered ${res.status} without a result.`);
  }
}

async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallResults[K]> {
  const reply = window.lanemap ? await window.lanemap.call(name, input) : await overHttp(name, input);
  if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message, reply.error.conflicts);
  return reply.value as CallResults[K];
}

export const api = Object.fromEntries(CALLS.map((name) => [name, (input: never) => call(name, input)])) as unknown as LanemapApi;

/**
 * A last call as the page goes away (reload, tab closed): the browser finishes it even after
 * the page is gone. In Electron the window waits for the editor to flush instead (main.ts).
 */
export function callOnLeave<K extends CallName>(name: K, input: CallInput<K>): void {
  if (window.lanemap) {
    void window.lanemap.call(name, input);
    return;
  }
  const token = document.querySelector<HTMLMetaElement>('meta[name="lanemap-token"]')?.content ?? '';
  void fetch(`/api/${name}`, {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json', 'x-lanemap-token': token },
    body: JSON.stringify(input),
  }).catch(() => undefined);
}
