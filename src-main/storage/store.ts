/**
 * The map library as the services use it, whatever keeps it: the local SQLite library
 * (`sqliteStore`, over today's synchronous repository) or a team library on PostgreSQL
 * (`./pg/pgStore.ts`). Every method answers with a Promise, so a store that talks to a server
 * fits the same shape; both refuse in the same way (NotFoundError for a map or version that is
 * gone, ConflictError for a write made on a stale value, naming the rows).
 *
 * The team server's services (../services/storeServices.ts) use it; the local app still calls
 * the SQLite repository directly (services/library.ts).
 */
import type { Table } from '../../shared/model/rows';
import type { MapChanges } from '../../shared/model/schema';
import type { MapDoc, MapSummary, VersionSummary } from '../../shared/model/types';
import type { MapRepository, NewMapEntry } from './mapRepository';

export { ConflictError, NotFoundError, type ConflictRow } from './conflicts';
export type { NewMapEntry } from './mapRepository';

/** What a conditional write answers: the map's revision before and after it, and the rows it was to delete that were gone already. */
export interface ApplyResult {
  previousRevision: number;
  revision: number;
  alreadyGone?: { table: Table; id: string }[];
}

export type NewVersion = Pick<VersionSummary, 'id' | 'name' | 'note' | 'author' | 'kind' | 'createdAt'>;

export interface MapStore {
  /** Every map, newest change first, with the maps that open it as a sub-process. */
  list(): Promise<MapSummary[]>;
  summary(id: string): Promise<MapSummary>;
  /** The chain of maps above `id` through sub-process steps, outermost first. */
  parents(id: string): Promise<{ id: string; title: string }[]>;
  /** The stored map (`fieldsOnly`: the map's own fields, no rows). */
  read(id: string, opts?: { fieldsOnly?: boolean }): Promise<MapDoc>;
  /** How many writes the map has had, to tell whether another editor wrote since. */
  state(id: string): Promise<{ revision: number; updatedAt: string }>;
  /** Inserts a whole new map (its ids must be new). */
  insert(doc: MapDoc): Promise<void>;
  /**
   * Inserts several new maps, each with the versions it brings, in one transaction: all or none
   * (a map id already in the library, or twice in `entries`: ConflictError, nothing stored).
   * A sub-process link reaches only maps stored before it: list the linked maps first.
   */
  insertAll(entries: NewMapEntry[]): Promise<void>;
  /**
   * Applies an edit if every expectation holds (else ConflictError), then each of `then`, all
   * or nothing. With `then` (even empty) the edit may already be stored (a write whose answer
   * was lost) and is skipped when it is.
   */
  apply(mapId: string, changes: MapChanges, now: string, then?: MapChanges[]): Promise<ApplyResult>;
  rename(id: string, title: string, now: string): Promise<void>;
  remove(id: string): Promise<void>;
  versions(mapId: string): Promise<VersionSummary[]>;
  version(mapId: string, versionId: string): Promise<{ version: VersionSummary; doc: MapDoc }>;
  /** Keeps the map as it is stored now under a name. */
  saveVersion(mapId: string, v: NewVersion): Promise<VersionSummary>;
  /** Deletes a manual version; an approved one stays (ConflictError). */
  deleteVersion(mapId: string, versionId: string): Promise<void>;
  /** Stores versions brought in with an imported map. */
  insertVersions(mapId: string, list: { version: Omit<VersionSummary, 'mapId' | 'stepCount'>; doc: MapDoc }[]): Promise<void>;
}

/** The SQLite repository behind the async interface: the same calls, answered (or refused) as a Promise. */
export function sqliteStore(repo: MapRepository): MapStore {
  // an async function: what the repository throws becomes the Promise's rejection
  const run = async <T>(fn: () => T): Promise<T> => fn();
  return {
    list: () => run(() => repo.list()),
    summary: (id) => run(() => repo.summary(id)),
    parents: (id) => run(() => repo.parents(id)),
    read: (id, opts) => run(() => repo.read(id, opts)),
    state: (id) => run(() => repo.state(id)),
    insert: (doc) => run(() => repo.insert(doc)),
    insertAll: (entries) => run(() => repo.insertAll(entries)),
    apply: (mapId, changes, now, then) => run(() => repo.apply(mapId, changes, now, then)),
    rename: (id, title, now) => run(() => repo.rename(id, title, now)),
    remove: (id) => run(() => repo.remove(id)),
    versions: (mapId) => run(() => repo.versions(mapId)),
    version: (mapId, versionId) => run(() => repo.version(mapId, versionId)),
    saveVersion: (mapId, v) => run(() => repo.saveVersion(mapId, v)),
    deleteVersion: (mapId, versionId) => run(() => repo.deleteVersion(mapId, versionId)),
    insertVersions: (mapId, list) => run(() => repo.insertVersions(mapId, list)),
  };
}
