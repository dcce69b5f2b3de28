/**
 * BPMN exchange's wiring (issue 11): the file is read in a worker thread that is stopped on
 * time-out or when out of memory while the backend goes on; every map an import makes is stored
 * in one transaction with new ids, distinct titles and its sub-process links pointing at the new
 * maps; a file that cannot be read adds nothing. The reader is injected here where the test is
 * about storing (a hand-made `bpmnToMaps` result).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { BpmnImportError, type BpmnImport } from '../../shared/interop/bpmn/import';
import { importKind, MAX_BPMN_TEXT } from '../../shared/interop/bpmnWire';
import { readBpmnInWorker } from '../../src-main/bpmn/parse';
import { createBpmnServices } from '../../src-main/services/bpmn';
import { dispatchAsync } from '../../src-main/services/dispatch';
import type { Services } from '../../src-main/services/library';
import { buildMap, salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, snapshotTables, tickingClock, type TempLibrary } from '../support/library';

afterAll(() => removeTempDirs());

/** A worker that never answers (a parse stuck in an entity bomb). */
const SPIN = { code: 'for (;;) {}' };
/** A worker that keeps allocating until it runs out of memory. */
const HOG = { code: 'const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random()));' };

/** The services of a temp library with the BPMN calls reading through `read`. */
function libraryReading(read: (text: string) => Promise<BpmnImport>): TempLibrary & { services: Services } {
  const lib = openTempLibrary();
  Object.assign(lib.services, createBpmnServices(lib.db, tickingClock(), { read }));
  return lib;
}

/** A process with a sub-process step linked to the second map, which has one of its own to the third. */
function hierarchy(): BpmnImport {
  const main = salesMap('m', { title: 'Продажа: процесс' });
  main.steps['m-offer'] = { ...main.steps['m-offer']!, kind: 'subprocess', linkedMapId: 'child' };
  const child = buildMap({ id: 'child', title: 'Согласование скидки', roles: [{ id: 'c-r' }], steps: [{ id: 'c-s', role: 'c-r', kind: 'subprocess', title: 'Проверка' }] });
  child.steps['c-s']!.linkedMapId = 'grandchild';
  const grandchild = buildMap({ id: 'grandchild', title: 'Проверка', roles: [{ id: 'g-r' }], steps: [{ id: 'g-s', role: 'g-r', title: 'Сверить цены' }] });
  return { maps: [main, child, grandchild], summary: { lines: [{ element: 'userTask', count: 3, became: 'task' }, { element: 'dataStore', count: 1, reason: 'no-place' }] } };
}

describe('reading in a worker thread', () => {
  test('a read that does not finish is stopped with "timeout", and the backend keeps answering meanwhile', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = readBpmnInWorker('<x/>', {}, { timeoutMs: 400 }, SPIN);
    await expect(started).rejects.toMatchObject({ name: 'BpmnImportError', code: 'timeout' });
    clearInterval(ticker);
    // the event loop ran while the worker spun
    expect(ticks).toBeGreaterThan(3);
  });

  test('a read that eats memory is stopped as "too-large" without taking the process down', async () => {
    await expect(readBpmnInWorker('<x/>', {}, { timeoutMs: 60_000, maxHeapMb: 32 }, HOG)).rejects.toMatchObject({ code: 'too-large' });
    // and a new read works afterwards
    await expect(readBpmnInWorker('<x/>', {}, { timeoutMs: 400 }, SPIN)).rejects.toMatchObject({ code: 'timeout' });
  });

  test('the real reader loads in its worker from the sources (as the CLI and tests run it) and refuses what is not BPMN', async () => {
    const r = readBpmnInWorker('{"this": "is JSON"}', { fileName: 'x.json' }, { timeoutMs: 20_000 });
    await expect(r).rejects.toBeInstanceOf(BpmnImportError);
    await expect(r).rejects.toMatchObject({ code: expect.stringMatching(/^(not-xml|not-bpmn)$/) });
  });

  test('an entity-expansion bomb gives a BpmnImportError, not a hang', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">${Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><task id="t" name="&lol8;"/></process></definitions>`;
    await expect(readBpmnInWorker(bomb, {}, { timeoutMs: 15_000 })).rejects.toBeInstanceOf(BpmnImportError);
  });
});

