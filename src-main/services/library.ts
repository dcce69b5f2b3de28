/**
 * The backend services: the implementation of every call in `shared/contract.ts`.
 * Inputs arrive already validated (see `dispatch.ts`); this layer checks meaning.
 */
import type { AppInfo, CallInput, CallResults } from '../../shared/contract';
import type { CallName } from '../../shared/calls';
import { mapForImport, parseLanemapJson } from '../../shared/export/lanemapJson';
import { cloneWithNewIds } from '../../shared/model/clone';
import { newId } from '../../shared/model/ids';
import { MapDocSchema, describeIssues } from '../../shared/model/schema';
import type { MapDoc } from '../../shared/model/types';
import sampleMap from '../../templates/sample-sales-map.json';
import type { Db } from '../storage/database';
import { createMapRepository, NotFoundError } from '../storage/mapRepository';
import { bundledTemplates } from './templates';

/** The request is well-formed but its content is refused (e.g. a damaged file to import). */
export class BadInputError extends Error {}

export type Services = { [K in CallName]: (input: CallInput<K>) => CallResults[K] };

const DEFAULT_ROLES: [string, string][] = [
  ['Sales manager', '#2f80ed'],
  ['Client', '#27ae60'],
];

/** The sample map shown on first start, validated like any file from outside. */
export function sampleMapDoc(): MapDoc {
  const parsed = MapDocSchema.safeParse(sampleMap);
  if (!parsed.success) throw new Error(`The bundled sample map is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function createServices(db: Db, info: Omit<AppInfo, 'version'> & { version?: string }, clock = () => new Date().toISOString()): Services {
  const maps = createMapRepository(db);
  return {
    'app:info': () => ({ version: info.version ?? '0.0.0', dataFile: info.dataFile, transport: info.transport }),
    'maps:list': () => maps.list(),
    'maps:get': ({ id }) => maps.read(id),
    'maps:create': ({ title }) => {
      const now = clock();
      const doc: MapDoc = { id: newId(), title, description: '', createdAt: now, updatedAt: now, roles: {}, phases: {}, steps: {}, flows: {} };
      DEFAULT_ROLES.forEach(([name, color], order) => {
        const id = newId();
        doc.roles[id] = { id, name, color, order };
      });
      maps.insert(doc);
      return maps.read(doc.id);
    },
    'maps:rename': ({ id, title }) => {
      maps.rename(id, title, clock());
      return maps.summary(id);
    },
    'maps:duplicate': ({ id }) => {
      const source = maps.read(id);
      const copy = cloneWithNewIds(source, { title: `${source.title} (copy)`.slice(0, 200), now: clock() });
      maps.insert(copy);
      return maps.summary(copy.id);
    },
    'maps:delete': ({ id }) => {
      maps.remove(id);
      return { deleted: true };
    },
    'maps:applyChanges': ({ id, changes }) => {
      const now = clock();
      maps.apply(id, changes, now);
      return { updatedAt: now };
    },
    'templates:list': () => bundledTemplates(),
    'maps:createFromTemplate': ({ templateId, title }) => {
      const template = bundledTemplates().find((t) => t.id === templateId);
      if (!template) throw new NotFoundError(`There is no template “${templateId}”.`);
      const doc = cloneWithNewIds(template.doc, { title: title ?? template.doc.title, now: clock() });
      maps.insert(doc);
      return maps.read(doc.id);
    },
    // the desktop app saves through its own dialog (ipc.ts); the browser build downloads instead
    'file:save': () => {
      throw new BadInputError('Files are saved by the browser here: use its download.');
    },
    'maps:import': ({ text }) => {
      const parsed = parseLanemapJson(text);
      if (!parsed.ok) throw new BadInputError(parsed.message);
      const doc = mapForImport(parsed.doc, clock());
      maps.insert(doc); // one transaction: all of the map or nothing
      return maps.summary(doc.id);
    },
  };
}

/** First start: put the sample map in an empty, new library so nobody lands on a blank screen. */
export function seedLibrary(db: Db, clock = () => new Date().toISOString()): void {
  const seeded = db.prepare("SELECT value FROM settings WHERE key = 'seeded'").get();
  if (seeded) return;
  db.transaction(() => {
    createMapRepository(db).insert(cloneWithNewIds(sampleMapDoc(), { now: clock() }));
    db.prepare("INSERT INTO settings (key, value) VALUES ('seeded', '1')").run();
  })();
}
