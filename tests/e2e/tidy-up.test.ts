/**
 * Tidy up as a person uses it: a deliberately scrambled map, one click, and the picture obeys
 * the rules (read from the DOM): steps inside their lane and phase column, no overlaps, flows
 * drawn with horizontal and vertical segments only. One undo puts everything back.
 */
import { beforeAll, expect, test } from 'vitest';
import type { MapDoc } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';

let mapId: string;

/** A small sales process whose steps were dropped anywhere: on top of each other, far apart. */
function scrambledMap(): MapDoc {
  const roles = ['Маркетинг', 'Менеджер', 'Клиент', 'Финансы'];
  const phases = ['Лиды', 'Переговоры', 'Сделка'];
  const titles = [
    ['Заявка с сайта', 0, 0, 'start'],
    ['Квалификация лида', 1, 0, 'task'],
    ['Лид квалифицирован?', 1, 0, 'decision'],
    ['Прогрев рассылкой', 0, 0, 'task'],
    ['Встреча и выявление потребностей', 1, 1, 'task'],
    ['Коммерческое предложение', 1, 1, 'task'],
    ['Условия согласованы?', 2, 1, 'decision'],
    ['Согласование скидки', 1, 1, 'task'],
    ['Договор и счёт', 3, 2, 'task'],
    ['Оплата', 3, 2, 'task'],
    ['Сделка закрыта', 3, 2, 'end'],
  ] as const;
  const doc: MapDoc = {
    id: 'scrambled',
    title: 'Перепутанная карта',
    description: '',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    roles: {},
    phases: {},
    steps: {},
    flows: {},
    comments: {},
    painPoints: {},
  };
  roles.forEach((name, order) => (doc.roles[`r${order}`] = { id: `r${order}`, name, color: ['#7c5cff', '#2f80ed', '#27ae60', '#eb5757'][order]!, order }));
  phases.forEach((name, order) => (doc.phases[`p${order}`] = { id: `p${order}`, name, order }));
  titles.forEach(([title, role, phase, kind], i) => {
    doc.steps[`s${i}`] = {
      id: `s${i}`,
      kind,
      title,
      description: '',
      roleId: `r${role}`,
      phaseId: `p${phase}`,
      // scrambled: overlapping and out of order
      x: 20 + ((i * 137) % 300),
      y: 28 + ((i * 53) % 90),
      duration: null,
      inputs: [],
      outputs: [],
      resources: [],
    };
  });
  const flows: [number, number, string?][] = [
    [0, 1],
    [1, 2],
    [2, 4, 'Да'],
    [2, 3, 'Нет'],
    [4, 5],
    [5, 6],
    [6, 8, 'Да'],
    [6, 7, 'Нет'],
    [7, 5],
    [8, 9],
    [9, 10],
  ];
  flows.forEach(([a, b, label], i) => (doc.flows[`f${i}`] = { id: `f${i}`, fromStepId: `s${a}`, toStepId: `s${b}`, label: label ?? '' }));
  return doc;
}

const suite = appSuite({ seed: false });
beforeAll(async () => {
  createMapRepository(suite.app.db).insert(scrambledMap());
  mapId = 'scrambled';
  await suite.page.reload();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const inside = (a: Box, b: Box, eps = 1) =>
  a.x >= b.x - eps && a.y >= b.y - eps && a.x + a.width <= b.x + b.width + eps && a.y + a.height <= b.y + b.height + eps;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Reads what is on screen: every step with its box, lane and column boxes, every drawn flow path. */
async function picture() {
  return suite.page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const steps = [...document.querySelectorAll('.react-flow__node-step')].map((el) => ({ id: el.getAttribute('data-id')!, box: box(el) }));
    const lanes = Object.fromEntries([...document.querySelectorAll('.react-flow__node-lane')].map((el) => [el.getAttribute('data-id')!.slice(5), box(el)]));
    const columns = Object.fromEntries([...document.querySelectorAll('.react-flow__node-phase')].map((el) => [el.getAttribute('data-id')!.slice(6), box(el)]));
    const paths = [...document.querySelectorAll('.react-flow__edge-path')].map((el) => ({
      d: el.getAttribute('d') ?? '',
      routed: el.classList.contains('is-routed'),
    }));
    return { steps, lanes, columns, paths };
  });
}

/** The straight (L) segments of a path drawn by roundedPath: each must be horizontal or vertical. */
function straightSegments(d: string): [number, number, number, number][] {
  const tokens = d.match(/[MLQ]|-?\d+(\.\d+)?/g) ?? [];
  const segs: [number, number, number, number][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length;) {
    const c = tokens[i++];
    if (c === 'M' || c === 'L') {
      const nx = Number(tokens[i++]);
      const ny = Number(tokens[i++]);
      if (c === 'L') segs.push([x, y, nx, ny]);
      x = nx;
      y = ny;
    } else if (c === 'Q') {
      i += 2;
      x = Number(tokens[i++]);
      y = Number(tokens[i++]);
    }
  }
  return segs;
}

