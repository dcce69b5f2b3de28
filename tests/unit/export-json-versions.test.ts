/**
 * `.lanemap.json` with saved versions (schemaVersion 2): they survive the round trip, an
 * import stores them with the map under the same new ids (so they still compare step by step
 * with the imported map), a damaged version refuses the whole file, and version 1 files (no
 * versions) still import.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LANEMAP_SCHEMA_VERSION, MAX_IMPORT_VERSIONS, parseLanemapJson, toLanemapJson, type LanemapVersion } from '../../shared/export/lanemapJson';
import { applyCommand, cmd } from '../../shared/model/commands';
import { compareMaps } from '../../shared/model/compare';
import type { MapDoc } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, snapshotTables, type TempLibrary } from '../support/library';

const NOW = '2026-11-26T12:00:00.000Z';

let lib: TempLibrary;
beforeAll(() => {
  lib = openTempLibrary();
});
afterAll(() => {
  lib.close();
  removeTempDirs();
});

/** "As-is" (the sales map), "To-be" (a step retitled, an input added, a step added, approved), and the map now (one more step). */
function history(): { map: MapDoc; versions: LanemapVersion[] } {
  const asIs = salesMap('h');
  const toBe = [
    cmd('updateStep', { stepId: 'h-qualify', patch: { title: 'Квалификация по BANT' } }),
    cmd('setStepItems', { stepId: 'h-qualify', kind: 'inputs', items: ['Заявка с сайта', 'Карточка лида', 'Бриф'] }),
    cmd('addStepAfter', { afterStepId: 'h-won', id: 'h-invoice', flowId: 'h-f6', kind: 'task', title: 'Выставить счёт' }),
    cmd('setStatus', { status: 'approved', by: 'Ирина', at: '2026-11-20T09:00:00.000Z' }),
  ].reduce(applyCommand, asIs);
  const map = applyCommand(toBe, cmd('addStepAfter', { afterStepId: 'h-invoice', id: 'h-paid', flowId: 'h-f7', kind: 'end', title: 'Оплата получена' }));
  return {
    map,
    versions: [
      { id: 'v2', name: 'Как должно быть', note: 'Согласовано', author: 'Ирина', kind: 'approved', createdAt: '2026-11-20T09:00:01.000Z', doc: toBe },
      { id: 'v1', name: 'Как есть', note: '', author: 'Анна', kind: 'manual', createdAt: '2026-11-10T15:30:00.000Z', doc: asIs },
    ],
  };
}

describe('writing and reading versions', () => {
  test('a map with two versions: the current schemaVersion, everything read back as written', () => {
    const { map, versions } = history();
    const text = toLanemapJson(map, { exportedAt: NOW, app: 'Lanemap test' }, versions);
    expect(JSON.parse(text)).toMatchObject({ format: 'lanemap', schemaVersion: LANEMAP_SCHEMA_VERSION, versions: [{ id: 'v2', name: 'Как должно быть' }, { id: 'v1' }] });
    expect(LANEMAP_SCHEMA_VERSION).toBe(6);
    expect(parseLanemapJson(text)).toEqual({ ok: true, doc: map, exportedAt: NOW, versions });
  });

  test('a version 1 file (no versions) is still read, with no versions', () => {
    const doc = salesMap('o');
    const text = JSON.stringify({ format: 'lanemap', schemaVersion: 1, exportedAt: NOW, app: 'Lanemap 0.1', map: doc });
    expect(parseLanemapJson(text)).toEqual({ ok: true, doc, exportedAt: NOW, versions: [] });
  });

  test('a version 1 file is imported as before', () => {
    const doc = salesMap('w');
    const text = JSON.stringify({ format: 'lanemap', schemaVersion: 1, exportedAt: NOW, map: doc });
    const summary = call(lib.services, 'maps:import', { text });
    expect(summary).toMatchObject({ title: doc.title, stepCount: 5 });
    expect(call(lib.services, 'versions:list', { mapId: summary.id })).toEqual([]);
  });

  const file = (versions: unknown) => JSON.stringify({ format: 'lanemap', schemaVersion: 2, exportedAt: NOW, map: history().map, versions });
  const good = () => history().versions as unknown as Record<string, unknown>[];
  const broken: [string, string, RegExp][] = [
    ['versions that are not a list', file({ v1: good()[0] }), /versions: must be a list/],
    ['a version without a name', file([{ ...good()[0], name: undefined }]), /versions\.0.*name/],
    ['a version with a blank name', file([{ ...good()[0], name: '  ' }]), /versions\.0.*name/],
    ['a version with an unknown kind', file([{ ...good()[0], kind: 'final' }]), /versions\.0.*kind/],
    ['a version with an id with a path', file([{ ...good()[0], id: '../x' }]), /versions\.0.*id/],
    ['a version with a 5,000-character note', file([{ ...good()[0], note: 'я'.repeat(5_000) }]), /versions\.0.*note/],
    ['a version with an extra field', file([{ ...good()[0], mapId: 'elsewhere' }]), /versions\.0/],
    ['a version without a map', file([{ ...good()[0], doc: undefined }]), /versions\.0.*doc/],
    [
      'a version whose map has a flow to a missing step',
      file([
        good()[0],
        { ...good()[1], doc: { ...(good()[1]!.doc as MapDoc), flows: { x: { id: 'x', fromStepId: 'h-lead', toStepId: 'ghost', label: '' } } } },
      ]),
      /versions\.1\.doc.*missing step/,
    ],
    ['two versions with one id', file([good()[0], { ...good()[1], id: 'v2' }]), /v2 is used twice/],
    [
      'more versions than allowed',
      file(Array.from({ length: MAX_IMPORT_VERSIONS + 1 }, (_, i) => ({ ...good()[1], id: `v${i}` }))),
      /at most 200 saved versions/,
    ],
  ];
  test.each(broken)('given %s, the whole file is refused and the library is unchanged', (_, text, message) => {
    const parsed = parseLanemapJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
    const before = snapshotTables(lib.db);
    const reply = dispatch(lib.services, 'maps:import', { text });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(snapshotTables(lib.db)).toEqual(before);
  });
});

