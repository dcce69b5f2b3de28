/**
 * Maps for the BPMN tests: every bundled template (a landscape with the templates its
 * sub-process steps link to, as the app links them), and what a map should count as in BPMN.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDiamond, isPill } from '../../shared/model/geometry';
import { MapDocSchema, describeIssues } from '../../shared/model/schema';
import { parseTemplate } from '../../shared/model/template';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from './builders';

export interface TemplateMap {
  file: string;
  doc: MapDoc;
  /** For a landscape: the maps its sub-process steps link to, by id (each step's linkedMapId set). */
  linkedMaps: Record<string, MapDoc>;
}

const DIR = 'templates';

function load(file: string) {
  return parseTemplate(file, JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
}

/** Every template in templates/*.json, with its linked maps. */
export function templateMaps(): TemplateMap[] {
  const files = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const { doc, links } = load(file);
    const lang = /\.(en|ru)\.json$/.exec(file)?.[1];
    const linkedMaps: Record<string, MapDoc> = {};
    for (const [stepId, base] of Object.entries(links)) {
      const linked = load(`${base}.${lang ?? 'en'}.json`).doc;
      linkedMaps[linked.id] = linked;
      doc.steps[stepId] = { ...doc.steps[stepId]!, linkedMapId: linked.id };
    }
    return { file, doc, linkedMaps };
  });
}

/** What bpmn-js should count for a map: a lane per role, an activity, gateway or event per step, a sequence flow per flow. */
export function expectedCounts(doc: MapDoc) {
  const steps = Object.values(doc.steps);
  return {
    participants: 1,
    lanes: Object.keys(doc.roles).length,
    tasks: steps.filter((s) => s.kind === 'task' || s.kind === 'subprocess').length,
    gateways: steps.filter((s) => isDiamond(s.kind)).length,
    events: steps.filter((s) => isPill(s.kind)).length,
    sequenceFlows: Object.keys(doc.flows).length,
    groups: Object.keys(doc.phases).length,
  };
}

