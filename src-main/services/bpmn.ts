/**
 * BPMN 2.0 exchange (issue 11) as backend calls: `maps:importBpmn` reads a file in a worker
 * thread (src-main/bpmn/parse.ts) and stores every map it makes in one transaction, with new
 * ids, distinct titles and the sub-process links pointing at the new maps; `maps:exportBpmn`
 * writes a map (and, asked for, the maps its sub-process steps open) as a .bpmn file's text.
 * A file that cannot be read adds nothing to the library.
 */
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { BpmnImportError, type BpmnImport, type BpmnImportOptions } from '../../shared/interop/bpmn/import';
import { MAX_BPMN_ELEMENTS, type BpmnExportResult, type BpmnImportResult } from '../../shared/interop/bpmnWire';
import { cloneWithNewIds, newIdMap } from '../../shared/model/clone';
import { newId } from '../../shared/model/ids';
import { describeIssues, MapDocSchema } from '../../shared/model/schema';
import { distinctTitle } from '../../shared/model/titles';
import type { MapDoc } from '../../shared/model/types';
import { readBpmnInWorker, type BpmnReadLimits } from '../bpmn/parse';
import type { Db } from '../storage/database';
import { createMapRepository, NotFoundError } from '../storage/mapRepository';
import type { CallInput } from '../../shared/contract';
import type { MapStore } from '../storage/store';
import type { Services } from './library';

export interface BpmnServiceOptions {
  /** Reads the file (default: `bpmnToMaps` in a worker thread); tests give their own. */
  read?: (text: string, options: BpmnImportOptions) => Promise<BpmnImport>;
  limits?: Partial<BpmnReadLimits>;
  appVersion?: string;
}

export function createBpmnServices(db: Db, clock: () => string, opts: BpmnServiceOptions = {}): Pick<Services, 'maps:importBpmn' | 'maps:exportBpmn'> {
  const maps = createMapRepository(db);
  const read = opts.read ?? ((text: string, options: BpmnImportOptions) => readBpmnInWorker(text, options, opts.limits));
  return {
    'maps:importBpmn': async ({ text, fileName }): Promise<BpmnImportResult> => {
      const made = await readMaps(read, text, fileName, clock());
      if (!made.ok) return made;
      // one transaction: the titles taken are read under the same lock the maps are written with
      const stored = db
        .transaction(() => {
          const { copies, order } = copiesToStore(
            made.docs,
            maps.list().map((m) => m.title),
            clock(),
          );
          order.forEach((c) => maps.insert(c));
          return copies.map((c) => c.id);
        })
        .immediate();
      return { ok: true, map: maps.summary(stored[0]!), maps: stored.map((id) => maps.summary(id)), summary: made.summary };
    },
    'maps:exportBpmn': (input) => exportBpmn(async (id) => maps.read(id), input, opts.appVersion),
  };
}

/**
 * The same two calls over any MapStore (the team library's server): the maps a file makes are
 * stored all or none (`insertAll`), their titles made distinct from the library's as it is read
 * just before.
 */
export function createStoreBpmnServices(
  store: MapStore,
  clock: () => string,
  opts: BpmnServiceOptions = {},
): { 'maps:importBpmn': (input: CallInput<'maps:importBpmn'>) => Promise<BpmnImportResult>; 'maps:exportBpmn': (input: CallInput<'maps:exportBpmn'>) => Promise<BpmnExportResult> } {
  const read = opts.read ?? ((text: string, options: BpmnImportOptions) => readBpmnInWorker(text, options, opts.limits));
  return {
    'maps:importBpmn': async ({ text, fileName }) => {
      const made = await readMaps(read, text, fileName, clock());
      if (!made.ok) return made;
      const { copies, order } = copiesToStore(
        made.docs,
        (await store.list()).map((m) => m.title),
        clock(),
      );
      await store.insertAll(order.map((doc) => ({ doc })));
      const summaries = await Promise.all(copies.map((c) => store.summary(c.id)));
      return { ok: true, map: summaries[0]!, maps: summaries, summary: made.summary };
    },
    'maps:exportBpmn': (input) => exportBpmn((id) => store.read(id), input, opts.appVersion),
  };
}