describe('importing a map with versions', () => {
  test('the versions are stored with the map, newest first, under new ids shared with the map', () => {
    const { map, versions } = history();
    const text = toLanemapJson(map, { exportedAt: NOW }, versions);
    const one = call(lib.services, 'maps:import', { text });
    const two = call(lib.services, 'maps:import', { text });
    const imported = call(lib.services, 'maps:get', { id: one.id });
    const list = call(lib.services, 'versions:list', { mapId: one.id });
    expect(list.map((v) => [v.name, v.note, v.author, v.kind, v.createdAt, v.stepCount])).toEqual([
      ['Как должно быть', 'Согласовано', 'Ирина', 'approved', '2026-11-20T09:00:01.000Z', 6],
      ['Как есть', '', 'Анна', 'manual', '2026-11-10T15:30:00.000Z', 5],
    ]);
    expect(list.every((v) => v.id !== 'v1' && v.id !== 'v2' && v.mapId === one.id)).toBe(true);
    // the second import has versions of its own
    expect(call(lib.services, 'versions:list', { mapId: two.id }).some((v) => list.some((w) => w.id === v.id))).toBe(false);

    const toBe = call(lib.services, 'versions:get', { mapId: one.id, id: list[0]!.id }).doc;
    const asIs = call(lib.services, 'versions:get', { mapId: one.id, id: list[1]!.id }).doc;
    expect(toBe.id).toBe(one.id);
    expect(asIs.id).toBe(one.id);
    expect(Object.keys(imported.steps).some((id) => id.startsWith('h-'))).toBe(false);
    // an approved version keeps its approval; the imported map itself starts as a draft
    expect(toBe).toMatchObject({ status: 'approved', approval: { by: 'Ирина', at: '2026-11-20T09:00:00.000Z' } });
    expect(imported.status).toBeUndefined();

    // step by step, the versions compare with the imported map as the originals did
    const names = (doc: MapDoc, ids: string[]) => ids.map((id) => doc.steps[id]?.title);
    const original = compareMaps(versions[1]!.doc, map);
    const copy = compareMaps(asIs, imported);
    expect(names(imported, copy.steps.added)).toEqual(names(map, original.steps.added));
    expect(names(imported, copy.steps.added)).toEqual(['Выставить счёт', 'Оплата получена']);
    expect(copy.steps.changed.map((c) => [imported.steps[c.id]?.title, c.fields])).toEqual([['Квалификация по BANT', ['title', 'inputs']]]);
    expect(copy.steps.removed).toEqual([]);
    expect(compareMaps(toBe, imported).steps.added.map((id) => imported.steps[id]?.title)).toEqual(['Оплата получена']);
  });

  test('a stored map with versions, exported and imported again, keeps its versions', () => {
    const { map, versions } = history();
    const first = call(lib.services, 'maps:import', { text: toLanemapJson(map, { exportedAt: NOW }, versions) });
    const doc = call(lib.services, 'maps:get', { id: first.id });
    const stored = call(lib.services, 'versions:list', { mapId: first.id }).map((v) => {
      const { version, doc: d } = call(lib.services, 'versions:get', { mapId: first.id, id: v.id });
      return { ...version, doc: d };
    });
    const again = call(lib.services, 'maps:import', { text: toLanemapJson(doc, { exportedAt: NOW }, stored) });
    const list = call(lib.services, 'versions:list', { mapId: again.id });
    expect(list.map((v) => v.name)).toEqual(['Как должно быть', 'Как есть']);
    const asIs = call(lib.services, 'versions:get', { mapId: again.id, id: list[1]!.id }).doc;
    expect(compareMaps(asIs, call(lib.services, 'maps:get', { id: again.id })).steps.changed).toHaveLength(1);
  });
});
