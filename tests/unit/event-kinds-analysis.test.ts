/**
 * The analysis of the BPMN-like kinds (issue 11): a parallel split runs all its branches (the lead
 * time is the longest branch, the work is every branch's), a decision sends each case down one
 * branch (its shares weight the branches' visits); a parallel join waits for all; an event is
 * waiting, neither work nor a hand-off; the checks ask a parallel split for no labels and treat an
 * event as a step in the flow; RACI rows keep events out.
 */
import { expect, test } from 'vitest';
import { checkMap, handOffs } from '../../shared/analysis/checks';
import { mapFigures } from '../../shared/analysis/figures';
import { expectedVisits } from '../../shared/analysis/optimise';
import { valueStreamLayout } from '../../shared/analysis/valueStream';
import type { Duration, MapDoc, StepKind } from '../../shared/model/types';
import { raciMatrix } from '../../shared/views/raci';
import { buildMap } from '../support/builders';

const d = (value: number, unit: Duration['unit']): Duration => ({ value, unit });

/** start → split → (a: 2 h | b: 30 min, then c: 1 h) → join → end, the split of the given kind. */
function branches(kind: StepKind): MapDoc {
  const doc = buildMap({
    roles: [{ id: 'sales' }, { id: 'lawyer' }],
    steps: [
      { id: 's', role: 'sales', kind: 'start' },
      { id: 'split', role: 'sales', kind, title: '' },
      { id: 'a', role: 'sales', title: 'Подготовить КП', duration: d(2, 'h') },
      { id: 'b', role: 'lawyer', title: 'Проверить договор', duration: d(30, 'min') },
      { id: 'c', role: 'lawyer', title: 'Согласовать риски', duration: d(1, 'h') },
      { id: 'join', role: 'sales', kind: kind === 'parallel' ? 'parallel' : 'task', title: kind === 'parallel' ? '' : 'Собрать' },
      { id: 'e', role: 'sales', kind: 'end' },
    ],
    flows: [
      { from: 's', to: 'split' },
      { from: 'split', to: 'a', label: kind === 'decision' ? 'Да' : '' },
      { from: 'split', to: 'b', label: kind === 'decision' ? 'Нет' : '' },
      { from: 'b', to: 'c' },
      { from: 'a', to: 'join' },
      { from: 'c', to: 'join' },
      { from: 'join', to: 'e' },
    ],
  });
  return doc;
}

test('a parallel split: the lead time is the longest branch, the work is every branch, each branch is done every time', () => {
  const doc = branches('parallel');
  const f = mapFigures(doc);
  // the longest branch: b + c = 90 min < a = 120 min, so a; not a mean of 120 and 90
  expect(f.leadTime).toBe(120);
  expect(f.criticalPath).toEqual(['s', 'split', 'a', 'join', 'e']);
  // every branch runs: all the work is counted
  expect(f.workTotal).toBe(120 + 30 + 60);
  // both branches are done on every case, and the join once (it waits for both)
  const visits = expectedVisits(doc);
  expect(visits.get('a')).toBe(1);
  expect(visits.get('b')).toBe(1);
  expect(visits.get('c')).toBe(1);
  expect(visits.get('join')).toBe(1);
  expect(visits.get('e')).toBe(1);
});

test('a decision instead: each case takes one branch, so its branches are visited by their shares', () => {
  const doc = branches('decision');
  const fa = Object.values(doc.flows).find((fl) => fl.toStepId === 'a')!;
  fa.share = 80;
  const visits = expectedVisits(doc);
  expect(visits.get('a')).toBeCloseTo(0.8);
  expect(visits.get('b')).toBeCloseTo(0.2);
  expect(visits.get('c')).toBeCloseTo(0.2);
});

test('the checks ask a parallel split for no branch labels and no shares; a decision without labels is flagged', () => {
  const parallel = checkMap(branches('parallel')).map((x) => x.rule);
  expect(parallel).not.toContain('unlabelled-branch');
  expect(parallel).not.toContain('decision-branches');
  const decision = branches('decision');
  for (const fl of Object.values(decision.flows)) fl.label = '';
  expect(checkMap(decision).map((x) => x.rule)).toContain('unlabelled-branch');
});

