/**
 * The optimisation toolkit's model (issue 17): KPIs, automation, decision shares, Lean wastes,
 * the SWOT board and the review cycle, through commands, storage (migration 6 with its backup),
 * `.lanemap.json` 4, copies, comparison and a second editor's changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LANEMAP_SCHEMA_VERSION, parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { cloneWithNewIds } from '../../shared/model/clone';
import { addMonths, applyCommand, changesContent, cmd, type Command } from '../../shared/model/commands';
import { compareMaps } from '../../shared/model/compare';
import { diffMaps } from '../../shared/model/diff';
import { rebaseDoc, remoteChanges } from '../../shared/model/rebase';
import { MapDocSchema } from '../../shared/model/schema';
import type { Kpi, MapDoc } from '../../shared/model/types';
import { openLibrary, type Db } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { content, salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, type TempLibrary } from '../support/library';

const run = (doc: MapDoc, ...commands: Command[]) => commands.reduce(applyCommand, doc);
const NOW = '2026-11-30T09:00:00.000Z';

const conversion: Kpi = { id: 'k1', name: 'Конверсия лид → сделка', unit: '%', target: 15, current: 12, better: 'higher' };
const response: Kpi = { id: 'k2', name: 'Время ответа на заявку', unit: 'ч', target: 2, current: 5, better: 'lower' };

/** The sales map with a phase and every optimisation field set. */
function optimised(): MapDoc {
  const base = run(salesMap(), cmd('addPhase', { id: 'p-deal', name: 'Сделка' }), cmd('setStepPhase', { stepId: 's-qualify', phaseId: 'p-deal' }));
  return run(
    base,
    cmd('setKpis', { target: { kind: 'phase', id: 'p-deal' }, kpis: [conversion] }),
    cmd('setKpis', { target: { kind: 'step', id: 's-qualify' }, kpis: [response] }),
    cmd('updateStep', { stepId: 's-qualify', patch: { automation: 'partial', system: ' CRM ' } }),
    cmd('setFlowShare', { flowId: 's-f4', share: 70 }),
    cmd('markPainPoint', { id: 'pp1', stepId: 's-offer', kind: 'waiting', at: NOW }),
    cmd('addSwotNote', { id: 'n1', quadrant: 'weaknesses', text: 'Скидку ждут по два дня', stepIds: ['s-offer'] }),
    cmd('addSwotNote', { id: 'n2', quadrant: 'strengths', text: 'Все лиды в CRM' }),
    cmd('setReviewCycle', { everyMonths: 3 }),
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
  test('the optimised map is a valid document; manual clears the automation mark, an empty system clears the system', () => {
    const doc = optimised();
    expect(MapDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.steps['s-qualify']).toMatchObject({ automation: 'partial', system: 'CRM', kpis: [response] });
    const manual = run(doc, cmd('updateStep', { stepId: 's-qualify', patch: { automation: 'manual', system: '' } }));
    expect('automation' in manual.steps['s-qualify']!).toBe(false);
    expect('system' in manual.steps['s-qualify']!).toBe(false);
  });

  test('KPIs: names are trimmed, nameless ones dropped, an empty list removes them; too many are refused', () => {
    const doc = run(
      optimised(),
      cmd('setKpis', { target: { kind: 'phase', id: 'p-deal' }, kpis: [{ ...conversion, name: '  Конверсия  ', unit: ' % ' }, { ...response, id: 'k9', name: '   ' }] }),
    );
    expect(doc.phases['p-deal']!.kpis).toEqual([{ ...conversion, name: 'Конверсия', unit: '%' }]);
    const cleared = run(doc, cmd('setKpis', { target: { kind: 'phase', id: 'p-deal' }, kpis: [] }));
    expect('kpis' in cleared.phases['p-deal']!).toBe(false);
    const many = Array.from({ length: 31 }, (_, i) => ({ ...conversion, id: `k${i}` }));
    expect(() => run(doc, cmd('setKpis', { target: { kind: 'step', id: 's-offer' }, kpis: many }))).toThrow(/At most 30/);
    expect(() => run(doc, cmd('setKpis', { target: { kind: 'phase', id: 'nope' }, kpis: [] }))).toThrow(/no phase/);
  });

  test('a decision share is a percentage 0-100; null clears it', () => {
    const doc = optimised();
    expect(doc.flows['s-f4']!.share).toBe(70);
    expect(() => run(doc, cmd('setFlowShare', { flowId: 's-f4', share: 120 }))).toThrow(/0 to 100/);
    expect(() => run(doc, cmd('setFlowShare', { flowId: 's-f4', share: Number.NaN }))).toThrow(/0 to 100/);
    expect('share' in run(doc, cmd('setFlowShare', { flowId: 's-f4', share: null })).flows['s-f4']!).toBe(false);
  });

  test('SWOT: notes are added in order, moved within and between quadrants, edited, linked and deleted', () => {
    let doc = run(
      optimised(),
      cmd('addSwotNote', { id: 'n3', quadrant: 'weaknesses', text: 'КП вручную' }),
      cmd('addSwotNote', { id: 'n4', quadrant: 'weaknesses', text: 'Первая', index: 0 }),
    );
    const inQuadrant = (d: MapDoc, q: string) => (d.swot ?? []).filter((n) => n.quadrant === q).map((n) => n.id);
    expect(inQuadrant(doc, 'weaknesses')).toEqual(['n4', 'n1', 'n3']);
    doc = run(doc, cmd('moveSwotNote', { id: 'n3', quadrant: 'weaknesses', index: 0 }));
    expect(inQuadrant(doc, 'weaknesses')).toEqual(['n3', 'n4', 'n1']);
    doc = run(doc, cmd('moveSwotNote', { id: 'n1', quadrant: 'threats', index: 5 }));
    expect(inQuadrant(doc, 'threats')).toEqual(['n1']);
    expect(doc.swot!.find((n) => n.id === 'n1')!.stepIds).toEqual(['s-offer']);
    doc = run(doc, cmd('editSwotNote', { id: 'n1', text: '  Согласование скидки тормозит сделку ' }));
    expect(doc.swot!.find((n) => n.id === 'n1')!.text).toBe('Согласование скидки тормозит сделку');
    expect(() => run(doc, cmd('editSwotNote', { id: 'n1', text: '   ' }))).toThrow(/Write something/);
    doc = run(doc, cmd('linkSwotNote', { id: 'n2', stepIds: ['s-qualify', 's-qualify', 'missing'] }));
    expect(doc.swot!.find((n) => n.id === 'n2')!.stepIds).toEqual(['s-qualify']);
    doc = run(doc, cmd('deleteSwotNote', { id: 'n2' }));
    expect(doc.swot!.map((n) => n.id)).not.toContain('n2');
    expect(MapDocSchema.safeParse(doc).success).toBe(true);
  });

  test('deleting a step unlinks it from SWOT notes (the note stays); undo is the previous document', () => {
    const doc = optimised();
    const after = run(doc, cmd('deleteElements', { stepIds: ['s-offer'], flowIds: [] }));
    expect(after.swot!.find((n) => n.id === 'n1')).toMatchObject({ text: 'Скидку ждут по два дня', stepIds: [] });
    expect(doc.swot!.find((n) => n.id === 'n1')!.stepIds).toEqual(['s-offer']);
    expect(MapDocSchema.safeParse(after).success).toBe(true);
  });

  test('approving sets the next review after the map’s cycle (default 6 months; 0: none); month ends are kept in range', () => {
    const approve = (d: MapDoc, at: string) => run(d, cmd('setStatus', { status: 'approved', by: 'Ольга', at }));
    expect(approve(optimised(), NOW).nextReview).toBe('2027-02-28');
    expect(approve(salesMap(), '2026-08-31T10:00:00.000Z').nextReview).toBe('2027-02-28');
    expect(approve(salesMap(), '2027-08-31T10:00:00.000Z').nextReview).toBe('2028-02-29');
    const never = run(salesMap(), cmd('setReviewCycle', { everyMonths: 0, nextReview: '2027-01-15' }));
    expect('nextReview' in approve(never, NOW)).toBe(false);
    expect(addMonths('2026-11-30', 14)).toBe('2028-01-30');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  test('the review cycle refuses what is not a whole number of months or a real date', () => {
    const doc = salesMap();
    expect(() => run(doc, cmd('setReviewCycle', { everyMonths: 1.5 }))).toThrow(/months/);
    expect(() => run(doc, cmd('setReviewCycle', { everyMonths: 121 }))).toThrow(/months/);
    expect(() => run(doc, cmd('setReviewCycle', { nextReview: '2027-02-30' }))).toThrow(/YYYY-MM-DD/);
    expect(() => run(doc, cmd('setReviewCycle', { nextReview: '30.05.2027' }))).toThrow(/YYYY-MM-DD/);
    const set = run(doc, cmd('setReviewCycle', { everyMonths: 12, nextReview: '2027-05-30' }));
    expect(set).toMatchObject({ reviewEveryMonths: 12, nextReview: '2027-05-30' });
    const cleared = run(set, cmd('setReviewCycle', { everyMonths: null, nextReview: null }));
    expect('reviewEveryMonths' in cleared || 'nextReview' in cleared).toBe(false);
  });

  test('SWOT and review edits leave an approved map approved; KPI and automation edits make it a draft again', () => {
    const approved = run(optimised(), cmd('setStatus', { status: 'approved', by: 'Ольга', at: NOW }));
    expect(run(approved, cmd('addSwotNote', { id: 'n9', quadrant: 'threats', text: 'Демпинг' })).status).toBe('approved');
    expect(run(approved, cmd('setReviewCycle', { everyMonths: 12 })).status).toBe('approved');
    expect(run(approved, cmd('setKpis', { target: { kind: 'phase', id: 'p-deal' }, kpis: [{ ...conversion, current: 16 }] })).status).toBeUndefined();
    expect(run(approved, cmd('updateStep', { stepId: 's-offer', patch: { automation: 'auto' } })).status).toBeUndefined();
    expect(changesContent(cmd('markPainPoint', { id: 'x', stepId: 's-offer', kind: 'talent', at: NOW }))).toBe(false);
  });
});

describe('storage', () => {
  test('every optimisation field is stored and read back as written', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const doc = optimised();
    const stored = storeMap(lib.services, doc);
    expect(content({ ...stored, id: doc.id })).toEqual(content(doc));
    const summary = call(lib.services, 'maps:list', {}).find((m) => m.id === stored.id)!;
    expect(summary).toMatchObject({ nextReview: null, owner: '' });
  });

  test('the next review and the owner are in the library listing; an approval through storage keeps the date', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const doc = run(optimised(), cmd('setMapProperties', { owner: 'Ольга Петрова' }));
    const stored = storeMap(lib.services, doc);
    const approved = run(stored, cmd('setStatus', { status: 'approved', by: 'Ольга Петрова', at: NOW }));
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(stored, approved) });
    const summary = call(lib.services, 'maps:list', {}).find((m) => m.id === stored.id)!;
    expect(summary).toMatchObject({ owner: 'Ольга Петрова', nextReview: '2027-02-28', status: 'approved' });
  });

  test('damaged JSON in the KPI and SWOT columns reads as not set, not as a map that cannot open', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const stored = storeMap(lib.services, optimised());
    lib.db.prepare("UPDATE phases SET kpis = '[{\"id\":1}]' WHERE id = 'p-deal'").run();
    lib.db.prepare("UPDATE steps SET kpis = '{oops' WHERE id = 's-qualify'").run();
    lib.db.prepare("UPDATE maps SET swot = 'null', next_review = '2027-02-30' WHERE id = ?").run(stored.id);
    const read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.phases['p-deal']!.kpis).toBeUndefined();
    expect(read.steps['s-qualify']!.kpis).toBeUndefined();
    expect(read.steps['s-qualify']!.automation).toBe('partial');
    expect(read.swot).toBeUndefined();
    expect(read.nextReview).toBeUndefined();
    expect(read.reviewEveryMonths).toBe(3);
  });

  test('a SWOT link to a step another editor deleted is not read back', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const stored = storeMap(lib.services, optimised());
    lib.db.prepare("DELETE FROM steps WHERE id = 's-offer'").run();
    const read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.swot!.find((n) => n.id === 'n1')!.stepIds).toEqual([]);
    expect(MapDocSchema.safeParse(read).success).toBe(true);
  });

  test('a version-5 library is migrated (backup first): pain points are kept and the Lean wastes can be stored', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-mig6-'));
    dirs.push(dir);
    const file = path.join(dir, 'lanemap.sqlite');
    const v5 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version <= 5),
    ).db;
    v5.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('m', 'Продажи', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO roles VALUES ('r', 'm', 'Менеджер', '#2f80ed', 0);
      INSERT INTO phases VALUES ('p', 'm', 'Сделка', 0);
      INSERT INTO steps (id, map_id, role_id, phase_id, kind, title, x, y, duration_value, duration_unit) VALUES ('a', 'm', 'r', 'p', 'task', 'Квалификация', 0, 40, 30, 'min');
    `);
    v5.exec(`INSERT INTO pain_points (id, map_id, step_id, kind, votes, created_at) VALUES ('pp', 'm', 'a', 'bottleneck', 3, '2026-01-02T00:00:00.000Z')`);
    expect(() => v5.exec(`INSERT INTO pain_points (id, map_id, step_id, kind, votes, created_at) VALUES ('pw', 'm', 'a', 'waiting', 1, '2026-01-02T00:00:00.000Z')`)).toThrow(
      /CHECK/,
    );
    v5.close();
    const { db, backupPath } = openLibrary(file);
    dbs.push(db);
    expect(backupPath && fs.existsSync(backupPath)).toBeTruthy();
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    const repo = createMapRepository(db);
    const doc = repo.read('m');
    expect(doc.painPoints.pp).toMatchObject({ kind: 'bottleneck', votes: 3, stepId: 'a' });
    expect(doc.phases.p).toEqual({ id: 'p', name: 'Сделка', order: 0 });
    expect(doc.steps.a!.automation).toBeUndefined();
    expect(doc.swot).toBeUndefined();
    expect(doc.nextReview).toBeUndefined();
    expect(MapDocSchema.safeParse(doc).success).toBe(true);
    // the new kinds are accepted, and the foreign keys still hold (a pain point goes with its step)
    db.exec(`INSERT INTO pain_points (id, map_id, step_id, kind, votes, created_at) VALUES ('pw', 'm', 'a', 'waiting', 1, '2026-01-02T00:00:00.000Z')`);
    expect(() => db.exec(`INSERT INTO pain_points (id, map_id, step_id, kind, votes, created_at) VALUES ('px', 'm', 'a', 'laziness', 1, '2026-01-02T00:00:00.000Z')`)).toThrow(/CHECK/);
    db.exec(`DELETE FROM steps WHERE id = 'a'`);
    expect(db.prepare('SELECT COUNT(*) AS n FROM pain_points').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('files, copies, versions and two editors', () => {
  test('.lanemap.json 4 carries every optimisation field; a version-3 file without them is still read', () => {
    const doc = optimised();
    const text = toLanemapJson(doc, { exportedAt: NOW });
    expect(LANEMAP_SCHEMA_VERSION).toBe(6);
    const back = parseLanemapJson(text);
    expect(back.ok && content(back.doc)).toEqual(content(doc));
    const v3 = JSON.stringify({ format: 'lanemap', schemaVersion: 3, exportedAt: NOW, map: salesMap(), versions: [] });
    const old = parseLanemapJson(v3);
    expect(old.ok && content(old.doc)).toEqual(content(salesMap()));
  });

  test('a file with a SWOT link to a missing step, an impossible review date or a KPI target that is text is refused with a message', () => {
    const file = (map: unknown) => JSON.stringify({ format: 'lanemap', schemaVersion: 4, exportedAt: NOW, map, versions: [] });
    const doc = optimised();
    const bad = [
      { ...doc, swot: [{ id: 'n1', quadrant: 'weaknesses', text: 'x', stepIds: ['ghost'] }] },
      { ...doc, nextReview: '2027-02-30' },
      { ...doc, phases: { ...doc.phases, 'p-deal': { ...doc.phases['p-deal']!, kpis: [{ ...conversion, target: '15' }] } } },
      { ...doc, swot: [{ id: 'n1', quadrant: 'luck', text: 'x', stepIds: [] }] },
    ];
    for (const map of bad) {
      const r = parseLanemapJson(file(map));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/damaged/);
    }
  });

  test('a copy keeps KPIs, automation, wastes and the board (linked to the copy’s steps) but not the next review', () => {
    const approved = run(optimised(), cmd('setStatus', { status: 'approved', by: 'Ольга', at: NOW }));
    const copy = cloneWithNewIds(approved, { title: 'Копия', now: NOW });
    const offer = Object.values(copy.steps).find((s) => s.title === 'Согласование скидки')!;
    expect(copy.swot!.find((n) => n.text === 'Скидку ждут по два дня')!.stepIds).toEqual([offer.id]);
    expect(Object.values(copy.phases)[0]!.kpis).toEqual([conversion]);
    expect(Object.values(copy.painPoints)[0]).toMatchObject({ kind: 'waiting', stepId: offer.id });
    expect(copy.reviewEveryMonths).toBe(3);
    expect(copy.nextReview).toBeUndefined();
    expect(MapDocSchema.safeParse(copy).success).toBe(true);
  });

  test('comparing versions names KPI, automation, share, board and review changes', () => {
    const older = optimised();
    const newer = run(
      older,
      cmd('setKpis', { target: { kind: 'phase', id: 'p-deal' }, kpis: [{ ...conversion, current: 16 }] }),
      cmd('setKpis', { target: { kind: 'step', id: 's-qualify' }, kpis: [] }),
      cmd('updateStep', { stepId: 's-offer', patch: { automation: 'auto', system: '1С' } }),
      cmd('setFlowShare', { flowId: 's-f4', share: 60 }),
      cmd('addSwotNote', { id: 'n7', quadrant: 'opportunities', text: 'Автоматическое согласование скидок до 5 %' }),
      cmd('setReviewCycle', { everyMonths: 12 }),
    );
    const c = compareMaps(older, newer);
    expect(c.same).toBe(false);
    expect(c.phases.kpis).toEqual(['p-deal']);
    // reading order: the step outside any phase sits in the column in front
    expect(c.steps.changed).toEqual([
      { id: 's-offer', fields: ['automation'] },
      { id: 's-qualify', fields: ['kpis'] },
    ]);
    expect(c.flows.changed).toEqual([{ id: 's-f4', fields: ['share'] }]);
    expect(c.map).toEqual(['swot', 'review']);
    expect(compareMaps(older, structuredClone(older)).same).toBe(true);
  });

  test('two facilitators adding SWOT notes at the same time both keep theirs; a KPI edit on another step merges', () => {
    const base = optimised();
    const theirs = run(base, cmd('addSwotNote', { id: 'their', quadrant: 'threats', text: 'Новый конкурент' }), cmd('updateStep', { stepId: 's-offer', patch: { automation: 'auto' } }));
    const mine = run(base, cmd('addSwotNote', { id: 'mine', quadrant: 'opportunities', text: 'Онлайн-оплата' }), cmd('setKpis', { target: { kind: 'step', id: 's-qualify' }, kpis: [] }));
    const { doc, conflicts } = rebaseDoc(mine, remoteChanges(base, theirs));
    expect(conflicts).toEqual([]);
    expect(doc.swot!.map((n) => n.id).sort()).toEqual(['mine', 'n1', 'n2', 'their']);
    expect(doc.steps['s-offer']!.automation).toBe('auto');
    expect(doc.steps['s-qualify']!.kpis).toBeUndefined();
  });
});
