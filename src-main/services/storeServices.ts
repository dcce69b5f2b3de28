/**
 * The library's calls over any MapStore (storage/store.ts), every one answering with a Promise:
 * what a team server (`npx lanemap serve`) answers over PostgreSQL (storage/pg/pgStore.ts)
 * through `dispatchAsync` (./dispatch.ts), which validates each call first. Each call means
 * what it means in the local app (./library.ts, over SQLite): titles made distinct on import
 * and from templates, a landscape template's "link existing maps", a duplicate's "(copy)",
 * an import brings its versions; a write on a stale value is refused naming the rows.
 *
 * Differences, on purpose: several maps made at once (a landscape and its sub-processes, a map
 * and its versions) are stored by `insertAll`, all or none; a map's picture is cached in memory
 * (by map and revision, bounded) rather than in the library; a version saved through a team
 * server carries the signed-in user's name (`author`) rather than the one the client sent.
 * PostgreSQL's refusals (text it cannot store, a broken rule of the schema) become readable
 * `bad-input` errors, as SQLite's do in dispatch.ts.
 *
 * Loads on Node from the TypeScript sources (no Vite-only imports): templates are read from
 * the `templates/` folder unless given.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TeamCallName } from '../../shared/team/protocol';
import { mapWithVersionsForImport, parseLanemapJson } from '../../shared/export/lanemapJson';
import { cloneWithNewIds } from '../../shared/model/clone';
import { newId } from '../../shared/model/ids';
import { parseTemplate } from '../../shared/model/template';
import { distinctTitle } from '../../shared/model/titles';
import type { MapDoc } from '../../shared/model/types';
import { NotFoundError, UnstorableTextError } from '../storage/conflicts';
import type { MapStore } from '../storage/store';
import { createStoreBpmnServices } from './bpmn';
import { drawThumbnail, type Thumbnail } from '../thumbnail/draw';
import type { AsyncServices } from './dispatch';
import { BadInputError } from './errors';
import { blankMap, mapsFromTemplate } from './newMaps';
import type { Template } from './templates';

export type StoreServices = AsyncServices<TeamCallName>;

export interface StoreServicesOptions {
  /** The time writes are stamped with (ISO). */
  clock?: () => string;
  /** Written into exported BPMN files as the exporter's version. */
  appVersion?: string;
  /**
   * The name of the user the current call is for (a team server knows it per request, e.g.
   * through AsyncLocalStorage): versions saved then carry it. Undefined: the name the call sent.
   */
  author?: () => string | undefined;
  /** The templates to offer (default: the `templates/*.json` files beside the sources). */
  templates?: () => Template[];
  /** How many map pictures to keep in memory (default 200). */
  thumbnails?: number;
  draw?: (doc: MapDoc) => Thumbnail;
}

/** The templates in `dir` (`*.json`, their id being the file name), as the app bundles them. */
export function templatesFromDir(dir = fileURLToPath(new URL('../../templates/', import.meta.url))): Template[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const id = file.replace(/\.json$/, '');
      const { doc, links } = parseTemplate(id, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as unknown);
      const language = /\.(ru|en)$/.exec(id)?.[1] ?? null;
      return { id, language, doc, links };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** PostgreSQL's refusal codes (class 23: a rule of the schema) in words, as dispatch.ts words SQLite's. */
const PG_RULES: Record<string, string> = {
  '23502': 'The change leaves out a value the map needs.',
  '23503': 'The change refers to a role, phase or step that is not in this map, or removes a lane that still has steps.',
  '23505': 'The change adds something the library already has (an id in use).',
  '23514': 'The change breaks a rule of the map (a value out of its range).',
};

/** A refusal of the store as an error dispatch.ts answers with a readable `bad-input`; anything else as it is. */
export function readableRefusal(e: unknown): unknown {
  if (e instanceof UnstorableTextError) return new BadInputError(e.message);
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown; severity?: unknown };
  if (typeof err.code !== 'string' || !/^23\d{3}$/.test(err.code) || typeof err.severity !== 'string') return e;
  // the schema's own rules (triggers) say what was wrong in words; a constraint does not
  if (err.code === '23503' && !err.constraint && typeof err.message === 'string') return new BadInputError(err.message);
  return new BadInputError(PG_RULES[err.code] ?? `The change breaks a rule of the map (${err.code}).`);
}

/** A bounded in-memory cache of map pictures by map id, each valid for one revision. */
function pictureCache(size: number) {
  const kept = new Map<string, { revision: number; t: Thumbnail }>();
  return {
    get(id: string, revision: number): Thumbnail | undefined {
      const hit = kept.get(id);
      if (!hit || hit.revision !== revision) return undefined;
      // most recently used last
      kept.delete(id);
      kept.set(id, hit);
      return hit.t;
    },
    put(id: string, revision: number, t: Thumbnail) {
      kept.delete(id);
      kept.set(id, { revision, t });
      while (kept.size > size) kept.delete(kept.keys().next().value!);
    },
  };
}