describe('maps:importBpmn', () => {
  test('every map is stored with new ids and distinct titles, the sub-process links point at the new maps', async () => {
    const lib = libraryReading(async () => hierarchy());
    const first = await lib.services['maps:importBpmn']({ text: '<definitions/>', fileName: 'продажа.bpmn' });
    if (!first.ok) throw new Error(first.message);
    expect(first.maps.map((m) => m.title)).toEqual(['Продажа: процесс', 'Согласование скидки', 'Проверка']);
    expect(first.map.id).toBe(first.maps[0]!.id);
    expect(first.summary.lines).toHaveLength(2);
    const [main, child, grandchild] = first.maps.map((m) => call(lib.services, 'maps:get', { id: m.id }));
    expect(main!.id).not.toBe('m-map');
    expect(Object.values(main!.steps).find((s) => s.kind === 'subprocess')!.linkedMapId).toBe(child!.id);
    expect(Object.values(child!.steps)[0]!.linkedMapId).toBe(grandchild!.id);
    expect(Object.keys(main!.steps)).not.toContain('m-offer');
    // the library shows the links (outermost first)
    expect(call(lib.services, 'maps:parents', { id: grandchild!.id }).map((p) => p.title)).toEqual(['Продажа: процесс', 'Согласование скидки']);
    // imported again: new maps, titled "(2)", linked among themselves
    const again = await lib.services['maps:importBpmn']({ text: '<definitions/>' });
    if (!again.ok) throw new Error(again.message);
    expect(again.maps.map((m) => m.title)).toEqual(['Продажа: процесс (2)', 'Согласование скидки (2)', 'Проверка (2)']);
    const child2 = call(lib.services, 'maps:get', { id: again.maps[1]!.id });
    expect(Object.values(child2.steps)[0]!.linkedMapId).toBe(again.maps[2]!.id);
    lib.close();
  });

  test('two maps of one title in the same file get distinct titles; a link to a map not in the file is dropped; a loop of links is cut', async () => {
    const made = hierarchy();
    made.maps[2]!.title = 'Согласование скидки';
    made.maps[2]!.steps['g-s'] = { ...made.maps[2]!.steps['g-s']!, kind: 'subprocess', linkedMapId: 'm-map' };
    made.maps[0]!.steps['m-qualify'] = { ...made.maps[0]!.steps['m-qualify']!, kind: 'subprocess', linkedMapId: 'nowhere' };
    const lib = libraryReading(async () => made);
    const r = await lib.services['maps:importBpmn']({ text: '<definitions/>' });
    if (!r.ok) throw new Error(r.message);
    expect(r.maps.map((m) => m.title)).toEqual(['Продажа: процесс', 'Согласование скидки', 'Согласование скидки (2)']);
    const main = call(lib.services, 'maps:get', { id: r.map.id });
    const linked = Object.values(main.steps).filter((s) => s.linkedMapId).map((s) => s.linkedMapId);
    expect(linked).toEqual([r.maps[1]!.id]);
    const all = r.maps.map((m) => call(lib.services, 'maps:get', { id: m.id }));
    expect(all.flatMap((d) => Object.values(d.steps)).filter((s) => s.linkedMapId)).toHaveLength(2);
    lib.close();
  });

  test.each([
    ['a file the reader refuses', () => Promise.reject(new BpmnImportError('not-bpmn', 'not BPMN')), 'not-bpmn'],
    ['a read stopped on time-out', (text: string) => readBpmnInWorker(text, {}, { timeoutMs: 300 }, SPIN), 'timeout'],
    ['a file with no process', () => Promise.resolve({ maps: [], summary: { lines: [] } }), 'no-process'],
  ] as const)('%s adds nothing to the library and says why', async (_, read, problem) => {
    const lib = libraryReading(read);
    const before = snapshotTables(lib.db);
    const r = await lib.services['maps:importBpmn']({ text: '<definitions/>' });
    expect(r).toMatchObject({ ok: false, problem });
    expect(snapshotTables(lib.db)).toEqual(before);
    lib.close();
  });

  test('a map the reader made invalid (a field of the wrong type, a step in a lane the map does not have) stores none of the maps', async () => {
    const made = hierarchy();
    (made.maps[1] as { roles: unknown }).roles = 'broken';
    const lib = libraryReading(async () => made);
    const before = snapshotTables(lib.db);
    const reply = await dispatchAsync(lib.services, 'maps:importBpmn', { text: '<definitions/>' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(snapshotTables(lib.db)).toEqual(before);
    // the third map is the bad one: the first two are not stored either
    const bad = hierarchy();
    bad.maps[2]!.steps['g-s']!.roleId = 'nope';
    const lib2 = libraryReading(async () => bad);
    const before2 = snapshotTables(lib2.db);
    const reply2 = await dispatchAsync(lib2.services, 'maps:importBpmn', { text: '<definitions/>' });
    expect(reply2.ok).toBe(false);
    expect(snapshotTables(lib2.db)).toEqual(before2);
    lib.close();
    lib2.close();
  });

  test('through the contract: a file over the limit is refused before it is read; a file name with a line break too', async () => {
    let reads = 0;
    const lib = libraryReading(async () => (reads++, hierarchy()));
    const big = await dispatchAsync(lib.services, 'maps:importBpmn', { text: 'x'.repeat(MAX_BPMN_TEXT + 1) });
    expect(big).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('20 MB') } });
    const name = await dispatchAsync(lib.services, 'maps:importBpmn', { text: '<a/>', fileName: 'a\nb.bpmn' });
    expect(name).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(reads).toBe(0);
    lib.close();
  });
});

describe('maps:exportBpmn', () => {
  test('hands the map, and with the hierarchy the maps below it read from the library, to the writer', async () => {
    const imported = libraryReading(async () => hierarchy());
    const r = await imported.services['maps:importBpmn']({ text: '<definitions/>' });
    if (!r.ok) throw new Error(r.message);
    const reply = await dispatchAsync(imported.services, 'maps:exportBpmn', { id: r.map.id, hierarchy: true, dataObjects: true });
    // the writer is the export engineer's; once it is there, the file names every lane and every map
    if (reply.ok) {
      const out = reply.value as { text: string; linkedMaps: number; missingLinks: number };
      expect(out.linkedMaps).toBe(2);
      expect(out.missingLinks).toBe(0);
      expect(out.text).toContain('definitions');
      for (const title of ['Продажа: процесс', 'Согласование скидки', 'Проверка', 'Менеджер по продажам']) expect(out.text).toContain(title);
    } else expect(reply.error.message).toMatch(/not built yet/);
    expect(await dispatchAsync(imported.services, 'maps:exportBpmn', { id: 'missing-map' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    imported.close();
  });
});

describe('which import a file is for', () => {
  test.each([
    ['<?xml version="1.0"?><definitions/>', 'x.json', 'bpmn'],
    ['\uFEFF  <bpmn:definitions/>', 'a.txt', 'bpmn'],
    ['{"format": "lanemap"}', 'map.bpmn', 'lanemap'],
    ['garbage', 'проект.bpmn', 'bpmn'],
    ['garbage', 'карта.lanemap.json', 'lanemap'],
  ])('%j named %s is read as %s', (text, name, kind) => expect(importKind(text, name)).toBe(kind));
});
