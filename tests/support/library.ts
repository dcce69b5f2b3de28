/**
 * A real library file in a temp dir, the services over it, and helpers to call them and to
 * look at every stored row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CALLS, type CallName } from '../../shared/calls';
import type { CallInput, CallResults, LanemapApi } from '../../shared/contract';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { createServices, type Services } from '../../src-main/services/library';
import { openLibrary, type Db } from '../../src-main/storage/database';

const dirs: string[] = [];

/** A fresh temp dir; `removeTempDirs()` deletes all of them. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-test-'));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A clock that moves one second per reading, so every write has its own timestamp. */
export function tickingClock(start = Date.parse('2026-03-02T10:00:00.000Z')): () => string {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
}

export interface TempLibrary {
  file: string;
  db: Db;
  services: Services;
  close(): void;
}

export function openTempLibrary(file = path.join(tempDir(), 'lanemap.sqlite')): TempLibrary {
  const { db } = openLibrary(file);
  const services = createServices(db, { dataFile: file, transport: 'http', version: '0.1.0-test' }, tickingClock());
  return { file, db, services, close: () => db.close() };
}

/** Calls a service through `dispatch` (validation included) and fails loudly if it is refused. */
export function call<K extends CallName>(services: Services, name: K, input: CallInput<K>): CallResults[K] {
  const r = dispatch(services, name, input);
  if (!r.ok) throw new Error(`${name} was refused: ${r.error.code}: ${r.error.message}`);
  return r.value as CallResults[K];
}

/**
 * Stores `doc` the way the editor would: creates a map, then writes the difference from the
 * new empty map to `doc`. Returns the stored map as `maps:get` reads it.
 */
export function storeMap(services: Services, doc: MapDoc): MapDoc {
  const created = call(services, 'maps:create', { title: doc.title });
  const target: MapDoc = { ...doc, id: created.id, createdAt: created.createdAt, updatedAt: created.updatedAt };
  call(services, 'maps:applyChanges', { id: created.id, changes: diffMaps(created, target) });
  return call(services, 'maps:get', { id: created.id });
}

/** Every row of every table, sorted, as JSON lines: equal snapshots mean nothing changed. */
export function snapshotTables(db: Db): Record<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    out[name] = db
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

/** The renderer's API backed directly by the services, as IPC would be. */
export function apiOver(services: Services): LanemapApi {
  const api: Partial<Record<CallName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of CALLS) {
    api[name] = async (input: unknown) => {
      const r = dispatch(services, name, input);
      // as src-renderer/api.ts does: the code and any conflicting rows travel with the error
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, conflicts: r.error.conflicts });
      return r.value;
    };
  }
  return api as unknown as LanemapApi;
}
