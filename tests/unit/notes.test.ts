/** Notes on the canvas and "same width": commands and undo, schema, storage, migration 8, two windows, SVG export. */
import { afterEach, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { applyCommand, cmd, CommandError } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import { mapGeometry, stepSize, STEP_MAX_WIDTH } from '../../shared/model/geometry';
import { rebaseDoc, remoteChanges } from '../../shared/model/rebase';
import { MapChangesSchema, MapDocSchema } from '../../shared/model/schema';
import { LIMITS, type MapDoc } from '../../shared/model/types';
import { compareMaps } from '../../shared/model/compare';
import { cloneWithNewIds } from '../../shared/model/clone';
import { renderMapSvg } from '../../shared/export/svg';
import { parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { openLibrary } from '../../src-main/storage/database';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, tempDir, type TempLibrary } from '../support/library';

const libs: TempLibrary[] = [];
afterEach(() => {
  for (const l of libs.splice(0)) l.close();
  removeTempDirs();
});

const run = (doc: MapDoc, ...commands: Parameters<typeof applyCommand>[1][]) => commands.reduce(applyCommand, doc);

describe('note commands', () => {
  test('a sticky note and an annotation are added, edited, moved, resized and deleted; the document before is untouched (undo)', () => {
    const doc = salesMap('n');
    const a = run(doc, cmd('addNote', { id: 'n1', x: 100, y: -80, text: 'Проверить скидку' }), cmd('addNote', { id: 'n2', x: 40, y: -70, stepId: 'n-qualify' }));
    expect(a.notes).toEqual({ n1: { id: 'n1', text: 'Проверить скидку', x: 100, y: -80 }, n2: { id: 'n2', text: '', x: 40, y: -70, stepId: 'n-qualify' } });
    expect(doc.notes).toBeUndefined();
    const b = run(a, cmd('editNote', { id: 'n2', text: 'Звонок в течение часа' }), cmd('moveNotes', { moves: [{ id: 'n1', x: 300.4, y: -90 }] }), cmd('resizeNote', { id: 'n1', width: 260 }));
    expect(b.notes!.n2!.text).toBe('Звонок в течение часа');
    expect(b.notes!.n1).toMatchObject({ x: 300, y: -90, width: 260 });
    expect(a.notes!.n1).toMatchObject({ x: 100, y: -80 });
    const c = run(b, cmd('deleteNotes', { ids: ['n1', 'n2'] }));
    expect(c.notes).toBeUndefined();
  });

  test('a note is content: it makes an approved map a draft', () => {
    const approved = run(salesMap('n'), cmd('setStatus', { status: 'approved', by: 'Ольга', at: '2026-03-02T10:00:00.000Z' }));
    expect(approved.status).toBe('approved');
    expect(run(approved, cmd('addNote', { id: 'n1', x: 0, y: 0, text: 'x' })).status).toBeUndefined();
  });

  test('an annotation follows its step when the step moves, and stays a sticky note where it stood when the step is deleted', () => {
    const doc = run(salesMap('n'), cmd('addNote', { id: 'n1', x: 40, y: -70, stepId: 'n-offer', text: 'Скидка до 10 %' }));
    const before = mapGeometry(doc).positions.get('n-offer')!;
    const moved = run(doc, cmd('moveSteps', { moves: [{ stepId: 'n-offer', x: 700, y: 60, roleId: 'n-head' }] }));
    expect(moved.notes!.n1).toMatchObject({ x: 40, y: -70, stepId: 'n-offer' });
    const gone = run(doc, cmd('deleteElements', { stepIds: ['n-offer'], flowIds: [] }));
    expect(gone.notes!.n1).toEqual({ id: 'n1', text: 'Скидка до 10 %', x: before.x + 40, y: before.y - 70 });
    // undo is the document before: attached again
    expect(doc.notes!.n1!.stepId).toBe('n-offer');
  });

  test('attach and detach keep the note where it is drawn', () => {
    const doc = run(salesMap('n'), cmd('addNote', { id: 'n1', x: 500, y: 20 }));
    const attached = run(doc, cmd('attachNote', { id: 'n1', stepId: 'n-qualify' }));
    const p = mapGeometry(attached).positions.get('n-qualify')!;
    expect(attached.notes!.n1).toMatchObject({ stepId: 'n-qualify', x: 500 - p.x, y: 20 - p.y });
    expect(run(attached, cmd('attachNote', { id: 'n1', stepId: null })).notes!.n1).toEqual({ id: 'n1', text: '', x: 500, y: 20 });
  });

  test('bad notes are refused with a message: too long, too many, a missing step, a reused id', () => {
    const doc = salesMap('n');
    expect(() => run(doc, cmd('addNote', { id: 'n1', x: 0, y: 0, text: 'я'.repeat(LIMITS.note + 1) }))).toThrow(CommandError);
    expect(() => run(doc, cmd('addNote', { id: 'n1', x: 0, y: 0, stepId: 'nowhere' }))).toThrow(/no step/);
    const one = run(doc, cmd('addNote', { id: 'n1', x: 0, y: 0 }));
    expect(() => run(one, cmd('addNote', { id: 'n1', x: 0, y: 0 }))).toThrow(/already exists/);
    let many = doc;
    many = { ...many, notes: Object.fromEntries(Array.from({ length: LIMITS.notes }, (_, i) => [`k${i}`, { id: `k${i}`, text: '', x: i, y: 0 }])) };
    expect(() => run(many, cmd('addNote', { id: 'n1', x: 0, y: 0 }))).toThrow(new RegExp(`at most ${LIMITS.notes}`));
  });
});

describe('the schema of notes', () => {
  const withNotes = (notes: unknown) => ({ ...salesMap('n'), notes });
  test('a map with notes passes; bad notes are refused with a clear message', () => {
    expect(MapDocSchema.safeParse(withNotes({ a: { id: 'a', text: '<script>alert(1)</script>', x: 1, y: 2, width: 200, stepId: 'n-lead' } })).success).toBe(true);
    const missing = MapDocSchema.safeParse(withNotes({ a: { id: 'a', text: 'x', x: 1, y: 2, stepId: 'ghost' } }));
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.message).join()).toMatch(/note a is attached to a missing step ghost/);
    const long = MapDocSchema.safeParse(withNotes({ a: { id: 'a', text: 'x'.repeat(LIMITS.note + 1), x: 1, y: 2 } }));
    expect(long.error!.issues.map((i) => i.message).join()).toMatch(/at most 2000 characters/);
    expect(MapDocSchema.safeParse(withNotes({ a: { id: 'a', text: 'x', x: 'left', y: 2 } })).success).toBe(false);
    expect(MapDocSchema.safeParse(withNotes({ a: { id: 'a', text: 'x', x: 1, y: 2, colour: 'red' } })).success).toBe(false);
    expect(MapDocSchema.safeParse(withNotes({ b: { id: 'a', text: 'x', x: 1, y: 2 } })).success).toBe(false);
  });

  test('a change adding a note is accepted over IPC; a change without its notes list still parses (older editors)', () => {
    const doc = salesMap('n');
    const next = run(doc, cmd('addNote', { id: 'n1', x: 0, y: 0, text: 'Привет' }));
    const changes = diffMaps(doc, next);
    expect(changes.upsert.notes).toHaveLength(1);
    expect(MapChangesSchema.safeParse(changes).success).toBe(true);
    const { notes: _u, ...upsert } = changes.upsert;
    const { notes: _r, ...remove } = changes.remove;
    const { notes: _e, ...expect_ } = changes.expect;
    expect(MapChangesSchema.safeParse({ ...diffMaps(doc, doc), upsert: { ...upsert, steps: [] }, remove, expect: { ...expect_ } }).success).toBe(true);
  });
});

