/**
 * `.lanemap.json`: a map survives the round trip; every broken file is refused with a readable
 * message, and through `maps:import` leaves the library exactly as it was.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LANEMAP_SCHEMA_VERSION, parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { content, salesMap } from '../support/builders';
import { distinctTitle } from '../../shared/model/titles';
import { call, openTempLibrary, removeTempDirs, snapshotTables, storeMap, type TempLibrary } from '../support/library';
import { randomMap, rng } from '../support/randomMaps';

const NOW = '2026-03-05T12:00:00.000Z';
const sample = { comments: {}, painPoints: {}, ...JSON.parse(fs.readFileSync('templates/sample-sales-map.json', 'utf8')) } as MapDoc;
const richMap = (): MapDoc => {
  const doc = salesMap('s', { phases: [{ id: 's-p1', name: 'Лид', order: 0 }] });
  doc.steps['s-lead']!.phaseId = 's-p1';
  doc.steps['s-lead']!.pinned = true;
  doc.flows['s-f1']!.route = [
    { x: 120, y: 83 },
    { x: 260, y: 83 },
  ];
  return doc;
};

/** Ids replaced by their order of appearance: compares two maps up to their ids. */
function withoutIds(doc: MapDoc) {
  const ids = new Map<string, string>();
  const id = (x: string) => ids.get(x) ?? (ids.set(x, `#${ids.size}`), ids.get(x)!);
  const byTitle = <T extends { id: string }>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  const { id: _i, createdAt: _c, updatedAt: _u, ...rest } = doc;
  for (const r of byTitle(Object.values(doc.roles), (r) => r.name)) id(r.id);
  for (const p of byTitle(Object.values(doc.phases), (p) => p.name)) id(p.id);
  for (const s of byTitle(Object.values(doc.steps), (s) => s.title)) id(s.id);
  return {
    ...rest,
    roles: Object.values(doc.roles)
      .map((r) => ({ ...r, id: id(r.id) }))
      .sort((a, b) => a.order - b.order),
    phases: Object.values(doc.phases)
      .map((p) => ({ ...p, id: id(p.id) }))
      .sort((a, b) => a.order - b.order),
    steps: Object.values(doc.steps)
      .map((s) => ({ ...s, id: id(s.id), roleId: id(s.roleId), phaseId: s.phaseId && id(s.phaseId) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    flows: Object.values(doc.flows)
      .map((f) => ({ ...f, id: '', fromStepId: id(f.fromStepId), toStepId: id(f.toStepId) }))
      .sort((a, b) => `${a.fromStepId}>${a.toStepId}`.localeCompare(`${b.fromStepId}>${b.toStepId}`)),
  };
}

/** A comment on the sales map's first step, for the cases that break one field of it. */
const comment = (patch: Record<string, unknown>) =>
  ({
    id: 's-c1',
    targetKind: 'step',
    targetId: 's-lead',
    parentId: null,
    author: 'Ольга',
    text: 'Кто звонит?',
    createdAt: '2026-03-02T10:00:00.000Z',
    resolvedAt: null,
    resolvedBy: null,
    ...patch,
  }) as MapDoc['comments'][string];

describe('.lanemap.json', () => {
  test.each([
    ['the sample map', sample],
    ['a Cyrillic map with a phase, a pin and a route', richMap()],
    ['a random 200-step map', randomMap({ seed: 4, steps: 200, lanes: 5, phases: 4, pinned: 0.1 })],
  ])('given %s, when written and read back, then the map is identical', (_, doc) => {
    const text = toLanemapJson(doc, { exportedAt: NOW, app: 'Lanemap test' });
    const head = JSON.parse(text) as Record<string, unknown>;
    expect(head).toMatchObject({ format: 'lanemap', schemaVersion: LANEMAP_SCHEMA_VERSION, exportedAt: NOW });
    const back = parseLanemapJson(text);
    expect(back).toEqual({ ok: true, doc, exportedAt: NOW, versions: [] });
  });

  test('given a file with a BOM (saved by Notepad), when read, then it is accepted', () => {
    expect(parseLanemapJson(`\uFEFF${toLanemapJson(sample, { exportedAt: NOW })}`).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

const good = toLanemapJson(richMap(), { exportedAt: NOW });
const file = (map: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'lanemap', schemaVersion: 1, exportedAt: NOW, map, ...extra });
const mutate = (fn: (m: MapDoc) => void) => {
  const m = structuredClone<MapDoc>(richMap());
  fn(m);
  return file(m);
};
const r = rng(99);
const randomBytes = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(r() * 256))).join('');
const hugeMap = (steps: number) => {
  const doc = richMap();
  for (let i = 0; i < steps; i++) doc.steps[`x${i}`] = { ...doc.steps['s-qualify']!, id: `x${i}`, inputs: [], outputs: [], resources: [] };
  return file(doc);
};

const broken: [string, string, RegExp][] = [
  ['an empty file', '', /empty/i],
  ['only spaces', '   \n', /empty/i],
  ['plain text', 'Карта продаж', /not valid JSON/],
  ['random bytes', randomBytes(500), /not valid JSON|not a Lanemap/],
  ['more random bytes', `{${randomBytes(300)}`, /not valid JSON|cut off/],
  ['a JSON array', '[1,2,3]', /not a Lanemap map file/],
  ['a JSON string', '"lanemap"', /not a Lanemap map file/],
  ['null', 'null', /not a Lanemap map file/],
  ['a bare MapDoc (no envelope)', JSON.stringify(richMap()), /not a Lanemap map file/],
  ['another format', file(richMap(), { format: 'drawio' }), /not a Lanemap map file/],
  ['no schemaVersion', JSON.stringify({ format: 'lanemap', map: richMap() }), /schemaVersion/],
  ['a text schemaVersion', file(richMap(), { schemaVersion: '1' }), /schemaVersion/],
  ['schemaVersion 0', file(richMap(), { schemaVersion: 0 }), /schemaVersion/],
  ['a future schemaVersion', file(richMap(), { schemaVersion: LANEMAP_SCHEMA_VERSION + 1 }), /newer Lanemap/],
  ['a far-future schemaVersion', file(richMap(), { schemaVersion: 1e308 }), /newer Lanemap/],
  ['no map', JSON.stringify({ format: 'lanemap', schemaVersion: 1 }), /no map/],
  ['a map that is an array', file([]), /no map/],
  ['a map without steps', mutate((m) => delete (m as Partial<MapDoc>).steps), /damaged or incomplete.*steps/],
  ['a map without a title', mutate((m) => delete (m as Partial<MapDoc>).title), /title/],
  ['a blank title', mutate((m) => (m.title = '  ')), /title/],
  ['steps as a list', mutate((m) => ((m as unknown as { steps: unknown }).steps = Object.values(m.steps))), /steps/],
  ['a numeric step title', mutate((m) => ((m.steps['s-lead'] as unknown as { title: number }).title = 5)), /title/],
  ['an unknown step kind', mutate((m) => ((m.steps['s-lead'] as unknown as { kind: string }).kind = 'swimming')), /kind/],
  ['a huge x', mutate((m) => (m.steps['s-lead']!.x = 1e300)), /x/],
  ['an x of Infinity (as a string)', mutate((m) => ((m.steps['s-lead'] as unknown as { x: string }).x = 'Infinity')), /x/],
  ['a huge duration', mutate((m) => (m.steps['s-lead']!.duration = { value: 1e12, unit: 'h' })), /duration/],
  ['a step with a missing role', mutate((m) => (m.steps['s-lead']!.roleId = 'nobody')), /unknown role/],
  ['a step with a missing phase', mutate((m) => (m.steps['s-lead']!.phaseId = 'nowhen')), /unknown phase/],
  ['a flow to a missing step', mutate((m) => (m.flows['s-f1']!.toStepId = 'ghost')), /missing step/],
  ['a flow from a step to itself', mutate((m) => (m.flows['s-f1']!.toStepId = 's-lead')), /itself/],
  ['a record key that is not its id', mutate((m) => (m.steps['s-lead']!.id = 's-qualify')), /differs from its id/],
  [
    'an id used by a role and a step',
    mutate((m) => {
      const step = m.steps['s-lead']!;
      delete m.steps['s-lead'];
      m.steps['s-manager'] = { ...step, id: 's-manager' };
      for (const f of Object.values(m.flows)) if (f.fromStepId === 's-lead') f.fromStepId = 's-manager';
    }),
    /used twice/,
  ],
  ['an id with a path in it', mutate((m) => (m.id = '../../etc')), /id/],
  ['an unknown field', mutate((m) => ((m as unknown as Record<string, unknown>).colour = 'red')), /colour|Unrecognized/i],
  ['a bad colour', mutate((m) => (Object.values(m.roles)[0]!.color = 'red;}</style>')), /colour/],
  ['a 100,000-character title', mutate((m) => (m.steps['s-lead']!.title = 'Я'.repeat(100_000))), /at most 300/],
  ['30,000 steps', hugeMap(30_000), /too many steps/],
  // ids that every plain object already has must never pass as present (issue 12, defect 3)
  ['a step in the lane "toString"', mutate((m) => (m.steps['s-lead']!.roleId = 'toString')), /role|reserved/],
  ['a step in the phase "valueOf"', mutate((m) => (m.steps['s-lead']!.phaseId = 'valueOf')), /phase|reserved/],
  ['a flow to the step "hasOwnProperty"', mutate((m) => (m.flows['s-f1']!.toStepId = 'hasOwnProperty')), /missing step|reserved/],
  [
    'a comment on the step "constructor"',
    mutate((m) => (m.comments = { 's-c1': comment({ targetKind: 'step', targetId: 'constructor' }) })),
    /missing step|reserved/,
  ],
  [
    'a reply to the thread "isPrototypeOf"',
    mutate((m) => (m.comments = { 's-c1': comment({ targetKind: 'map', targetId: null, parentId: 'isPrototypeOf' }) })),
    /thread|reserved/,
  ],
  [
    'a pain point on the step "toLocaleString"',
    mutate((m) => (m.painPoints = { 's-p1': { id: 's-p1', stepId: 'toLocaleString', kind: 'idea', votes: 1, createdAt: '2026-03-02T10:00:00.000Z' } })),
    /missing step|reserved/,
  ],
  ['a step with the id "toString"', mutate((m) => (m.steps['toString'] = { ...m.steps['s-lead']!, id: 'toString' })), /reserved/],
  // a record filed under __proto__ would vanish without a word: the file is refused instead
  ['a step filed under "__proto__"', good.replace(/"steps": *{/, '"steps":{"__proto__":{"id":"x"},'), /__proto__/],
  ['lanes filed under "__proto__"', good.replace(/"roles": *{/, '"roles":{"__proto__":{},'), /__proto__/],
  // dates are real dates
  ['a creation date that is not a date', mutate((m) => (m.createdAt = 'вчера')), /createdAt.*date/],
  ['the 30th of February', mutate((m) => (m.updatedAt = '2026-02-30T10:00:00.000Z')), /updatedAt.*date/],
  ['a comment dated by a 100,000-character string', mutate((m) => (m.comments = { 's-c1': comment({ createdAt: '2'.repeat(100_000) }) })), /createdAt/],
];
// a valid file cut short anywhere is refused, never half-imported
for (const at of [1, 2, 10, 50, 100, 200, Math.floor(good.length / 3), Math.floor(good.length / 2), good.length - 20, good.length - 3, good.length - 2]) {
  broken.push([`the file cut at ${at} of ${good.length} characters`, good.slice(0, at), /cut off|not valid JSON/]);
}

let lib: TempLibrary;
beforeAll(() => {
  lib = openTempLibrary();
  storeMap(lib.services, salesMap('a'));
});
afterAll(() => {
  lib.close();
  removeTempDirs();
});

describe('parseLanemapJson and maps:import, given a broken file', () => {
  test.each(broken)('given %s, then it is refused with a readable message and the library is unchanged', (_, text, message) => {
    const parsed = parseLanemapJson(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(message);
    expect(parsed.message.length).toBeLessThan(400);
    expect(parsed.message).not.toMatch(/at Object|\n\s+at /); // no stack
    const before = snapshotTables(lib.db);
    const reply = dispatch(lib.services, 'maps:import', { text });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(snapshotTables(lib.db)).toEqual(before);
  });

  test('given a file over 20 MB, when imported, then the call itself is refused and nothing changes', () => {
    const before = snapshotTables(lib.db);
    const reply = dispatch(lib.services, 'maps:import', { text: ' '.repeat(20 * 1024 * 1024 + 1) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/20 MB/) } });
    expect(parseLanemapJson(' '.repeat(20 * 1024 * 1024 + 1))).toMatchObject({ ok: false, message: expect.stringMatching(/too large/) });
    expect(snapshotTables(lib.db)).toEqual(before);
  });
});

describe('maps:import', () => {
  test('given a good file imported twice, then there are two new maps with new ids, each identical to the file up to ids', () => {
    const doc = richMap();
    const text = toLanemapJson(doc, { exportedAt: NOW });
    const before = call(lib.services, 'maps:list', {}).length;
    const taken = call(lib.services, 'maps:list', {}).map((m) => m.title);
    const one = call(lib.services, 'maps:import', { text });
    const two = call(lib.services, 'maps:import', { text });
    expect(one.id).not.toBe(two.id);
    expect(one.id).not.toBe(doc.id);
    // the library may already hold a map of that title (the sample): the imports are told apart by a number
    const first = distinctTitle(doc.title, taken);
    expect(one).toMatchObject({ title: first, stepCount: Object.keys(doc.steps).length });
    expect(two.title).toMatch(/ \((2|3)\)$/);
    expect(two.title).not.toBe(one.title);
    expect(call(lib.services, 'maps:list', {})).toHaveLength(before + 2);
    const a = call(lib.services, 'maps:get', { id: one.id });
    const b = call(lib.services, 'maps:get', { id: two.id });
    expect(Object.keys(a.steps).some((id) => doc.steps[id])).toBe(false);
    expect(Object.keys(a.steps).some((id) => b.steps[id])).toBe(false);
    expect({ ...withoutIds(a), title: doc.title }).toEqual(withoutIds(doc));
    expect({ ...withoutIds(b), title: doc.title }).toEqual(withoutIds(doc));
  });

  test('given a stored map exported and imported, then the copy shows the same content', () => {
    const stored = call(lib.services, 'maps:get', { id: call(lib.services, 'maps:list', {})[0]!.id });
    const copy = call(lib.services, 'maps:get', { id: call(lib.services, 'maps:import', { text: toLanemapJson(stored, { exportedAt: NOW }) }).id });
    // the same title is told apart in the library: "… (2)" (or the next free number)
    expect(copy.title).toMatch(/ \(\d+\)$/);
    expect({ ...withoutIds(copy), title: stored.title }).toEqual(withoutIds(stored));
    expect(content(copy).title.startsWith(stored.title.replace(/ \(\d+\)$/, ''))).toBe(true);
  });
});
