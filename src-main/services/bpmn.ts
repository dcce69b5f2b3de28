/**
 * BPMN 2.0 exchange (issue 11) as backend calls: `maps:importBpmn` reads a file in a worker
 * thread (src-main/bpmn/parse.ts) and stores every map it makes in one transaction, with new
 * ids, distinct titles and the sub-process links pointing at the new maps; `maps:exportBpmn`
 * writes a map (and, asked for, the maps its sub-process steps open) as a .bpmn file's text.
 * A file that cannot be read adds nothing to the library.
 */
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { BpmnImportError, type BpmnImport, type BpmnImportOptions } from '../../shared/interop/bpmn/import';
import { MAX_BPMN_ELEMENTS, type BpmnImportResult } from '../../shared/interop/bpmnWire';
import { cloneWithNewIds, newIdMap } from '../../shared/model/clone';
import { newId } from '../../shared/model/ids';
import { describeIssues, MapDocSchema } from '../../shared/model/schema';
import { distinctTitle } from '../../shared/model/titles';
import type { MapDoc } from '../../shared/model/types';
import { readBpmnInWorker, type BpmnReadLimits } from '../bpmn/parse';
import type { Db } from '../storage/database';
import { createMapRepository, NotFoundError } from '../storage/mapRepository';
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
      let made: BpmnImport;
      try {
        made = await read(text, { maxElements: MAX_BPMN_ELEMENTS, now: clock(), ...(fileName ? { fileName } : {}) });
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
      const stored = storeAll(docs, clock());
      return { ok: true, map: maps.summary(stored[0]!), maps: stored.map((id) => maps.summary(id)), summary: made.summary };
    },
    'maps:exportBpmn': async ({ id, dataObjects, hierarchy }) => {
      const doc = maps.read(id);
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
            const child = readIfThere(target);
            if (!child) {
              missingLinks++;
              continue;
            }
            linkedMaps[target] = child;
            queue.push(child);
          }
        }
      }
      const text = await mapToBpmn(doc, { dataObjects: dataObjects === true, ...(hierarchy ? { linkedMaps } : {}), ...(opts.appVersion ? { appVersion: opts.appVersion } : {}) });
      return { text, linkedMaps: Object.keys(linkedMaps).length, missingLinks };
    },
  };

  function readIfThere(id: string): MapDoc | undefined {
    try {
      return maps.read(id);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }

  /**
   * All the maps in one transaction, the first the main one: new ids; titles the library does
   * not have yet ("… (2)"), nor each other; sub-process links to the new maps. Returns their ids.
   */
  function storeAll(docs: MapDoc[], now: string): string[] {
    const newIds = new Map(docs.map((d) => [d.id, newId()]));
    return db
      .transaction(() => {
        const taken = maps.list().map((m) => m.title);
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
        // a linked map is stored before the maps that open it; a link in a circle is dropped
        const byId = new Map(copies.map((c) => [c.id, c]));
        const done = new Set<string>();
        const visiting = new Set<string>();
        const store = (c: MapDoc) => {
          if (done.has(c.id)) return;
          visiting.add(c.id);
          for (const step of Object.values(c.steps)) {
            const target = step.linkedMapId ? byId.get(step.linkedMapId) : undefined;
            if (!target || target.id === c.id) continue;
            if (visiting.has(target.id)) delete step.linkedMapId;
            else store(target);
          }
          visiting.delete(c.id);
          done.add(c.id);
          maps.insert(c);
        };
        copies.forEach(store);
        return copies.map((c) => c.id);
      })
      .immediate();
  }
}