describe('storing notes', () => {
  test('notes and step widths are stored and read back; an edit and a delete are stored too', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const stored = storeMap(lib.services, salesMap('n'));
    const next = run(
      stored,
      cmd('addNote', { id: 'n1', x: 10, y: -90, text: 'Стикер ✓ שלום' }),
      cmd('addNote', { id: 'n2', x: 30, y: -60, stepId: 'n-qualify', text: 'Пояснение' }),
      cmd('setStepWidths', { widths: { 'n-qualify': 300 } }),
    );
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(stored, next) });
    const read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.notes).toEqual(next.notes);
    expect(read.steps['n-qualify']!.width).toBe(300);
    const edited = run(read, cmd('editNote', { id: 'n1', text: 'Другой текст' }), cmd('deleteNotes', { ids: ['n2'] }));
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(read, edited) });
    expect(call(lib.services, 'maps:get', { id: stored.id }).notes).toEqual({ n1: { id: 'n1', text: 'Другой текст', x: 10, y: -90 } });
  });

  test('a library of version 7 opens at the current version (9) with its maps as they were', () => {
    const file = path.join(tempDir(), 'v7.sqlite');
    const v7 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version <= 7),
    ).db;
    v7.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('m', 'Продажи', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO roles VALUES ('r', 'm', 'Менеджер', '#2f80ed', 0);
      INSERT INTO steps (id, map_id, role_id, kind, title, x, y) VALUES ('a', 'm', 'r', 'task', 'Квалификация', 0, 40);
    `);
    expect(v7.pragma('user_version', { simple: true })).toBe(7);
    v7.close();
    const { db } = openLibrary(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(9);
      const doc = createMapRepository(db).read('m');
      expect(doc.title).toBe('Продажи');
      expect(doc.steps.a).toMatchObject({ title: 'Квалификация', x: 0, y: 40 });
      expect(doc.steps.a!.width).toBeUndefined();
      expect(doc.notes).toBeUndefined();
    } finally {
      db.close();
    }
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('two windows', () => {
  test('both add a note: after the rebase each window has both, and nothing is reported as a conflict', () => {
    const base = salesMap('n');
    const theirs = run(base, cmd('addNote', { id: 'nA', x: 0, y: -100, text: 'Окно A' }));
    const mine = run(base, cmd('addNote', { id: 'nB', x: 300, y: -100, text: 'Окно B' }));
    const { doc, conflicts } = rebaseDoc(mine, remoteChanges(base, theirs));
    expect(conflicts).toEqual([]);
    expect(Object.keys(doc.notes ?? {}).sort()).toEqual(['nA', 'nB']);
  });

  test('an annotation on a step the other window deleted is reported and dropped', () => {
    const base = salesMap('n');
    const theirs = run(base, cmd('deleteElements', { stepIds: ['n-offer'], flowIds: [] }));
    const mine = run(base, cmd('addNote', { id: 'nB', x: 0, y: -60, stepId: 'n-offer', text: 'Скидка' }));
    const { doc, conflicts } = rebaseDoc(mine, remoteChanges(base, theirs));
    expect(doc.notes?.nB).toBeUndefined();
    expect(conflicts).toEqual([expect.objectContaining({ table: 'notes', id: 'nB' })]);
  });
});

describe('copies, versions and files', () => {
  test('a copy keeps its notes, annotations on the copy\'s steps; comparing names a note change; a file round trip keeps them', () => {
    const doc = run(salesMap('n'), cmd('addNote', { id: 'n1', x: 0, y: -60, stepId: 'n-offer', text: 'Скидка' }));
    const copy = cloneWithNewIds(doc, { now: '2026-03-02T10:00:00.000Z' });
    const note = Object.values(copy.notes!)[0]!;
    expect(note.id).not.toBe('n1');
    expect(copy.steps[note.stepId!]!.title).toBe('Согласование скидки');
    expect(compareMaps(salesMap('n'), doc).map).toContain('notes');
    expect(compareMaps(doc, run(doc, cmd('moveNotes', { moves: [{ id: 'n1', x: 5, y: 5 }] }))).same).toBe(true);
    const parsed = parseLanemapJson(toLanemapJson(doc, { exportedAt: '2026-03-02T10:00:00.000Z' }));
    expect(parsed.ok && parsed.doc.notes).toEqual(doc.notes);
  });
});

describe('SVG export', () => {
  test('a sticky note is a card with its text; an annotation has a bracket and a dotted line to its step; markup in a note is text', () => {
    const doc = run(
      salesMap('n'),
      cmd('addNote', { id: 'n1', x: 200, y: -120, text: 'Стикер: <script>alert(1)</script>' }),
      cmd('addNote', { id: 'n2', x: 40, y: -80, stepId: 'n-offer', text: 'Скидка до 10 %' }),
    );
    const { svg } = renderMapSvg(doc);
    expect(svg).toContain('Стикер:');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Скидка до 10 %');
    expect(svg).toMatch(/<line class="lm-note-link"[^>]*stroke-dasharray="2 4"/);
    expect(svg).toContain('fill="#fff7c2"');
    // only the annotations of the exported steps go with a part of the map
    const part = renderMapSvg(doc, { stepIds: ['n-offer'] }).svg;
    expect(part).toContain('Скидка до 10 %');
    expect(part).not.toContain('Стикер');
  });
});

describe('same width', () => {
  test('setStepWidths widens the card (stepSize, so layout and export), within the natural width and the maximum; null resets it', () => {
    const doc = salesMap('n');
    expect(stepSize(doc.steps['n-qualify']!).width).toBe(200);
    const wide = run(doc, cmd('setStepWidths', { widths: { 'n-qualify': 320, 'n-decide': 320 } }));
    expect(stepSize(wide.steps['n-qualify']!).width).toBe(320);
    expect(stepSize(wide.steps['n-decide']!).width).toBe(320);
    expect(stepSize(run(doc, cmd('setStepWidths', { widths: { 'n-qualify': 5000 } })).steps['n-qualify']!).width).toBe(STEP_MAX_WIDTH);
    expect(run(doc, cmd('setStepWidths', { widths: { 'n-qualify': 120 } })).steps['n-qualify']!.width).toBeUndefined();
    expect(run(wide, cmd('setStepWidths', { widths: { 'n-qualify': null } })).steps['n-qualify']!.width).toBeUndefined();
    // a wider card wraps its title in fewer lines
    const long = { ...doc.steps['n-qualify']!, title: 'Квалификация лида по BANT с проверкой бюджета и полномочий' };
    expect(stepSize({ ...long, width: 400 }).height).toBeLessThan(stepSize(long).height);
    // the card's outline (drawn half a pixel in)
    expect(renderMapSvg(wide).svg).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="319" /);
  });
});
