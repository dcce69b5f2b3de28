/**
 * BPMN export (issue 11): the file is valid BPMN 2.0 (xmllint against the XSDs bpmn-moddle
 * ships), says in standard BPMN what the map is (lanes in order, tasks, gateways, events with
 * their triggers, call activities, phases as groups, a diagram where the canvas draws the map),
 * and Lanemap's extension elements bring every field of the map back, item for item.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { frameSize, mapGeometry, stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';
import { richMap, templateMaps } from '../support/bpmnMaps';
import { readBack } from '../support/bpmnRoundTrip';
import { randomMap } from '../support/randomMaps';
import { bpmnXsdErrors } from '../support/xsd';

const templates = templateMaps();

/** The file parsed by a general XML parser (not bpmn-moddle), keeping attributes and namespaces as written. */
function parseXml(xml: string) {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute, processEntities: true, htmlEntities: true }).parse(xml) as Record<string, unknown[]>;
}

describe('every template', () => {
  test.each(templates.map((t) => [t.file, t] as const))('%s: valid against the BPMN XSDs, and read back item for item', async (_file, t) => {
    const xml = await mapToBpmn(t.doc, { appVersion: '0.1.0' });
    expect(bpmnXsdErrors(xml)).toEqual([]);
    const back = await readBack(xml);
    expect(back.warnings).toEqual([]);
    expect(back.maps).toHaveLength(1);
    expect(back.maps[0]).toEqual(t.doc);
  });

  test.each(templates.map((t) => [t.file, t] as const))('%s: with data objects, still valid, still the same map', async (_file, t) => {
    const xml = await mapToBpmn(t.doc, { dataObjects: true });
    expect(bpmnXsdErrors(xml)).toEqual([]);
    expect((await readBack(xml)).maps[0]).toEqual(t.doc);
  });
});

test('a map with every field set comes back with every field, text as written', async () => {
  const doc = richMap();
  const xml = await mapToBpmn(doc, { appVersion: '0.1.0', dataObjects: true });
  expect(bpmnXsdErrors(xml)).toEqual([]);
  // the markup in the title stays text
  expect(xml).not.toContain('<script>');
  const back = await readBack(xml);
  expect(back.warnings).toEqual([]);
  expect(back.maps[0]).toEqual(doc);
  // field by field, so a failure names what was lost
  const again = back.maps[0]!;
  for (const id of Object.keys(doc.steps)) expect(again.steps[id], id).toStrictEqual(JSON.parse(JSON.stringify(doc.steps[id])));
  for (const id of Object.keys(doc.flows)) expect(again.flows[id], id).toStrictEqual(JSON.parse(JSON.stringify(doc.flows[id])));
});

test('a flow\'s route is one attribute of points, read back exactly; a file with the first version\'s point elements still gives its route', async () => {
  const doc = richMap();
  const flow = Object.values(doc.flows)[0]!;
  doc.flows[flow.id] = { ...flow, route: [{ x: -12.5, y: 40 }, { x: 300.25, y: 40 }, { x: 300.25, y: 1e-7 }] };
  const xml = await mapToBpmn(doc);
  expect(bpmnXsdErrors(xml)).toEqual([]);
  expect(xml).toContain('points="-12.5,40 300.25,40 300.25,1e-7"');
  expect(xml).not.toContain('<lanemap:point');
  expect((await readBack(xml)).maps[0]!.flows[flow.id]!.route).toEqual(doc.flows[flow.id]!.route);
  const old = xml.replace(/ points="([^"]*)"( [^>]*)?\/>/, (_w, pts: string, rest = '') => `${rest}>${pts.split(' ').map((p) => `<lanemap:point x="${p.split(',')[0]}" y="${p.split(',')[1]}" />`).join('')}</lanemap:flow>`);
  expect(old).toContain('<lanemap:point x="-12.5" y="40" />');
  expect((await readBack(old)).maps[0]!.flows[flow.id]!.route).toEqual(doc.flows[flow.id]!.route);
});

