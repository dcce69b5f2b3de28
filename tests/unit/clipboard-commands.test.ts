/** Issue 13 (clipboard): pasteFragment, deleteHealing, insertOnFlow and reconnectFlow. */
import { describe, expect, test } from 'vitest';
import { applyCommand, cmd, CommandError, type Command } from '../../shared/model/commands';
import { makeFragment, matchFragment, parseFragment, fragmentText, type Fragment } from '../../shared/model/fragment';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';

let n = 0;
const fresh = () => `new-${++n}`;

/** «Менеджер» and «Клиент» lanes, phases «Квалификация» and «Сделка», a -> b -> c with a RACI letter and a labelled flow. */
function source(): MapDoc {
  const doc = buildMap({
    id: 'src',
    roles: [
      { id: 'mgr', name: 'Менеджер' },
      { id: 'cli', name: 'Клиент' },
      { id: 'boss', name: 'Руководитель' },
    ],
    phases: [
      { id: 'ph1', name: 'Квалификация', order: 0 },
      { id: 'ph2', name: 'Сделка', order: 1 },
    ],
    steps: [
      { id: 'a', role: 'mgr', title: 'Позвонить клиенту', x: 40, y: 40, phaseId: 'ph1', inputs: ['Лид'], duration: { value: 30, unit: 'min' } },
      { id: 'b', role: 'cli', title: 'Решить', kind: 'decision', x: 300, y: 40, phaseId: 'ph1' },
      { id: 'c', role: 'mgr', title: 'Отправить счёт', x: 40, y: 40, phaseId: 'ph2' },
    ],
    flows: [
      { id: 'ab', from: 'a', to: 'b' },
      { id: 'bc', from: 'b', to: 'c', label: 'Да' },
    ],
  });
  doc.steps.a!.raci = { boss: 'A' };
  doc.steps.a!.wait = { value: 1, unit: 'h' };
  doc.steps.a!.pinned = true;
  doc.steps.a!.automation = 'partial';
  doc.steps.a!.system = 'CRM';
  doc.steps.a!.kpis = [{ id: 'k1', name: 'Дозвон', unit: '%', target: 80, current: 60, better: 'higher' }];
  doc.steps.a!.parties = [{ kind: 'inputs', item: 'Лид', party: 'Сайт' }];
  doc.flows.bc!.share = 70;
  doc.flows.bc!.route = [
    { x: 10, y: 10 },
    { x: 50, y: 10 },
  ];
  return doc;
}

/** The pasteFragment command for `f` into `doc`, as the editor builds it. */
function pasteCommand(doc: MapDoc, f: Fragment, extra: { offset?: { x: number; y: number }; routeShift?: { x: number; y: number } } = {}): Command {
  const m = matchFragment(doc, f, fresh);
  const steps = Object.fromEntries(f.steps.map((s) => [s.id, fresh()]));
  const flows = Object.fromEntries(f.flows.map((x) => [x.id, fresh()]));
  return cmd('pasteFragment', { fragment: f, ids: { steps, flows }, ...m, ...extra });
}
const added = (before: MapDoc, after: MapDoc) => Object.values(after.steps).filter((s) => !before.steps[s.id]);
const byTitle = (doc: MapDoc, title: string) => Object.values(doc.steps).filter((s) => s.title === title);