/** Manager sends the offer → the customer's reply (an event in the customer's lane, a timer of 2 days) → manager reads it → end. */
function waiting(): MapDoc {
  const doc = buildMap({
    roles: [{ id: 'sales' }, { id: 'client' }],
    steps: [
      { id: 's', role: 'sales', kind: 'start' },
      { id: 'send', role: 'sales', title: 'Отправить КП', duration: d(1, 'h') },
      { id: 'reply', role: 'client', kind: 'event', title: 'Ответ клиента', duration: d(2, 'd') },
      { id: 'read', role: 'sales', title: 'Разобрать ответ', duration: d(30, 'min') },
      { id: 'e', role: 'sales', kind: 'end' },
    ],
    flows: [
      { from: 's', to: 'send' },
      { from: 'send', to: 'reply' },
      { from: 'reply', to: 'read' },
      { from: 'read', to: 'e' },
    ],
  });
  doc.steps.reply!.trigger = 'timer';
  return doc;
}

test('an event is waiting: its time counts as wait, not work, and lies on the lead time', () => {
  const f = mapFigures(waiting());
  expect(f.workTotal).toBe(90);
  expect(f.waitTotal).toBe(2 * 480);
  expect(f.leadTime).toBe(90 + 960);
  expect(f.workOnPath).toBe(90);
  expect(f.efficiency).toBeCloseTo(90 / 1050);
  const vs = valueStreamLayout(waiting(), f, 10_000, '—');
  const reply = vs.segments.find((s) => s.stepId === 'reply')!;
  expect(reply).toMatchObject({ wait: 960, work: 0 });
});

test('an event is no hand-off: work passing through it between two steps of one role is none; to another role, one', () => {
  const doc = waiting();
  expect(mapFigures(doc).handOffs).toBe(0);
  expect(handOffs(doc)).toEqual([]);
  // the answer is read by the head of sales instead: one hand-off, from sales to the head, on the flow leaving the event
  doc.roles.head = { id: 'head', name: 'Руководитель', color: '#f2994a', order: 2 };
  doc.steps.read!.roleId = 'head';
  const h = handOffs(doc);
  expect(h).toContainEqual({ fromRoleId: 'sales', toRoleId: 'head', flowIds: ['f-reply-read'] });
  // nothing from sales to the customer or from the customer: the event is not work
  expect(h.some((x) => x.fromRoleId === 'client' || x.toRoleId === 'client')).toBe(false);
  // and the head hands the result back to the end in the sales lane: two in all
  expect(mapFigures(doc).handOffs).toBe(2);
});

test('an event is a step in the flow: not a dead end, not unreachable; one that leads nowhere is a dead end', () => {
  const at = (x: { target: { kind: string; id?: string } }) => x.target.kind === 'step' && x.target.id === 'reply';
  const ok = checkMap(waiting()).filter(at);
  expect(ok.map((x) => x.rule)).toEqual([]);
  const doc = waiting();
  delete doc.flows['f-reply-read'];
  const rules = checkMap(doc)
    .filter(at)
    .map((x) => x.rule);
  expect(rules).toContain('dead-end');
});

test('RACI rows: tasks, sub-processes and decisions; events and parallel splits stay out', () => {
  const doc = branches('parallel');
  doc.steps.ev = { ...doc.steps.a!, id: 'ev', kind: 'event', title: 'Ответ' };
  const rows = raciMatrix(doc).rows.map((r) => r.step.id);
  expect(rows).toEqual(expect.arrayContaining(['a', 'b', 'c']));
  expect(rows).not.toContain('ev');
  expect(rows).not.toContain('split');
});

test('SIPOC: an event or a parallel split is no activity of the process column, but what an event carries still counts', async () => {
  const { sipoc } = await import('../../shared/views/sipoc');
  const doc = waiting();
  doc.steps.reply!.outputs = ['Ответ клиента'];
  doc.steps.read!.inputs = ['Ответ клиента'];
  const rows = sipoc(doc).rows;
  const process = rows.flatMap((r) => r.process.map((s) => s.id));
  expect(process).toContain('send');
  expect(process).not.toContain('reply');
  // the reply comes from the customer's event to the manager reading it
  const input = rows.flatMap((r) => r.inputs).find((i) => i.item === 'Ответ клиента')!;
  expect(input.stepIds).toEqual(['read']);
  expect(input.parties.map((p) => p.roleId)).toEqual(['client']);
});