test('the landscape with its whole hierarchy: each linked map its own process and diagram, called by its sub-process step', async () => {
  for (const t of templates.filter((x) => x.file.startsWith('process-landscape'))) {
    const xml = await mapToBpmn(t.doc, { linkedMaps: t.linkedMaps });
    expect(bpmnXsdErrors(xml)).toEqual([]);
    const back = await readBack(xml);
    expect(back.maps.map((m) => m.id)).toEqual([t.doc.id, ...Object.values(t.doc.steps).filter((s) => s.linkedMapId).map(() => expect.any(String))]);
    expect(back.maps[0]).toEqual(t.doc);
    for (const m of back.maps.slice(1)) expect(m).toEqual(t.linkedMaps[m.id]);
    const x = parseXml(xml)['bpmn:definitions']![0] as Record<string, Record<string, unknown>[]>;
    const processes = x['bpmn:process']!;
    expect(processes).toHaveLength(5);
    expect(x['bpmndi:BPMNDiagram']).toHaveLength(5);
    const ids = new Set(processes.map((p) => p['@id']));
    const calls = processes[0]!['bpmn:callActivity'] as Record<string, unknown>[];
    expect(calls).toHaveLength(4);
    for (const c of calls) expect(ids.has(c['@calledElement'])).toBe(true);
    // the sub-process steps not linked: collapsed sub-processes
    expect(processes[0]!['bpmn:subProcess']).toHaveLength(8);
  }
});

test('a hierarchy with a cycle writes each map once', async () => {
  const a = buildMap({ id: 'a', title: 'A', roles: [{ id: 'r' }], steps: [{ id: 's', role: 'r', kind: 'subprocess', title: 'to B' }] });
  const b = buildMap({ id: 'b', title: 'B', roles: [{ id: 'r' }], steps: [{ id: 's', role: 'r', kind: 'subprocess', title: 'to A' }] });
  a.steps.s!.linkedMapId = 'b';
  b.steps.s!.linkedMapId = 'a';
  const xml = await mapToBpmn(a, { linkedMaps: { a, b } });
  expect(bpmnXsdErrors(xml)).toEqual([]);
  const back = await readBack(xml);
  expect(back.maps.map((m) => m.title)).toEqual(['A', 'B']);
  const x = parseXml(xml)['bpmn:definitions']![0] as Record<string, Record<string, unknown>[]>;
  const [pa, pb] = x['bpmn:process']!;
  expect((pa!['bpmn:callActivity'] as Record<string, unknown>[])[0]!['@calledElement']).toBe(pb!['@id']);
  expect((pb!['bpmn:callActivity'] as Record<string, unknown>[])[0]!['@calledElement']).toBe(pa!['@id']);
});

