/**
 * The map store on SQLite and on PostgreSQL (issue 16's team library), side by side:
 * `npx node --experimental-transform-types --import ./soak/loader.mjs bench/store.bench.ts` prints the median and p95
 * milliseconds of storing, reading and editing (a one-step change) a 1000-step map and a
 * small one. PostgreSQL runs as a throw-away local cluster (tests/support/postgres.ts) over its
 * unix socket, fsync off: a figure of the store's own work, not of a disk.
 */
import path from 'node:path';
import { cloneWithNewIds } from '../shared/model/clone';
import { diffMaps } from '../shared/model/diff';
import type { MapDoc } from '../shared/model/types';
import { openLibrary } from '../src-main/storage/database';
import { createMapRepository } from '../src-main/storage/mapRepository';
import { openPgStore } from '../src-main/storage/pg/pgStore';
import { sqliteStore, type MapStore } from '../src-main/storage/store';
import { salesMap } from '../tests/support/builders';
import { removeTempDirs, tempDir } from '../tests/support/library';
import { startCluster } from '../tests/support/postgres';
import { randomMap } from '../tests/support/randomMaps';

const stamp = '2026-03-02T10:00:00.000Z';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]!;

async function timed(runs: number, work: (i: number) => Promise<unknown>): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work(i);
    times.push(performance.now() - t);
  }
  return { median: Number(pct(times, 0.5).toFixed(1)), p95: Number(pct(times, 0.95).toFixed(1)) };
}

async function measure(name: string, store: MapStore) {
  const figures: Record<string, { median: number; p95: number }> = {};
  const bigs: MapDoc[] = Array.from({ length: 5 }, (_, i) => cloneWithNewIds(randomMap({ seed: 16 + i, steps: 1000, lanes: 8, phases: 7, loops: 0.1, decisions: 0.1 }), { now: stamp }));
  figures['insert.1000'] = await timed(bigs.length, (i) => store.insert(bigs[i]!));
  figures['read.1000'] = await timed(20, () => store.read(bigs[0]!.id));
  let doc = await store.read(bigs[0]!.id);
  const ids = Object.keys(doc.steps);
  figures['apply.1000'] = await timed(100, async (i) => {
    const next = { ...doc, steps: { ...doc.steps, [ids[i]!]: { ...doc.steps[ids[i]!]!, title: `Правка ${i}` } } };
    await store.apply(doc.id, diffMaps(doc, next), stamp);
    doc = next;
  });
  const small = cloneWithNewIds(salesMap('bench'), { now: stamp });
  await store.insert(small);
  let s = await store.read(small.id);
  const step = Object.keys(s.steps)[1]!;
  figures['apply.small'] = await timed(200, async (i) => {
    const next = { ...s, steps: { ...s.steps, [step]: { ...s.steps[step]!, x: i } } };
    await store.apply(s.id, diffMaps(s, next), stamp);
    s = next;
  });
  figures['list'] = await timed(20, () => store.list());
  for (const [k, v] of Object.entries(figures)) console.log(`store.${name}.${k}.ms  median ${v.median}  p95 ${v.p95}`);
}

const { db } = openLibrary(path.join(tempDir(), 'bench.sqlite'));
await measure('sqlite', sqliteStore(createMapRepository(db)));
db.close();
const cluster = await startCluster();
try {
  const pg = await openPgStore(await cluster.createDatabase());
  await measure('postgres', pg);
  await pg.close();
} finally {
  await cluster.stop();
  removeTempDirs();
}