describe('pasteFragment', () => {
  test('a copy in the same map: new ids, every property, the flows among them, offset, same lanes and phases', () => {
    const doc = source();
    const f = makeFragment(doc, ['a', 'b', 'c'])!;
    expect(fragmentText(f)).toBe('Позвонить клиенту\nРешить\nОтправить счёт');
    expect(parseFragment(JSON.stringify(f))).toEqual(f);
    const after = applyCommand(doc, pasteCommand(doc, f, { offset: { x: 40, y: 40 }, routeShift: { x: 40, y: 40 } }));
    const news = added(doc, after);
    expect(news).toHaveLength(3);
    for (const s of news) expect(['a', 'b', 'c']).not.toContain(s.id);
    const a2 = news.find((s) => s.title === 'Позвонить клиенту')!;
    const a = doc.steps.a!;
    expect(a2).toMatchObject({ roleId: 'mgr', phaseId: 'ph1', x: a.x + 40, y: a.y + 40, inputs: ['Лид'], duration: a.duration, wait: a.wait, pinned: true, automation: 'partial', system: 'CRM', raci: { boss: 'A' } });
    expect(a2.kpis).toEqual(a.kpis);
    expect(a2.parties).toEqual(a.parties);
    expect(Object.keys(after.roles)).toHaveLength(3);
    expect(Object.keys(after.phases)).toHaveLength(2);
    const newFlows = Object.values(after.flows).filter((x) => !doc.flows[x.id]);
    expect(newFlows).toHaveLength(2);
    const yes = newFlows.find((x) => x.label === 'Да')!;
    expect(yes.share).toBe(70);
    expect(yes.route).toEqual([
      { x: 50, y: 50 },
      { x: 90, y: 50 },
    ]);
    expect(news.map((s) => s.id)).toContain(yes.fromStepId);
    expect(news.map((s) => s.id)).toContain(yes.toStepId);
    // the originals are untouched
    expect(after.steps.a).toEqual(doc.steps.a);
  });

  test('only the flows with both ends copied come along', () => {
    const doc = source();
    const f = makeFragment(doc, ['a', 'b'])!;
    expect(f.flows.map((x) => x.id)).toEqual(['ab']);
  });

  test('into another map: lanes and phases matched by name (case, spaces and ё/е ignored), the missing ones created', () => {
    const f = makeFragment(source(), ['a', 'b', 'c'])!;
    const target = buildMap({
      id: 'other',
      roles: [{ id: 't-mgr', name: '  менеджер ' }],
      phases: [{ id: 't-ph2', name: 'СДЕЛКА', order: 0 }],
    });
    const m = matchFragment(target, f, fresh);
    expect(m.roles.mgr).toBe('t-mgr');
    expect(m.phases.ph2).toBe('t-ph2');
    expect(m.newRoles.map((r) => r.name)).toEqual(['Клиент']);
    expect(m.newPhases.map((p) => p.name)).toEqual(['Квалификация']);
    // a role named only in RACI gets no lane of its own
    expect(m.roles.boss).toBeUndefined();
    const after = applyCommand(target, pasteCommand(target, f));
    expect(Object.values(after.roles).map((r) => r.name).sort()).toEqual(['  менеджер ', 'Клиент'].sort());
    const a2 = byTitle(after, 'Позвонить клиенту')[0]!;
    expect(a2.roleId).toBe('t-mgr');
    expect(a2.raci).toBeUndefined();
    expect(byTitle(after, 'Отправить счёт')[0]!.phaseId).toBe('t-ph2');
    expect(after.phases[byTitle(after, 'Решить')[0]!.phaseId!]!.name).toBe('Квалификация');
  });

  test('ё and е are the same letter when matching', () => {
    const doc = buildMap({ id: 's', roles: [{ id: 'r', name: 'Отдел счетов' }], steps: [{ id: 'x', role: 'r' }] });
    const target = buildMap({ id: 't', roles: [{ id: 'q', name: 'ОТДЕЛ СЧЁТОВ' }] });
    expect(matchFragment(target, makeFragment(doc, ['x'])!, fresh).roles.r).toBe('q');
  });

  test('a sub-process link to the map itself is dropped; another map keeps it', () => {
    const doc = source();
    doc.steps.c!.kind = 'subprocess';
    doc.steps.c!.linkedMapId = 'other';
    const f = makeFragment(doc, ['c'])!;
    const target = buildMap({ id: 'other', roles: [{ id: 'm', name: 'Менеджер' }] });
    expect(added(target, applyCommand(target, pasteCommand(target, f)))[0]!.linkedMapId).toBeUndefined();
    expect(added(doc, applyCommand(doc, pasteCommand(doc, f)))[0]!.linkedMapId).toBe('other');
  });

  test.each([
    ['a 10,000-character title', (f: Fragment) => (f.steps[0]!.title = 'x'.repeat(10_000)), /damaged/],
    ['a kind that does not exist', (f: Fragment) => ((f.steps[0] as { kind: string }).kind = 'script'), /damaged/],
    ['a flow to a step not in it', (f: Fragment) => (f.flows[0]!.toStepId = 'nowhere'), /not pasted with it/],
    ['an unknown field', (f: Fragment) => ((f.steps[0] as unknown as Record<string, unknown>).evil = '<script>'), /damaged/],
    ['not a fragment at all', (f: Fragment) => ((f as { kind: string }).kind = 'other'), /not a piece/],
  ])('a forged fragment is refused and changes nothing: %s', (_name, forge, message) => {
    const doc = source();
    const f = makeFragment(doc, ['a', 'b', 'c'])!;
    const command = pasteCommand(doc, f);
    forge(f);
    expect(() => applyCommand(doc, command)).toThrow(CommandError);
    expect(() => applyCommand(doc, command)).toThrow(message);
  });

  test('<script> in a title is pasted as text', () => {
    const doc = source();
    const f = makeFragment(doc, ['a'])!;
    f.steps[0]!.title = '<script>alert(1)</script>';
    const after = applyCommand(doc, pasteCommand(doc, f));
    expect(added(doc, after)[0]!.title).toBe('<script>alert(1)</script>');
  });
});

