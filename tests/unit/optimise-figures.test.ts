/**
 * The optimisation figures (issue 17) on maps worked out by hand: the share of work done by hand
 * for the map, each role and each phase; how often each step is done per case (loops, decision
 * shares, parallel work, unreached steps) and the automation candidates ranked by it; KPI status
 * in both directions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { automationCandidates, automationFigures, expectedVisits, kpiRows, kpiStatus, systemSuggestions } from '../../shared/analysis/optimise';
import { applyCommand, cmd } from '../../shared/model/commands';
import { parseTemplate } from '../../shared/model/template';
import type { Duration, MapDoc, Step } from '../../shared/model/types';
import { buildMap, type MapSpec } from '../support/builders';

const h = (value: number): Duration => ({ value, unit: 'h' });
const roles = [{ id: 'sales' }, { id: 'head' }];

function withSteps(doc: MapDoc, patch: Record<string, Partial<Step>>): MapDoc {
  for (const [id, p] of Object.entries(patch)) Object.assign(doc.steps[id]!, p);
  return doc;
}
const share = (doc: MapDoc, from: string, to: string, value: number) => {
  doc.flows[`f-${from}-${to}`]!.share = value;
  return doc;
};
const visitsOf = (spec: MapSpec) => expectedVisits(buildMap(spec));
const round = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, Math.round(v * 1000) / 1000]));

describe('manual share of work time', () => {
  const doc = () =>
    withSteps(
      buildMap({
        roles,
        phases: [
          { id: 'p1', name: 'Лид', order: 0 },
          { id: 'p2', name: 'Сделка', order: 1 },
        ],
        steps: [
          { id: 's', role: 'sales', kind: 'start' },
          { id: 'a', role: 'sales', phaseId: 'p1', duration: h(3) },
          { id: 'b', role: 'sales', phaseId: 'p1', duration: h(1) },
          { id: 'c', role: 'head', phaseId: 'p2', duration: h(2) },
          { id: 'd', role: 'head', phaseId: 'p2', duration: h(2) },
          { id: 'x', role: 'head', phaseId: 'p2' },
          { id: 'q', role: 'head', phaseId: 'p2', kind: 'decision', duration: h(5) },
          { id: 'e', role: 'sales', kind: 'end' },
        ],
      }),
      { b: { automation: 'auto' }, c: { automation: 'partial' } },
    );

  test('by hand / partly / automated minutes; decisions, start and end are not work; steps without a duration are “not timed”', () => {
    const f = automationFigures(doc());
    expect(f).toMatchObject({ manual: 300, partial: 120, auto: 60, total: 480, untimed: 1 });
    expect(f.manualShare).toBeCloseTo(300 / 480);
  });

  test('per role and per phase', () => {
    const f = automationFigures(doc());
    expect(f.byRole.get('sales')).toMatchObject({ manual: 180, auto: 60, total: 240, manualShare: 0.75 });
    expect(f.byRole.get('head')).toMatchObject({ manual: 120, partial: 120, total: 240, manualShare: 0.5, untimed: 1 });
    expect(f.byPhase.get('p1')).toMatchObject({ manualShare: 0.75 });
    expect(f.byPhase.get('p2')).toMatchObject({ manualShare: 0.5 });
    expect(f.byPhase.has(null)).toBe(false);
  });

  test('marking a step automated through the command lowers the share; clearing it (manual) restores it', () => {
    const before = doc();
    const after = applyCommand(before, cmd('updateStep', { stepId: 'a', patch: { automation: 'auto', system: 'CRM' } }));
    expect(automationFigures(after).manualShare).toBeCloseTo(120 / 480);
    expect(after.steps.a!.system).toBe('CRM');
    const back = applyCommand(after, cmd('updateStep', { stepId: 'a', patch: { automation: 'manual', system: null } }));
    expect(automationFigures(back).manualShare).toBeCloseTo(300 / 480);
    expect(back.steps.a!.automation).toBeUndefined();
    expect(back.steps.a!.system).toBeUndefined();
  });

  test('a map without any timed work: share 0, everything not timed', () => {
    const f = automationFigures(buildMap({ roles, steps: [{ id: 'a', role: 'sales' }] }));
    expect(f).toMatchObject({ total: 0, manualShare: 0, untimed: 1 });
  });
});

describe('how often a step is done per case', () => {
  test('a rework loop taken half the time doubles its steps; what follows the loop is done once', () => {
    const v = visitsOf({
      roles,
      steps: [
        { id: 's', role: 'sales', kind: 'start' },
        { id: 'prep', role: 'sales', duration: h(1) },
        { id: 'check', role: 'head', kind: 'decision' },
        { id: 'send', role: 'sales', duration: h(1) },
        { id: 'e', role: 'sales', kind: 'end' },
      ],
      flows: [
        { from: 's', to: 'prep' },
        { from: 'prep', to: 'check' },
        { from: 'check', to: 'send' },
        { from: 'check', to: 'prep' },
        { from: 'send', to: 'e' },
      ],
    });
    expect(round(v)).toEqual({ s: 1, prep: 2, check: 2, send: 1, e: 1 });
  });

  test('a loop closed by a task after the decision: the task is done in half the passes, the exit once', () => {
    const doc = buildMap({
      roles,
      steps: [
        { id: 's', role: 'sales', kind: 'start' },
        { id: 'a', role: 'sales', duration: h(1) },
        { id: 'q', role: 'head', kind: 'decision' },
        { id: 'fix', role: 'sales', duration: h(1), y: 200 },
        { id: 'ok', role: 'sales', duration: h(1) },
      ],
      flows: [
        { from: 's', to: 'a' },
        { from: 'a', to: 'q' },
        { from: 'q', to: 'ok' },
        { from: 'q', to: 'fix' },
        { from: 'fix', to: 'a' },
      ],
    });
    share(doc, 'q', 'fix', 75);
    expect(round(expectedVisits(doc))).toEqual({ s: 1, a: 4, q: 4, fix: 3, ok: 1 });
  });

  const branches: MapSpec = {
    roles,
    steps: [
      { id: 's', role: 'sales', kind: 'start' },
      { id: 'q', role: 'sales', kind: 'decision' },
      { id: 'big', role: 'sales', duration: h(1) },
      { id: 'small', role: 'sales', duration: h(1), y: 200 },
      { id: 'third', role: 'sales', duration: h(1), y: 400 },
      { id: 'join', role: 'sales', duration: h(1) },
    ],
    flows: [
      { from: 's', to: 'q' },
      { from: 'q', to: 'big' },
      { from: 'q', to: 'small' },
      { from: 'q', to: 'third' },
      { from: 'big', to: 'join' },
      { from: 'small', to: 'join' },
      { from: 'third', to: 'join' },
    ],
  };

  test('without shares the branches split equally; where they meet the step is done once', () => {
    expect(round(visitsOf(branches))).toMatchObject({ big: 0.333, small: 0.333, third: 0.333, join: 1 });
  });

  test('said shares count; the branches not said share what is left equally', () => {
    const doc = buildMap(branches);
    share(doc, 'q', 'big', 60);
    expect(round(expectedVisits(doc))).toMatchObject({ big: 0.6, small: 0.2, third: 0.2, join: 1 });
  });

  test('a branch taken 80 % outranks its 20 % sibling among the candidates, though drawn after it', () => {
    const doc = buildMap(branches);
    delete doc.steps.third;
    delete doc.flows['f-q-third'];
    delete doc.flows['f-third-join'];
    expect(automationCandidates(doc).map((c) => c.stepId)).toEqual(['join', 'big', 'small']);
    share(doc, 'q', 'small', 80);
    share(doc, 'q', 'big', 20);
    const list = automationCandidates(doc);
    expect(list.map((c) => c.stepId)).toEqual(['join', 'small', 'big']);
    expect(list.find((c) => c.stepId === 'small')).toMatchObject({ work: 60, visits: 0.8, score: 48 });
  });

  test('flows out of a task all happen (parallel work), and the step where they meet is done once', () => {
    const v = visitsOf({
      roles,
      steps: [
        { id: 's', role: 'sales', kind: 'start' },
        { id: 'split', role: 'sales' },
        { id: 'docs', role: 'sales' },
        { id: 'call', role: 'head', y: 200 },
        { id: 'meet', role: 'sales' },
      ],
      flows: [
        { from: 's', to: 'split' },
        { from: 'split', to: 'docs' },
        { from: 'split', to: 'call' },
        { from: 'docs', to: 'meet' },
        { from: 'call', to: 'meet' },
      ],
    });
    expect(round(v)).toEqual({ s: 1, split: 1, docs: 1, call: 1, meet: 1 });
  });

  test('steps no start reaches count once; a branch nobody takes (0 %) is not done', () => {
    const doc = buildMap({
      roles,
      steps: [
        { id: 's', role: 'sales', kind: 'start' },
        { id: 'q', role: 'sales', kind: 'decision' },
        { id: 'yes', role: 'sales' },
        { id: 'never', role: 'sales', y: 200 },
        { id: 'lonely', role: 'head' },
        { id: 'after', role: 'head' },
      ],
      flows: [
        { from: 's', to: 'q' },
        { from: 'q', to: 'yes' },
        { from: 'q', to: 'never' },
        { from: 'lonely', to: 'after' },
      ],
    });
    share(doc, 'q', 'yes', 100);
    expect(round(expectedVisits(doc))).toMatchObject({ yes: 1, never: 0, lonely: 1, after: 1 });
  });

  test('a loop that always goes round is capped (10 times), not infinite', () => {
    const doc = buildMap({
      roles,
      steps: [
        { id: 's', role: 'sales', kind: 'start' },
        { id: 'a', role: 'sales' },
        { id: 'b', role: 'sales' },
      ],
      flows: [
        { from: 's', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    });
    const v = expectedVisits(doc);
    expect(v.get('a')).toBe(10);
    expect(Number.isFinite(v.get('b'))).toBe(true);
  });
});

describe('automation candidates', () => {
  const doc = () =>
    withSteps(
      buildMap({
        roles,
        steps: [
          { id: 's', role: 'sales', kind: 'start' },
          { id: 'once', role: 'sales', duration: h(3) },
          { id: 'loop', role: 'sales', duration: h(2) },
          { id: 'q', role: 'head', kind: 'decision' },
          { id: 'done', role: 'sales', duration: h(1) },
          { id: 'untimed', role: 'sales' },
          { id: 'robot', role: 'sales', duration: h(8) },
          { id: 'half', role: 'sales', duration: h(4) },
        ],
        flows: [
          { from: 's', to: 'once' },
          { from: 'once', to: 'loop' },
          { from: 'loop', to: 'q' },
          { from: 'q', to: 'done' },
          { from: 'q', to: 'loop' },
          { from: 'done', to: 'untimed' },
          { from: 'untimed', to: 'robot' },
          { from: 'robot', to: 'half' },
        ],
      }),
      { robot: { automation: 'auto' }, half: { automation: 'partial' } },
    );

  test('ranked by hand work per case: a step in a loop taken half the time counts double; partly automated counts half; automated steps are not listed; untimed last', () => {
    const list = automationCandidates(doc());
    expect(list.map((c) => [c.stepId, c.level, c.visits, c.score])).toEqual([
      ['loop', 'manual', 2, 240],
      ['once', 'manual', 1, 180],
      ['half', 'partial', 1, 120],
      ['done', 'manual', 1, 60],
      ['untimed', 'manual', 1, 0],
    ]);
  });

  test('a loop taken 10 % of the time no longer doubles the step: it drops below the step done once', () => {
    const d = doc();
    share(d, 'q', 'loop', 10);
    const list = automationCandidates(d);
    expect(list[0]!.stepId).toBe('once');
    expect(list[1]).toMatchObject({ stepId: 'loop' });
    expect(list[1]!.visits).toBeCloseTo(1 / 0.9);
  });
});

describe('KPI status', () => {
  const k = (better: 'higher' | 'lower', target: number | null, current: number | null) => kpiStatus({ better, target, current });
  test('higher is better: at or above target is met, below is missed', () => {
    expect(k('higher', 15, 12)).toBe('missed');
    expect(k('higher', 15, 15)).toBe('met');
    expect(k('higher', 15, 20)).toBe('met');
  });
  test('lower is better: at or below target is met, above is missed', () => {
    expect(k('lower', 2, 3)).toBe('missed');
    expect(k('lower', 2, 2)).toBe('met');
    expect(k('lower', 2, 0.5)).toBe('met');
  });
  test('without a target or a current value: unknown', () => {
    expect(k('higher', null, 12)).toBe('unknown');
    expect(k('lower', 2, null)).toBe('unknown');
    expect(k('higher', 0, 0)).toBe('met');
  });
  test('kpiRows lists phases’ KPIs in column order, then steps’, with their status', () => {
    const doc = buildMap({
      roles,
      phases: [
        { id: 'p2', name: 'Сделка', order: 1 },
        { id: 'p1', name: 'Лид', order: 0 },
      ],
      steps: [{ id: 'a', role: 'sales', phaseId: 'p1' }],
    });
    doc.phases.p2!.kpis = [{ id: 'k2', name: 'Конверсия', unit: '%', target: 15, current: 12, better: 'higher' }];
    doc.phases.p1!.kpis = [{ id: 'k1', name: 'Лиды', unit: '', target: 100, current: 120, better: 'higher' }];
    doc.steps.a!.kpis = [{ id: 'k3', name: 'Время ответа', unit: 'ч', target: 2, current: null, better: 'lower' }];
    expect(kpiRows(doc).map((r) => [r.kpi.id, r.owner.id, r.status])).toEqual([
      ['k1', 'p1', 'met'],
      ['k2', 'p2', 'missed'],
      ['k3', 'a', 'unknown'],
    ]);
  });
});

test('system suggestions: the steps’ systems first, then resources by use, one spelling each', () => {
  const doc = buildMap({
    roles,
    steps: [
      { id: 'a', role: 'sales', resources: ['Телефон', 'CRM'] },
      { id: 'b', role: 'sales', resources: ['телефон', 'Почта'] },
      { id: 'c', role: 'sales', resources: [] },
    ],
  });
  doc.steps.c!.system = '1С';
  expect(systemSuggestions(doc)).toEqual(['1С', 'Телефон', 'CRM', 'Почта']);
});

describe('on the bundled templates', () => {
  const files = fs
    .readdirSync('templates')
    .filter((f) => f.endsWith('.json'))
    .sort();
  test.each(files)('%s: every step is done a finite number of times, at most 10 per loop it sits in; work on the main line once', (file) => {
    const doc = parseTemplate(file, JSON.parse(fs.readFileSync(path.join('templates', file), 'utf8'))).doc;
    const visits = expectedVisits(doc);
    expect(visits.size).toBe(Object.keys(doc.steps).length);
    for (const v of visits.values()) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    // the start steps and the steps right after them are done once per case
    for (const s of Object.values(doc.steps).filter((x) => x.kind === 'start')) expect(visits.get(s.id)).toBe(1);
    const list = automationCandidates(doc, visits);
    for (let i = 1; i < list.length; i++) if (list[i]!.work > 0) expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score);
  });
});