export function createStoreServices(store: MapStore, opts: StoreServicesOptions = {}): StoreServices {
  const clock = opts.clock ?? (() => new Date().toISOString());
  let templates: Template[] | undefined;
  const allTemplates = () => (templates ??= (opts.templates ?? templatesFromDir)());
  const pictures = pictureCache(Math.max(1, opts.thumbnails ?? 200));
  const draw = opts.draw ?? drawThumbnail;
  /** Titles in the library now (a new map's title is made distinct from them). */
  const titles = async () => (await store.list()).map((m) => m.title);

  const services: StoreServices = {
    'maps:list': () => store.list(),
    'maps:get': ({ id }) => store.read(id),
    'maps:thumbnail': async ({ id }) => {
      const { revision } = await store.state(id);
      let t = pictures.get(id, revision);
      if (!t) {
        // drawn from the map as read after that revision: a later write only makes it newer, and it is drawn again
        t = draw(await store.read(id));
        pictures.put(id, revision, t);
      }
      return { png: t.png.toString('base64'), width: t.width, height: t.height, revision };
    },
    'maps:create': async ({ title, roleNames }) => {
      const doc = blankMap(title, roleNames, clock());
      await store.insert(doc);
      return store.read(doc.id);
    },
    'maps:rename': async ({ id, title }) => {
      await store.rename(id, title, clock());
      return store.summary(id);
    },
    'maps:duplicate': async ({ id, title }) => {
      const source = await store.read(id);
      const copy = cloneWithNewIds(source, { title: title ?? `${source.title} (copy)`.slice(0, 200), now: clock() });
      await store.insert(copy);
      return store.summary(copy.id);
    },
    'maps:delete': async ({ id }) => {
      await store.remove(id);
      return { deleted: true };
    },
    'maps:parents': ({ id }) => store.parents(id),
    'maps:state': ({ id }) => store.state(id),
    'maps:applyChanges': async ({ id, changes, then }) => {
      const now = clock();
      return { updatedAt: now, ...(await store.apply(id, changes, now, then)) };
    },
    'versions:list': ({ mapId }) => store.versions(mapId),
    'versions:get': ({ mapId, id }) => store.version(mapId, id),
    'versions:save': ({ mapId, name, note, author, kind }) =>
      store.saveVersion(mapId, { id: newId(), name: name.trim(), note: note.trim(), author: (opts.author?.() ?? author).trim(), kind, createdAt: clock() }),
    'versions:delete': async ({ mapId, id }) => {
      await store.deleteVersion(mapId, id);
      return { deleted: true };
    },
    'templates:list': async () => allTemplates(),
    'maps:createFromTemplate': async ({ templateId, title, existing = 'copy' }) => {
      const all = allTemplates();
      const template = all.find((t) => t.id === templateId);
      if (!template) throw new NotFoundError(`There is no template “${templateId}”.`);
      // the sub-processes first, so the landscape's steps find the maps they open; all or none
      const made = mapsFromTemplate(all, template, { title, existing, library: await store.list(), now: clock() });
      await store.insertAll(made.map((doc) => ({ doc })));
      return store.read(made[made.length - 1]!.id);
    },
    'maps:import': async ({ text }) => {
      const parsed = parseLanemapJson(text);
      if (!parsed.ok) throw new BadInputError(parsed.message);
      // the map and its saved versions share their new ids, so the versions still compare with the map
      const { doc, versions } = mapWithVersionsForImport(parsed.doc, parsed.versions, clock());
      // a map imported again (or beside one of the same title) reads "… (2)" in the library
      doc.title = distinctTitle(doc.title, await titles());
      // oldest first, so versions saved in the same second still list newest first; the map and its versions, or nothing
      await store.insertAll([{ doc, versions: [...versions].reverse().map(({ doc: versionDoc, ...version }) => ({ version, doc: versionDoc })) }]);
      return store.summary(doc.id);
    },
    // BPMN 2.0 in and out (issue 11), the file read in a worker thread as the app does
    ...createStoreBpmnServices(store, clock, opts.appVersion ? { appVersion: opts.appVersion } : {}),
  };

  // every refusal of the store in words dispatch.ts answers with
  const wrapped: Partial<Record<TeamCallName, (input: never) => Promise<unknown>>> = {};
  for (const [name, call] of Object.entries(services) as [TeamCallName, (input: never) => Promise<unknown>][]) {
    wrapped[name] = async (input) => {
      try {
        return await call(input);
      } catch (e) {
        throw readableRefusal(e);
      }
    };
  }
  return wrapped as StoreServices;
}
