/**
 * The backend services: the implementation of every call in `shared/contract.ts`.
 * Inputs arrive already validated (see `dispatch.ts`); this layer checks meaning.
 */
import type { AppInfo, CallInput, CallResults } from '../../shared/contract';
import type { CallName } from '../../shared/calls';
import { mapWithVersionsForImport, parseLanemapJson } from '../../shared/export/lanemapJson';
import { cloneWithNewIds } from '../../shared/model/clone';
import { newId } from '../../shared/model/ids';
import { distinctTitle } from '../../shared/model/titles';
import { MapDocSchema, describeIssues } from '../../shared/model/schema';
import type { MapDoc } from '../../shared/model/types';
import sampleMap from '../../templates/sample-sales-map.json';
import type { Db } from '../storage/database';
import { markSuspect } from '../storage/recovery';
import { createMapRepository, NotFoundError } from '../storage/mapRepository';
import { createThumbnailCache } from '../storage/thumbnails';
import { createBackupServices } from './backups';
import { createSettingsServices } from './settings';
import { createViewServices } from './views';
import { createBpmnServices } from './bpmn';
import { createPrintServices } from './printing';
import { bundledTemplates } from './templates';
import { createTeamServices } from './team';
import { blankMap, mapsFromTemplate } from './newMaps';
import type { TeamClient } from '../team/client';

import { BadInputError } from './errors';

export { BadInputError } from './errors';

/**
 * Calls whose service answers later (writing an XLSX is asynchronous in exceljs): it returns a
 * promise, and the transports run every call through `dispatchAsync`, which waits for it.
 */
export type AsyncCallName =
  | 'views:xlsx'
  | 'document:docx'
  | 'document:pdf'
  | 'maps:importBpmn'
  | 'maps:exportBpmn'
  | 'export:pdf'
  // a team server answers over the network (src-main/team/client.ts)
  | 'team:list'
  | 'team:add'
  | 'team:signIn'
  | 'team:signOut'
  | 'team:remove'
  | 'team:call';

export type Services = { [K in CallName]: (input: CallInput<K>) => K extends AsyncCallName ? Promise<CallResults[K]> : CallResults[K] };


