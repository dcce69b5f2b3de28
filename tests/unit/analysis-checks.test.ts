/**
 * The checks of a map (groundwork for issue 10): each rule on small hand-made maps that
 * trigger it, and on maps that must not; hand-offs and rework loops.
 */
import { describe, expect, test } from 'vitest';
import { checkMap, dismissalOf, handOffs, reviewFindings, reworkFlows, RULES, type RuleId } from '../../shared/analysis/checks';
import type { MapDoc } from '../../shared/model/types';
import { buildMap, type FlowSpec, type StepSpec } from '../support/builders';

const min30 = { value: 30, unit: 'min' as const };
const roles = [{ id: 'sales' }, { id: 'client' }];

/** A clean line: start -> qualify -> offer -> end, every task with an output and a duration. */
function clean(extra: { steps?: StepSpec[]; flows?: FlowSpec[] } = {}): MapDoc {
  return buildMap({
    roles,
    steps: [
      { id: 'start', role: 'client', kind: 'start', title: 'Заявка', outputs: ['Заявка клиента'] },
      { id: 'qualify', role: 'sales', title: 'Квалифицировать', inputs: ['заявка  клиента'], outputs: ['Карточка лида'], duration: min30 },
      { id: 'offer', role: 'sales', title: 'Подготовить КП', inputs: ['Карточка лида'], outputs: ['Коммерческое предложение'], duration: min30 },
      { id: 'end', role: 'client', kind: 'end', title: 'КП получено', inputs: ['Коммерческое предложение'] },
      ...(extra.steps ?? []),
    ],
    flows: [{ from: 'start', to: 'qualify' }, { from: 'qualify', to: 'offer' }, { from: 'offer', to: 'end' }, ...(extra.flows ?? [])],
  });
}

const rules = (doc: MapDoc) => checkMap(doc).map((f) => `${f.rule}${f.target.kind === 'map' ? '' : `:${f.target.id}`}${f.item ? `:${f.item}` : ''}`);

describe('a clean map', () => {
  test('has no findings (items match whatever their case, spaces and ё/е)', () => {
    expect(rules(clean())).toEqual([]);
  });
});

