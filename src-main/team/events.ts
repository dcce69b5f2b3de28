/**
 * What a team server pushes to its editors (the protocol's TeamEvent), gathered from every
 * server on the database:
 *
 * - changes: each write's transaction sends `pg_notify('lanemap_changes', …)` (accounts.ts's
 *   writeRecorder); one dedicated connection per server LISTENs to it (and connects again
 *   when it drops), and every notification (its own server's writes too) goes to every stream
 *   this server holds: the library list changes with any map's write.
 * - presence: who has which map open. Each server announces on `lanemap_presence` its own
 *   present users of a map when they change and every 10 s, remembers the others'
 *   announcements, forgets one not renewed for 30 s (a server that died), and on stop
 *   announces nobody. A stream hears the presence of its own map only: everyone's, merged.
 */
import pg from 'pg';
import type { TeamEvent, TeamUser } from '../../shared/team/protocol';

export const CHANGES_CHANNEL = 'lanemap_changes';
export const PRESENCE_CHANNEL = 'lanemap_presence';
/** PostgreSQL refuses a notification payload of 8000 bytes or more. */
const MAX_PAYLOAD = 7900;

type Person = { id: string; name: string };

/** One open events stream, as the hub sees it. */
export interface EventStream {
  user: TeamUser;
  /** The map it has open (it counts as present there), or null for library events only. */
  mapId: string | null;
  send(event: TeamEvent): void;
}

export interface EventHubOptions {
  /** The server's pool: announcements are sent through it. */
  pool: pg.Pool;
  /** How to open the dedicated listening connection (the pool's own settings). */
  listen: pg.ClientConfig;
  serverId: string;
  announceEveryMs?: number;
  forgetAfterMs?: number;
  /** Waits between attempts to connect the listener again (grows to 10x). */
  reconnectMs?: number;
  log?: (line: string) => void;
}

export interface EventHub {
  /** Connects the listener; rejects when the database cannot be reached. */
  start(): Promise<void>;
  /** Adds a stream: it is sent its map's presence now; the returned function removes it. */
  add(stream: EventStream): () => void;
  /** Everyone present on `mapId`, on every server (each user once). */
  presence(mapId: string): Person[];
  /** True while the listener is connected (health). */
  listening(): boolean;
  /** Says nobody is here any more and closes the listener (the caller ends the streams). */
  stop(): Promise<void>;
}

const CHANGE_KINDS = new Set(['insert', 'apply', 'rename', 'remove', 'version']);
const isText = (v: unknown, max = 500): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isPerson = (v: unknown): v is Person => !!v && typeof v === 'object' && isText((v as Person).id) && typeof (v as Person).name === 'string';

/** A `lanemap_changes` payload as the protocol's change event, or null when it is not one. */
export function parseChange(payload: string | undefined): Extract<TeamEvent, { type: 'change' }> | null {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(payload ?? '') as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || v.type !== 'change' || !isText(v.mapId) || !CHANGE_KINDS.has(String(v.kind))) return null;
  const by = isPerson(v.by) ? { id: v.by.id, name: v.by.name } : null;
  return {
    type: 'change',
    mapId: v.mapId,
    kind: v.kind as Extract<TeamEvent, { type: 'change' }>['kind'],
    ...(typeof v.revision === 'number' ? { revision: v.revision } : {}),
    by,
  };
}

/** A presence announcement that fits in one notification (the last users are left out if not). */
export function presencePayload(serverId: string, mapId: string, users: Person[]): string {
  const list = [...users];
  for (;;) {
    const payload = JSON.stringify({ serverId, mapId, users: list });
    if (Buffer.byteLength(payload) < MAX_PAYLOAD || list.length === 0) return payload;
    list.pop();
  }
}