/** Reads a BPMN file into maps, each checked like any file from outside; a file that cannot be read says why. */
async function readMaps(
  read: NonNullable<BpmnServiceOptions['read']>,
  text: string,
  fileName: string | undefined,
  now: string,
): Promise<{ ok: true; docs: MapDoc[]; summary: BpmnImport['summary'] } | Extract<BpmnImportResult, { ok: false }>> {
  let made: BpmnImport;
  try {
    made = await read(text, { maxElements: MAX_BPMN_ELEMENTS, now, ...(fileName ? { fileName } : {}) });
  } catch (e) {
    if (e instanceof BpmnImportError) return { ok: false, problem: e.code, message: e.message };
    throw e;
  }
  if (made.maps.length === 0) return { ok: false, problem: 'no-process', message: 'The file holds no process Lanemap can show as a map.' };
  // what the reader made is checked like any file from outside before a row is written
  const docs = made.maps.map((m, i) => {
    const parsed = MapDocSchema.safeParse(m);
    if (!parsed.success) throw new Error(`The BPMN import made map ${i + 1} (“${String(m?.title).slice(0, 80)}”) invalid: ${describeIssues(parsed.error)}`);
    return parsed.data;
  });
  return { ok: true, docs, summary: made.summary };
}

/** A map (and, asked for, every map below it through sub-process steps, each once) as a .bpmn file's text. */
async function exportBpmn(read: (id: string) => Promise<MapDoc>, { id, dataObjects, hierarchy }: CallInput<'maps:exportBpmn'>, appVersion?: string): Promise<BpmnExportResult> {
  const readIfThere = async (mapId: string) => {
    try {
      return await read(mapId);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  };
  const doc = await read(id);
  const linkedMaps: Record<string, MapDoc> = {};
  let missingLinks = 0;
  if (hierarchy) {
    // every map below this one, each once (a link back up is not followed again)
    const queue = [doc];
    const seen = new Set([doc.id]);
    while (queue.length) {
      const current = queue.shift()!;
      for (const step of Object.values(current.steps)) {
        const target = step.linkedMapId;
        if (!target || seen.has(target)) continue;
        seen.add(target);
        const child = await readIfThere(target);
        if (!child) {
          missingLinks++;
          continue;
        }
        linkedMaps[target] = child;
        queue.push(child);
      }
    }
  }
  const text = await mapToBpmn(doc, { dataObjects: dataObjects === true, ...(hierarchy ? { linkedMaps } : {}), ...(appVersion ? { appVersion } : {}) });
  return { text, linkedMaps: Object.keys(linkedMaps).length, missingLinks };
}

/**
 * The maps a file made, ready to store, the first the main one: new ids; titles the library
 * does not have yet ("… (2)"), nor each other; sub-process links to the new maps. `order`: the
 * same copies, a linked map before the maps that open it (a link in a circle is dropped).
 */
function copiesToStore(docs: MapDoc[], taken: string[], now: string): { copies: MapDoc[]; order: MapDoc[] } {
  const newIds = new Map(docs.map((d) => [d.id, newId()]));
  const copies = docs.map((doc) => {
    const ids = newIdMap();
    ids.set(`map:${doc.id}`, newIds.get(doc.id)!);
    const title = distinctTitle(doc.title, taken);
    taken.push(title);
    const copy = cloneWithNewIds(doc, { title, now }, ids);
    for (const step of Object.values(copy.steps)) {
      if (!step.linkedMapId) continue;
      const target = newIds.get(step.linkedMapId);
      // a link to a map the file did not hold: the step stays a sub-process, not linked yet
      if (target) step.linkedMapId = target;
      else delete step.linkedMapId;
    }
    return copy;
  });
  const byId = new Map(copies.map((c) => [c.id, c]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: MapDoc[] = [];
  const place = (c: MapDoc) => {
    if (done.has(c.id)) return;
    visiting.add(c.id);
    for (const step of Object.values(c.steps)) {
      const target = step.linkedMapId ? byId.get(step.linkedMapId) : undefined;
      if (!target || target.id === c.id) continue;
      if (visiting.has(target.id)) delete step.linkedMapId;
      else place(target);
    }
    visiting.delete(c.id);
    done.add(c.id);
    order.push(c);
  };
  copies.forEach(place);
  return { copies, order };
}