/** The sample map shown on first start, validated like any file from outside. */
export function sampleMapDoc(): MapDoc {
  const parsed = MapDocSchema.safeParse(sampleMap);
  if (!parsed.success) throw new Error(`The bundled sample map is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** `team`: the main process's team client (src-main/team/client.ts); without it tokens live in memory and no events go anywhere. */
export type ServicesInfo = Omit<AppInfo, 'version'> & { version?: string; team?: TeamClient };

export function createServices(db: Db, info: ServicesInfo, clock = () => new Date().toISOString()): Services {
  return noteDamage(servicesOver(db, info, clock), info.dataFile);
}

/**
 * Each service, noting beside the library when SQLite finds it damaged (an index quick_check
 * cannot see, a failing disk): the next start then checks it thoroughly and offers a backup.
 */
function noteDamage(services: Services, dataFile: string): Services {
  const wrapped: Partial<Record<CallName, (input: unknown) => unknown>> = {};
  for (const name of Object.keys(services) as CallName[]) {
    const call = services[name] as (input: unknown) => unknown;
    wrapped[name] = (input) => {
      try {
        return call(input);
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) markSuspect(dataFile, code);
        throw e;
      }
    };
  }
  return wrapped as Services;
}

function servicesOver(db: Db, info: ServicesInfo, clock: () => string): Services {
  const maps = createMapRepository(db);
  const thumbnails = createThumbnailCache(db, maps);
  return {
    ...createSettingsServices(db),
    ...createBackupServices(db, info.dataFile, clock),
    ...createViewServices(),
    ...createBpmnServices(db, clock, { appVersion: info.version }),
    ...createPrintServices(),
    ...createTeamServices(db, info.team),
    'app:info': () => ({ version: info.version ?? '0.0.0', dataFile: info.dataFile, transport: info.transport }),
    'maps:list': () => maps.list(),
    'maps:get': ({ id }) => maps.read(id),
    'maps:thumbnail': ({ id }) => {
      const t = thumbnails.thumbnail(id);
      return { png: t.png.toString('base64'), width: t.width, height: t.height, revision: t.revision };
    },
    'maps:create': ({ title, roleNames }) => {
      const doc = blankMap(title, roleNames, clock());
      maps.insert(doc);
      return maps.read(doc.id);
    },
    'maps:rename': ({ id, title }) => {
      maps.rename(id, title, clock());
      return maps.summary(id);
    },
    'maps:duplicate': ({ id, title }) => {
      const source = maps.read(id);
      const copy = cloneWithNewIds(source, { title: title ?? `${source.title} (copy)`.slice(0, 200), now: clock() });
      maps.insert(copy);
      return maps.summary(copy.id);
    },
    'maps:delete': ({ id }) => {
      maps.remove(id);
      return { deleted: true };
    },
    'maps:parents': ({ id }) => maps.parents(id),
    'versions:list': ({ mapId }) => maps.versions(mapId),
    'versions:get': ({ mapId, id }) => maps.version(mapId, id),
    'versions:delete': ({ mapId, id }) => {
      maps.deleteVersion(mapId, id);
      return { deleted: true };
    },
    'versions:save': ({ mapId, name, note, author, kind }) =>
      maps.saveVersion(mapId, { id: newId(), name: name.trim(), note: note.trim(), author: author.trim(), kind, createdAt: clock() }),
    'maps:applyChanges': ({ id, changes, then }) => {
      const now = clock();
      return { updatedAt: now, ...maps.apply(id, changes, now, then) };
    },
    'maps:state': ({ id }) => maps.state(id),
    'templates:list': () => bundledTemplates(),
    'maps:createFromTemplate': ({ templateId, title, existing = 'copy' }) => {
      const all = bundledTemplates();
      const template = all.find((t) => t.id === templateId);
      if (!template) throw new NotFoundError(`There is no template “${templateId}”.`);
      const now = clock();
      return db
        .transaction(() => {
          const made = mapsFromTemplate(all, template, { title, existing, library: maps.list(), now });
          for (const doc of made) maps.insert(doc);
          return maps.read(made[made.length - 1]!.id);
        })
        .immediate();
    },
    // the desktop app saves through its own dialog (ipc.ts); the browser build downloads instead
    // the desktop app prints through its own window (src-main/shell/printPdf.ts); the browser build prints from the page
    'file:print': () => {
      throw new BadInputError('Printing goes through the browser here: use its print dialog.');
    },
    'file:save': () => {
      throw new BadInputError('Files are saved by the browser here: use its download.');
    },
    'maps:import': ({ text }) => {
      const parsed = parseLanemapJson(text);
      if (!parsed.ok) throw new BadInputError(parsed.message);
      // the map and its saved versions share their new ids, so the versions still compare with the map
      const { doc, versions } = mapWithVersionsForImport(parsed.doc, parsed.versions, clock());
      // one transaction: all of the map and its versions, or nothing
      db.transaction(() => {
        // a map imported again (or beside one of the same title) reads "… (2)" in the library
        doc.title = distinctTitle(
          doc.title,
          maps.list().map((m) => m.title),
        );
        maps.insert(doc);
        maps.insertVersions(
          doc.id,
          // oldest first, so versions saved in the same second still list newest first
          [...versions].reverse().map(({ doc: versionDoc, ...version }) => ({ version, doc: versionDoc })),
        );
      }).immediate();
      return maps.summary(doc.id);
    },
  };
}

/** 'ru' for a Russian locale tag (ru, ru-RU, ru_RU.UTF-8), else 'en'. */
export function languageOfLocale(tag: string | undefined): 'ru' | 'en' {
  return /^ru(?:[-_.]|$)/i.test(tag ?? '') ? 'ru' : 'en';
}

/** The language of the system this process runs on, from the usual environment variables. */
export function systemLanguage(env: NodeJS.ProcessEnv = process.env): 'ru' | 'en' {
  return languageOfLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale);
}

/**
 * First start: put a sample map in an empty, new library so nobody lands on a blank screen —
 * in the system's language (a Russian system gets the full sales cycle in Russian).
 */
export function seedLibrary(db: Db, clock = () => new Date().toISOString(), language: 'ru' | 'en' = 'en'): void {
  const isSeeded = () => db.prepare("SELECT value FROM settings WHERE key = 'seeded'").get() !== undefined;
  if (isSeeded()) return;
  const sample = (language === 'ru' ? bundledTemplates().find((t) => t.id === 'full-cycle.ru')?.doc : undefined) ?? sampleMapDoc();
  // checked again under the write lock: two processes starting at once seed one sample, not two
  db.transaction(() => {
    if (isSeeded()) return;
    createMapRepository(db).insert(cloneWithNewIds(sample, { now: clock() }));
    db.prepare("INSERT INTO settings (key, value) VALUES ('seeded', '1')").run();
  }).immediate();
}
