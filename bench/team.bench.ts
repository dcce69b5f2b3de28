/**
 * `npm run bench:team [-- --json] [--seconds 60] [--editors 50] [--maps 10]`: the team library
 * under a department's load (issue 16). A throw-away PostgreSQL cluster (tests/support/postgres.ts),
 * two `lanemap serve` processes on it, and simulated editors on 127.0.0.1 signed in as users of
 * their own, half on each server, each following its map's events on its own server:
 *
 * - every editor renames a step of its own every 0.2–1 s, and one write in ten changes the
 *   description of a step every editor of that map shares (those may meet another editor's
 *   write: a conflict, after which the editor reads the map again, as the app does);
 * - `team.write.p95.ms`: from sending an edit to its acknowledgement (goal ≤ 50);
 * - `team.notify.p95.ms`: from sending an edit through one server to its `change` event reaching
 *   an editor of the same map on the OTHER server (goal ≤ 300);
 * - `team.lost`: acknowledged edits not in the database at the end (goal 0): each editor's own
 *   step must hold the last title it was told was stored;
 * - `team.conflicts`: shared-step edits refused as conflicts (counted, not a failure);
 * - `team.server.rss.mb`: the larger server's resident memory at its peak.
 *
 * Bounded: it stops after --seconds, whatever happens, and removes the cluster.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloneWithNewIds } from '../shared/model/clone';
import { diffMaps } from '../shared/model/diff';
import type { MapDoc } from '../shared/model/types';
import type { CallReply } from '../shared/contract';
import type { SignInReply, TeamEvent } from '../shared/team/protocol';
import { openPgStore } from '../src-main/storage/pg/pgStore';
import { addUser } from '../src-main/team/accounts';
import { startCluster } from '../tests/support/postgres';
import { randomMap } from '../tests/support/randomMaps';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} takes a positive number`);
  return v;
};
const json = args.includes('--json');
const SECONDS = option('seconds', 60);
const EDITORS = option('editors', 50);
const MAPS = Math.min(option('maps', 10), EDITORS);
const SERVERS = 2;
const PASSWORD = 'пароль-для-замера-16';
const say = (line: string) => {
  if (!json) console.log(line);
};

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]! : NaN);
const round = (n: number) => Number(n.toFixed(1));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base: string, child: ChildProcess, log: () => string) {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`a server stopped at start:\n${log()}`);
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`a server did not answer within 60 s:\n${log()}`);
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Editor {
  index: number;
  server: number;
  token: string;
  mapId: string;
  ownStep: string;
  hotStep: string;
  doc: MapDoc;
  lastAcked?: string;
  stream?: AbortController;
}

async function post<T>(base: string, route: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as T };
}

/** Follows a map's events on a server; calls `onEvent` for each until aborted. */
async function follow(base: string, token: string, mapId: string, signal: AbortSignal, onEvent: (e: TeamEvent) => void) {
  const r = await fetch(`${base}/api/v1/events?map=${encodeURIComponent(mapId)}`, { headers: { authorization: `Bearer ${token}` }, signal });
  if (!r.ok || !r.body) throw new Error(`events: ${r.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (data) onEvent(JSON.parse(data) as TeamEvent);
      }
    }
  } catch (e) {
    if (!signal.aborted) throw e;
  }
}

const cluster = await startCluster();
const children: ChildProcess[] = [];
const figures: Record<string, number> = {};
try {
  const config = await cluster.createDatabase('lanemap_bench_team');
  const url = cluster.url(String(config.database));
  const store = await openPgStore(config);
  // the maps: one step of its own per editor, and one the map's editors share
  const perMap = Math.ceil(EDITORS / MAPS);
  const maps: MapDoc[] = [];
  for (let m = 0; m < MAPS; m++) {
    const doc = cloneWithNewIds(randomMap({ seed: 160 + m, steps: Math.max(40, perMap + 10), lanes: 5, phases: 4, loops: 0.1, decisions: 0.1 }), { now: new Date().toISOString() });
    doc.title = `Карта ${m + 1}`;
    await store.insert(doc);
    maps.push(doc);
  }
  for (let e = 0; e < EDITORS; e++) await addUser(store.pool, { login: `editor${e}`, name: `Редактор ${e + 1}`, role: 'editor', password: PASSWORD });
  await store.close();

  const bases: string[] = [];
  for (let s = 0; s < SERVERS; s++) {
    const port = await freePort();
    let log = '';
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/lanemap.mjs'), 'serve', '--database', url, '--port', String(port), '--name', 'Отдел продаж'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    children.push(child);
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base, child, () => log);
    bases.push(base);
  }
  say(`team: ${SERVERS} servers, ${EDITORS} editors on ${MAPS} maps for ${SECONDS} s`);

  // sign in, read the map, follow its events on one's own server
  const arrivals = new Map<string, number>();
  const editors: Editor[] = [];
  for (let e = 0; e < EDITORS; e++) {
    const server = e % SERVERS;
    const signedIn = await post<SignInReply>(bases[server]!, '/api/v1/sign-in', { login: `editor${e}`, password: PASSWORD });
    if (signedIn.status !== 200) throw new Error(`sign-in of editor${e}: ${JSON.stringify(signedIn.body)}`);
    const map = maps[e % MAPS]!;
    const steps = Object.keys(map.steps).sort();
    const ed: Editor = { index: e, server, token: signedIn.body.token, mapId: map.id, ownStep: steps[1 + Math.floor(e / MAPS)]!, hotStep: steps[0]!, doc: map };
    const read = await post<CallReply<MapDoc>>(bases[server]!, '/api/v1/call/maps:get', { id: map.id }, ed.token);
    if (!read.body.ok) throw new Error(`maps:get: ${JSON.stringify(read.body)}`);
    ed.doc = read.body.value;
    ed.stream = new AbortController();
    void follow(bases[server]!, ed.token, map.id, ed.stream.signal, (ev) => {
      if (ev.type !== 'change' || ev.revision === undefined) return;
      const key = `${ev.mapId}:${ev.revision}:${server}`;
      if (!arrivals.has(key)) arrivals.set(key, performance.now());
    }).catch(() => undefined);
    editors.push(ed);
  }
  // let every stream open before the clock starts
  await new Promise((r) => setTimeout(r, 500));

  const writes: number[] = [];
  const acks: { mapId: string; revision: number; sentAt: number; server: number }[] = [];
  let conflicts = 0;
  let errors = 0;
  let rss = 0;
  const sampler = setInterval(() => {
    for (const c of children) if (c.pid) rss = Math.max(rss, rssMb(c.pid) || 0);
  }, 500);
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    editors.map(async (ed) => {
      let n = 0;
      while (performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
        if (performance.now() >= deadline) break;
        n++;
        const hot = Math.random() < 0.1;
        const stepId = hot ? ed.hotStep : ed.ownStep;
        const step = ed.doc.steps[stepId]!;
        const title = `Шаг редактора ${ed.index + 1}, правка ${n}`;
        const next: MapDoc = { ...ed.doc, steps: { ...ed.doc.steps, [stepId]: hot ? { ...step, description: `${title} (общий шаг)` } : { ...step, title } } };
        const sentAt = performance.now();
        let reply: { status: number; body: CallReply<{ revision: number }> };
        try {
          reply = await post<CallReply<{ revision: number }>>(bases[ed.server]!, '/api/v1/call/maps:applyChanges', { id: ed.mapId, changes: diffMaps(ed.doc, next) }, ed.token);
        } catch {
          errors++;
          continue;
        }
        const took = performance.now() - sentAt;
        if (reply.body.ok) {
          writes.push(took);
          acks.push({ mapId: ed.mapId, revision: reply.body.value.revision, sentAt, server: ed.server });
          ed.doc = next;
          if (!hot) ed.lastAcked = title;
        } else if (reply.body.error.code === 'conflict') {
          conflicts++;
          const read = await post<CallReply<MapDoc>>(bases[ed.server]!, '/api/v1/call/maps:get', { id: ed.mapId }, ed.token);
          if (read.body.ok) ed.doc = read.body.value;
        } else {
          errors++;
        }
      }
    }),
  );
  clearInterval(sampler);
  // stragglers: events still on their way
  await new Promise((r) => setTimeout(r, 1500));
  for (const ed of editors) ed.stream?.abort();

  const notify: number[] = [];
  let missed = 0;
  for (const a of acks) {
    const other = (a.server + 1) % SERVERS;
    const at = arrivals.get(`${a.mapId}:${a.revision}:${other}`);
    if (at === undefined) missed++;
    else notify.push(at - a.sentAt);
  }
  // what is stored: each editor's own step holds the last title it was told was stored
  const check = await openPgStore(config, { migrate: false });
  let lost = 0;
  const stored = new Map<string, MapDoc>();
  for (const m of maps) stored.set(m.id, await check.read(m.id));
  for (const ed of editors) if (ed.lastAcked !== undefined && stored.get(ed.mapId)!.steps[ed.ownStep]!.title !== ed.lastAcked) lost++;
  await check.close();

  Object.assign(figures, {
    'team.writes': writes.length,
    'team.write.p50.ms': round(pct(writes, 0.5)),
    'team.write.p95.ms': round(pct(writes, 0.95)),
    'team.notify.p50.ms': round(pct(notify, 0.5)),
    'team.notify.p95.ms': round(pct(notify, 0.95)),
    'team.notify.missed': missed,
    'team.lost': lost,
    'team.conflicts': conflicts,
    'team.errors': errors,
    'team.server.rss.mb': round(rss),
  });
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r())))));
  await cluster.stop();
}
if (json) console.log(JSON.stringify(figures, null, 2));
else {
  const goals: Record<string, string> = { 'team.write.p95.ms': '≤ 50', 'team.notify.p95.ms': '≤ 300', 'team.lost': '0' };
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(22)} ${String(v).padStart(8)}${goals[k] ? `   goal ${goals[k]}` : ''}`);
}