describe('structure', () => {
  test('no start and no end', () => {
    const doc = buildMap({
      roles,
      steps: [
        { id: 'a', role: 'sales', outputs: ['x'], duration: min30 },
        { id: 'b', role: 'sales', inputs: ['x'], outputs: ['y'], duration: min30 },
      ],
      flows: [{ from: 'a', to: 'b' }],
    });
    expect(rules(doc)).toEqual(expect.arrayContaining(['no-start', 'no-end']));
    expect(rules(doc).some((r) => r.startsWith('unreachable') || r.startsWith('dead-end'))).toBe(false);
  });

  test('a step no start reaches, and one from which no end can be reached', () => {
    const doc = clean({
      steps: [
        { id: 'orphan', role: 'sales', title: 'Сирота', outputs: ['Коммерческое предложение'], duration: min30 },
        { id: 'stuck', role: 'sales', title: 'Тупик', inputs: ['Карточка лида'], outputs: ['Черновик'], duration: min30 },
      ],
      flows: [
        { from: 'orphan', to: 'offer' },
        { from: 'qualify', to: 'stuck' },
      ],
    });
    const found = rules(doc);
    expect(found).toContain('unreachable:orphan');
    expect(found).toContain('dead-end:stuck');
    expect(found).not.toContain('unreachable:offer');
    expect(found).not.toContain('dead-end:qualify');
  });

  test('a step with no flows at all is isolated (and not also unreachable or a dead end)', () => {
    const found = rules(clean({ steps: [{ id: 'alone', role: 'sales', outputs: ['x'], duration: min30 }] }));
    expect(found).toContain('isolated:alone');
    expect(found).not.toContain('unreachable:alone');
    expect(found).not.toContain('dead-end:alone');
  });

  test('a decision with one branch, and a decision with an unlabelled branch', () => {
    const doc = clean({
      steps: [
        { id: 'd1', role: 'sales', kind: 'decision', title: 'Бюджет есть?' },
        { id: 'd2', role: 'sales', kind: 'decision', title: 'Скидка нужна?' },
      ],
      flows: [
        { from: 'qualify', to: 'd1' },
        { id: 'd1-yes', from: 'd1', to: 'offer', label: 'да' },
        { from: 'offer', to: 'd2' },
        { id: 'd2-yes', from: 'd2', to: 'end', label: 'да' },
        { id: 'd2-blank', from: 'd2', to: 'qualify', label: '  ' },
      ],
    });
    const found = rules(doc);
    expect(found).toContain('decision-branches:d1');
    expect(found).not.toContain('decision-branches:d2');
    expect(found).toContain('unlabelled-branch:d2-blank');
    expect(found).not.toContain('unlabelled-branch:d2-yes');
  });

  test('two flows between the same pair of steps: one of them is listed (the same one whatever order storage returns them in)', () => {
    const doc = clean({ flows: [{ id: 'again', from: 'qualify', to: 'offer' }] });
    const found = rules(doc).filter((r) => r.startsWith('duplicate-flow'));
    expect(found).toHaveLength(1);
    const flow = doc.flows[found[0]!.split(':')[1]!]!;
    expect([flow.fromStepId, flow.toStepId]).toEqual(['qualify', 'offer']);
    const reversed = { ...doc, flows: Object.fromEntries(Object.entries(doc.flows).reverse()) };
    expect(rules(reversed).filter((r) => r.startsWith('duplicate-flow'))).toEqual(found);
  });

  test('a sub-process step not linked to a map', () => {
    const doc = clean({
      steps: [{ id: 'sub', role: 'sales', kind: 'subprocess', title: 'Согласование' }],
      flows: [
        { from: 'qualify', to: 'sub' },
        { from: 'sub', to: 'offer' },
      ],
    });
    expect(rules(doc)).toContain('unlinked-subprocess:sub');
    doc.steps.sub!.linkedMapId = 'other-map';
    expect(rules(doc)).not.toContain('unlinked-subprocess:sub');
  });
});

describe('data', () => {
  test('a task with no output', () => {
    const doc = clean();
    doc.steps.offer!.outputs = [];
    expect(rules(doc)).toContain('task-without-output:offer');
  });

  test('an input no step before it produces, and an output no later step uses; start inputs and end outputs come and go outside', () => {
    const doc = clean();
    doc.steps.offer!.inputs = ['Карточка лида', 'Прайс-лист'];
    doc.steps.qualify!.outputs = ['Карточка лида', 'Заметки'];
    doc.steps.start!.inputs = ['Звонок'];
    doc.steps.end!.outputs = ['Подписанный договор'];
    const found = rules(doc);
    expect(found).toContain('unsourced-input:offer:Прайс-лист');
    expect(found).toContain('unused-output:qualify:Заметки');
    expect(found).not.toContain('unsourced-input:start:Звонок');
    expect(found).not.toContain('unused-output:end:Подписанный договор');
    expect(found.filter((r) => r.includes('Карточка лида'))).toEqual([]);
  });

  test('an item produced only after the step (not before it) is still unsourced; inside a loop both ways count', () => {
    const doc = clean();
    doc.steps.qualify!.inputs = ['Коммерческое предложение'];
    expect(rules(doc)).toContain('unsourced-input:qualify:Коммерческое предложение');
    // the same map with a loop back from the offer to the qualification: the offer is now before it
    const loop = clean({ flows: [{ from: 'offer', to: 'qualify', label: 'доработать' }] });
    loop.steps.qualify!.inputs = ['Коммерческое предложение'];
    expect(rules(loop)).not.toContain('unsourced-input:qualify:Коммерческое предложение');
  });
});

