import { produce } from 'immer';
import { describe, expect, test } from 'vitest';
import { compareMaps, STEP_FIELDS, type MapComparison, type StepField } from '../../shared/model/compare';
import type { MapDoc, Step } from '../../shared/model/types';
import { buildMap } from '../support/builders';

/**
 * A step with its map link, typed so the tests may also write null (what a version stored by
 * a build that kept null for "no link" holds) whatever the Step type says about the field.
 */
type LinkedStep = Omit<Step, 'linkedMapId'> & { linkedMapId?: string | null };

/**
 * Two lanes (manager above client), two phases, four steps and three flows:
 * lead (no phase) → qualify (contact) → call (contact, client lane) → won (deal).
 */
const base = (): MapDoc =>
  buildMap({
    title: 'Продажа B2B',
    description: 'Как отдел продаж ведёт лида',
    roles: [
      { id: 'manager', name: 'Менеджер по продажам', color: '#2f80ed' },
      { id: 'client', name: 'Клиент', color: '#27ae60' },
    ],
    phases: [
      { id: 'contact', name: 'Первый контакт', order: 0 },
      { id: 'deal', name: 'Сделка', order: 1 },
    ],
    steps: [
      { id: 'lead', role: 'manager', kind: 'start', title: 'Заявка поступила', x: 40, y: 50 },
      {
        id: 'qualify',
        role: 'manager',
        phaseId: 'contact',
        title: 'Квалификация лида',
        description: 'По BANT',
        x: 40,
        y: 40,
        duration: { value: 30, unit: 'min' },
        inputs: ['Заявка с сайта', 'Карточка лида'],
        outputs: ['Квалифицированный лид', 'Отчёт'],
        resources: ['CRM', 'Скрипт звонка'],
      },
      { id: 'call', role: 'client', phaseId: 'contact', title: 'Звонок клиенту', x: 300, y: 40 },
      { id: 'won', role: 'manager', phaseId: 'deal', kind: 'end', title: 'Сделка закрыта', x: 40, y: 50 },
    ],
    flows: [
      { id: 'f1', from: 'lead', to: 'qualify' },
      { id: 'f2', from: 'qualify', to: 'call' },
      { id: 'f3', from: 'call', to: 'won', label: 'да' },
    ],
  });

/** A changed copy of `doc`: the original is never touched. */
const edit = (doc: MapDoc, change: (d: MapDoc) => void): MapDoc => {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
};

const step = (doc: MapDoc, id: string): LinkedStep => {
  const s = doc.steps[id];
  if (!s) throw new Error(`no step ${id} in the map`);
  return s;
};

/** The comparison of two versions that do not differ at all. */
const NOTHING: MapComparison = {
  steps: { added: [], removed: [], changed: [], moved: [] },
  flows: { added: [], removed: [], changed: [] },
  roles: { added: [], removed: [], renamed: [] },
  phases: { added: [], removed: [], renamed: [], kpis: [] },
  map: [],
  same: true,
};

/** NOTHING with some parts replaced; `same` must be given when it is not true. */
interface Parts {
  steps?: Partial<MapComparison['steps']>;
  flows?: Partial<MapComparison['flows']>;
  roles?: Partial<MapComparison['roles']>;
  phases?: Partial<MapComparison['phases']>;
  map?: MapComparison['map'];
  same?: boolean;
}
const expected = (parts: Parts): MapComparison => ({
  steps: { ...NOTHING.steps, ...parts.steps },
  flows: { ...NOTHING.flows, ...parts.flows },
  roles: { ...NOTHING.roles, ...parts.roles },
  phases: { ...NOTHING.phases, ...parts.phases },
  map: parts.map ?? [],
  same: parts.same ?? true,
});

describe('compareMaps: nothing changed', () => {
  test('the same map, and a separate copy of it, compare as the same with nothing listed', () => {
    const doc = base();
    expect(compareMaps(doc, doc)).toEqual(NOTHING);
    expect(compareMaps(doc, structuredClone(doc))).toEqual(NOTHING);
  });

  test('timestamps and the map id are not part of what is compared', () => {
    const older = base();
    const newer = edit(older, (d) => {
      d.id = 'map-2';
      d.updatedAt = '2026-04-01T09:00:00.000Z';
    });
    expect(compareMaps(older, newer)).toEqual(NOTHING);
  });

  test('empty maps compare as the same', () => {
    expect(compareMaps(buildMap(), buildMap())).toEqual(NOTHING);
  });
});

