/**
 * The app's team client (issue 16), in the main process: the only part of the app that talks to
 * team servers. The renderer asks through the `team:*` calls (shared/contract.ts) and gets
 * events through its window (Electron) or the bridge's `/events` stream (browser build); it
 * never sees a token, and its CSP stays closed to the network.
 *
 * - The servers this app knows are kept in the local library's settings table (`team.servers`,
 *   JSON: id, normalised url, the library's info, the user last signed in); their session
 *   tokens in a `TokenVault` (./vault.ts, shell/tokenVault.ts).
 * - Every request has a time-out; a server that does not answer makes the call fail with
 *   'offline', a 401 signs the app out of that server ('unauthorized'), a 403 is 'forbidden';
 *   otherwise the server's own CallReply (conflicts included) comes through as it is.
 * - `watch` keeps one events stream per window (client id) to one server and map, parsed as
 *   server-sent events (./sse.ts), reconnecting with backoff; a 'status' event tells the window
 *   when the stream is cut off ('offline'), the session ended ('signed-out'), and when it is back.
 */
import { z } from 'zod';
import { inputSchemas, type CallError, type CallInput, type ConflictInfo, type ErrorCode, type TeamServer } from '../../shared/contract';
import { describeIssues } from '../../shared/model/schema';
import { newId } from '../../shared/model/ids';
import { TEAM_API, TEAM_ROLES, type TeamEvent, type TeamEventMessage, type TeamLibraryInfo, type TeamUser } from '../../shared/team/protocol';
import { createSseParser, type SseMessage } from './sse';
import { normaliseTeamUrl } from './url';
import type { TokenVault } from './vault';

/** A refused call with the exact error the renderer gets (dispatch.ts passes it through). */
export class CallRefusal extends Error {
  readonly error: CallError;
  // a field, not a parameter property: `lanemap serve` loads these sources on plain Node (type stripping)
  constructor(error: CallError) {
    super(error.message);
    this.error = error;
    this.name = 'CallRefusal';
  }
}

const refuse = (code: ErrorCode, message: string, conflicts?: ConflictInfo[]): CallRefusal => new CallRefusal({ code, message, ...(conflicts?.length ? { conflicts } : {}) });

/** Where the list of servers is kept (the local library's settings table: `settingsKeyValue`). */
export interface KeyValue {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export const SERVERS_KEY = 'team.servers';

export interface TeamTimeouts {
  /** GET /health when a server is added. */
  healthMs: number;
  /** POST /sign-in (the server hashes the password: not instant). */
  signInMs: number;
  /** GET /me for `team:list`: short, the list must not wait on a server that is gone. */
  meMs: number;
  signOutMs: number;
  /** A library call (an import of a large map included). */
  callMs: number;
  /** Opening the events stream. */
  connectMs: number;
  /** Nothing on the events stream for this long (the server pings every 15 s): it is dead, reconnect. */
  idleMs: number;
  /** The first wait before reconnecting; doubled each time up to `reconnectMaxMs`. */
  reconnectMs: number;
  reconnectMaxMs: number;
}

export const DEFAULT_TEAM_TIMEOUTS: TeamTimeouts = {
  healthMs: 5_000,
  signInMs: 15_000,
  meMs: 2_500,
  signOutMs: 3_000,
  callMs: 60_000,
  connectMs: 5_000,
  idleMs: 45_000,
  reconnectMs: 500,
  reconnectMaxMs: 10_000,
};

export interface TeamClientOptions {
  store: KeyValue;
  vault: TokenVault;
  /** Hands one event to the window that watches (`client`); a window that is gone is ignored. */
  deliver?: (client: string, message: TeamEventMessage) => void;
  timeouts?: Partial<TeamTimeouts>;
  fetch?: typeof fetch;
}

export interface TeamClient {
  list(): Promise<TeamServer[]>;
  add(input: CallInput<'team:add'>): Promise<TeamServer>;
  signIn(input: CallInput<'team:signIn'>): Promise<TeamServer>;
  signOut(input: CallInput<'team:signOut'>): Promise<TeamServer>;
  remove(input: CallInput<'team:remove'>): Promise<{ removed: true }>;
  call(input: CallInput<'team:call'>): Promise<unknown>;
  watch(input: CallInput<'team:watch'>): { watching: boolean };
  /** How tokens are kept here (said in Settings). */
  readonly vaultKind: TokenVault['kind'];
  /** The streams open now, per client (tests and diagnostics). */
  watching(): { client: string; server: string; mapId: string | null; connected: boolean }[];
  /** Ends every events stream (the app quits). */
  close(): void;
}

const UserSchema = z.object({ id: z.string().min(1).max(200), login: z.string().max(500), name: z.string().max(1000), role: z.enum(TEAM_ROLES) });
const LibrarySchema = z.object({ name: z.string().max(1000), serverId: z.string().min(1).max(200), version: z.string().max(200) });
const SavedSchema = z.object({ id: z.string().min(1).max(64), url: z.string().min(1).max(2100), library: LibrarySchema.nullable(), lastUser: UserSchema.nullable() });
type Saved = z.infer<typeof SavedSchema>;
const HealthSchema = z.object({ ok: z.literal(true), name: z.string().max(1000), version: z.string().max(200), serverId: z.string().min(1).max(200) });
const SignInSchema = z.object({ token: z.string().min(1).max(4096), user: UserSchema, library: LibrarySchema });
const MeSchema = z.object({ user: UserSchema, library: LibrarySchema });
const Who = z.object({ id: z.string(), name: z.string() });
const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), user: UserSchema, library: LibrarySchema }),
  z.object({
    type: z.literal('change'),
    mapId: z.string(),
    kind: z.enum(['insert', 'apply', 'rename', 'remove', 'version']),
    revision: z.number().optional(),
    by: Who.nullable(),
  }),
  z.object({ type: z.literal('presence'), mapId: z.string(), users: z.array(Who) }),
]);
const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), conflicts: z.array(z.unknown()).optional(), retryAfterSeconds: z.number().optional() }) });
const ReplySchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }).loose() })]);

