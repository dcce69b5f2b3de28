/**
 * The soak run's side of a backend: start `soak/server.ts` as a child process on a library
 * file, call it over HTTP as the renderer does, and end it (SIGTERM, or SIGKILL for a crash).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallName } from '../shared/calls';
import { CALLS } from '../shared/calls';
import type { CallInput, CallReply, CallResults, LanemapApi } from '../shared/contract';
import { ApiError } from '../src-renderer/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Node flags that run the project's TypeScript without a build (see soak/loader.mjs). */
export const NODE_FLAGS = ['--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', path.join(here, 'loader.mjs')];

export interface Backend {
  url: string;
  token: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the child wrote on stderr. */
  stderr(): string;
}

export class StartFailed extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Starts a backend on `file`; rejects when it exits or prints nothing usable within `timeoutMs`. */
export function startBackend(file: string, timeoutMs = 30_000): Promise<Backend> {
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(here, 'server.ts'), '--file', file], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'en_US.UTF-8' },
  });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (err = (err + d).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new StartFailed(`no URL line within ${timeoutMs} ms`, err));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        const { url, token } = JSON.parse(out.slice(0, nl)) as { url: string; token: string };
        resolve({ url, token, child, exited, stderr: () => err });
      } catch {
        child.kill('SIGKILL');
        reject(new StartFailed(`not a URL line: ${out.slice(0, 200)}`, err));
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new StartFailed(`exited (${signal ?? code}) before it was ready`, err));
    });
  });
}

/** Ends a backend: SIGTERM and its exit code, or SIGKILL after `graceMs`. */
export async function stopBackend(b: Backend, graceMs = 5000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (b.child.exitCode !== null || b.child.signalCode !== null) return b.exited;
  b.child.kill('SIGTERM');
  const timer = setTimeout(() => b.child.kill('SIGKILL'), graceMs);
  const r = await b.exited;
  clearTimeout(timer);
  return r;
}

/** kill -9. */
export async function killBackend(b: Backend): Promise<void> {
  if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
  await b.exited;
}

/** A reply, or `transport` when the connection failed (the backend died, or was killed). */
export type Outcome<K extends CallName> = { kind: 'reply'; status: number; reply: CallReply<CallResults[K]> } | { kind: 'transport'; error: string };

/** One call over HTTP, exactly as the renderer sends it. */
export async function callHttp<K extends CallName>(
  b: Pick<Backend, 'url' | 'token'>,
  name: K,
  // a CallInput<K>, or anything else: the soak also sends hostile input
  input: unknown,
  timeoutMs = 60_000,
): Promise<Outcome<K>> {
  let res: Response;
  try {
    res = await fetch(new URL(`api/${name}`, b.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lanemap-token': b.token },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return { kind: 'transport', error: (e as Error).message };
  }
  try {
    return { kind: 'reply', status: res.status, reply: (await res.json()) as CallReply<CallResults[K]> };
  } catch (e) {
    return { kind: 'transport', error: `status ${res.status} without a JSON reply: ${(e as Error).message}` };
  }
}

/** Calls and returns the value, or throws (the renderer's ApiError for a refusal). */
export async function must<K extends CallName>(b: Pick<Backend, 'url' | 'token'>, name: K, input: CallInput<K>): Promise<CallResults[K]> {
  const r = await callHttp(b, name, input);
  if (r.kind === 'transport') throw new ApiError('offline', r.error);
  // as src-renderer/api.ts: a conflict carries the rows another editor changed meanwhile
  if (!r.reply.ok) throw new ApiError(r.reply.error.code, r.reply.error.message, r.reply.error.conflicts);
  return r.reply.value;
}

/** The renderer's API over HTTP (as src-renderer/api.ts does in a browser), for editor stores in Node. */
export function httpApi(b: Pick<Backend, 'url' | 'token'>): LanemapApi {
  return Object.fromEntries(CALLS.map((name) => [name, (input: never) => must(b, name, input)])) as unknown as LanemapApi;
}