describe('compareMaps: steps added and removed', () => {
  test('a step added with a flow to it lists both as added', () => {
    const older = base();
    const newer = edit(older, (d) => {
      d.steps['offer'] = { ...d.steps['call']!, id: 'offer', title: 'Коммерческое предложение', x: 600 };
      d.flows['f4'] = { id: 'f4', fromStepId: 'call', toStepId: 'offer', label: '' };
    });
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { added: ['offer'] }, flows: { added: ['f4'] }, same: false }));
  });

  test('a step removed lists it and the flows that went in and out of it as removed', () => {
    const older = base();
    const newer = edit(older, (d) => {
      delete d.steps['call'];
      delete d.flows['f2'];
      delete d.flows['f3'];
    });
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { removed: ['call'] }, flows: { removed: ['f2', 'f3'] }, same: false }));
  });

  test('removing one step and adding another with the same title is a removal and an addition (identity is the id)', () => {
    const older = base();
    const newer = edit(older, (d) => {
      d.steps['call-2'] = { ...d.steps['call']!, id: 'call-2' };
      delete d.steps['call'];
    });
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { added: ['call-2'], removed: ['call'] }, same: false }));
  });
});

describe('compareMaps: each step field on its own', () => {
  const cases: [string, StepField, (s: LinkedStep) => void][] = [
    ['title', 'title', (s) => void (s.title = 'Квалификация лида по BANT')],
    ['kind', 'kind', (s) => void (s.kind = 'decision')],
    ['role (another lane)', 'role', (s) => void (s.roleId = 'client')],
    ['phase (another column)', 'phase', (s) => void (s.phaseId = 'deal')],
    ['phase (taken out of its column)', 'phase', (s) => void (s.phaseId = null)],
    ['description', 'description', (s) => void (s.description = 'По BANT, с руководителем')],
    ['description emptied', 'description', (s) => void (s.description = '')],
    ['duration value', 'duration', (s) => void (s.duration = { value: 45, unit: 'min' })],
    ['duration unit', 'duration', (s) => void (s.duration = { value: 30, unit: 'h' })],
    ['duration cleared', 'duration', (s) => void (s.duration = null)],
    ['inputs: one added', 'inputs', (s) => void s.inputs.push('Бриф')],
    ['inputs: one removed', 'inputs', (s) => void s.inputs.pop()],
    ['inputs: reordered', 'inputs', (s) => void s.inputs.reverse()],
    ['inputs: one renamed', 'inputs', (s) => void (s.inputs[0] = 'Заявка из почты')],
    ['outputs: reordered', 'outputs', (s) => void s.outputs.reverse()],
    ['outputs: emptied', 'outputs', (s) => void (s.outputs = [])],
    ['resources: reordered', 'resources', (s) => void s.resources.reverse()],
    ['resources: one added', 'resources', (s) => void s.resources.push('Телефония')],
    ['link: set', 'link', (s) => void (s.linkedMapId = 'map-qualification')],
  ];

  test.each(cases)('%s → only %s is reported', (_name, field, change) => {
    const older = base();
    const newer = edit(older, (d) => change(step(d, 'qualify')));
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { changed: [{ id: 'qualify', fields: [field] }] }, same: false }));
  });

  test('a duration set where there was none is a duration change', () => {
    const older = base();
    const newer = edit(older, (d) => void (step(d, 'call').duration = { value: 1, unit: 'd' }));
    expect(compareMaps(older, newer).steps.changed).toEqual([{ id: 'call', fields: ['duration'] }]);
  });

  test('a duration of the same value and unit, and no duration on both sides, are the same', () => {
    const older = base();
    const newer = edit(older, (d) => {
      step(d, 'qualify').duration = { unit: 'min', value: 30 };
      step(d, 'call').duration = null;
    });
    expect(step(older, 'call').duration).toBeNull();
    expect(compareMaps(older, newer)).toEqual(NOTHING);
  });

  test('the link: changed to another map, removed, and absent vs null (the same: no link)', () => {
    const linked = edit(base(), (d) => void (step(d, 'qualify').linkedMapId = 'map-a'));
    const relinked = edit(linked, (d) => void (step(d, 'qualify').linkedMapId = 'map-b'));
    const unlinked = edit(linked, (d) => void delete step(d, 'qualify').linkedMapId);
    const nulled = edit(linked, (d) => void (step(d, 'qualify').linkedMapId = null));
    expect(compareMaps(linked, relinked).steps.changed).toEqual([{ id: 'qualify', fields: ['link'] }]);
    expect(compareMaps(linked, unlinked).steps.changed).toEqual([{ id: 'qualify', fields: ['link'] }]);
    expect(compareMaps(linked, nulled).steps.changed).toEqual([{ id: 'qualify', fields: ['link'] }]);
    expect(compareMaps(base(), nulled)).toEqual(NOTHING);
    expect(compareMaps(unlinked, nulled)).toEqual(NOTHING);
  });

  test('a task turned into a sub-process that opens another map: kind and link', () => {
    const older = base();
    const newer = edit(older, (d) => {
      step(d, 'call').kind = 'subprocess';
      step(d, 'call').linkedMapId = 'map-call-script';
    });
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { changed: [{ id: 'call', fields: ['kind', 'link'] }] }, same: false }));
  });

  test('several fields changed are listed in the fixed field order, not the order they were edited in', () => {
    const older = base();
    const newer = edit(older, (d) => {
      const s = step(d, 'qualify');
      s.linkedMapId = 'map-a';
      s.resources = ['CRM'];
      s.duration = null;
      s.phaseId = 'deal';
      s.kind = 'decision';
      s.title = 'Лид квалифицирован?';
    });
    expect(compareMaps(older, newer).steps.changed).toEqual([{ id: 'qualify', fields: ['title', 'kind', 'phase', 'duration', 'resources', 'link'] }]);
    expect(STEP_FIELDS).toEqual(['title', 'kind', 'role', 'phase', 'description', 'duration', 'wait', 'inputs', 'outputs', 'resources', 'parties', 'raci', 'automation', 'kpis', 'link']);
  });

  test('a changed wait time, RACI letter or outside party is a difference; the order RACI letters were set in is not', () => {
    const older = base();
    const withAnalysis = (d: typeof older) =>
      produce(d, (m) => {
        const s = m.steps.qualify!;
        s.wait = { value: 2, unit: 'd' };
        s.raci = { [Object.keys(m.roles)[0]!]: 'A' };
        s.parties = [{ kind: 'inputs', item: s.inputs[0] ?? 'Заявка', party: 'Клиент' }];
        if (!s.inputs.length) s.inputs = ['Заявка'];
      });
    const a = withAnalysis(older);
    expect(compareMaps(older, a).steps.changed).toEqual([{ id: 'qualify', fields: expect.arrayContaining(['wait', 'parties', 'raci']) }]);
    const waitLonger = produce(a, (m) => {
      m.steps.qualify!.wait = { value: 3, unit: 'd' };
    });
    expect(compareMaps(a, waitLonger).steps.changed).toEqual([{ id: 'qualify', fields: ['wait'] }]);
    const sameInOtherOrder = produce(a, (m) => {
      const roles = Object.keys(m.roles);
      m.steps.qualify!.raci = { [roles[1]!]: 'C', [roles[0]!]: 'A' };
    });
    const reordered = produce(sameInOtherOrder, (m) => {
      const roles = Object.keys(m.roles);
      m.steps.qualify!.raci = { [roles[0]!]: 'A', [roles[1]!]: 'C' };
    });
    expect(compareMaps(sameInOtherOrder, reordered).same).toBe(true);
    expect(compareMaps(a, sameInOtherOrder).steps.changed).toEqual([{ id: 'qualify', fields: ['raci'] }]);
  });
});