export function createEventHub(opts: EventHubOptions): EventHub {
  const announceEvery = opts.announceEveryMs ?? 10_000;
  const forgetAfter = opts.forgetAfterMs ?? 30_000;
  const reconnectMs = opts.reconnectMs ?? 500;
  const log = opts.log ?? (() => undefined);
  const streams = new Set<EventStream>();
  /** Other servers' announcements: server → map → users, and when heard. */
  const remote = new Map<string, Map<string, { users: Person[]; at: number }>>();
  /** What each map's streams were last told, to tell them only of a change. */
  const told = new Map<string, string>();
  /** Maps this server announced someone on: announced empty once when the last one leaves. */
  const announced = new Set<string>();
  let listener: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const localUsers = (mapId: string): Person[] => {
    const seen = new Map<string, Person>();
    for (const s of streams) if (s.mapId === mapId && !seen.has(s.user.id)) seen.set(s.user.id, { id: s.user.id, name: s.user.name });
    return [...seen.values()];
  };

  function presence(mapId: string): Person[] {
    const all = new Map<string, Person>();
    for (const p of localUsers(mapId)) all.set(p.id, p);
    const now = Date.now();
    for (const maps of remote.values()) {
      const heard = maps.get(mapId);
      if (heard && now - heard.at <= forgetAfter) for (const p of heard.users) if (!all.has(p.id)) all.set(p.id, p);
    }
    return [...all.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  const send = (s: EventStream, e: TeamEvent) => {
    try {
      s.send(e);
    } catch {
      // a stream that cannot be written to is ended by its own 'close'
    }
  };

  /** Tells the map's streams who is present, if that changed since they were last told (or always, `force`). */
  function tell(mapId: string, force = false): void {
    const users = presence(mapId);
    const key = JSON.stringify(users);
    const mine = [...streams].filter((s) => s.mapId === mapId);
    if (mine.length === 0) {
      told.delete(mapId);
      return;
    }
    if (!force && told.get(mapId) === key) return;
    told.set(mapId, key);
    for (const s of mine) send(s, { type: 'presence', mapId, users });
  }

  function announce(mapId: string): void {
    const users = localUsers(mapId);
    if (users.length > 0) announced.add(mapId);
    else if (!announced.delete(mapId)) return;
    opts.pool.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, presencePayload(opts.serverId, mapId, users)]).catch((e: Error) => log(`could not announce presence: ${e.message}`));
  }

  function heardPresence(payload: string | undefined): void {
    let v: { serverId?: unknown; mapId?: unknown; users?: unknown };
    try {
      v = JSON.parse(payload ?? '') as typeof v;
    } catch {
      return;
    }
    if (!isText(v.serverId) || v.serverId === opts.serverId || !isText(v.mapId) || !Array.isArray(v.users)) return;
    const users = v.users.filter(isPerson).map((p) => ({ id: p.id, name: p.name }));
    let maps = remote.get(v.serverId);
    if (!maps) remote.set(v.serverId, (maps = new Map<string, { users: Person[]; at: number }>()));
    if (users.length) maps.set(v.mapId, { users, at: Date.now() });
    else maps.delete(v.mapId);
    if (maps.size === 0) remote.delete(v.serverId);
    tell(v.mapId);
  }

  function heardChange(payload: string | undefined): void {
    const event = parseChange(payload);
    if (!event) return;
    for (const s of streams) send(s, event);
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({ ...opts.listen, application_name: 'lanemap-listen' });
    client.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) heardChange(n.payload);
      else if (n.channel === PRESENCE_CHANNEL) heardPresence(n.payload);
    });
    let lost = false;
    const onLost = (e?: Error) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = null;
      client.end().catch(() => undefined);
      if (stopped) return;
      log(`lost the connection that hears other servers' changes${e ? ` (${e.message})` : ''}; connecting again`);
      scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (e) {
      lost = true;
      await client.end().catch(() => undefined);
      throw e;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    failures = 0;
    // the others learn who is here at once, not at the next round
    for (const mapId of new Set([...streams].map((s) => s.mapId).filter((m): m is string => m !== null))) announce(mapId);
  }

  function scheduleReconnect(): void {
    if (stopped || retry) return;
    const wait = Math.min(reconnectMs * 2 ** failures, reconnectMs * 10);
    failures++;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((e: Error) => {
        log(`could not connect the listener again: ${e.message}`);
        scheduleReconnect();
      });
    }, wait);
    retry.unref();
  }

  function round(): void {
    const now = Date.now();
    const touched = new Set<string>();
    for (const [server, maps] of remote) {
      for (const [mapId, heard] of maps) {
        if (now - heard.at > forgetAfter) {
          maps.delete(mapId);
          touched.add(mapId);
        }
      }
      if (maps.size === 0) remote.delete(server);
    }
    const here = new Set([...streams].map((s) => s.mapId).filter((m): m is string => m !== null));
    for (const mapId of here) announce(mapId);
    for (const mapId of touched) tell(mapId);
  }

  return {
    async start() {
      await connect();
      timer = setInterval(round, announceEvery);
      timer.unref();
    },
    add(stream) {
      streams.add(stream);
      if (stream.mapId !== null) {
        announce(stream.mapId);
        tell(stream.mapId, true);
      }
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        streams.delete(stream);
        if (stream.mapId !== null && !stopped) {
          announce(stream.mapId);
          tell(stream.mapId);
        }
      };
    },
    presence,
    listening: () => listener !== null,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      clearTimeout(retry);
      // nobody is here any more: the other servers' editors see it now, not in 30 s
      const maps = [...announced];
      streams.clear();
      await Promise.all(
        maps.map((mapId) => opts.pool.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, presencePayload(opts.serverId, mapId, [])]).catch(() => undefined)),
      );
      announced.clear();
      const l = listener;
      listener = null;
      await l?.end().catch(() => undefined);
    },
  };
}