describe('outside parties', () => {
  test('an input marked as coming from an outside party is sourced; an output going to one is used; matched by normalised text', () => {
    const doc = clean();
    doc.steps.offer!.inputs = ['Карточка лида', 'Прайс-лист'];
    doc.steps.qualify!.outputs = ['Карточка лида', 'Заметки'];
    doc.steps.offer!.parties = [{ kind: 'inputs', item: 'прайс лист'.replace(' ', '-'), party: 'Поставщик' }];
    doc.steps.qualify!.parties = [{ kind: 'outputs', item: ' ЗАМЕТКИ ', party: 'Банк' }];
    expect(rules(doc)).toEqual([]);
    // the party names an input: it does not make an output of the same name used
    doc.steps.qualify!.parties = [{ kind: 'inputs', item: 'Заметки', party: 'Банк' }];
    expect(rules(doc)).toEqual(['unused-output:qualify:Заметки']);
  });
});

describe('RACI', () => {
  test('quiet while the map has no RACI letters; then every task needs exactly one A', () => {
    const doc = clean();
    expect(rules(doc)).toEqual([]);
    doc.steps.qualify!.raci = { client: 'A' };
    expect(rules(doc)).toEqual(['raci-accountable:offer']);
    doc.steps.offer!.raci = { sales: 'A' };
    expect(rules(doc)).toEqual([]);
    // an A for a lane the map no longer has does not count
    doc.steps.offer!.raci = { gone: 'A' };
    expect(rules(doc)).toContain('raci-accountable:offer');
  });

  test('a role whose only part in the map is one R or one A is a hint; C or I elsewhere is a part too', () => {
    const doc = buildMap({
      roles: [{ id: 'sales' }, { id: 'lawyer' }, { id: 'head' }],
      steps: [
        { id: 'start', role: 'sales', kind: 'start', title: 'Заявка', outputs: ['Заявка'] },
        { id: 'check', role: 'lawyer', title: 'Проверить договор', inputs: ['Заявка'], outputs: ['Договор'], duration: min30 },
        { id: 'end', role: 'sales', kind: 'end', title: 'Готово', inputs: ['Договор'] },
      ],
      flows: [
        { from: 'start', to: 'check' },
        { from: 'check', to: 'end' },
      ],
    });
    doc.steps.check!.raci = { head: 'A' };
    expect(rules(doc).filter((r) => r.startsWith('raci'))).toEqual(['raci-idle-role:lawyer', 'raci-idle-role:head']);
    doc.steps.start!.raci = { lawyer: 'I', head: 'C' };
    expect(rules(doc).filter((r) => r.startsWith('raci'))).toEqual([]);
  });
});

describe('dismissals and rules switched off', () => {
  test('a dismissed finding is listed apart with its reason; a switched-off rule finds nothing; others stay open', () => {
    const doc = clean();
    doc.steps.offer!.duration = null;
    doc.steps.qualify!.duration = null;
    const findings = checkMap(doc);
    const offer = findings.find((f) => f.target.kind === 'step' && f.target.id === 'offer')!;
    doc.dismissed = [dismissalOf(offer, 'Зависит от клиента', 'Ольга', '2026-11-30T09:00:00.000Z')];
    let seen = reviewFindings(doc, checkMap(doc));
    expect(seen.open.map((f) => f.key)).toEqual(['task-without-duration|step:qualify']);
    expect(seen.dismissed.map((d) => [d.finding.key, d.dismissal.reason])).toEqual([['task-without-duration|step:offer', 'Зависит от клиента']]);
    doc.rulesOff = ['task-without-duration'];
    seen = reviewFindings(doc, checkMap(doc));
    expect(seen).toEqual({ open: [], dismissed: [], off: ['task-without-duration'] });
  });

  test('a dismissed data finding stays dismissed when the item is retyped with other case or spaces', () => {
    const doc = clean();
    doc.steps.offer!.inputs = ['Карточка лида', 'Прайс-лист'];
    const f = checkMap(doc).find((x) => x.rule === 'unsourced-input')!;
    doc.dismissed = [dismissalOf(f, 'Прайс-лист всегда под рукой', 'Ольга', '2026-11-30T09:00:00.000Z')];
    doc.steps.offer!.inputs = ['Карточка лида', '  ПРАЙС-ЛИСТ '];
    expect(reviewFindings(doc, checkMap(doc)).open).toEqual([]);
  });
});