describe('compareMaps: moves', () => {
  test('a step moved (x and y) is only in moved, and the maps count as the same', () => {
    const older = base();
    const newer = edit(older, (d) => {
      step(d, 'qualify').x += 120;
      step(d, 'call').y += 80;
    });
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { moved: ['qualify', 'call'] } }));
  });

  test('pinning a step in place is a move, not a change', () => {
    const older = base();
    const newer = edit(older, (d) => void (step(d, 'won').pinned = true));
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { moved: ['won'] } }));
    // pinned: false and no pinned at all are the same
    expect(
      compareMaps(
        older,
        edit(older, (d) => void (step(d, 'won').pinned = false)),
      ),
    ).toEqual(NOTHING);
  });

  test('a step moved and retitled is in changed only, with the title', () => {
    const older = base();
    const newer = edit(older, (d) => {
      step(d, 'call').x += 200;
      step(d, 'call').title = 'Звонок клиенту и письмо';
    });
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { changed: [{ id: 'call', fields: ['title'] }] }, same: false }));
  });

  test('a tidy-up that moves every step and reroutes every flow changes nothing a reader notices', () => {
    const older = base();
    const newer = edit(older, (d) => {
      for (const s of Object.values(d.steps)) s.x += 10;
      for (const f of Object.values(d.flows))
        f.route = [
          { x: 0, y: 0 },
          { x: 50, y: 0 },
        ];
    });
    const result = compareMaps(older, newer);
    expect(result).toEqual(expected({ steps: { moved: ['lead', 'qualify', 'call', 'won'] } }));
  });
});