/** A map with every field Lanemap has set, in Russian, with text that needs escaping. */
export function richMap(): MapDoc {
  const doc = buildMap({
    id: 'rich',
    title: 'Продажи <script>alert(1)</script> & «кавычки»',
    description: 'Первая строка\nвторая строка\tс табуляцией',
    roles: [
      { id: 'mgr', name: 'Менеджер по продажам', color: '#2f80ed' },
      { id: 'client', name: 'Клиент "VIP" <b>', color: '#27ae60' },
      { id: 'head', name: 'Руководитель', color: '#f2994a' },
    ],
    phases: [
      { id: 'ph-1', name: 'Лиды', order: 0, kpis: [{ id: 'k1', name: 'Конверсия лид → сделка', unit: '%', target: 15, current: null, better: 'higher' }] },
      { id: 'ph-2', name: 'Сделка', order: 1, kpis: [] },
    ],
    steps: [
      { id: 'start', role: 'mgr', kind: 'start', title: 'Заявка пришла', x: 40, y: 50, phaseId: 'ph-1' },
      {
        id: 'call',
        role: 'mgr',
        kind: 'task',
        title: 'Позвонить клиенту',
        description: 'Уточнить потребность\n— бюджет; — сроки',
        x: 220.5,
        y: 40.25,
        phaseId: 'ph-1',
        duration: { value: 1.5, unit: 'h' },
        inputs: ['Заявка <с сайта>', 'Карточка & история'],
        outputs: ['Заметки по звонку'],
        resources: ['CRM', 'Телефон'],
      },
      { id: 'ok', role: 'mgr', kind: 'decision', title: 'Интерес есть?', x: 480, y: 30, phaseId: 'ph-1' },
      { id: 'split', role: 'mgr', kind: 'parallel', title: '', x: 40, y: 40, phaseId: 'ph-2' },
      { id: 'wait', role: 'client', kind: 'event', title: 'Ждём ответа клиента', x: 260, y: 40, phaseId: 'ph-2' },
      { id: 'send', role: 'mgr', kind: 'event', title: 'Отправить КП', x: 260, y: 200, phaseId: 'ph-2' },
      { id: 'contract', role: 'head', kind: 'subprocess', title: 'Договор', x: 480, y: 40, phaseId: 'ph-2' },
      { id: 'unlinked', role: 'head', kind: 'subprocess', title: 'Не детализирован', x: 480, y: 200, phaseId: null },
      { id: 'end', role: 'client', kind: 'end', title: 'Сделка закрыта', x: 700, y: 50, phaseId: 'ph-2' },
    ],
    flows: [
      { id: 'f1', from: 'start', to: 'call' },
      { id: 'f2', from: 'call', to: 'ok' },
      { id: 'f3', from: 'ok', to: 'split', label: 'да' },
      { id: 'f4', from: 'ok', to: 'end', label: 'нет' },
      { id: 'f5', from: 'split', to: 'wait' },
      { id: 'f6', from: 'split', to: 'send' },
      { id: 'f7', from: 'wait', to: 'contract' },
      { id: 'f8', from: 'send', to: 'contract' },
      { id: 'f9', from: 'contract', to: 'end' },
      { id: 'f10', from: 'unlinked', to: 'end' },
    ],
  });
  const s = doc.steps;
  Object.assign(s.call!, {
    pinned: true,
    wait: { value: 2, unit: 'd' },
    raci: { head: 'A', client: 'I', mgr: 'A' },
    parties: [{ kind: 'inputs', item: 'Заявка <с сайта>', party: 'Клиент' }],
    automation: 'partial',
    system: 'amoCRM',
    kpis: [{ id: 'kc', name: 'Дозвон', unit: '%', target: 80, current: 64.5, better: 'higher' }],
    width: 260,
  });
  Object.assign(s.ok!, { kpis: [], raci: {}, parties: [] });
  Object.assign(s.wait!, { trigger: 'message', wait: { value: 3, unit: 'd' } });
  Object.assign(s.send!, { trigger: 'message', throwing: true });
  Object.assign(s.start!, { trigger: 'timer', duration: { value: 30, unit: 'min' } });
  Object.assign(s.end!, { trigger: 'terminate' });
  Object.assign(s.contract!, { linkedMapId: 'contract-map', automation: 'auto' });
  doc.flows.f3 = { ...doc.flows.f3!, share: 70, route: [{ x: 1, y: 2.5 }, { x: 3, y: 4 }] };
  doc.flows.f4 = { ...doc.flows.f4!, share: 30, route: [] };
  doc.flows.f7 = { ...doc.flows.f7!, message: true };
  Object.assign(doc, {
    purpose: 'optimisation',
    owner: 'Анна Петрова',
    status: 'approved',
    approval: { by: 'Иван', at: '2026-03-01T10:00:00.000Z' },
    dismissed: [{ rule: 'no-owner', targetKind: 'step', targetId: 'call', reason: 'Так задумано', by: 'Анна', at: '2026-03-02T10:00:00.000Z' }],
    rulesOff: ['long-wait'],
    swot: [{ id: 'sw1', quadrant: 'threats', text: 'Конкуренты «быстрее»', stepIds: ['call'] }],
    reviewEveryMonths: 3,
    nextReview: '2026-06-01',
    comments: {
      c1: { id: 'c1', targetKind: 'step', targetId: 'call', parentId: null, author: 'Анна', text: 'Сократить <время>?', createdAt: '2026-03-01T09:00:00.000Z', resolvedAt: null, resolvedBy: null },
      c2: { id: 'c2', targetKind: 'step', targetId: 'call', parentId: 'c1', author: 'Иван', text: 'Да', createdAt: '2026-03-01T09:10:00.000Z', resolvedAt: null, resolvedBy: null },
    },
    painPoints: { p1: { id: 'p1', stepId: 'call', kind: 'waiting', votes: 3, createdAt: '2026-03-01T09:00:00.000Z' } },
    notes: {
      n1: { id: 'n1', text: 'Заметка\nв две строки', x: 10, y: -30 },
      n2: { id: 'n2', text: 'שלום עולם', x: 5, y: 5, width: 220, stepId: 'call' },
    },
  });
  const parsed = MapDocSchema.safeParse(doc);
  if (!parsed.success) throw new Error(describeIssues(parsed.error));
  return doc;
}

