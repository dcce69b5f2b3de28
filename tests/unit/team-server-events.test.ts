/**
 * The team server's events hub (src-main/team/events.ts) on a real PostgreSQL: two hubs stand
 * for two servers. The listening connection comes back after the database drops it; a server
 * that vanished without a word is forgotten once its presence is not renewed; a server that
 * stops says at once that nobody is there any more. Short rounds (tens of ms) instead of 10 s.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TeamEvent, TeamUser } from '../../shared/team/protocol';
import { CHANGES_CHANNEL, createEventHub, PRESENCE_CHANNEL, presencePayload, type EventHub } from '../../src-main/team/events';
import { startCluster, type TempCluster } from '../support/postgres';

let cluster: TempCluster;
let config: pg.PoolConfig;
let pool: pg.Pool;
const hubs: EventHub[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  config = await cluster.createDatabase();
  pool = new pg.Pool({ ...config, max: 4 });
  pool.on('error', () => undefined);
}, 120_000);

afterAll(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  await pool?.end().catch(() => undefined);
  await cluster?.stop();
});

async function hub(serverId: string, rounds = { announceEveryMs: 50, forgetAfterMs: 400 }): Promise<EventHub> {
  const h = createEventHub({ pool, listen: config, serverId, reconnectMs: 50, ...rounds });
  await h.start();
  hubs.push(h);
  return h;
}

/** A stream's events, and a wait for one that matches. */
function stream(user: TeamUser, mapId: string | null) {
  const events: TeamEvent[] = [];
  const waiting: { test: (e: TeamEvent) => boolean; resolve: () => void }[] = [];
  return {
    user,
    mapId,
    events,
    send(e: TeamEvent) {
      events.push(e);
      for (const w of [...waiting]) {
        if (!w.test(e)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    },
    next(test: (e: TeamEvent) => boolean, what: string): Promise<void> {
      if (events.some(test)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what}; got ${JSON.stringify(events)}`)), 20_000);
        waiting.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

const anna: TeamUser = { id: 'u-anna', login: 'anna', name: 'Анна', role: 'editor' };
const boris: TeamUser = { id: 'u-boris', login: 'boris', name: 'Борис', role: 'viewer' };
const names = (e: TeamEvent) => (e.type === 'presence' ? e.users.map((u) => u.name) : null);
const notify = (channel: string, payload: string) => pool.query('SELECT pg_notify($1, $2)', [channel, payload]);

test('the listening connection comes back after the database ends it, and changes arrive again', async () => {
  const h = await hub('server-a');
  const s = stream(anna, null);
  h.add(s);
  await notify(CHANGES_CHANNEL, JSON.stringify({ type: 'change', mapId: 'm1', kind: 'apply', revision: 1, by: { id: 'u-anna', name: 'Анна' }, serverId: 'x' }));
  await s.next((e) => e.type === 'change' && e.revision === 1, 'first change');
  expect(s.events.find((e) => e.type === 'change')).toEqual({ type: 'change', mapId: 'm1', kind: 'apply', revision: 1, by: { id: 'u-anna', name: 'Анна' } });

  const killed = await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lanemap-listen'");
  expect(killed.rowCount).toBeGreaterThan(0);
  // until it listens again, notifications are not heard: send until one is
  for (let revision = 2; !s.events.some((e) => e.type === 'change' && (e.revision ?? 0) >= 2); revision++) {
    await notify(CHANGES_CHANNEL, JSON.stringify({ type: 'change', mapId: 'm1', kind: 'apply', revision, by: null, serverId: 'x' }));
    await new Promise((r) => setTimeout(r, 100));
    if (revision > 200) throw new Error('the listener never came back');
  }
  expect(h.listening()).toBe(true);
  // what is not a change is never passed on
  await notify(CHANGES_CHANNEL, '{"type":"change","mapId":"<b>","kind":"drop tables"}');
  await notify(CHANGES_CHANNEL, 'not json');
  await notify(CHANGES_CHANNEL, JSON.stringify({ type: 'change', mapId: 'm1', kind: 'rename', by: null, serverId: 'x' }));
  await s.next((e) => e.type === 'change' && e.kind === 'rename', 'rename');
  expect(s.events.every((e) => e.type === 'change' && e.mapId === 'm1')).toBe(true);
}, 60_000);

test('presence: two servers see each other\'s users; a vanished server is forgotten; a stopping one says nobody is left', async () => {
  const a = await hub('server-b1');
  const b = await hub('server-b2');
  const onA = stream(anna, 'map-p');
  const onB = stream(boris, 'map-p');
  a.add(onA);
  const leave = b.add(onB);
  await onA.next((e) => JSON.stringify(names(e)) === JSON.stringify(['Анна', 'Борис']), 'both on A');
  await onB.next((e) => JSON.stringify(names(e)) === JSON.stringify(['Анна', 'Борис']), 'both on B');

  // a server that dies without a word: its last announcement is forgotten
  await notify(PRESENCE_CHANNEL, presencePayload('server-gone', 'map-p', [{ id: 'u-ghost', name: 'Призрак' }]));
  await onA.next((e) => names(e)?.includes('Призрак') === true, 'the ghost');
  const heard = onA.events.length;
  await onA.next((e) => onA.events.indexOf(e) >= heard && names(e)?.includes('Призрак') === false && names(e)?.length === 2, 'the ghost forgotten');

  // Boris closes the map on B: A hears it at once
  leave();
  await onA.next((e) => JSON.stringify(names(e)) === '["Анна"]', 'Boris left');

  // B comes back, then stops: A is told nobody is on B any more (not after the 30 s)
  const c = await hub('server-b3', { announceEveryMs: 60_000, forgetAfterMs: 60_000 });
  const slowA = await hub('server-b4', { announceEveryMs: 60_000, forgetAfterMs: 60_000 });
  const watcher = stream(anna, 'map-q');
  slowA.add(watcher);
  c.add(stream(boris, 'map-q'));
  await watcher.next((e) => names(e)?.includes('Борис') === true, 'Boris on C');
  const before = watcher.events.length;
  await c.stop();
  await watcher.next((e) => watcher.events.indexOf(e) >= before && JSON.stringify(names(e)) === '["Анна"]', 'C stopped');
  // a stream without a map hears no presence
  const library = stream(anna, null);
  a.add(library);
  expect(library.events).toEqual([]);
}, 60_000);

test('a presence announcement always fits in one notification', () => {
  const many = Array.from({ length: 500 }, (_, i) => ({ id: `user-${i}`, name: `Пользователь с длинным именем номер ${i}` }));
  const payload = presencePayload('server', 'map', many);
  expect(Buffer.byteLength(payload)).toBeLessThan(8000);
  const users = (JSON.parse(payload) as { users: unknown[] }).users;
  expect(users.length).toBeGreaterThan(10);
  expect(users[0]).toEqual(many[0]);
});