describe('compareMaps: flows', () => {
  test('a flow added and a flow removed', () => {
    const older = base();
    const newer = edit(older, (d) => {
      delete d.flows['f1'];
      d.flows['f9'] = { id: 'f9', fromStepId: 'lead', toStepId: 'call', label: '' };
    });
    expect(compareMaps(older, newer)).toEqual(expected({ flows: { added: ['f9'], removed: ['f1'] }, same: false }));
  });

  test('a flow relabelled (Cyrillic) is a label change', () => {
    const older = base();
    const newer = edit(older, (d) => void (d.flows['f3']!.label = 'нет'));
    expect(compareMaps(older, newer)).toEqual(expected({ flows: { changed: [{ id: 'f3', fields: ['label'] }] }, same: false }));
  });

  test('a flow that now leaves or enters another step has changed its ends', () => {
    const older = base();
    const newer = edit(older, (d) => {
      d.flows['f1']!.toStepId = 'call';
      d.flows['f3']!.fromStepId = 'lead';
    });
    expect(compareMaps(older, newer)).toEqual(
      expected({
        flows: {
          changed: [
            { id: 'f1', fields: ['ends'] },
            { id: 'f3', fields: ['ends'] },
          ],
        },
        same: false,
      }),
    );
  });

  test('relabelled and re-ended together lists label then ends', () => {
    const older = base();
    const newer = edit(older, (d) => {
      d.flows['f2']!.label = 'горячий';
      d.flows['f2']!.toStepId = 'won';
    });
    expect(compareMaps(older, newer).flows.changed).toEqual([{ id: 'f2', fields: ['label', 'ends'] }]);
  });

  test('a new route alone is layout and not reported', () => {
    const older = base();
    const newer = edit(older, (d) => {
      d.flows['f2']!.route = [
        { x: 280, y: 60 },
        { x: 300, y: 60 },
        { x: 300, y: 220 },
        { x: 340, y: 220 },
      ];
    });
    expect(compareMaps(older, newer)).toEqual(NOTHING);
  });
});

describe('compareMaps: roles and phases', () => {
  test('roles added, removed and renamed; a recoloured or reordered lane is not reported', () => {
    const older = edit(base(), (d) => void (d.roles['head'] = { id: 'head', name: 'Руководитель', color: '#f2994a', order: 2 }));
    const newer = edit(older, (d) => {
      delete d.roles['head'];
      d.roles['accounting'] = { id: 'accounting', name: 'Бухгалтерия', color: '#eb5757', order: 2 };
      d.roles['client']!.name = 'Заказчик';
      d.roles['manager']!.color = '#000000';
    });
    expect(compareMaps(older, newer)).toEqual(expected({ roles: { added: ['accounting'], removed: ['head'], renamed: ['client'] }, same: false }));

    const recoloured = edit(base(), (d) => {
      d.roles['manager']!.color = '#123456';
      d.roles['manager']!.order = 1;
      d.roles['client']!.order = 0;
    });
    expect(compareMaps(base(), recoloured)).toEqual(NOTHING);
  });

  test('phases added, removed and renamed; a reordered column is not reported', () => {
    const older = base();
    const newer = edit(older, (d) => {
      delete d.phases['deal'];
      step(d, 'won').phaseId = null;
      d.phases['offer'] = { id: 'offer', name: 'Предложение', order: 1 };
      d.phases['contact']!.name = 'Контакт';
    });
    expect(compareMaps(older, newer)).toEqual(
      expected({
        steps: { changed: [{ id: 'won', fields: ['phase'] }] },
        phases: { added: ['offer'], removed: ['deal'], renamed: ['contact'] },
        same: false,
      }),
    );

    const reordered = edit(older, (d) => {
      d.phases['contact']!.order = 1;
      d.phases['deal']!.order = 0;
    });
    expect(compareMaps(older, reordered)).toEqual(NOTHING);
  });
});

