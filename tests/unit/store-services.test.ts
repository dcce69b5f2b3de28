/**
 * The library's calls over a MapStore (src-main/services/storeServices.ts), as a team server
 * answers them, run through dispatchAsync (validation first, refusals as readable replies) on
 * both stores: the local SQLite library and a real PostgreSQL (a throw-away cluster). What a
 * user notices: maps made, renamed, copied, deleted and imported with their versions; a
 * landscape made from its template (its sub-processes copied or linked); a map's picture; a
 * stale edit refused naming the row; text PostgreSQL cannot keep refused in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallReply } from '../../shared/contract';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc, MapSummary, VersionSummary } from '../../shared/model/types';
import { dispatchAsync } from '../../src-main/services/dispatch';
import { createStoreServices, templatesFromDir, type StoreServices } from '../../src-main/services/storeServices';
import { openLibrary } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { openPgStore } from '../../src-main/storage/pg/pgStore';
import { sqliteStore, type MapStore } from '../../src-main/storage/store';
import { salesMap } from '../support/builders';
import { removeTempDirs, tempDir, tickingClock } from '../support/library';
import { startCluster, type TempCluster } from '../support/postgres';

let cluster: TempCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
  removeTempDirs();
});

const backends: { name: string; keepsNul: boolean; open(): Promise<{ store: MapStore; close(): Promise<void> }> }[] = [
  {
    name: 'SQLite',
    keepsNul: true,
    async open() {
      const { db } = openLibrary(path.join(tempDir(), 'lanemap.sqlite'));
      return { store: sqliteStore(createMapRepository(db)), close: async () => void db.close() };
    },
  },
  {
    name: 'PostgreSQL',
    keepsNul: false,
    async open() {
      cluster ??= await startCluster();
      const store = await openPgStore(await cluster.createDatabase());
      return { store, close: () => store.close() };
    },
  },
];

describe.each(backends)('the library calls over the $name store', (backend) => {
  let store: MapStore;
  let close: () => Promise<void>;
  let services: StoreServices;
  /** The signed-in user, as a team server would tell the services. */
  let signedIn: string | undefined;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
    services = createStoreServices(store, { clock: tickingClock(), author: () => signedIn });
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  /** A call as a team server makes it; its reply. */
  const call = (name: string, input: unknown): Promise<CallReply> => dispatchAsync(services, name, input);
  /** A call that must succeed: its value. */
  async function ok<T>(name: string, input: unknown): Promise<T> {
    const reply = await call(name, input);
    if (!reply.ok) throw new Error(`${name} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }
  /** A call that must be refused: its error. */
  async function refused(name: string, input: unknown) {
    const reply = await call(name, input);
    if (reply.ok) throw new Error(`${name} was expected to be refused`);
    return reply.error;
  }
  /** A map's lane names, top to bottom. */
  const lanes = (d: MapDoc) =>
    Object.values(d.roles)
      .sort((a, b) => a.order - b.order)
      .map((r) => r.name);
  const titles = async () => (await ok<MapSummary[]>('maps:list', {})).map((m) => m.title);

  test('a map is created with its lanes, renamed, copied as "(copy)" and deleted', async () => {
    const doc = await ok<MapDoc>('maps:create', { title: 'Воронка B2B', roleNames: ['Менеджер', 'Клиент', '<script>alert(1)</script>'] });
    expect(doc.title).toBe('Воронка B2B');
    expect(lanes(doc)).toEqual(['Менеджер', 'Клиент', '<script>alert(1)</script>']);
    expect(await ok<MapDoc>('maps:get', { id: doc.id })).toEqual(doc);
    const renamed = await ok<MapSummary>('maps:rename', { id: doc.id, title: 'Воронка B2B — 2026' });
    expect(renamed.title).toBe('Воронка B2B — 2026');
    const copy = await ok<MapSummary>('maps:duplicate', { id: doc.id });
    expect(copy.title).toBe('Воронка B2B — 2026 (copy)');
    expect(copy.id).not.toBe(doc.id);
    expect(lanes(await ok<MapDoc>('maps:get', { id: copy.id }))).toEqual(['Менеджер', 'Клиент', '<script>alert(1)</script>']);
    expect(await titles()).toEqual(expect.arrayContaining(['Воронка B2B — 2026', 'Воронка B2B — 2026 (copy)']));
    expect(await ok('maps:delete', { id: doc.id })).toEqual({ deleted: true });
    expect((await refused('maps:get', { id: doc.id })).code).toBe('not-found');
    expect(await titles()).not.toContain('Воронка B2B — 2026');
    // a malformed call and a 10,000-character title are refused in words, and change nothing
    const before = await titles();
    expect(await refused('maps:create', { title: 'x'.repeat(10_000) })).toMatchObject({ code: 'bad-input' });
    expect(await refused('maps:rename', { id: copy.id, title: '' })).toMatchObject({ code: 'bad-input' });
    expect(await refused('maps:create', { title: 'ok', extra: 1 })).toMatchObject({ code: 'bad-input' });
    expect(await titles()).toEqual(before);
  });

  test('a .lanemap.json file is imported with its versions, in Cyrillic; imported again it reads "(2)"', async () => {
    const map = salesMap('imp', { title: 'Отгрузка заказа' });
    const older = structuredClone(map);
    Object.values(older.steps)[1]!.title = 'Старое название шага';
    const file = toLanemapJson(map, { exportedAt: '2026-03-01T12:00:00.000Z' }, [
      { id: 'v2', name: 'Утверждённая', note: 'после совещания', author: 'Ирина', kind: 'approved', createdAt: '2026-02-20T10:00:00.000Z', doc: map },
      { id: 'v1', name: 'Черновик', note: '', author: 'Пётр', kind: 'manual', createdAt: '2026-02-10T10:00:00.000Z', doc: older },
    ]);
    const first = await ok<MapSummary>('maps:import', { text: file });
    expect(first.title).toBe('Отгрузка заказа');
    expect(first.stepCount).toBe(5);
    const doc = await ok<MapDoc>('maps:get', { id: first.id });
    expect(Object.values(doc.steps).map((s) => s.title).sort()).toEqual(Object.values(map.steps).map((s) => s.title).sort());
    const versions = await ok<VersionSummary[]>('versions:list', { mapId: first.id });
    expect(versions.map((v) => [v.name, v.author, v.kind])).toEqual([
      ['Утверждённая', 'Ирина', 'approved'],
      ['Черновик', 'Пётр', 'manual'],
    ]);
    // a version's steps are the map's steps (same new ids), so they still compare
    const draft = await ok<{ version: VersionSummary; doc: MapDoc }>('versions:get', { mapId: first.id, id: versions[1]!.id });
    expect(Object.keys(draft.doc.steps).sort()).toEqual(Object.keys(doc.steps).sort());
    expect(Object.values(draft.doc.steps).map((s) => s.title)).toContain('Старое название шага');
    const second = await ok<MapSummary>('maps:import', { text: file });
    expect(second.title).toBe('Отгрузка заказа (2)');
    expect(second.id).not.toBe(first.id);
    // a damaged file is refused in words, and nothing is stored
    const before = await titles();
    const damaged = await refused('maps:import', { text: file.slice(0, file.length / 2) });
    expect(damaged.code).toBe('bad-input');
    expect(damaged.message.length).toBeGreaterThan(10);
    expect(await titles()).toEqual(before);
  });

  test('the landscape template makes its sub-process maps and links them; "link existing" reuses the library\'s maps', async () => {
    const landscape = templatesFromDir().find((t) => t.id === 'process-landscape.ru')!;
    const subs = Object.values(landscape.doc.steps).filter((s) => Object.hasOwn(landscape.links, s.id));
    expect(subs.length).toBeGreaterThan(1);
    const made = await ok<MapDoc>('maps:createFromTemplate', { templateId: 'process-landscape.ru' });
    expect(made.title).toBe('Отдел продаж: ландшафт процессов');
    const linked = subs.map((s) => made.steps[Object.keys(made.steps).find((id) => made.steps[id]!.title === s.title)!]!.linkedMapId);
    expect(linked.every((id) => typeof id === 'string')).toBe(true);
    const children = await Promise.all(linked.map((id) => ok<MapDoc>('maps:get', { id })));
    for (const child of children) expect((await ok<MapSummary>('maps:rename', { id: child.id, title: child.title })).partOf).toEqual([{ id: made.id, title: made.title }]);

    // made again, linking the maps already there: no new sub-process maps, the same ones opened
    const count = (await titles()).length;
    const again = await ok<MapDoc>('maps:createFromTemplate', { templateId: 'process-landscape.ru', existing: 'link', title: 'Ландшафт (связанный)' });
    expect((await titles()).length).toBe(count + 1);
    const relinked = subs.map((s) => again.steps[Object.keys(again.steps).find((id) => again.steps[id]!.title === s.title)!]!.linkedMapId);
    expect(relinked).toEqual(linked);
    // made again as copies: new maps whose titles differ from those there ("… (2)")
    const copied = await ok<MapDoc>('maps:createFromTemplate', { templateId: 'process-landscape.ru', existing: 'copy' });
    expect(copied.title).toBe('Отдел продаж: ландшафт процессов (2)');
    const copies = subs.map((s) => copied.steps[Object.keys(copied.steps).find((id) => copied.steps[id]!.title === s.title)!]!.linkedMapId!);
    expect(copies.filter((id) => linked.includes(id))).toEqual([]);
    expect((await ok<MapDoc>('maps:get', { id: copies[0]! })).title).toBe(`${children[0]!.title} (2)`);
    expect((await refused('maps:createFromTemplate', { templateId: 'no-such-template' })).code).toBe('not-found');
  });

  test("a map's picture is a PNG of its current revision, drawn again after an edit", async () => {
    const doc = await ok<MapDoc>('maps:create', { title: 'Картинка' });
    const first = await ok<{ png: string; width: number; height: number; revision: number }>('maps:thumbnail', { id: doc.id });
    const bytes = Buffer.from(first.png, 'base64');
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(first.width).toBeGreaterThan(0);
    expect(first.revision).toBe(0);
    await ok('maps:rename', { id: doc.id, title: 'Картинка 2' });
    const second = await ok<{ png: string; revision: number }>('maps:thumbnail', { id: doc.id });
    expect(second.revision).toBe(1);
    expect((await refused('maps:thumbnail', { id: 'no-such-map' })).code).toBe('not-found');
  });

  test('an edit made on a stale value is refused as a conflict naming the row; the other editor\'s change stays', async () => {
    const imported = await ok<MapSummary>('maps:import', { text: toLanemapJson(salesMap('cf'), { exportedAt: '2026-03-01T12:00:00.000Z' }) });
    const doc = await ok<MapDoc>('maps:get', { id: imported.id });
    const step = Object.values(doc.steps).find((s) => s.title === 'Квалификация лида')!;
    const anna = structuredClone(doc);
    anna.steps[step.id]!.title = 'Квалификация по BANT';
    const written = await ok<{ revision: number }>('maps:applyChanges', { id: doc.id, changes: diffMaps(doc, anna) });
    expect(written.revision).toBe(1);
    const petr = structuredClone(doc);
    petr.steps[step.id]!.title = 'Квалификация (Пётр)';
    const conflict = await refused('maps:applyChanges', { id: doc.id, changes: diffMaps(doc, petr) });
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toContain('Квалификация по BANT');
    expect(conflict.conflicts).toEqual([{ table: 'steps', id: step.id, title: 'Квалификация по BANT', reason: 'changed' }]);
    expect((await ok<MapDoc>('maps:get', { id: doc.id })).steps[step.id]!.title).toBe('Квалификация по BANT');
    expect((await ok<{ revision: number }>('maps:state', { id: doc.id })).revision).toBe(1);

    // a step in a lane that is not in the map: refused in words, nothing stored
    const stray = structuredClone(anna);
    stray.steps['cf-stray'] = { ...stray.steps[step.id]!, id: 'cf-stray', roleId: 'no-such-lane' };
    const broken = await refused('maps:applyChanges', { id: doc.id, changes: diffMaps(anna, stray) });
    expect(broken.code).toBe('bad-input');
    expect(broken.message).toMatch(/not in this map/);
    expect(Object.keys((await ok<MapDoc>('maps:get', { id: doc.id })).steps)).not.toContain('cf-stray');
  });

  test(`a NUL character in a title is ${backend.keepsNul ? 'kept' : 'refused in words, and nothing changes'}`, async () => {
    const doc = await ok<MapDoc>('maps:create', { title: 'Без нуля' });
    const reply = await call('maps:rename', { id: doc.id, title: 'Имя\u0000с нулём' });
    if (backend.keepsNul) {
      expect(reply.ok).toBe(true);
      expect((await ok<MapDoc>('maps:get', { id: doc.id })).title).toBe('Имя\u0000с нулём');
      return;
    }
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/NUL character/) } });
    expect((await ok<MapDoc>('maps:get', { id: doc.id })).title).toBe('Без нуля');
    expect((await ok<{ revision: number }>('maps:state', { id: doc.id })).revision).toBe(0);
    const imported = await call('maps:import', { text: toLanemapJson(salesMap('nul', { title: 'Карта\u0000' }), { exportedAt: '2026-03-01T12:00:00.000Z' }) });
    expect(imported).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await titles()).not.toContain('Карта\u0000');
  });

  test('versions are saved (with the signed-in user as author), listed newest first, read back and deleted', async () => {
    const doc = await ok<MapDoc>('maps:create', { title: 'Версии', roleNames: ['Продажи'] });
    signedIn = 'Анна Смирнова';
    const v1 = await ok<VersionSummary>('versions:save', { mapId: doc.id, name: '  До правок ', note: 'первая', author: 'кто угодно', kind: 'manual' });
    signedIn = undefined;
    expect(v1).toMatchObject({ mapId: doc.id, name: 'До правок', note: 'первая', author: 'Анна Смирнова', kind: 'manual', stepCount: 0 });
    await ok('maps:rename', { id: doc.id, title: 'Версии (после)' });
    const v2 = await ok<VersionSummary>('versions:save', { mapId: doc.id, name: 'После', note: '', author: 'Пётр', kind: 'approved' });
    expect(v2.author).toBe('Пётр');
    expect((await ok<VersionSummary[]>('versions:list', { mapId: doc.id })).map((v) => v.name)).toEqual(['После', 'До правок']);
    const got = await ok<{ version: VersionSummary; doc: MapDoc }>('versions:get', { mapId: doc.id, id: v1.id });
    expect(got.doc.title).toBe('Версии');
    expect(await ok('versions:delete', { mapId: doc.id, id: v1.id })).toEqual({ deleted: true });
    expect((await refused('versions:get', { mapId: doc.id, id: v1.id })).code).toBe('not-found');
    // an approved version is the record of the approval: kept
    expect((await refused('versions:delete', { mapId: doc.id, id: v2.id })).code).toBe('conflict');
    expect((await ok<VersionSummary[]>('versions:list', { mapId: doc.id })).map((v) => v.id)).toEqual([v2.id]);
  });

  test('a BPMN file is imported (titles made distinct), exported, and read back the same; a file that is not BPMN is refused in words', async () => {
    const text = fs.readFileSync(path.resolve('tests/fixtures/bpmn-miwg/A.2.0.bpmn'), 'utf8');
    type Imported = { ok: true; map: { id: string; title: string; stepCount: number } } | { ok: false; problem: string; message: string };
    const first = await ok<Imported>('maps:importBpmn', { text, fileName: 'A.2.0.bpmn' });
    const again = await ok<Imported>('maps:importBpmn', { text, fileName: 'A.2.0.bpmn' });
    if (!first.ok || !again.ok) throw new Error('the import failed');
    expect(first.map.stepCount).toBeGreaterThan(3);
    expect(again.map.title).toBe(`${first.map.title} (2)`);
    const exported = await ok<{ text: string }>('maps:exportBpmn', { id: first.map.id, dataObjects: true });
    expect(exported.text).toMatch(/<(bpmn:)?definitions[\s>]/);
    const back = await ok<Imported>('maps:importBpmn', { text: exported.text });
    if (!back.ok) throw new Error('the export did not read back');
    expect(back.map.stepCount).toBe(first.map.stepCount);
    const before = (await ok<unknown[]>('maps:list', {})).length;
    expect(await ok<Imported>('maps:importBpmn', { text: '<html><script>alert(1)</script></html>', fileName: 'страница.html' })).toMatchObject({ ok: false });
    expect((await ok<unknown[]>('maps:list', {})).length).toBe(before);
    expect(await refused('maps:exportBpmn', { id: 'no-such-map' })).toMatchObject({ code: 'not-found' });
  });

  test('templates are listed; a call the library does not answer is refused', async () => {
    const list = await ok<{ id: string }[]>('templates:list', {});
    expect(list.map((t) => t.id)).toEqual(expect.arrayContaining(['process-landscape.ru', 'process-landscape.en', 'full-cycle.ru']));
    expect(await refused('settings:get', {})).toMatchObject({ code: 'bad-input' });
    expect(await refused('maps:nope', {})).toMatchObject({ code: 'bad-input' });
  });
});