describe('standard BPMN for other tools', () => {
  test('lanes in lane order, the kinds of element, triggers as event definitions, phases as named groups', async () => {
    const doc = richMap();
    const xml = await mapToBpmn(doc, { appVersion: '1.2.3' });
    const defs = parseXml(xml)['bpmn:definitions']![0] as Record<string, Record<string, unknown>[]>;
    expect(defs['@exporter']).toBe('Lanemap');
    expect(defs['@exporterVersion']).toBe('1.2.3');
    expect(defs['@targetNamespace']).toBeTruthy();
    const participant = (defs['bpmn:collaboration']![0]!['bpmn:participant'] as Record<string, unknown>[])[0]!;
    expect(participant['@name']).toBe(doc.title);
    const p = defs['bpmn:process']![0]! as Record<string, Record<string, unknown>[]>;
    expect(participant['@processRef']).toBe(p['@id']);
    const lanes = (p['bpmn:laneSet']![0]!['bpmn:lane'] as Record<string, unknown>[]).map((l) => l['@name']);
    expect(lanes).toEqual(['Менеджер по продажам', 'Клиент "VIP" <b>', 'Руководитель']);
    const named = (type: string) => (p[type] ?? []).map((e) => e['@name'] ?? '');
    expect(named('bpmn:startEvent')).toEqual(['Заявка пришла']);
    expect(named('bpmn:userTask')).toEqual(['Позвонить клиенту']); // partly automated: a person with a system
    expect(named('bpmn:exclusiveGateway')).toEqual(['Интерес есть?']);
    expect(named('bpmn:parallelGateway')).toEqual(['']);
    expect(named('bpmn:intermediateCatchEvent')).toEqual(['Ждём ответа клиента']);
    expect(named('bpmn:intermediateThrowEvent')).toEqual(['Отправить КП']);
    expect(named('bpmn:callActivity')).toEqual(['Договор']);
    expect(named('bpmn:subProcess')).toEqual(['Не детализирован']);
    expect(named('bpmn:endEvent')).toEqual(['Сделка закрыта']);
    // triggers
    expect(p['bpmn:intermediateCatchEvent']![0]!['bpmn:messageEventDefinition']).toHaveLength(1);
    expect(p['bpmn:intermediateThrowEvent']![0]!['bpmn:messageEventDefinition']).toHaveLength(1);
    expect(p['bpmn:endEvent']![0]!['bpmn:terminateEventDefinition']).toHaveLength(1);
    const timer = p['bpmn:startEvent']![0]!['bpmn:timerEventDefinition'] as Record<string, Record<string, unknown>[]>[];
    expect(timer[0]!['bpmn:timeDuration']![0]!['#text']).toBe('PT30M');
    // labelled outgoing flows of a decision: the labels are the flows' names
    const flows = p['bpmn:sequenceFlow']!;
    expect(flows.filter((f) => f['@name']).map((f) => f['@name'])).toEqual(['да', 'нет']);
    expect(flows).toHaveLength(Object.keys(doc.flows).length);
    // phases: groups whose category values are the phases' names
    const values = (defs['bpmn:category']![0]!['bpmn:categoryValue'] as Record<string, unknown>[]).map((v) => v['@value']);
    expect(values).toEqual(['Лиды', 'Сделка']);
    expect(p['bpmn:group']).toHaveLength(2);
    // notes: text annotations with their text, the step's one joined to it by an association
    const annotations = p['bpmn:textAnnotation']!;
    expect(annotations.map((a) => (a['bpmn:text'] as unknown[])[0])).toEqual(['Заметка\nв две строки', 'שלום עולם']);
    const association = p['bpmn:association']![0]!;
    expect(association['@targetRef']).toBe(annotations[1]!['@id']);
    expect(association['@sourceRef']).toBe('Activity_call');
    // the description is documentation
    expect((p['bpmn:userTask']![0]!['bpmn:documentation'] as unknown[])[0]).toBe('Уточнить потребность\n— бюджет; — сроки');
  });

  test('the diagram: activities where the canvas draws them, gateways and events in the middle of their boxes, lanes as the bands, edges along the tidy-up route', async () => {
    const doc = richMap();
    // a route the tidy-up could have drawn: from call's right side to ok's left side
    const g = mapGeometry(doc);
    const call = g.positions.get('call')!;
    const ok = g.positions.get('ok')!;
    const cs = stepSize(doc.steps.call!);
    const os = stepSize(doc.steps.ok!);
    const from = { x: call.x + cs.width, y: call.y + cs.height / 2 };
    const to = { x: ok.x, y: ok.y + os.height / 2 };
    doc.flows.f2 = { ...doc.flows.f2!, route: [from, { x: from.x + 20, y: from.y }, { x: from.x + 20, y: to.y }, to] };
    const xml = await mapToBpmn(doc);
    const defs = parseXml(xml)['bpmn:definitions']![0] as Record<string, Record<string, unknown>[]>;
    const plane = defs['bpmndi:BPMNDiagram']![0]!['bpmndi:BPMNPlane'] as Record<string, Record<string, unknown>[]>[];
    const shapes = new Map(plane[0]!['bpmndi:BPMNShape']!.map((s) => [s['@bpmnElement'] as string, s]));
    const edges = new Map(plane[0]!['bpmndi:BPMNEdge']!.map((s) => [s['@bpmnElement'] as string, s]));
    const boundsOf = (id: string) => {
      const b = (shapes.get(id)!['dc:Bounds'] as Record<string, string>[])[0]!;
      return { x: Number(b['@x']), y: Number(b['@y']), width: Number(b['@width']), height: Number(b['@height']) };
    };
    expect(boundsOf('Activity_call')).toEqual({ x: call.x, y: call.y, ...cs });
    const gw = boundsOf('Gateway_ok');
    expect(gw.width).toBe(50);
    expect(gw.x + 25).toBeCloseTo(ok.x + os.width / 2, 0);
    expect(gw.y + 25).toBeCloseTo(ok.y + os.height / 2, 0);
    expect(boundsOf('Event_start').width).toBe(36);
    // lanes are the bands, top to bottom, horizontal
    for (const [i, lane] of g.lanes.entries()) {
      const b = boundsOf(`Lane_${lane.role.id}`);
      expect(b.y).toBe(lane.top);
      if (i < g.lanes.length - 1) expect(b.height).toBe(lane.height);
      expect(shapes.get(`Lane_${lane.role.id}`)!['@isHorizontal']).toBe('true');
    }
    // the edge follows the route, its last point at the gateway's corner rather than the box's side
    const pts = (edges.get('Flow_f2')!['di:waypoint'] as Record<string, string>[]).map((p) => ({ x: Number(p['@x']), y: Number(p['@y']) }));
    expect(pts.slice(0, 3)).toEqual(doc.flows.f2.route!.slice(0, 3));
    expect(pts[3]).toEqual({ x: gw.x, y: to.y });
    // groups around the phase columns
    const group = boundsOf('Group_ph-1');
    const col = g.columns.find((c) => c.phase?.id === 'ph-1')!;
    expect(group.x).toBeGreaterThanOrEqual(col.left);
    expect(group.x + group.width).toBeLessThanOrEqual(col.left + col.width);
  });

  test('a top-to-bottom map: vertical lanes, shapes transposed as the canvas draws them', async () => {
    const doc = richMap();
    doc.direction = 'down';
    const xml = await mapToBpmn(doc);
    expect(bpmnXsdErrors(xml)).toEqual([]);
    const g = mapGeometry(doc, frameSize('down'));
    const defs = parseXml(xml)['bpmn:definitions']![0] as Record<string, Record<string, unknown>[]>;
    const plane = defs['bpmndi:BPMNDiagram']![0]!['bpmndi:BPMNPlane'] as Record<string, Record<string, unknown>[]>[];
    const shapes = new Map(plane[0]!['bpmndi:BPMNShape']!.map((s) => [s['@bpmnElement'] as string, s]));
    const lane = shapes.get('Lane_client')!;
    expect(lane['@isHorizontal']).toBe('false');
    const b = (lane['dc:Bounds'] as Record<string, string>[])[0]!;
    const band = g.lanes.find((l) => l.role.id === 'client')!;
    expect(Number(b['@x'])).toBe(band.top);
    expect(Number(b['@width'])).toBe(band.height);
    const call = (shapes.get('Activity_call')!['dc:Bounds'] as Record<string, string>[])[0]!;
    const p = g.positions.get('call')!;
    expect({ x: Number(call['@x']), y: Number(call['@y']), width: Number(call['@width']) }).toEqual({ x: p.y, y: p.x, width: stepSize(doc.steps.call!).width });
    expect((await readBack(xml)).maps[0]).toEqual(doc);
  });
});

