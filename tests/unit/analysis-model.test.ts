/**
 * The analysis fields (issue 10, part 4): a step's wait time, RACI letters and outside parties,
 * the map's findings set aside and rules switched off. Each goes through the usual path:
 * commands (with undo as the previous document), the row diff, storage (migration 5), the
 * `.lanemap.json` file (version 3, older versions still read) and copies with new ids.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cloneWithNewIds } from '../../shared/model/clone';
import { applyCommand, cmd, dismissalKey, type Command } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import { rebaseDoc, remoteChanges } from '../../shared/model/rebase';
import { MapDocSchema } from '../../shared/model/schema';
import type { Dismissal, MapDoc } from '../../shared/model/types';
import { LANEMAP_SCHEMA_VERSION, parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { openLibrary, type Db } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { content, salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, type TempLibrary } from '../support/library';

const run = (doc: MapDoc, ...commands: Command[]) => commands.reduce(applyCommand, doc);
const NOW = '2026-11-30T09:00:00.000Z';
const dismissal = (over: Partial<Dismissal> = {}): Dismissal => ({
  rule: 'task-without-duration',
  targetKind: 'step',
  targetId: 's-offer',
  reason: 'Согласование занимает по-разному',
  by: 'Ольга',
  at: NOW,
  ...over,
});

/** The sales map with every analysis field set. */
function analysed(): MapDoc {
  return run(
    salesMap(),
    cmd('updateStep', { stepId: 's-offer', patch: { wait: { value: 2, unit: 'd' } } }),
    cmd('setRaci', { stepId: 's-qualify', roleId: 's-head', letter: 'A' }),
    cmd('setRaci', { stepId: 's-qualify', roleId: 's-client', letter: 'I' }),
    cmd('setItemParty', { stepId: 's-qualify', kind: 'inputs', item: 'Заявка с сайта', party: 'Клиент' }),
    cmd('dismissFinding', { dismissal: dismissal() }),
    cmd('setRuleEnabled', { rule: 'unused-output', enabled: false }),
  );
}

const libs: TempLibrary[] = [];
const dbs: Db[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const l of libs.splice(0)) l.close();
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  removeTempDirs();
});

describe('commands', () => {
  test('a wait time is set and cleared; the document stays valid', () => {
    const doc = analysed();
    expect(doc.steps['s-offer']!.wait).toEqual({ value: 2, unit: 'd' });
    expect(MapDocSchema.safeParse(doc).success).toBe(true);
    const cleared = run(doc, cmd('updateStep', { stepId: 's-offer', patch: { wait: null } }));
    expect('wait' in cleared.steps['s-offer']!).toBe(false);
  });

  test('one A per step: setting A on another role moves it; the own role takes A but not C or I', () => {
    let doc = analysed();
    doc = run(doc, cmd('setRaci', { stepId: 's-qualify', roleId: 's-manager', letter: 'A' }));
    expect(doc.steps['s-qualify']!.raci).toEqual({ 's-manager': 'A', 's-client': 'I' });
    expect(() => run(doc, cmd('setRaci', { stepId: 's-qualify', roleId: 's-manager', letter: 'C' }))).toThrow(/responsible/);
    doc = run(doc, cmd('setRaci', { stepId: 's-qualify', roleId: 's-client', letter: null }), cmd('setRaci', { stepId: 's-qualify', roleId: 's-manager', letter: null }));
    expect('raci' in doc.steps['s-qualify']!).toBe(false);
  });

  test('a step moved to a lane that was C drops the C (that lane is R now); removing a lane drops its letters', () => {
    let doc = run(analysed(), cmd('setRaci', { stepId: 's-qualify', roleId: 's-client', letter: 'C' }));
    doc = run(doc, cmd('setStepRole', { stepId: 's-qualify', roleId: 's-client' }));
    expect(doc.steps['s-qualify']!.raci).toEqual({ 's-head': 'A' });
    doc = run(doc, cmd('removeRole', { roleId: 's-head', moveStepsTo: 's-manager' }));
    expect(doc.steps['s-qualify']!.raci).toBeUndefined();
    expect(MapDocSchema.safeParse(doc).success).toBe(true);
  });

  test('outside parties: matched by normalised text, replaced, cleared, and dropped with their item', () => {
    let doc = analysed();
    doc = run(doc, cmd('setItemParty', { stepId: 's-qualify', kind: 'inputs', item: '  заявка С САЙТА ', party: 'Клиент (сайт)' }));
    expect(doc.steps['s-qualify']!.parties).toEqual([{ kind: 'inputs', item: 'заявка С САЙТА', party: 'Клиент (сайт)' }]);
    expect(() => run(doc, cmd('setItemParty', { stepId: 's-qualify', kind: 'outputs', item: 'Нет такого', party: 'Банк' }))).toThrow(/no such item/);
    doc = run(doc, cmd('setStepItems', { stepId: 's-qualify', kind: 'inputs', items: ['Карточка лида'] }));
    expect(doc.steps['s-qualify']!.parties).toBeUndefined();
  });

  test('a dismissal replaces an earlier one of the same finding, needs a reason, and is taken back by its key', () => {
    let doc = analysed();
    doc = run(doc, cmd('dismissFinding', { dismissal: dismissal({ reason: 'Другая причина' }) }));
    expect(doc.dismissed).toHaveLength(1);
    expect(doc.dismissed![0]!.reason).toBe('Другая причина');
    expect(() => run(doc, cmd('dismissFinding', { dismissal: dismissal({ reason: '   ' }) }))).toThrow(/why/);
    doc = run(doc, cmd('restoreFinding', { key: dismissalKey(dismissal()) }));
    expect(doc.dismissed).toBeUndefined();
    doc = run(doc, cmd('setRuleEnabled', { rule: 'unused-output', enabled: true }));
    expect(doc.rulesOff).toBeUndefined();
  });

  test('dismissals and rule switches do not make an approved map a draft; a wait time does', () => {
    const approved = run(salesMap(), cmd('setStatus', { status: 'approved', by: 'Ольга', at: NOW }));
    expect(run(approved, cmd('dismissFinding', { dismissal: dismissal() })).status).toBe('approved');
    expect(run(approved, cmd('setRuleEnabled', { rule: 'dead-end', enabled: false })).status).toBe('approved');
    expect(run(approved, cmd('updateStep', { stepId: 's-offer', patch: { wait: { value: 1, unit: 'h' } } })).status).toBeUndefined();
  });
});