describe('compareMaps: the map itself', () => {
  test('title and description, each alone and both together', () => {
    const older = base();
    const retitled = edit(older, (d) => void (d.title = 'Продажа B2B (2026)'));
    const described = edit(older, (d) => void (d.description = 'Новый регламент'));
    const both = edit(older, (d) => {
      d.description = '';
      d.title = 'Другая';
    });
    expect(compareMaps(older, retitled)).toEqual(expected({ map: ['title'], same: false }));
    expect(compareMaps(older, described)).toEqual(expected({ map: ['description'], same: false }));
    expect(compareMaps(older, both)).toEqual(expected({ map: ['title', 'description'], same: false }));
  });

  test('turning the map to read top to bottom is layout and not reported', () => {
    const older = base();
    expect(
      compareMaps(
        older,
        edit(older, (d) => void (d.direction = 'down')),
      ),
    ).toEqual(NOTHING);
  });
});

describe('compareMaps: Cyrillic text', () => {
  test('a Cyrillic title change is reported, down to е → ё and a changed case ending', () => {
    const older = base();
    expect(
      compareMaps(
        older,
        edit(older, (d) => void (step(d, 'qualify').title = 'Квалификация лидов')),
      ).steps.changed,
    ).toEqual([{ id: 'qualify', fields: ['title'] }]);
    const withE = edit(older, (d) => void (step(d, 'call').title = 'Звонок клиенту еще раз'));
    const withYo = edit(older, (d) => void (step(d, 'call').title = 'Звонок клиенту ещё раз'));
    expect(compareMaps(withE, withYo)).toEqual(expected({ steps: { changed: [{ id: 'call', fields: ['title'] }] }, same: false }));
  });

  test('the same letters typed composed or decomposed (й vs и + breve) are the same text', () => {
    const composed = edit(base(), (d) => void (step(d, 'call').title = 'Звонок: дайте счёт'));
    const decomposed = edit(base(), (d) => void (step(d, 'call').title = 'Звонок: дайте счёт'.normalize('NFD')));
    expect(step(composed, 'call').title).not.toBe(step(decomposed, 'call').title);
    expect(compareMaps(composed, decomposed)).toEqual(NOTHING);
  });
});

