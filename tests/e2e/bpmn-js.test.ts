/**
 * Lanemap's BPMN export opened in bpmn-js (the renderer of Camunda Modeler and bpmn.io): every
 * template imports with no warnings, bpmn-js counts the lanes, tasks, gateways, events, flows and
 * phase groups the map has, steps stand in their lanes, names are drawn as written (Cyrillic
 * too), and screenshots are saved to be looked at.
 */
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { buildMap } from '../support/builders';
import { closeBpmnJs, openInBpmnJs } from '../support/bpmnViewer';
import { expectedCounts, templateMaps } from '../support/bpmnMaps';

const SCREENSHOTS = path.resolve('artifacts/screenshots');
const templates = templateMaps();

afterAll(closeBpmnJs);

describe('every template, exported to BPMN, opens in bpmn-js as the map it is', () => {
  test.each(templates.map((t) => [t.file, t] as const))('%s', async (file, t) => {
    const xml = await mapToBpmn(t.doc, { appVersion: '0.1.0' });
    const shown = await openInBpmnJs(xml);
    try {
      expect(shown.warnings).toEqual([]);
      expect(shown.counts).toMatchObject(expectedCounts(t.doc));
      expect(shown.counts.messageFlows).toBe(0);
      // each step's name drawn as written, and its shape inside its lane's band
      const steps = Object.values(t.doc.steps);
      const lanes = await Promise.all(Object.values(t.doc.roles).map(async (r) => [r.id, await shown.shape(`Lane_${r.id.replace(/[^A-Za-z0-9_.-]/g, '_')}`)] as const));
      const laneOf = new Map(lanes);
      for (const s of steps.slice(0, 12)) {
        const prefix = s.kind === 'decision' || s.kind === 'parallel' ? 'Gateway' : s.kind === 'start' || s.kind === 'end' || s.kind === 'event' ? 'Event' : 'Activity';
        const shape = await shown.shape(`${prefix}_${s.id.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
        expect(shape, `${file}: ${s.id} drawn`).not.toBeNull();
        expect(shape!.text.replace(/\s+/g, '')).toBe(s.title.replace(/\s+/g, ''));
        const lane = laneOf.get(s.roleId)!;
        expect(shape!.y).toBeGreaterThanOrEqual(lane.y);
        expect(shape!.y + shape!.height).toBeLessThanOrEqual(lane.y + lane.height);
      }
      if (file === 'full-cycle.ru.json' || file === 'sample-sales-map.json' || file === 'process-landscape.en.json') {
        const name = `bpmn-js-${file.replace(/\.json$/, '')}`;
        await shown.screenshot(path.join(SCREENSHOTS, `${name}.png`));
        // closer: the start of the map at a readable scale
        await shown.screenshot(path.join(SCREENSHOTS, `${name}-start.png`), { x: -220, y: -60, width: 1800, height: 900 });
      }
    } finally {
      await shown.close();
    }
  });
});

test('inputs and outputs as data objects: bpmn-js shows a reference per item with its association, no warnings', async () => {
  const t = templates.find((x) => x.file === 'order-fulfilment.ru.json')!;
  const xml = await mapToBpmn(t.doc, { dataObjects: true });
  const shown = await openInBpmnJs(xml);
  try {
    expect(shown.warnings).toEqual([]);
    const activities = Object.values(t.doc.steps).filter((s) => s.kind === 'task' || s.kind === 'subprocess');
    const items = activities.reduce((n, s) => n + s.inputs.length + s.outputs.length, 0);
    expect(shown.counts).toMatchObject({ ...expectedCounts(t.doc), dataObjectReferences: items, dataAssociations: items });
    await shown.screenshot(path.join(SCREENSHOTS, 'bpmn-js-data-objects-start.png'), { x: -220, y: -60, width: 1800, height: 900 });
  } finally {
    await shown.close();
  }
});

test('the landscape with its whole hierarchy: each linked map is its own diagram, and bpmn-js shows each cleanly', async () => {
  const t = templates.find((x) => x.file === 'process-landscape.ru.json')!;
  const xml = await mapToBpmn(t.doc, { linkedMaps: t.linkedMaps });
  const shown = await openInBpmnJs(xml);
  try {
    expect(shown.warnings).toEqual([]);
    expect(shown.diagrams).toHaveLength(1 + Object.keys(t.linkedMaps).length);
    for (const [i, id] of shown.diagrams.slice(1).entries()) {
      const other = await shown.openDiagram(id);
      expect(other.warnings).toEqual([]);
      const linked = Object.values(t.linkedMaps).find((m) => other.counts.lanes === Object.keys(m.roles).length && other.counts.tasks === expectedCounts(m).tasks);
      expect(linked, `diagram ${i + 2} is one of the linked maps`).toBeDefined();
      expect(other.counts).toMatchObject(expectedCounts(linked!));
    }
  } finally {
    await shown.close();
  }
});

test('a top-to-bottom map opens with vertical lanes, every kind of step and trigger, and data objects', async () => {
  const doc = buildMap({
    title: 'Сверху вниз',
    roles: [{ id: 'a', name: 'Менеджер' }, { id: 'b', name: 'Клиент' }],
    steps: [
      { id: 's', role: 'a', kind: 'start', title: 'Заявка', x: 40, y: 40 },
      { id: 't', role: 'a', kind: 'task', title: 'Позвонить клиенту', x: 260, y: 40, inputs: ['Заявка'], outputs: ['Заметки'] },
      { id: 'p', role: 'a', kind: 'parallel', title: '', x: 520, y: 40 },
      { id: 'w', role: 'b', kind: 'event', title: 'Ждём ответа клиента', x: 760, y: 40 },
      { id: 'd', role: 'a', kind: 'decision', title: 'Согласен?', x: 760, y: 200 },
      { id: 'sub', role: 'a', kind: 'subprocess', title: 'Подготовить договор', x: 1000, y: 200 },
      { id: 'e', role: 'b', kind: 'end', title: 'Сделка', x: 1260, y: 40 },
    ],
    flows: [
      { from: 's', to: 't' },
      { from: 't', to: 'p' },
      { from: 'p', to: 'w' },
      { from: 'p', to: 'd' },
      { from: 'd', to: 'sub', label: 'да' },
      { from: 'w', to: 'e' },
      { from: 'sub', to: 'e' },
    ],
  });
  doc.direction = 'down';
  doc.steps.w = { ...doc.steps.w!, trigger: 'message' };
  doc.steps.e = { ...doc.steps.e!, trigger: 'terminate' };
  doc.flows['f-w-e'] = { ...doc.flows['f-w-e']!, message: true };
  const xml = await mapToBpmn(doc, { dataObjects: true });
  const shown = await openInBpmnJs(xml);
  try {
    expect(shown.warnings).toEqual([]);
    expect(shown.counts).toMatchObject({ ...expectedCounts(doc), groups: 0, dataObjectReferences: 2, dataAssociations: 2 });
    const a = await shown.shape('Lane_a');
    const b = await shown.shape('Lane_b');
    // vertical lanes: side by side, each taller than wide
    expect(b!.x).toBeGreaterThanOrEqual(a!.x + a!.width - 1);
    expect(a!.height).toBeGreaterThan(a!.width);
    await shown.screenshot(path.join(SCREENSHOTS, 'bpmn-js-top-to-bottom.png'));
  } finally {
    await shown.close();
  }
});