describe('roles and time', () => {
  test('a lane with no steps, a task without a duration, a phase with no steps', () => {
    const doc = clean();
    doc.roles.lawyer = { id: 'lawyer', name: 'Юрист', color: '#112233', order: 2 };
    doc.phases.p1 = { id: 'p1', name: 'Подготовка', order: 0 };
    doc.phases.p2 = { id: 'p2', name: 'Сделка', order: 1 };
    for (const s of Object.values(doc.steps)) s.phaseId = 'p2';
    doc.steps.offer!.duration = null;
    const found = rules(doc);
    expect(found).toContain('empty-lane:lawyer');
    expect(found).toContain('task-without-duration:offer');
    expect(found).toContain('empty-phase:p1');
    expect(found).not.toContain('empty-phase:p2');
    expect(found).not.toContain('empty-lane:sales');
  });

  test('every finding has a severity and a key that stays the same across unrelated edits', () => {
    const doc = clean();
    doc.steps.offer!.duration = null;
    const [before] = checkMap(doc).filter((f) => f.rule === 'task-without-duration');
    doc.steps.qualify!.title = 'Другое название';
    doc.steps.qualify!.x += 40;
    const [after] = checkMap(doc).filter((f) => f.rule === 'task-without-duration');
    expect(before).toEqual(after);
    expect(before!.severity).toBe('hint');
  });
});

describe('flow of work', () => {
  test('hand-offs are counted by pair of roles', () => {
    const list = handOffs(clean());
    expect(list.map((h) => [h.fromRoleId, h.toRoleId, h.flowIds.length])).toEqual([
      ['client', 'sales', 1],
      ['sales', 'client', 1],
    ]);
  });

  test('rework loops: a flow back to an earlier step, and one into an earlier phase', () => {
    const doc = clean({ flows: [{ id: 'redo', from: 'offer', to: 'qualify', label: 'доработать' }] });
    expect(reworkFlows(doc)).toEqual(['redo']);
    expect(reworkFlows(clean())).toEqual([]);
    const phased = clean({
      steps: [{ id: 'late', role: 'sales', phaseId: 'p1', outputs: ['x'], duration: min30 }],
      flows: [
        { id: 'back-phase', from: 'offer', to: 'late' },
        { from: 'late', to: 'end' },
      ],
    });
    phased.phases.p1 = { id: 'p1', name: 'Начало', order: 0 };
    phased.phases.p2 = { id: 'p2', name: 'Конец', order: 1 };
    phased.steps.offer!.phaseId = 'p2';
    expect(reworkFlows(phased)).toEqual(['back-phase']);
  });
});

describe('KPIs', () => {
  test('a KPI of a phase or a step without a target or a current value is listed, by name; a complete one is not', () => {
    const doc = clean();
    doc.phases.p1 = { id: 'p1', name: 'Квалификация', order: 0 };
    doc.steps.qualify!.phaseId = 'p1';
    doc.phases.p1.kpis = [
      { id: 'k1', name: 'Конверсия лид → сделка', unit: '%', target: 15, current: 12, better: 'higher' },
      { id: 'k2', name: 'Доля квалифицированных', unit: '%', target: null, current: 40, better: 'higher' },
    ];
    doc.steps.offer!.kpis = [{ id: 'k3', name: 'Время подготовки КП', unit: 'ч', target: 4, current: null, better: 'lower' }];
    expect(rules(doc)).toEqual(['kpi-incomplete:p1:Доля квалифицированных', 'kpi-incomplete:offer:Время подготовки КП']);
  });
});

test('every rule named in the checks has a test above', () => {
  const tested: RuleId[] = [
    'no-start',
    'no-end',
    'unreachable',
    'dead-end',
    'isolated',
    'decision-branches',
    'unlabelled-branch',
    'duplicate-flow',
    'unlinked-subprocess',
    'task-without-output',
    'unsourced-input',
    'unused-output',
    'empty-lane',
    'task-without-duration',
    'raci-accountable',
    'raci-idle-role',
    'empty-phase',
    'kpi-incomplete',
  ];
  expect(Object.keys(RULES).sort()).toEqual([...tested].sort());
});