test('one click on Tidy up lays the scrambled map out by the rules', async () => {
  await suite.page.getByRole('button', { name: 'Open Перепутанная карта' }).click();
  await ui.count(suite.page.locator('.react-flow__node-step'), 11);
  await suite.app.shot('tidy-before');

  await suite.page.getByRole('button', { name: 'Tidy up' }).click();
  const doc = () => createMapRepository(suite.app.db).read(mapId);
  await ui.eventually(() => Object.values(doc().flows).filter((f) => f.route).length).toBeGreaterThan(8);
  await suite.page.getByRole('button', { name: 'Fit map to window' }).click();
  await ui.settled(suite.page);
  await suite.page.waitForTimeout(500);
  await suite.app.shot('tidy-after');

  const stored = doc();
  const pic = await picture();
  for (const s of pic.steps) {
    const step = stored.steps[s.id]!;
    expect(inside(s.box, pic.lanes[step.roleId]!), `${step.title} inside its lane`).toBe(true);
    expect(inside(s.box, pic.columns[step.phaseId!]!), `${step.title} inside its phase`).toBe(true);
  }
  for (let i = 0; i < pic.steps.length; i++)
    for (let j = i + 1; j < pic.steps.length; j++)
      expect(overlap(pic.steps[i]!.box, pic.steps[j]!.box), `${pic.steps[i]!.id} / ${pic.steps[j]!.id}`).toBe(false);
  // every flow is drawn from its stored route, with straight segments only
  expect(pic.paths.filter((p) => p.routed).length).toBe(Object.values(stored.flows).filter((f) => f.route).length);
  for (const p of pic.paths.filter((p) => p.routed))
    for (const [x1, y1, x2, y2] of straightSegments(p.d)) expect(Math.abs(x1 - x2) < 0.6 || Math.abs(y1 - y2) < 0.6).toBe(true);
  // flows forward read left to right
  const x = (id: string) => pic.steps.find((s) => s.id === id)!.box.x;
  expect(x('s1')).toBeGreaterThan(x('s0'));
  expect(x('s10')).toBeGreaterThan(x('s9'));
});

test('one undo puts every step back where it was', async () => {
  await suite.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await suite.page.keyboard.press('Control+z');
  const original = scrambledMap();
  await ui
    .eventually(() => {
      const d = createMapRepository(suite.app.db).read(mapId);
      return Object.values(d.steps)
        .map((s) => [s.id, s.x, s.y, s.phaseId])
        .sort();
    })
    .toEqual(
      Object.values(original.steps)
        .map((s) => [s.id, s.x, s.y, s.phaseId])
        .sort(),
    );
});

test('top to bottom: lanes become columns, phases rows, and the rules still hold', async () => {
  await suite.page.getByRole('button', { name: 'Lay out top to bottom' }).click();
  await ui.eventually(() => createMapRepository(suite.app.db).read(mapId).direction).toBe('down');
  await suite.page.getByRole('button', { name: 'Fit map to window' }).click();
  await ui.settled(suite.page);
  await suite.page.waitForTimeout(500);
  await suite.app.shot('tidy-top-to-bottom');

  const stored = createMapRepository(suite.app.db).read(mapId);
  const pic = await picture();
  const lanes = Object.values(pic.lanes);
  // lanes side by side: each taller than wide, ordered left to right
  for (const l of lanes) expect(l.height).toBeGreaterThan(l.width);
  for (const s of pic.steps) {
    const step = stored.steps[s.id]!;
    expect(inside(s.box, pic.lanes[step.roleId]!), `${step.title} inside its lane`).toBe(true);
    expect(inside(s.box, pic.columns[step.phaseId!]!), `${step.title} inside its phase`).toBe(true);
  }
  for (let i = 0; i < pic.steps.length; i++) for (let j = i + 1; j < pic.steps.length; j++) expect(overlap(pic.steps[i]!.box, pic.steps[j]!.box)).toBe(false);
  const y = (id: string) => pic.steps.find((s) => s.id === id)!.box;
  expect(y('s1').y).toBeGreaterThan(y('s0').y + y('s0').height);
  expect(y('s10').y).toBeGreaterThan(y('s9').y + y('s9').height);
  expect(pic.paths.filter((p) => p.routed).length).toBeGreaterThan(8);
  for (const p of pic.paths.filter((p) => p.routed))
    for (const [x1, y1, x2, y2] of straightSegments(p.d)) expect(Math.abs(x1 - x2) < 0.6 || Math.abs(y1 - y2) < 0.6).toBe(true);

  // and back, as one undo step
  await suite.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await suite.page.keyboard.press('Control+z');
  await ui.eventually(() => createMapRepository(suite.app.db).read(mapId).direction).toBeUndefined();
});