const chain = (labels: Record<string, string> = {}) =>
  buildMap({
    roles: [{ id: 'r' }],
    steps: ['a', 'b', 'c', 'd'].map((id) => ({ id, role: 'r' })),
    flows: [
      { id: 'ab', from: 'a', to: 'b', label: labels.ab },
      { id: 'bc', from: 'b', to: 'c', label: labels.bc },
      { id: 'cd', from: 'c', to: 'd', label: labels.cd },
    ],
  });
const pairs = (doc: MapDoc) =>
  Object.values(doc.flows)
    .map((f) => `${f.fromStepId}>${f.toStepId}${f.label ? `:${f.label}` : ''}`)
    .sort();

describe('deleteHealing', () => {
  test('a step with one way in and one out: its neighbours are connected, the outgoing label kept', () => {
    const after = applyCommand(chain({ bc: 'готово' }), cmd('deleteHealing', { stepIds: ['b'], flowIds: [] }));
    expect(pairs(after)).toEqual(['a>c:готово', 'c>d']);
  });
  test('a decision\'s "Yes" stays when the flow out of the deleted step has no label', () => {
    const after = applyCommand(chain({ ab: 'Да' }), cmd('deleteHealing', { stepIds: ['b'], flowIds: [] }));
    expect(pairs(after)).toEqual(['a>c:Да', 'c>d']);
  });
  test('a chain of deleted steps heals across: a -> b -> c -> d, b and c deleted: a -> d', () => {
    const after = applyCommand(chain({ cd: 'дальше' }), cmd('deleteHealing', { stepIds: ['c', 'b'], flowIds: [] }));
    expect(pairs(after)).toEqual(['a>d:дальше']);
  });
  test('no second flow when the neighbours are already connected', () => {
    const doc = chain();
    doc.flows.ac = { id: 'ac', fromStepId: 'a', toStepId: 'c', label: '' };
    const after = applyCommand(doc, cmd('deleteHealing', { stepIds: ['b'], flowIds: [] }));
    expect(pairs(after)).toEqual(['a>c', 'c>d']);
  });
  test('a step with two ways out is deleted without healing', () => {
    const doc = chain();
    doc.flows.bd = { id: 'bd', fromStepId: 'b', toStepId: 'd', label: '' };
    const after = applyCommand(doc, cmd('deleteHealing', { stepIds: ['b'], flowIds: [] }));
    expect(pairs(after)).toEqual(['c>d']);
  });
  test('plain deleteElements does not heal', () => {
    expect(pairs(applyCommand(chain(), cmd('deleteElements', { stepIds: ['b'], flowIds: [] })))).toEqual(['c>d']);
  });
  test('a loop a -> b -> a is not healed into a flow from a to itself', () => {
    const doc = buildMap({ roles: [{ id: 'r' }], steps: [{ id: 'a', role: 'r' }, { id: 'b', role: 'r' }], flows: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }] });
    expect(pairs(applyCommand(doc, cmd('deleteHealing', { stepIds: ['b'], flowIds: [] })))).toEqual([]);
  });
});

