/**
 * What only the team library on PostgreSQL has to show (the contract both stores share is in
 * store-contract.test.ts): its schema made by numbered migrations that several servers may
 * run at the same moment, and two servers (two connection pools) writing one map at once
 * without losing an acknowledged write. On a throw-away cluster (tests/support/postgres.ts).
 */
import { execFile } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { NODE_FLAGS } from '../../soak/backend';
import { loadMigrations, migrate, SchemaError } from '../../src-main/storage/pg/migrate';
import { openPgStore, UnstorableTextError, type PgStore } from '../../src-main/storage/pg/pgStore';
import { ConflictError } from '../../src-main/storage/store';
import { salesMap } from '../support/builders';
import { startCluster, type TempCluster } from '../support/postgres';

let cluster: TempCluster;
const open: { end(): Promise<void> }[] = [];
beforeAll(async () => {
  cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  for (const p of open.splice(0)) await p.end().catch(() => undefined);
  await cluster?.stop();
});

function pool(config: pg.PoolConfig): pg.Pool {
  const p = new pg.Pool({ ...config, max: 4 });
  p.on('error', () => undefined);
  open.push(p);
  return p;
}
const tables = async (p: pg.Pool) =>
  (await p.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).rows.map((r) => r.table_name);

test('the schema is made by its migrations once: a second start applies nothing and keeps the maps', async () => {
  const db = pool(await cluster.createDatabase());
  const all = loadMigrations().map((m) => m.version);
  expect(await migrate(db)).toEqual(all);
  const before = await tables(db);
  expect(before).toEqual(expect.arrayContaining(['maps', 'roles', 'phases', 'steps', 'step_items', 'flows', 'comments', 'pain_points', 'notes', 'versions', 'schema_migrations']));
  const store = await openPgStore(db);
  await store.insert(salesMap('again'));
  expect(await migrate(db)).toEqual([]);
  await openPgStore(db);
  expect(await tables(db)).toEqual(before);
  expect((await db.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
  expect((await store.read('again-map')).title).toBe(salesMap('again').title);
  // the database is UTF8 whatever the cluster's default
  expect((await db.query<{ server_encoding: string }>('SHOW server_encoding')).rows[0]!.server_encoding).toBe('UTF8');
});

test('four servers starting at once on an empty database: all start, each migration is applied once', async () => {
  const config = await cluster.createDatabase();
  const url = cluster.url(String(config.database));
  const at = Date.now() + 5000;
  const outputs = await Promise.all(
    Array.from(
      { length: 4 },
      () =>
        new Promise<string>((resolve) => {
          execFile(process.execPath, [...NODE_FLAGS, 'tests/support/pgStartAtOnce.ts', '--url', url, '--at', String(at)], (error, stdout, stderr) =>
            resolve(error ? `${stdout}${stderr}`.trim() || String(error) : stdout.trim()),
          );
        }),
    ),
  );
  const parsed = outputs.map((o) => {
    try {
      return JSON.parse(o) as { applied: number[]; maps: number };
    } catch {
      return o;
    }
  });
  // one applied migration 1, the three others found it done; every one could read the library
  expect(parsed.filter((p) => typeof p === 'string')).toEqual([]);
  expect(parsed.map((p) => (p as { applied: number[] }).applied).sort()).toEqual([[], [], [], loadMigrations().map((m) => m.version)]);
  expect(parsed.every((p) => (p as { maps: number }).maps === 0)).toBe(true);
  const db = pool(config);
  expect((await db.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual(loadMigrations().map((m) => ({ version: m.version })));
}, 120_000);

test('a database from a newer Lanemap, an edited migration and a failing one are refused with a clear message, and change nothing', async () => {
  const db = pool(await cluster.createDatabase());
  const migrations = loadMigrations();
  await migrate(db, migrations);
  const store = await openPgStore(db, { migrate: false });
  await store.insert(salesMap('kept'));
  // a failing next migration: its table is not left behind
  const next = migrations.length + 1;
  const failing = [...migrations, { version: next, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT 1 / 0;' }];
  const e1 = await migrate(db, failing).catch((e: unknown) => e);
  expect(e1).toBeInstanceOf(SchemaError);
  expect(e1).toMatchObject({ kind: 'migration', message: expect.stringContaining(`schema ${next} (broken)`) });
  expect(await tables(db)).not.toContain('half_done');
  // an edited released migration
  const edited = [{ ...migrations[0]!, sql: `${migrations[0]!.sql}\n-- edited` }, ...migrations.slice(1)];
  await expect(migrate(db, edited)).rejects.toMatchObject({ kind: 'changed', message: expect.stringContaining('was edited') });
  // a newer schema
  await db.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (7, 'future', 'x')");
  await expect(openPgStore(db)).rejects.toMatchObject({ kind: 'newer', message: expect.stringContaining(`newer Lanemap (schema 7, this one knows ${migrations.length})`) });
  expect((await store.read('kept-map')).title).toBe(salesMap('kept').title);
});

test('a database not in UTF8 is refused before anything is made in it', async () => {
  const config = await cluster.createDatabase();
  const admin = pool({ ...config, database: 'postgres' });
  await admin.query(`CREATE DATABASE ascii_lib ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`);
  const db = pool({ ...config, database: 'ascii_lib' });
  await expect(openPgStore(db)).rejects.toMatchObject({ message: expect.stringContaining('must use the UTF8 encoding (it uses SQL_ASCII)') });
  expect(await tables(db)).toEqual([]);
});

test('text PostgreSQL cannot keep (the NUL character) is refused with a clear message, and nothing of the edit is stored', async () => {
  const store = await openPgStore(pool(await cluster.createDatabase()));
  const base = salesMap('nul');
  await store.insert(base);
  const next: MapDoc = structuredClone(base);
  next.title = 'Другое название';
  next.steps['nul-lead']!.title = 'A\u0000B';
  await expect(store.apply(base.id, diffMaps(base, next), '2026-03-02T10:00:00.000Z')).rejects.toBeInstanceOf(UnstorableTextError);
  const bad = salesMap('nul2');
  bad.steps['nul2-won']!.inputs = ['x\u0000'];
  await expect(store.insert(bad)).rejects.toThrow(/cannot store/);
  expect((await store.read(base.id)).title).toBe(base.title);
  expect(await store.state(base.id)).toMatchObject({ revision: 0 });
  expect((await store.list()).map((m) => m.id)).toEqual([base.id]);
});

test('two servers (two pools) writing one map at once: they take turns, no acknowledged write is lost, stale writes are refused', async () => {
  const config = await cluster.createDatabase();
  const a = await openPgStore(pool(config));
  const b = await openPgStore(pool(config));
  const lanes = Array.from({ length: 6 }, (_, i) => ({ id: `two-lane-${i}`, name: `Дорожка ${i}`, color: '#2f80ed' }));
  const base = salesMap('two', { roles: lanes });
  for (const s of Object.values(base.steps)) s.roleId = lanes[0]!.id;
  await a.insert(base);
  const shared = 'two-qualify';
  const clock = (() => {
    let t = Date.parse('2026-03-02T10:00:00.000Z');
    return () => new Date((t += 1)).toISOString();
  })();

  // the same stale change through both servers at the same moment: exactly one is stored
  const theirs = structuredClone(base);
  theirs.steps[shared]!.title = 'Через сервер A';
  const mine = structuredClone(base);
  mine.steps[shared]!.title = 'Через сервер B';
  const race = await Promise.allSettled([a.apply(base.id, diffMaps(base, theirs), clock()), b.apply(base.id, diffMaps(base, mine), clock())]);
  expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const refused = race.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(refused.reason).toBeInstanceOf(ConflictError);
  const winner = race[0].status === 'fulfilled' ? 'Через сервер A' : 'Через сервер B';
  expect((refused.reason as ConflictError).conflicts).toEqual([{ table: 'steps', id: shared, title: winner, reason: 'changed' }]);

  // six editors, three on each server, each renaming its own lane and contending for one step's title
  const acknowledged: { revision: number; lane?: { id: string; name: string }; title?: { before: string; after: string } }[] = [{ revision: 1, title: { before: base.steps[shared]!.title, after: winner } }];
  const failures: string[] = [];
  let conflicts = 0;
  async function editor(store: PgStore, i: number, rounds: number) {
    const lane = lanes[i]!;
    let name = lane.name;
    for (let r = 0; r < rounds; r++) {
      const read = await store.read(base.id);
      // its own lane, from what it last wrote (never stale: only it writes that lane)
      const next = structuredClone(read);
      next.roles[lane.id]!.name = `${lane.name}: правка ${r}`;
      const before = structuredClone(read);
      before.roles[lane.id]!.name = name;
      try {
        const done = await store.apply(base.id, diffMaps(before, next), clock());
        name = next.roles[lane.id]!.name;
        acknowledged.push({ revision: done.revision, lane: { id: lane.id, name } });
      } catch (e) {
        failures.push(`lane ${i}: ${(e as Error).message}`);
      }
      // the shared step's title, from what it read (stale if someone wrote since)
      const titled = structuredClone(read);
      titled.steps[shared]!.title = `Редактор ${i}, круг ${r}`;
      try {
        const done = await store.apply(base.id, diffMaps(read, titled), clock());
        acknowledged.push({ revision: done.revision, title: { before: read.steps[shared]!.title, after: titled.steps[shared]!.title } });
      } catch (e) {
        if (e instanceof ConflictError) conflicts++;
        else failures.push(`title ${i}: ${(e as Error).message}`);
      }
    }
  }
  await Promise.all(lanes.map((_, i) => editor(i % 2 === 0 ? a : b, i, 12)));
  expect(failures).toEqual([]);

  // every acknowledged write has its own revision, one after another, and the map counts them all
  const revisions = acknowledged.map((w) => w.revision).sort((x, y) => x - y);
  expect(revisions).toEqual(revisions.map((_, i) => i + 1));
  expect((await b.state(base.id)).revision).toBe(acknowledged.length);
  // each lane holds the last name its editor was told was stored
  const stored = await a.read(base.id);
  for (const lane of lanes) {
    const last = acknowledged.filter((w) => w.lane?.id === lane.id).sort((x, y) => x.revision - y.revision).at(-1);
    expect(stored.roles[lane.id]!.name).toBe(last!.lane!.name);
  }
  // the stored titles form one chain: each acknowledged title was written over the one before it
  const titles = acknowledged.filter((w) => w.title).sort((x, y) => x.revision - y.revision);
  for (let k = 1; k < titles.length; k++) expect(titles[k]!.title!.before).toBe(titles[k - 1]!.title!.after);
  expect(stored.steps[shared]!.title).toBe(titles.at(-1)!.title!.after);
  expect(titles.length + conflicts).toBe(1 + 6 * 12);
  console.log(`two pools: ${acknowledged.length} acknowledged writes, ${titles.length - 1} contested titles stored, ${conflicts} refused as stale`);
}, 120_000);