const KNOWN_CODES = new Set<string>(['bad-input', 'not-found', 'conflict', 'busy', 'internal', 'unauthorized', 'forbidden', 'rate-limited', 'offline']);

interface Answer {
  status: number;
  body: unknown;
}

interface Watcher {
  client: string;
  server: string;
  mapId: string | null;
  stopped: boolean;
  /** Waiting for a sign-in (no token, or the session ended). */
  parked: boolean;
  connected: boolean;
  attempt: number;
  lastStatus?: 'signed-in' | 'signed-out' | 'offline';
  abort?: AbortController;
  wake?: () => void;
}

export function createTeamClient(opts: TeamClientOptions): TeamClient {
  const t: TeamTimeouts = { ...DEFAULT_TEAM_TIMEOUTS, ...opts.timeouts };
  const doFetch = opts.fetch ?? fetch;
  const { vault, store } = opts;
  /** What was learnt of each server in this run: its state and why. */
  const live = new Map<string, { state: TeamServer['state']; message?: string; user?: TeamUser | null }>();
  const watchers = new Map<string, Watcher>();

  const load = (): Saved[] => {
    const text = store.get(SERVERS_KEY);
    if (!text) return [];
    try {
      const raw: unknown = JSON.parse(text);
      if (!Array.isArray(raw)) return [];
      return raw.flatMap((r) => {
        const p = SavedSchema.safeParse(r);
        return p.success ? [p.data] : [];
      });
    } catch {
      return [];
    }
  };
  const save = (all: Saved[]) => store.set(SERVERS_KEY, JSON.stringify(all));
  const update = (id: string, patch: Partial<Saved>) => save(load().map((s) => (s.id === id ? { ...s, ...patch } : s)));
  const find = (id: string): Saved => {
    const s = load().find((x) => x.id === id);
    if (!s) throw refuse('not-found', 'This team server is not in the list (it was removed).');
    return s;
  };
  const label = (s: Saved) => (s.library?.name ? `“${s.library.name}” (${s.url})` : s.url);

  const view = (s: Saved): TeamServer => {
    const token = vault.get(s.id);
    const l = live.get(s.id);
    const state: TeamServer['state'] = !token ? 'signed-out' : (l?.state ?? 'signed-in');
    const message = !token ? (l?.state === 'signed-out' ? l.message : undefined) : l?.message;
    return { id: s.id, url: s.url, library: s.library, user: token ? (l?.user ?? s.lastUser) : null, state, ...(message ? { message } : {}) };
  };

  /** One request; a server that does not answer (or answers nothing readable) is 'offline'. */
  async function request(s: Saved, path: string, init: { method?: 'GET' | 'POST'; token?: string | null; body?: unknown; timeoutMs: number }): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    let res: Response;
    try {
      res = await doFetch(`${s.url}${TEAM_API}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        // a redirect would carry the password or the token elsewhere: never followed
        redirect: 'manual',
        signal: AbortSignal.timeout(init.timeoutMs),
      });
    } catch (e) {
      throw refuse('offline', unreachable(s.url, e, init.timeoutMs));
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw refuse('offline', unreachable(s.url, e, init.timeoutMs));
    }
    if (res.status >= 300 && res.status < 400) {
      throw refuse('offline', `${s.url} sends the app elsewhere (${res.headers.get('location') ?? 'another address'}): add the server by its final address.`);
    }
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  }

  const errorOf = (a: Answer) => {
    const p = ErrorBodySchema.safeParse(a.body);
    return p.success ? p.data.error : undefined;
  };

  /** The session ended (401, sign-out): the token is dropped, and every window watching the server is told. */
  function signedOut(id: string, message: string) {
    vault.delete(id);
    live.set(id, { state: 'signed-out', message, user: null });
    for (const w of watchers.values()) {
      if (w.server !== id || w.stopped) continue;
      park(w);
      status(w, 'signed-out', message);
    }
  }

  /** Refusals every authenticated request shares (401, 403, 429, 5xx); undefined when the answer is the server's own reply. */
  function commonRefusal(s: Saved, a: Answer): CallRefusal | undefined {
    const err = errorOf(a);
    if (a.status === 401) {
      const message = err?.message ?? `The session on ${label(s)} ended: sign in again.`;
      signedOut(s.id, message);
      return refuse('unauthorized', message);
    }
    if (a.status === 403) return refuse('forbidden', err?.message ?? `Your role on ${label(s)} does not allow this.`);
    if (a.status === 429) return refuse('rate-limited', rateLimited(err));
    if (a.status >= 500 && !ReplySchema.safeParse(a.body).success) return refuse('offline', err?.message ?? `${label(s)} answered ${a.status}: it is not working right now.`);
    return undefined;
  }

  // ---------------------------------------------------------------- events

  const send = (w: Watcher, event: TeamEvent) => {
    try {
      opts.deliver?.(w.client, { server: w.server, event });
    } catch {
      // the window is gone: its stream ends when it asks again or the app quits
    }
  };
  function status(w: Watcher, state: 'signed-in' | 'signed-out' | 'offline', message?: string) {
    if (w.lastStatus === state) return;
    w.lastStatus = state;
    send(w, { type: 'status', state, ...(message ? { message } : {}) });
  }
  function park(w: Watcher) {
    w.parked = true;
    w.connected = false;
    w.abort?.abort();
    w.wake?.();
  }
  function stop(w: Watcher) {
    w.stopped = true;
    park(w);
  }

  function onMessage(w: Watcher, m: SseMessage) {
    let data: unknown;
    try {
      data = JSON.parse(m.data);
    } catch {
      return;
    }
    const p = EventSchema.safeParse(data);
    // an event this app does not know (a newer server) is left out
    if (!p.success || p.data.type !== m.event) return;
    const event = p.data as TeamEvent;
    if (event.type === 'hello') {
      live.set(w.server, { state: 'signed-in', user: event.user });
      try {
        update(w.server, { lastUser: event.user, library: event.library });
      } catch {
        // the local library could not be written: the event still goes through
      }
    }
    send(w, event);
  }

  function sleep(w: Watcher, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        w.wake = undefined;
        resolve();
      }
      w.wake = done;
    });
  }

  async function run(w: Watcher): Promise<void> {
    while (!w.stopped && !w.parked) {
      const s = load().find((x) => x.id === w.server);
      const token = s ? vault.get(s.id) : null;
      if (!s || !token) {
        park(w);
        status(w, 'signed-out', s ? `Not signed in to ${label(s)}.` : 'This team server was removed.');
        return;
      }
      const abort = new AbortController();
      w.abort = abort;
      let idle: ReturnType<typeof setTimeout> | undefined;
      const alive = () => {
        clearTimeout(idle);
        idle = setTimeout(() => abort.abort(new Error('no word from the server')), t.idleMs);
      };
      let failure: string;
      try {
        const connect = setTimeout(() => abort.abort(new Error('timed out')), t.connectMs);
        let res: Response;
        try {
          const query = w.mapId ? `?map=${encodeURIComponent(w.mapId)}` : '';
          res = await doFetch(`${s.url}${TEAM_API}/events${query}`, {
            headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
            redirect: 'manual',
            signal: abort.signal,
          });
        } finally {
          clearTimeout(connect);
        }
        if (w.stopped || w.parked) {
          void res.body?.cancel().catch(() => undefined);
          return;
        }
        if (res.status === 401) {
          const err = errorOf({ status: 401, body: await res.json().catch(() => undefined) });
          signedOut(s.id, err?.message ?? `The session on ${label(s)} ended: sign in again.`);
          return;
        }
        if (res.status !== 200 || !res.body || !/^text\/event-stream/i.test(res.headers.get('content-type') ?? '')) {
          void res.body?.cancel().catch(() => undefined);
          throw new Error(`${label(s)} answered ${res.status} instead of its events`);
        }
        w.connected = true;
        w.attempt = 0;
        live.set(s.id, { ...live.get(s.id), state: 'signed-in', message: undefined });
        status(w, 'signed-in');
        alive();
        const parser = createSseParser();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          alive();
          for (const m of parser.push(chunk)) onMessage(w, m);
          if (w.stopped || w.parked) break;
        }
        failure = `${label(s)} closed the events stream`;
      } catch (e) {
        failure = unreachable(s.url, abort.signal.reason ?? e, t.connectMs);
      } finally {
        clearTimeout(idle);
        w.connected = false;
      }
      if (w.stopped || w.parked || (abort.signal.aborted && w.abort !== abort)) return;
      live.set(s.id, { ...live.get(s.id), state: 'offline', message: failure });
      status(w, 'offline', failure);
      const base = Math.min(t.reconnectMaxMs, t.reconnectMs * 2 ** w.attempt++);
      await sleep(w, base * (0.8 + Math.random() * 0.4));
    }
  }

  function start(w: Watcher) {
    w.parked = false;
    w.attempt = 0;
    void run(w).catch(() => undefined);
  }

  return {
    vaultKind: vault.kind,

    async list() {
      const all = load();
      return Promise.all(
        all.map(async (s) => {
          const token = vault.get(s.id);
          if (!token) return view(s);
          try {
            const a = await request(s, '/me', { token, timeoutMs: t.meMs });
            const me = MeSchema.safeParse(a.body);
            if (a.status === 200 && me.success) {
              live.set(s.id, { state: 'signed-in', user: me.data.user });
              update(s.id, { lastUser: me.data.user, library: me.data.library });
              return view({ ...s, lastUser: me.data.user, library: me.data.library });
            }
            const refusal = commonRefusal(s, a);
            if (!refusal || refusal.error.code !== 'unauthorized') live.set(s.id, { ...live.get(s.id), state: 'offline', message: refusal?.error.message ?? `${label(s)} answered ${a.status} to “who am I”.` });
          } catch (e) {
            live.set(s.id, { ...live.get(s.id), state: 'offline', message: (e as Error).message });
          }
          return view(s);
        }),
      );
    },

    async add({ url }) {
      const n = normaliseTeamUrl(url);
      if (!n.ok) throw refuse('bad-input', n.message);
      const known = load().find((s) => s.url === n.url);
      const probe: Saved = known ?? { id: newId(), url: n.url, library: null, lastUser: null };
      const a = await request(probe, '/health', { timeoutMs: t.healthMs });
      const h = HealthSchema.safeParse(a.body);
      if (a.status !== 200 || !h.success) {
        throw refuse('bad-input', `${n.url} does not answer as a Lanemap team server (${a.status === 200 ? 'its answer is not Lanemap’s' : `it answered ${a.status}`}). Check the address.`);
      }
      const library: TeamLibraryInfo = { name: h.data.name, serverId: h.data.serverId, version: h.data.version };
      if (known) update(known.id, { library });
      else save([...load(), { ...probe, library }]);
      return view({ ...probe, library });
    },

    async signIn({ id, login, password }) {
      const s = find(id);
      const a = await request(s, '/sign-in', { method: 'POST', body: { login, password }, timeoutMs: t.signInMs });
      const ok = SignInSchema.safeParse(a.body);
      if (a.status === 200 && ok.success) {
        const old = vault.get(id);
        vault.set(id, ok.data.token);
        if (old && old !== ok.data.token) void request(s, '/sign-out', { method: 'POST', token: old, timeoutMs: t.signOutMs }).catch(() => undefined);
        live.set(id, { state: 'signed-in', user: ok.data.user });
        update(id, { lastUser: ok.data.user, library: ok.data.library });
        // the windows that waited for a sign-in follow the server again
        for (const w of watchers.values()) if (w.server === id && !w.stopped && w.parked) start(w);
        return view(find(id));
      }
      const err = errorOf(a);
      if (a.status === 401) throw refuse('unauthorized', err?.message ?? 'Wrong login or password.');
      if (a.status === 429) throw refuse('rate-limited', rateLimited(err));
      throw refuse(a.status >= 500 ? 'offline' : 'bad-input', err?.message ?? `${label(s)} answered ${a.status} to the sign-in.`);
    },

    async signOut({ id }) {
      const s = find(id);
      const token = vault.get(id);
      // the session ends on the server too, when it answers; here in any case
      if (token) await request(s, '/sign-out', { method: 'POST', token, timeoutMs: t.signOutMs }).catch(() => undefined);
      signedOut(id, 'Signed out.');
      return view(s);
    },

    async remove({ id }) {
      const s = find(id);
      const token = vault.get(id);
      if (token) await request(s, '/sign-out', { method: 'POST', token, timeoutMs: t.signOutMs }).catch(() => undefined);
      for (const w of watchers.values()) {
        if (w.server !== id) continue;
        stop(w);
        watchers.delete(w.client);
        status(w, 'signed-out', 'This team server was removed from the app.');
      }
      vault.delete(id);
      live.delete(id);
      save(load().filter((x) => x.id !== id));
      return { removed: true };
    },

    async call({ server, name, input }) {
      const parsed = inputSchemas[name].safeParse(input);
      if (!parsed.success) throw refuse('bad-input', `Invalid ${name} request: ${describeIssues(parsed.error)}`);
      const s = find(server);
      const token = vault.get(server);
      if (!token) throw refuse('unauthorized', `Not signed in to ${label(s)}.`);
      const a = await request(s, `/call/${name}`, { method: 'POST', token, body: parsed.data, timeoutMs: t.callMs });
      const common = commonRefusal(s, a);
      if (common) throw common;
      const reply = ReplySchema.safeParse(a.body);
      if (!reply.success) throw refuse('internal', `${label(s)} answered ${a.status} without a result.`);
      if (live.get(server)?.state !== 'signed-in') live.set(server, { ...live.get(server), state: 'signed-in', message: undefined });
      if (reply.data.ok) return reply.data.value;
      const e = reply.data.error;
      const conflicts = Array.isArray(e.conflicts) ? (e.conflicts as ConflictInfo[]) : undefined;
      throw refuse(KNOWN_CODES.has(e.code) ? (e.code as ErrorCode) : 'internal', e.message, conflicts);
    },

    watch({ client, server, mapId }) {
      const old = watchers.get(client);
      if (server === null) {
        if (old) {
          stop(old);
          watchers.delete(client);
        }
        return { watching: false };
      }
      find(server);
      if (old && !old.stopped && old.server === server && old.mapId === mapId) {
        if (old.parked && vault.get(server)) start(old);
        return { watching: !old.parked };
      }
      if (old) stop(old);
      const w: Watcher = { client, server, mapId, stopped: false, parked: false, connected: false, attempt: 0 };
      watchers.set(client, w);
      if (!vault.get(server)) {
        park(w);
        status(w, 'signed-out', `Not signed in to ${label(find(server))}.`);
        return { watching: false };
      }
      start(w);
      return { watching: true };
    },

    watching: () => [...watchers.values()].filter((w) => !w.stopped && !w.parked).map((w) => ({ client: w.client, server: w.server, mapId: w.mapId, connected: w.connected })),

    close() {
      for (const w of watchers.values()) stop(w);
      watchers.clear();
    },
  };
}

function rateLimited(err: { message: string; retryAfterSeconds?: number } | undefined): string {
  const wait = err?.retryAfterSeconds;
  const words = err?.message ?? 'Too many failed sign-ins.';
  return wait !== undefined && !words.includes(String(wait)) ? `${words} Try again in ${Math.ceil(wait)} s.` : words;
}

function unreachable(url: string, e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.message === 'timed out') return `${url} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`;
  const code = err?.cause?.code;
  if (code === 'ECONNREFUSED') return `${url} is not answering (nothing listens there now).`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${url}: no such server was found (check the address and the network).`;
  const why = err?.cause?.message ?? err?.message ?? String(e);
  return `${url} could not be reached: ${why}.`;
}