describe('compareMaps: order of the lists', () => {
  /** Phase columns (none, contact, deal) × lanes (manager, client); steps given in a scrambled order. */
  const grid = (ids: string[]): MapDoc => {
    const all: Record<string, { role: string; phaseId: string | null; x: number; y: number }> = {
      a: { role: 'manager', phaseId: null, x: 40, y: 40 },
      b: { role: 'client', phaseId: null, x: 40, y: 40 },
      c: { role: 'client', phaseId: 'contact', x: 20, y: 40 }, // further left than d: before it although in a lower lane
      d: { role: 'manager', phaseId: 'contact', x: 200, y: 40 },
      e: { role: 'manager', phaseId: 'contact', x: 200, y: 90 }, // same x and lane as d, lower
      f: { role: 'client', phaseId: 'contact', x: 200, y: 10 }, // same x as d, lower lane
      g: { role: 'manager', phaseId: 'deal', x: 0, y: 40 },
    };
    return buildMap({
      roles: [
        { id: 'manager', name: 'Менеджер по продажам' },
        { id: 'client', name: 'Клиент' },
      ],
      phases: [
        { id: 'deal', name: 'Сделка', order: 1 },
        { id: 'contact', name: 'Первый контакт', order: 0 },
      ],
      steps: ids.map((id) => ({ id, title: id, ...all[id]! })),
    });
  };
  const READING = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

  test('added and removed steps are in reading order (phase column, x, lane, y), whatever order they were stored in', () => {
    const empty = grid([]);
    const scrambles = [
      ['g', 'f', 'e', 'd', 'c', 'b', 'a'],
      ['d', 'a', 'g', 'c', 'f', 'b', 'e'],
      ['e', 'c', 'a', 'g', 'b', 'd', 'f'],
    ];
    for (const ids of scrambles) {
      expect(compareMaps(empty, grid(ids)).steps.added).toEqual(READING);
      expect(compareMaps(grid(ids), empty).steps.removed).toEqual(READING);
    }
  });

  test('equal positions fall back to the id', () => {
    const older = buildMap({ roles: [{ id: 'r' }] });
    const newer = buildMap({
      roles: [{ id: 'r' }],
      steps: [
        { id: 'z', role: 'r', x: 0, y: 40 },
        { id: 'm', role: 'r', x: 0, y: 40 },
        { id: 'b', role: 'r', x: 0, y: 40 },
      ],
    });
    expect(compareMaps(older, newer).steps.added).toEqual(['b', 'm', 'z']);
  });

  test('changed and moved steps follow the newer map; removed ones the older map', () => {
    const older = grid(READING);
    const newer = edit(older, (d) => {
      // g moves to the front column and is retitled; a moves behind everything; b and d are retitled
      step(d, 'g').phaseId = null;
      step(d, 'g').x = 0;
      step(d, 'b').title = 'b2';
      step(d, 'd').title = 'd2';
      step(d, 'a').x = 900;
      step(d, 'e').x = 900;
      delete d.steps['f'];
      delete d.steps['c'];
    });
    expect(compareMaps(older, newer).steps).toEqual({
      added: [],
      removed: ['c', 'f'],
      changed: [
        { id: 'g', fields: ['phase'] },
        { id: 'b', fields: ['title'] },
        { id: 'd', fields: ['title'] },
      ],
      moved: ['a', 'e'],
    });
  });

  test('flows follow the steps they leave, then the steps they enter; roles follow lanes, phases follow columns', () => {
    const older = grid(READING);
    const newer = edit(older, (d) => {
      d.flows['z'] = { id: 'z', fromStepId: 'a', toStepId: 'g', label: '' };
      d.flows['y'] = { id: 'y', fromStepId: 'a', toStepId: 'b', label: '' };
      d.flows['x'] = { id: 'x', fromStepId: 'd', toStepId: 'a', label: '' };
      d.flows['w'] = { id: 'w', fromStepId: 'c', toStepId: 'g', label: '' };
      d.roles['late'] = { id: 'late', name: 'Логистика', color: '#333333', order: 2 };
      d.roles['early'] = { id: 'early', name: 'Маркетинг', color: '#333333', order: -1 };
      d.phases['p-last'] = { id: 'p-last', name: 'Оплата', order: 5 };
      d.phases['p-first'] = { id: 'p-first', name: 'Интерес', order: -1 };
    });
    const result = compareMaps(older, newer);
    expect(result.flows.added).toEqual(['y', 'z', 'w', 'x']);
    expect(result.roles.added).toEqual(['early', 'late']);
    expect(result.phases.added).toEqual(['p-first', 'p-last']);
    // the same comparison again, and with the records stored in another order, gives the same lists
    const reversed = edit(newer, (d) => {
      d.flows = Object.fromEntries(Object.entries(d.flows).reverse());
      d.roles = Object.fromEntries(Object.entries(d.roles).reverse());
      d.phases = Object.fromEntries(Object.entries(d.phases).reverse());
      d.steps = Object.fromEntries(Object.entries(d.steps).reverse());
    });
    expect(compareMaps(older, newer)).toEqual(result);
    expect(compareMaps(older, reversed)).toEqual(result);
  });
});

describe('compareMaps: ids that are names of object properties', () => {
  test('a step with the id "constructor" or "toString" is compared like any other', () => {
    const older = buildMap({ roles: [{ id: 'r' }] });
    const newer = buildMap({
      roles: [{ id: 'r' }],
      steps: [
        { id: 'constructor', role: 'r', x: 0 },
        { id: 'toString', role: 'r', x: 100 },
      ],
    });
    expect(compareMaps(older, newer)).toEqual(expected({ steps: { added: ['constructor', 'toString'] }, same: false }));
    expect(compareMaps(newer, older)).toEqual(expected({ steps: { removed: ['constructor', 'toString'] }, same: false }));
  });
});
