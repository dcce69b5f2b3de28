/**
 * The bundled map templates (`templates/*.json`): valid documents, English and Russian pairs
 * with the same structure, every task detailed, every decision branched, and each one tidy
 * when laid out by the layout engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { layoutMap, validateLayout } from '../../shared/layout';
import { orderedPhases, orderedRoles } from '../../shared/model/geometry';
import { MapDocSchema, describeIssues } from '../../shared/model/schema';
import type { MapDoc } from '../../shared/model/types';

const DIR = 'templates';
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The map of a template file (without the `links` a landscape carries for its sub-process maps). */
function raw(file: string): unknown {
  const { links: _links, ...map } = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Record<string, unknown>;
  return map;
}

function load(file: string): MapDoc {
  const parsed = MapDocSchema.safeParse(raw(file));
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Base names that have both an `.en.json` and a `.ru.json` file. */
const pairs = [...new Set(files.map((f) => /^(.+)\.(en|ru)\.json$/.exec(f)?.[1]).filter((b): b is string => !!b))];

/** Everything about a map except its text: what must be the same in every language. */
function structure(doc: MapDoc) {
  const sortedIds = (rec: Record<string, unknown>) => Object.keys(rec).sort();
  return {
    roleIds: sortedIds(doc.roles),
    phaseIds: sortedIds(doc.phases),
    stepIds: sortedIds(doc.steps),
    flowIds: sortedIds(doc.flows),
    direction: doc.direction,
    roles: orderedRoles(doc).map((r) => ({ id: r.id, color: r.color, order: r.order })),
    phases: orderedPhases(doc).map((p) => ({ id: p.id, order: p.order })),
    steps: Object.values(doc.steps)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((s) => ({
        id: s.id,
        kind: s.kind,
        roleId: s.roleId,
        phaseId: s.phaseId,
        x: s.x,
        y: s.y,
        duration: s.duration,
        pinned: s.pinned,
        hasDescription: s.description.trim().length > 0,
        items: [s.inputs.length, s.outputs.length, s.resources.length],
      })),
    flows: Object.values(doc.flows)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((f) => ({ id: f.id, from: f.fromStepId, to: f.toStepId, labelled: f.label.trim().length > 0, route: f.route })),
  };
}

const CYRILLIC = /[А-Яа-яЁё]/;
const elk = new ELK();

describe('templates', () => {
  test('given the templates folder, then it holds the four bilingual templates and the sample', () => {
    expect(pairs.sort()).toEqual(['claims-and-returns', 'full-cycle', 'lead-qualification', 'order-fulfilment', 'process-landscape']);
    expect(files).toContain('sample-sales-map.json');
  });

  test.each(files)('given %s, when parsed with MapDocSchema, then it is a valid map', (file) => {
    const parsed = MapDocSchema.safeParse(raw(file));
    expect(parsed.success ? '' : describeIssues(parsed.error)).toBe('');
    const doc = parsed.data!;
    expect(Number.isNaN(Date.parse(doc.createdAt))).toBe(false);
    expect(Number.isNaN(Date.parse(doc.updatedAt))).toBe(false);
  });

  test.each(files)('given %s, then it starts and ends, every task is detailed and every decision branches with labels', (file) => {
    const doc = load(file);
    const steps = Object.values(doc.steps);
    if (file.startsWith('process-landscape.')) {
      // the landscape is a map of whole processes: every box a detailed sub-process, no start or end
      for (const s of steps) {
        expect(s.kind, s.id).toBe('subprocess');
        expect(s.description.trim(), `${s.id} is described`).not.toBe('');
        expect(s.outputs.length, `${s.id} has outputs`).toBeGreaterThan(0);
      }
      expect(new Set(steps.map((s) => s.roleId)).size).toBe(3);
      return;
    }
    expect(steps.some((s) => s.kind === 'start')).toBe(true);
    expect(steps.some((s) => s.kind === 'end')).toBe(true);
    for (const s of steps.filter((x) => x.kind === 'task')) {
      expect(doc.roles[s.roleId], `${s.id} has a role`).toBeDefined();
      expect(s.title.trim(), `${s.id} has a title`).not.toBe('');
      expect(s.inputs.length, `${s.id} has inputs`).toBeGreaterThan(0);
      expect(s.outputs.length, `${s.id} has outputs`).toBeGreaterThan(0);
      expect(s.resources.length, `${s.id} has resources`).toBeGreaterThan(0);
    }
    for (const s of steps.filter((x) => x.kind === 'decision')) {
      const out = Object.values(doc.flows).filter((f) => f.fromStepId === s.id);
      expect(out.length, `${s.id} branches`).toBeGreaterThanOrEqual(2);
      for (const f of out) expect(f.label.trim(), `flow ${f.id} from ${s.id} is labelled`).not.toBe('');
    }
    // in the bilingual templates every step but a start is reached and every step but an end leads on
    // (the older sample leaves its nurturing step open)
    if (!/\.(en|ru)\.json$/.test(file)) return;
    for (const s of steps) {
      if (s.kind !== 'start')
        expect(
          Object.values(doc.flows).some((f) => f.toStepId === s.id),
          `${s.id} is reached`,
        ).toBe(true);
      if (s.kind !== 'end')
        expect(
          Object.values(doc.flows).some((f) => f.fromStepId === s.id),
          `${s.id} leads on`,
        ).toBe(true);
    }
  });

  test.each(['en', 'ru'])('given process-landscape.%s.json, then its links name sub-process steps and templates that exist in the same language', (lang) => {
    const file = `process-landscape.${lang}.json`;
    const links = (JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { links: Record<string, string> }).links;
    const doc = load(file);
    expect(Object.keys(links).length).toBeGreaterThanOrEqual(3);
    for (const [stepId, base] of Object.entries(links)) {
      expect(doc.steps[stepId]?.kind, stepId).toBe('subprocess');
      expect(files, base).toContain(`${base}.${lang}.json`);
    }
  });

  test.each(pairs)('given the %s pair, when the English and Russian files are compared, then only the text differs', (base) => {
    const en = load(`${base}.en.json`);
    const ru = load(`${base}.ru.json`);
    expect(structure(ru)).toEqual(structure(en));
    expect(en.id).toBe(`${base}-en`);
    expect(ru.id).toBe(`${base}-ru`);

    expect(ru.title).not.toBe(en.title);
    expect(ru.description).not.toBe(en.description);
    for (const id of Object.keys(en.roles)) expect(ru.roles[id]!.name, `role ${id}`).not.toBe(en.roles[id]!.name);
    for (const id of Object.keys(en.phases)) expect(ru.phases[id]!.name, `phase ${id}`).not.toBe(en.phases[id]!.name);
    for (const id of Object.keys(en.steps)) expect(ru.steps[id]!.title, `step ${id}`).not.toBe(en.steps[id]!.title);
    for (const f of Object.values(en.flows).filter((x) => x.label)) expect(ru.flows[f.id]!.label, `flow ${f.id}`).not.toBe(f.label);
  });

  test.each(pairs)('given %s.ru.json, then its titles and names are in Cyrillic', (base) => {
    const ru = load(`${base}.ru.json`);
    const en = load(`${base}.en.json`);
    expect(ru.title).toMatch(CYRILLIC);
    for (const r of Object.values(ru.roles)) expect(r.name).toMatch(CYRILLIC);
    for (const p of Object.values(ru.phases)) expect(p.name).toMatch(CYRILLIC);
    for (const s of Object.values(ru.steps)) expect(s.title, s.id).toMatch(CYRILLIC);
    for (const f of Object.values(ru.flows).filter((x) => x.label)) expect(f.label, f.id).toMatch(CYRILLIC);
    // and the English one has none
    const english = [en.title, en.description, ...Object.values(en.steps).flatMap((s) => [s.title, s.description, ...s.inputs, ...s.outputs, ...s.resources])];
    expect(english.filter((t) => CYRILLIC.test(t))).toEqual([]);
  });

  test.each(['en', 'ru'])('given full-cycle.%s.json, then it has the seven stages, 25+ steps and loops back from analysis to planning', (lang) => {
    const doc = load(`full-cycle.${lang}.json`);
    const phases = orderedPhases(doc);
    expect(phases).toHaveLength(7);
    expect(Object.keys(doc.steps).length).toBeGreaterThanOrEqual(25);
    // every stage has steps
    for (const p of phases)
      expect(
        Object.values(doc.steps).some((s) => s.phaseId === p.id),
        p.id,
      ).toBe(true);
    const [planning, analysis] = [phases[0]!.id, phases[6]!.id];
    const loops = Object.values(doc.flows).filter((f) => doc.steps[f.fromStepId]!.phaseId === analysis && doc.steps[f.toStepId]!.phaseId === planning);
    expect(loops.length).toBeGreaterThan(0);
  });

  test.each(files)('given %s, when laid out by layoutMap, then validateLayout finds no violation', async (file) => {
    const doc = load(file);
    const result = await layoutMap(doc, elk);
    expect(validateLayout(doc, result)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe('a new map from a bundled template', () => {
  test('every bundled template opens: a map made from it reads back with all its steps, flows and lanes, laid out as in the file', async () => {
    const { openTempLibrary, call, removeTempDirs } = await import('../support/library');
    const lib = openTempLibrary();
    const listed = call(lib.services, 'templates:list', {});
    expect(listed.length).toBe(files.length);
    for (const template of listed) {
      const made = call(lib.services, 'maps:createFromTemplate', { templateId: template.id });
      const read = call(lib.services, 'maps:get', { id: made.id });
      expect(read.title, template.id).toBe(template.doc.title);
      expect(Object.keys(read.steps).length, template.id).toBe(Object.keys(template.doc.steps).length);
      expect(Object.keys(read.flows).length, template.id).toBe(Object.keys(template.doc.flows).length);
      expect(
        Object.values(read.roles)
          .map((r) => r.name)
          .sort(),
        template.id,
      ).toEqual(
        Object.values(template.doc.roles)
          .map((r) => r.name)
          .sort(),
      );
      const xy = (d: MapDoc) =>
        Object.values(d.steps)
          .map((s) => `${s.title}@${s.x},${s.y}`)
          .sort();
      expect(xy(read), template.id).toEqual(xy(template.doc));
    }
    lib.close();
    removeTempDirs();
  });

  test('given the Russian full cycle, when a map is made from it, then it is stored with new ids and the same content', async () => {
    const { openTempLibrary, call, removeTempDirs } = await import('../support/library');
    const lib = openTempLibrary();
    const listed = call(lib.services, 'templates:list', {});
    expect(listed.map((t) => t.id)).toContain('full-cycle.ru');
    const made = call(lib.services, 'maps:createFromTemplate', { templateId: 'full-cycle.ru', title: 'Наш отдел продаж' });
    const template = listed.find((t) => t.id === 'full-cycle.ru')!.doc;
    expect(made.title).toBe('Наш отдел продаж');
    expect(Object.keys(made.steps)).toHaveLength(Object.keys(template.steps).length);
    expect(Object.keys(made.steps).some((id) => template.steps[id])).toBe(false);
    expect(
      Object.values(made.steps)
        .map((s) => s.title)
        .sort(),
    ).toEqual(
      Object.values(template.steps)
        .map((s) => s.title)
        .sort(),
    );
    lib.close();
    removeTempDirs();
  });
});
