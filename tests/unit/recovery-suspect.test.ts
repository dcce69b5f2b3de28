/**
 * Damage that the quick check at start cannot see (a broken index page): when SQLite meets it
 * while Lanemap runs, the user is told, and the next start checks thoroughly and offers the
 * recovery instead of starting on the damaged library again.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { diffMaps } from '../../shared/model/diff';
import { dispatch } from '../../src-main/services/dispatch';
import { startLibrary } from '../../src-main/shell/startup';
import { checkLibraryFile, markSuspect, suspectMarker } from '../../src-main/storage/recovery';
import { salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, tempDir } from '../support/library';

afterAll(removeTempDirs);

/** The user renames every step of every map, as far as the library lets them: each reply's code. */
function editEveryStep(file: string): string[] {
  const lib = openTempLibrary(file);
  const codes: string[] = [];
  try {
    for (const { id } of call(lib.services, 'maps:list', {})) {
      const map = call(lib.services, 'maps:get', { id });
      for (const step of Object.values(map.steps)) {
        const reply = dispatch(lib.services, 'maps:applyChanges', {
          id,
          changes: diffMaps(map, { ...map, steps: { ...map.steps, [step.id]: { ...step, title: `${step.title}!` } } }),
        });
        codes.push(reply.ok ? 'ok' : reply.error.code);
      }
    }
  } catch (e) {
    codes.push(`threw ${(e as Error).message}`);
  } finally {
    lib.close();
  }
  return codes;
}

/** What the thorough check (every index against its table) says. */
function thoroughlyOk(file: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).every((r) => r.integrity_check === 'ok');
  } catch {
    return false;
  } finally {
    db.close();
  }
}

test('an index page broken on disk: the first edit that meets it marks the library, and the next start finds it damaged', () => {
  const file = path.join(tempDir(), 'lanemap.sqlite');
  const lib = openTempLibrary(file);
  for (let i = 0; i < 6; i++) storeMap(lib.services, salesMap(`m${i}`, { title: `Карта ${i}` }));
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  const root = lib.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_steps_1'").pluck().get() as number;
  const pageSize = lib.db.pragma('page_size', { simple: true }) as number;
  lib.close();
  // a few bytes of the index's cells scrambled (the tables are untouched), where the quick check
  // still passes: the kind of damage a failing disk leaves, met only when an edit uses the index
  const clean = fs.readFileSync(file);
  const end = root * pageSize;
  let codes: string[] = [];
  let found = -1;
  for (let at = end - 12; at > end - pageSize + 100 && found < 0; at -= 3) {
    const bytes = Buffer.from(clean);
    for (let i = at; i < at + 3; i++) bytes[i] = bytes[i]! ^ 0xa5;
    fs.writeFileSync(file, bytes);
    fs.rmSync(suspectMarker(file), { force: true });
    if (!checkLibraryFile(file).ok || thoroughlyOk(file)) continue;
    codes = editEveryStep(file);
    if (codes.includes('damaged')) found = at;
  }
  expect(codes).toContain('damaged');
  expect(fs.existsSync(suspectMarker(file))).toBe(true);
  expect(checkLibraryFile(file)).toMatchObject({ ok: false });
});

test('a library marked by a passing fault but sound on the thorough check starts normally, and the mark is cleared', async () => {
  const file = path.join(tempDir(), 'lanemap.sqlite');
  const lib = openTempLibrary(file);
  storeMap(lib.services, salesMap('s'));
  lib.close();
  markSuspect(file, 'SQLITE_CORRUPT');
  expect(checkLibraryFile(file)).toEqual({ ok: true });
  const told: string[] = [];
  const started = await startLibrary({ dataFile: file, language: 'en', ui: { tell: async (m) => void told.push(m), choose: async () => 'quit' } });
  expect(started.ok).toBe(true);
  if (started.ok) started.db.close();
  expect(told).toEqual([]);
  expect(fs.existsSync(suspectMarker(file))).toBe(false);
});
