/**
 * The bundled process templates show the optimisation toolkit at once (issue 17): KPIs on the
 * phases of the sales cycle (some on target, some off), a few Lean wastes, automation marks whose
 * systems are among the steps' resources, decision shares, and a SWOT board with every quadrant
 * filled, in Russian and English alike. The process landscape (whole processes, not work) has none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkMap } from '../../shared/analysis/checks';
import { automationCandidates, automationFigures, kpiRows } from '../../shared/analysis/optimise';
import { parseTemplate } from '../../shared/model/template';
import { LEAN_WASTES, SWOT_QUADRANTS, type MapDoc } from '../../shared/model/types';

const DIR = 'templates';
const load = (file: string): MapDoc => parseTemplate(file, JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))).doc;
const processTemplates = fs
  .readdirSync(DIR)
  .filter((f) => /\.(en|ru)\.json$/.test(f) && !f.startsWith('process-landscape'))
  .sort();
const wastes = new Set<string>(LEAN_WASTES);

describe.each([...processTemplates, 'sample-sales-map.json'])('%s', (file) => {
  const doc = load(file);

  test('KPIs on the phases, each complete, some on target and some off', () => {
    const rows = kpiRows(doc);
    const phases = Object.values(doc.phases);
    expect(phases.filter((p) => p.kpis?.length).length).toBeGreaterThanOrEqual(Math.min(3, phases.length));
    expect(rows.every((r) => r.status !== 'unknown')).toBe(true);
    expect(rows.some((r) => r.status === 'met')).toBe(true);
    expect(rows.some((r) => r.status === 'missed')).toBe(true);
    expect(checkMap(doc).filter((f) => f.rule === 'kpi-incomplete')).toEqual([]);
  });

  test('Lean wastes, automation from the steps’ own resources, and shares on decisions', () => {
    // the sample map that opens first leaves the pain points to the workshop
    if (file !== 'sample-sales-map.json') expect(Object.values(doc.painPoints).some((p) => wastes.has(p.kind))).toBe(true);
    const marked = Object.values(doc.steps).filter((s) => s.automation);
    expect(marked.length).toBeGreaterThanOrEqual(2);
    for (const s of marked) expect(s.resources).toContain(s.system);
    const figures = automationFigures(doc);
    expect(figures.manualShare).toBeGreaterThan(0.3);
    expect(figures.manualShare).toBeLessThan(1);
    expect(automationCandidates(doc).length).toBeGreaterThan(3);
    const shared = Object.values(doc.flows).filter((f) => f.share !== undefined);
    expect(shared.length).toBeGreaterThanOrEqual(2);
    for (const f of shared) expect(doc.steps[f.fromStepId]!.kind).toBe('decision');
  });

  test('a SWOT board with every quadrant filled, some notes linked to steps', () => {
    const swot = doc.swot ?? [];
    for (const q of SWOT_QUADRANTS) expect(swot.some((n) => n.quadrant === q)).toBe(true);
    expect(swot.some((n) => n.stepIds.length > 0)).toBe(true);
  });
});

test('the Russian and English templates carry the same KPIs, marks and board (by id), in their own words', () => {
  for (const ru of processTemplates.filter((f) => f.endsWith('.ru.json'))) {
    const [a, b] = [load(ru), load(ru.replace('.ru.json', '.en.json'))];
    const shape = (d: MapDoc) => ({
      kpis: kpiRows(d).map((r) => [r.owner.id, r.kpi.id, r.kpi.target, r.kpi.current, r.kpi.better]),
      auto: Object.values(d.steps).map((s) => [s.id, s.automation ?? 'manual']),
      pains: Object.values(d.painPoints).map((p) => [p.stepId, p.kind, p.votes]),
      swot: (d.swot ?? []).map((n) => [n.id, n.quadrant, n.stepIds]),
    });
    expect(shape(a)).toEqual(shape(b));
    expect((a.swot ?? []).map((n) => n.text)).not.toEqual((b.swot ?? []).map((n) => n.text));
    for (const n of a.swot ?? []) expect(n.text).toMatch(/[а-яё]/i);
  }
});