describe('insertOnFlow', () => {
  test('a new step goes between: the label stays on the part leaving the decision, later steps make room', () => {
    const doc = buildMap({
      roles: [{ id: 'r' }],
      steps: [
        { id: 'd', role: 'r', kind: 'decision', x: 0, y: 40 },
        { id: 'e', role: 'r', x: 260, y: 40 },
        { id: 'f', role: 'r', x: 520, y: 40 },
      ],
      flows: [
        { id: 'de', from: 'd', to: 'e', label: 'Да' },
        { id: 'ef', from: 'e', to: 'f' },
      ],
    });
    doc.flows.de!.share = 60;
    const after = applyCommand(doc, cmd('insertOnFlow', { flowId: 'de', stepId: 'n', newFlowId: 'ne', step: { kind: 'task' } }));
    expect(pairs(after)).toEqual(['d>n:Да', 'e>f', 'n>e']);
    expect(after.flows.de!.share).toBe(60);
    const nStep = after.steps.n!;
    expect(nStep.roleId).toBe('r');
    // the new step stands between, and e and f moved right by the same amount
    expect(nStep.x).toBeGreaterThan(doc.steps.d!.x);
    expect(after.steps.e!.x).toBeGreaterThan(nStep.x + 100);
    expect(after.steps.f!.x - after.steps.e!.x).toBe(doc.steps.f!.x - doc.steps.e!.x);
  });
  test('an existing step without flows is dropped into a flow (moved there in the same edit)', () => {
    const doc = chain();
    doc.steps.z = { ...doc.steps.a!, id: 'z', title: 'Новый' };
    const after = applyCommand(doc, cmd('insertOnFlow', { flowId: 'bc', stepId: 'z', newFlowId: 'zc', move: { x: 500, y: 90, roleId: 'r' } }));
    expect(pairs(after)).toEqual(['a>b', 'b>z', 'c>d', 'z>c']);
    expect(after.steps.z).toMatchObject({ x: 500, y: 90 });
  });
  test('a step that has flows is refused', () => {
    expect(() => applyCommand(chain(), cmd('insertOnFlow', { flowId: 'cd', stepId: 'a', newFlowId: 'x' }))).toThrow(/without flows/);
  });
});

describe('reconnectFlow', () => {
  test('moves an end; the label stays', () => {
    const after = applyCommand(chain({ ab: 'Да' }), cmd('reconnectFlow', { flowId: 'ab', fromStepId: 'a', toStepId: 'c' }));
    expect(pairs(after)).toEqual(['a>c:Да', 'b>c', 'c>d']);
  });
  test('a loop to itself and a duplicate are refused', () => {
    expect(() => applyCommand(chain(), cmd('reconnectFlow', { flowId: 'ab', fromStepId: 'a', toStepId: 'a' }))).toThrow(/into itself/);
    expect(() => applyCommand(chain(), cmd('reconnectFlow', { flowId: 'ab', fromStepId: 'b', toStepId: 'c' }))).toThrow(/already connected/);
  });
});