describe('storage', () => {
  test('every analysis field survives a write and a read, and an undo writes the fields back as they were', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const stored = storeMap(lib.services, salesMap());
    const edited = run(
      stored,
      cmd('updateStep', { stepId: 's-offer', patch: { wait: { value: 2, unit: 'd' } } }),
      cmd('setRaci', { stepId: 's-qualify', roleId: 's-head', letter: 'A' }),
      cmd('setItemParty', { stepId: 's-qualify', kind: 'inputs', item: 'Заявка с сайта', party: 'Клиент' }),
      cmd('dismissFinding', { dismissal: dismissal() }),
      cmd('setRuleEnabled', { rule: 'unused-output', enabled: false }),
    );
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(stored, edited) });
    const read = call(lib.services, 'maps:get', { id: stored.id });
    expect(content({ ...read, updatedAt: edited.updatedAt })).toEqual(content(edited));
    // undo: the difference back to the first document
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(read, stored) });
    const undone = call(lib.services, 'maps:get', { id: stored.id });
    expect(undone.steps['s-offer']!.wait).toBeUndefined();
    expect(undone.steps['s-qualify']!.raci).toBeUndefined();
    expect(undone.steps['s-qualify']!.parties).toBeUndefined();
    expect(undone.dismissed).toBeUndefined();
    expect(undone.rulesOff).toBeUndefined();
  });

  test('a RACI letter of a lane deleted by another editor is not read back (the map stays valid)', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const stored = storeMap(lib.services, analysed());
    lib.db.prepare("UPDATE steps SET role_id = 's-manager' WHERE role_id = 's-head'").run();
    lib.db.prepare("DELETE FROM roles WHERE id = 's-head'").run();
    const read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.steps['s-qualify']!.raci).toEqual({ 's-client': 'I' });
    expect(MapDocSchema.safeParse(read).success).toBe(true);
  });

  test('a version-4 library is migrated (backup first): steps and maps read as before, without analysis fields', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-mig5-'));
    dirs.push(dir);
    const file = path.join(dir, 'lanemap.sqlite');
    const v4 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version <= 4),
    ).db;
    v4.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('m', 'Продажи', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO roles VALUES ('r', 'm', 'Менеджер', '#2f80ed', 0);
      INSERT INTO steps (id, map_id, role_id, kind, title, x, y, duration_value, duration_unit) VALUES ('a', 'm', 'r', 'task', 'Квалификация', 0, 40, 30, 'min');
      INSERT INTO step_items (step_id, kind, position, label) VALUES ('a', 'input', 0, 'Заявка');
    `);
    v4.close();
    const { db, backupPath } = openLibrary(file);
    dbs.push(db);
    expect(backupPath && fs.existsSync(backupPath)).toBeTruthy();
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    const doc = createMapRepository(db).read('m');
    expect(doc.steps.a).toMatchObject({ title: 'Квалификация', duration: { value: 30, unit: 'min' }, inputs: ['Заявка'] });
    expect(doc.steps.a!.wait).toBeUndefined();
    expect(doc.dismissed).toBeUndefined();
    expect(MapDocSchema.safeParse(doc).success).toBe(true);
  });

  test('a damaged JSON column reads as not set, not as a map that cannot open', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const stored = storeMap(lib.services, analysed());
    lib.db.prepare("UPDATE steps SET raci = '{not json' WHERE id = 's-qualify'").run();
    lib.db.prepare("UPDATE maps SET dismissed = '[{\"rule\":1}]' WHERE id = ?").run(stored.id);
    const read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.steps['s-qualify']!.raci).toBeUndefined();
    expect(read.dismissed).toBeUndefined();
    expect(read.rulesOff).toEqual(['unused-output']);
  });
});

describe('files and copies', () => {
  test('.lanemap.json (version 3 on) carries the analysis fields; a version-2 file without them is still read', () => {
    const doc = analysed();
    const text = toLanemapJson(doc, { exportedAt: NOW });
    expect(JSON.parse(text).schemaVersion).toBe(LANEMAP_SCHEMA_VERSION);
    const back = parseLanemapJson(text);
    expect(back.ok && content(back.doc)).toEqual(content(doc));
    const v2 = JSON.stringify({ format: 'lanemap', schemaVersion: 2, exportedAt: NOW, map: salesMap(), versions: [] });
    const old = parseLanemapJson(v2);
    expect(old.ok).toBe(true);
  });

  test('a file with a RACI letter for a lane it does not have, or a bad letter, is refused in words', () => {
    const doc = analysed();
    const bad = structuredClone(doc);
    bad.steps['s-qualify']!.raci = { ghost: 'A' };
    const r1 = parseLanemapJson(toLanemapJson(bad, { exportedAt: NOW }));
    expect(r1.ok ? '' : r1.message).toMatch(/unknown role ghost/);
    const worse = JSON.parse(toLanemapJson(doc, { exportedAt: NOW }));
    worse.map.steps['s-qualify'].raci = { 's-head': 'X' };
    expect(parseLanemapJson(JSON.stringify(worse)).ok).toBe(false);
  });

  test('a copy with new ids keeps RACI letters on the copied lanes and dismissals on the copied steps', () => {
    const doc = analysed();
    const copy = cloneWithNewIds(doc, { now: NOW });
    const qualify = Object.values(copy.steps).find((s) => s.title === 'Квалификация лида')!;
    const head = Object.values(copy.roles).find((r) => r.name.startsWith('Руководитель'))!;
    expect(qualify.raci).toEqual({ [head.id]: 'A', [Object.values(copy.roles).find((r) => r.name === 'Клиент')!.id]: 'I' });
    const offer = Object.values(copy.steps).find((s) => s.title === 'Согласование скидки')!;
    expect(copy.dismissed).toEqual([{ ...dismissal(), targetId: offer.id }]);
    expect(copy.rulesOff).toEqual(['unused-output']);
    expect(MapDocSchema.safeParse(copy).success).toBe(true);
  });
});

describe('two editors', () => {
  test('findings dismissed and rules switched off in two windows at once all count (no conflict); a dismissal taken back in one is gone', () => {
    const base = run(salesMap(), cmd('dismissFinding', { dismissal: dismissal({ targetId: 's-qualify' }) }));
    const mine = run(
      base,
      cmd('dismissFinding', { dismissal: dismissal() }),
      cmd('restoreFinding', { key: dismissalKey(dismissal({ targetId: 's-qualify' })) }),
    );
    const theirs = run(
      base,
      cmd('dismissFinding', { dismissal: dismissal({ rule: 'empty-lane', targetKind: 'role', targetId: 's-head', reason: 'Руководитель смотрит отчёты' }) }),
      cmd('setRuleEnabled', { rule: 'unused-output', enabled: false }),
    );
    const { doc, conflicts } = rebaseDoc(mine, remoteChanges(base, theirs));
    expect(conflicts).toEqual([]);
    expect((doc.dismissed ?? []).map(dismissalKey).sort()).toEqual([dismissalKey(dismissal({ rule: 'empty-lane', targetKind: 'role', targetId: 's-head' })), dismissalKey(dismissal())].sort());
    expect(doc.rulesOff).toEqual(['unused-output']);
  });
});