describe('edge cases export valid BPMN', () => {
  const cases: [string, () => MapDoc][] = [
    ['an empty map', () => buildMap({ title: 'Пусто' })],
    ['roles but no steps', () => buildMap({ title: 'Роли', roles: [{ id: 'a' }, { id: 'b' }] })],
    ['one step', () => buildMap({ title: 'Один', roles: [{ id: 'a' }], steps: [{ id: 's', role: 'a' }] })],
    [
      'a top-to-bottom map',
      () => {
        const d = buildMap({ roles: [{ id: 'a' }], steps: [{ id: 's', role: 'a', kind: 'start' }, { id: 't', role: 'a' }], flows: [{ from: 's', to: 't' }] });
        d.direction = 'down';
        return d;
      },
    ],
    ['a 10,000-character title', () => buildMap({ title: 'Я'.repeat(10_000), roles: [{ id: 'a', name: 'x'.repeat(10_000) }], steps: [{ id: 's', role: 'a', title: 'Ж'.repeat(10_000) }] })],
    ['<script> in every text', () => buildMap({ title: '<script>alert("x")</script>', roles: [{ id: 'a', name: '</bpmn:lane>' }], steps: [{ id: 's', role: 'a', title: ']]><!--', inputs: ['<![CDATA['] }] })],
    ['right-to-left text', () => buildMap({ title: 'خريطة المبيعات', roles: [{ id: 'a', name: 'מנהל מכירות' }], steps: [{ id: 's', role: 'a', title: 'اتصل بالعميل' }] })],
    ['ids that are not XML names', () => buildMap({ id: '1 map', roles: [{ id: 'роль 1' }], steps: [{ id: '42', role: 'роль 1' }, { id: 'шаг/2', role: 'роль 1' }], flows: [{ id: '0', from: '42', to: 'шаг/2' }] })],
    ['emoji and control characters', () => buildMap({ title: 'Сделка 🚀\u0007', roles: [{ id: 'a' }], steps: [{ id: 's', role: 'a', title: 'Ок 👍' }] })],
  ];
  test.each(cases)('%s', async (_name, make) => {
    const doc = make();
    const xml = await mapToBpmn(doc, { dataObjects: true });
    expect(bpmnXsdErrors(xml)).toEqual([]);
    const back = await readBack(xml);
    expect(back.warnings).toEqual([]);
    const expected = JSON.parse(JSON.stringify(doc).replace(/\\u0007/g, '')) as MapDoc;
    expect(back.maps[0]).toEqual(expected);
  });
});

