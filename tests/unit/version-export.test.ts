/**
 * The renderer's `.lanemap.json` export with the map's saved versions (review/versionExport.ts),
 * against the real services: every version is in the file, newest first, and an import brings
 * them back; past the size limit the oldest are left out, and the user is told how many.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseLanemapJson } from '../../shared/export/lanemapJson';
import { applyCommand, cmd } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { lanemapJsonWithVersions } from '../../src-renderer/review/versionExport';
import { salesMap } from '../support/builders';
import { apiOver, call, openTempLibrary, removeTempDirs, storeMap, type TempLibrary } from '../support/library';

let lib: TempLibrary;
let doc: MapDoc;
beforeAll(() => {
  lib = openTempLibrary();
  doc = storeMap(lib.services, salesMap('x'));
  call(lib.services, 'versions:save', { mapId: doc.id, name: 'Как есть', note: 'до', author: 'Анна', kind: 'manual' });
  const next = applyCommand(doc, cmd('updateStep', { stepId: 'x-qualify', patch: { title: 'Квалификация по BANT' } }));
  call(lib.services, 'maps:applyChanges', { id: doc.id, changes: diffMaps(doc, next) });
  call(lib.services, 'versions:save', { mapId: doc.id, name: 'Как должно быть', note: '', author: 'Анна', kind: 'approved' });
  doc = call(lib.services, 'maps:get', { id: doc.id });
});
afterAll(() => {
  lib.close();
  removeTempDirs();
});

describe('exporting a map with its versions', () => {
  test('every saved version is in the file, newest first, and comes back with an import', async () => {
    const { text, notice } = await lanemapJsonWithVersions(apiOver(lib.services), doc, { exportedAt: '2026-11-26T12:00:00.000Z' });
    expect(notice).toBeUndefined();
    const parsed = parseLanemapJson(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.doc).toEqual(doc);
    expect(parsed.versions.map((v) => [v.name, v.kind, v.doc.steps['x-qualify']?.title])).toEqual([
      ['Как должно быть', 'approved', 'Квалификация по BANT'],
      ['Как есть', 'manual', 'Квалификация лида'],
    ]);
    const imported = call(lib.services, 'maps:import', { text });
    expect(call(lib.services, 'versions:list', { mapId: imported.id }).map((v) => v.name)).toEqual(['Как должно быть', 'Как есть']);
  });

  test('a file that would be too large leaves the oldest versions out and says how many', async () => {
    const full = await lanemapJsonWithVersions(apiOver(lib.services), doc, { exportedAt: '2026-11-26T12:00:00.000Z' });
    const oneVersion = JSON.stringify(JSON.parse(full.text).versions[1]).length;
    const { text, notice } = await lanemapJsonWithVersions(
      apiOver(lib.services),
      doc,
      { exportedAt: '2026-11-26T12:00:00.000Z' },
      full.text.length - oneVersion,
    );
    const parsed = parseLanemapJson(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.versions.map((v) => v.name)).toEqual(['Как должно быть']);
    expect(notice).toBe('1 oldest saved version was left out so that the file stays under 20 MB.');
  });
});
