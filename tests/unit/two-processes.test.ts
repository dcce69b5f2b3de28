/**
 * Two Lanemap processes on one library file (the desktop app and `npm run web`, or two starts
 * at once), each a real backend process started as `npm run web` starts (soak/server.ts): the
 * first starts race through migrations and the sample map, then both take hundreds of writes
 * at the same time. Every start and every write must succeed (issue 12, defect 4).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { callHttp, must, NODE_FLAGS, startBackend, stopBackend, type Backend } from '../../soak/backend';
import { openLibrary } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { removeTempDirs, tempDir } from '../support/library';

const running: Backend[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((b) => stopBackend(b)));
  removeTempDirs();
});

test('six processes opening a library that does not exist yet at the same millisecond: all open it, and it has one sample map', async () => {
  for (let round = 0; round < 3; round++) {
    const file = path.join(tempDir(), 'lanemap.sqlite');
    const at = Date.now() + 4000;
    const outputs = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolve) => {
            execFile(process.execPath, [...NODE_FLAGS, 'tests/support/openAtOnce.ts', '--file', file, '--at', String(at)], (error, stdout, stderr) =>
              resolve(error ? `${stdout}${stderr}`.trim() || String(error) : stdout.trim()),
            );
          }),
      ),
    );
    expect(outputs).toEqual(Array(6).fill('ok'));
    const { db } = openLibrary(file);
    try {
      expect(createMapRepository(db).list()).toHaveLength(1);
    } finally {
      db.close();
    }
  }
}, 120_000);

test('four backends started at once on a library that does not exist yet: all start, and the library has one sample map', async () => {
  const file = path.join(tempDir(), 'lanemap.sqlite');
  const starts = await Promise.allSettled(Array.from({ length: 4 }, () => startBackend(file, 60_000)));
  const failed = starts.filter((s) => s.status === 'rejected').map((s) => String(s.reason?.stderr ?? s.reason));
  for (const s of starts) if (s.status === 'fulfilled') running.push(s.value);
  expect(failed).toEqual([]);
  await Promise.all(running.splice(0).map((b) => stopBackend(b)));
  const { db } = openLibrary(file);
  try {
    expect(createMapRepository(db).list()).toHaveLength(1);
  } finally {
    db.close();
  }
}, 120_000);

test('two processes on one library, each taking 90 writes at once (to its own map and to a shared one): none fails, every write is stored', async () => {
  const file = path.join(tempDir(), 'lanemap.sqlite');
  const [a, b] = await Promise.all([startBackend(file, 60_000), startBackend(file, 60_000)]);
  running.push(a, b);
  const shared = await must(a, 'maps:create', { title: 'Общая карта' });
  const failures: string[] = [];
  const stored: string[] = [];
  /** Renames a lane of `map` over and over (each a conditional write that must find its old name). */
  async function writer(backend: Backend, label: string, start: MapDoc, count: number) {
    let doc = start;
    const role = Object.keys(doc.roles)[0]!;
    for (let i = 0; i < count; i++) {
      const next: MapDoc = { ...doc, roles: { ...doc.roles, [role]: { ...doc.roles[role]!, name: `${label} ${i}` } } };
      const r = await callHttp(backend, 'maps:applyChanges', { id: doc.id, changes: diffMaps(doc, next) });
      if (r.kind === 'transport') failures.push(r.error);
      else if (r.reply.ok === false) failures.push(`${r.reply.error.code}: ${r.reply.error.message}`);
      else doc = next;
    }
    stored.push(`${doc.id}:${doc.roles[role]!.name}`);
  }
  // each process writes three maps of its own, and its own lane of a map both write
  const own = await Promise.all([a, b].flatMap((backend, p) => [0, 1, 2].map((k) => must(backend, 'maps:create', { title: `Карта ${p}-${k}` }))));
  const sharedRoles = Object.keys(shared.roles);
  const sharedFor = (k: number): MapDoc => ({ ...shared, roles: { [sharedRoles[k]!]: shared.roles[sharedRoles[k]!]! } });
  await Promise.all([
    ...own.map((map, i) => writer(i < 3 ? a : b, `Дорожка ${i}`, map, 20)),
    writer(a, 'A-shared', sharedFor(0), 15),
    writer(b, 'B-shared', sharedFor(1), 15),
  ]);
  expect(failures).toEqual([]);
  const { db } = openLibrary(file);
  try {
    const repo = createMapRepository(db);
    const sharedNow = repo.read(shared.id);
    expect(sharedNow.roles[sharedRoles[0]!]?.name).toBe('A-shared 14');
    expect(sharedNow.roles[sharedRoles[1]!]?.name).toBe('B-shared 14');
    for (const [i, map] of own.entries()) expect(Object.values(repo.read(map.id).roles).map((r) => r.name)).toContain(`Дорожка ${i} 19`);
    expect(stored).toHaveLength(8);
  } finally {
    db.close();
  }
}, 180_000);