test('speed: a 1000-step map (printed, not asserted; the bench records it)', async () => {
  const doc = randomMap({ seed: 11, steps: 1000, lanes: 8, phases: 6, loops: 0.05, decisions: 0.15 });
  await mapToBpmn(doc); // warm up
  const times: number[] = [];
  const cpu: number[] = [];
  let size = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const xml = await mapToBpmn(doc);
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
    size = Buffer.byteLength(xml);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // wall time on a shared machine is mostly waiting for a core: the CPU time is printed too
  console.log(`bpmn.export.1000.ms median ${times[2]!.toFixed(0)} (min ${times[0]!.toFixed(0)}), CPU ${cpu[2]!.toFixed(0)} ms, file ${(size / 1024).toFixed(0)} KB`);
  expect(size).toBeGreaterThan(0);
});

test('the XSD check finds a broken file (so "valid" above means something)', async () => {
  const xml = await mapToBpmn(richMap());
  expect(bpmnXsdErrors(xml.replace(/ targetNamespace="[^"]*"/, ''))).toEqual([expect.stringMatching(/targetNamespace.*required/), expect.stringMatching(/fails to validate/)]);
  expect(bpmnXsdErrors(xml.replace('<bpmn:laneSet', '<bpmn:bogus/><bpmn:laneSet')).join('\n')).toMatch(/bogus.*not expected/);
});
