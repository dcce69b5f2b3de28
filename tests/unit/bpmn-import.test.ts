/**
 * BPMN import (issue 11): every MIWG reference model imports with the counts its XML holds (counted
 * here independently with fast-xml-parser, plus the documented mappings), every map is valid,
 * the summary says what was not kept; bad input is refused with its code; the summary's words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { renderMapSvg } from '../../shared/export/svg';
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { bpmnToMaps, BpmnImportError, type BpmnImport } from '../../shared/interop/bpmn/import';
import { describeProblem, describeSummary } from '../../shared/interop/bpmn/summaryText';
import { MapDocSchema } from '../../shared/model/schema';
import type { MapDoc, StepKind } from '../../shared/model/types';
import { svgToPng } from '../../src-main/export/png';
import { templateMaps } from '../support/bpmnMaps';
import { bpmnXsdErrors } from '../support/xsd';

const MIWG = path.resolve('tests/fixtures/bpmn-miwg');
const CASES = fs.readdirSync(MIWG).filter((f) => f.endsWith('.bpmn')).sort();
const SHOTS = 'artifacts/screenshots';
const NOW = '2026-11-30T09:00:00.000Z';

type Node = Record<string, unknown>;

/** Elements of the XML by local name, counted over the whole tree (fast-xml-parser, namespaces stripped). */
function xmlElements(xml: string): { count: (pred: (name: string) => boolean) => number; all: { name: string; node: Node }[] } {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (_name, _path, _leaf, isAttribute) => !isAttribute });
  const all: { name: string; node: Node }[] = [];
  const stack: Node[] = [parser.parse(xml) as Node];
  while (stack.length) {
    const n = stack.pop()!;
    for (const [k, v] of Object.entries(n)) {
      if (k.startsWith('@') || k === '#text' || !Array.isArray(v)) continue;
      for (const child of v) {
        if (child && typeof child === 'object') {
          all.push({ name: k, node: child as Node });
          stack.push(child as Node);
        }
      }
    }
  }
  return { all, count: (pred) => all.filter((e) => pred(e.name)).length };
}

function kinds(maps: MapDoc[], ...which: StepKind[]): number {
  return maps.reduce((n, m) => n + Object.values(m.steps).filter((s) => which.includes(s.kind)).length, 0);
}

/** Leaf lanes of a process element (nested lanes count by their innermost lanes), or 1 for a pool without lanes. */
function lanesOf(processNode: Node | undefined): number {
  if (!processNode) return 1;
  let leaves = 0;
  const stack: Node[] = [processNode];
  while (stack.length) {
    const n = stack.pop()!;
    for (const set of (n.laneSet ?? n.childLaneSet ?? []) as Node[]) {
      for (const lane of (set.lane ?? []) as Node[]) {
        if (((lane.childLaneSet ?? []) as Node[]).some((c) => ((c.lane ?? []) as Node[]).length > 0)) stack.push(lane);
        else leaves++;
      }
    }
  }
  return Math.max(1, leaves);
}

async function importCase(file: string): Promise<{ xml: string; result: BpmnImport }> {
  const xml = fs.readFileSync(path.join(MIWG, file), 'utf8');
  return { xml, result: await bpmnToMaps(xml, { now: NOW, fileName: file }) };
}

describe('BPMN import of the MIWG reference models', () => {
  test.each(CASES)('%s imports with the counts its XML holds, valid maps, and a screenshot', async (file) => {
    const { xml, result } = await importCase(file);
    const { maps, summary } = result;
    const x = xmlElements(xml);
    const isTask = (n: string) => /^task$|Task$/.test(n) && n !== 'globalTask' && n !== 'choreographyTask';
    const boundary = x.count((n) => n === 'boundaryEvent');
    expect(maps.length).toBeGreaterThan(0);
    for (const m of maps) {
      const parsed = MapDocSchema.safeParse(m);
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
    }
    // tasks of every type -> task; sub-processes and call activities -> sub-process steps
    expect(kinds(maps, 'task')).toBe(x.count(isTask));
    expect(kinds(maps, 'subprocess')).toBe(x.count((n) => n === 'subProcess' || n === 'callActivity' || n === 'transaction' || n === 'adHocSubProcess'));
    // gateways: exclusive, inclusive, event-based, complex -> decision; parallel -> parallel
    expect(kinds(maps, 'decision')).toBe(x.count((n) => /Gateway$/.test(n) && n !== 'parallelGateway'));
    expect(kinds(maps, 'parallel')).toBe(x.count((n) => n === 'parallelGateway'));
    // events: start -> start, end -> end, intermediate and boundary -> event
    expect(kinds(maps, 'start')).toBe(x.count((n) => n === 'startEvent'));
    expect(kinds(maps, 'end')).toBe(x.count((n) => n === 'endEvent'));
    expect(kinds(maps, 'event')).toBe(x.count((n) => n === 'intermediateCatchEvent' || n === 'intermediateThrowEvent' || n === 'boundaryEvent'));
    // flows: every sequence flow and message flow, plus one from each boundary event's task
    const flows = maps.reduce((n, m) => n + Object.keys(m.flows).length, 0);
    const messages = maps.reduce((n, m) => n + Object.values(m.flows).filter((f) => f.message).length, 0);
    expect(flows).toBe(x.count((n) => n === 'sequenceFlow' || n === 'messageFlow') + boundary);
    expect(messages).toBe(x.count((n) => n === 'messageFlow'));
    // lanes of the main map: each pool's leaf lanes (or one for a pool without lanes)
    const processes = x.all.filter((e) => e.name === 'process');
    const participants = x.all.filter((e) => e.name === 'participant');
    const called = new Set(x.all.filter((e) => e.name === 'callActivity').map((e) => e.node['@calledElement']));
    const byId = new Map(processes.map((p) => [p.node['@id'], p.node]));
    const pooled = new Set(participants.map((p) => p.node['@processRef']));
    let lanes = participants.reduce((n, p) => n + lanesOf(byId.get(p.node['@processRef'])), 0);
    for (const p of processes) if (!pooled.has(p.node['@id']) && !called.has(p.node['@id'])) lanes += lanesOf(p.node);
    expect(Object.keys(maps[0]!.roles).length).toBe(lanes);
    // sub-process steps with content link to a map of the import
    const ids = new Set(maps.map((m) => m.id));
    for (const m of maps) for (const s of Object.values(m.steps)) if (s.linkedMapId) expect(ids.has(s.linkedMapId)).toBe(true);
    // nothing silent: every line has a count; each line not kept has a reason
    for (const l of summary.lines) {
      expect(l.count).toBeGreaterThan(0);
      if (!l.became) expect(l.reason).toBeTruthy();
    }
    const words = describeSummary(summary, 'en');
    expect(words.kept.length).toBeGreaterThan(0);

    // the imported map exported again (with its linked maps) is valid BPMN by the XSDs
    const linkedMaps = Object.fromEntries(maps.slice(1).map((m) => [m.id, m]));
    expect(bpmnXsdErrors(await mapToBpmn(maps[0]!, { linkedMaps }))).toEqual([]);

    fs.mkdirSync(SHOTS, { recursive: true });
    maps.forEach((m, i) => {
      const svg = renderMapSvg(m, { titleBlock: { title: m.title } });
      const { png } = svgToPng(svg.svg, svg, { scale: 1 });
      fs.writeFileSync(`${SHOTS}/bpmn-import-${file.replace('.bpmn', '')}${i ? `-${i}` : ''}.png`, png);
    });
  });
});

const NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"';
const defs = (body: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>\n<definitions ${NS} ${extra} id="d" targetNamespace="urn:t">${body}</definitions>`;

async function refused(xml: string, options = {}): Promise<BpmnImportError> {
  try {
    await bpmnToMaps(xml, options);
  } catch (e) {
    expect(e).toBeInstanceOf(BpmnImportError);
    return e as BpmnImportError;
  }
  throw new Error('the file was accepted');
}

describe('BPMN import of bad input: a clear refusal with its code', () => {
  test.each([
    ['plain text', 'not-xml', 'hello, world'],
    ['broken XML', 'not-xml', defs('<process id="p"><task id="t"></process>')],
    ['an empty file', 'not-xml', ''],
    ['XML that is not BPMN', 'not-bpmn', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['definitions of another namespace', 'not-bpmn', '<definitions xmlns="urn:not-bpmn"><process id="p"/></definitions>'],
    ['definitions without a process', 'no-process', defs('')],
    ['a flow to a missing step', 'broken-references', defs('<process id="p"><task id="a"/><sequenceFlow id="f" sourceRef="a" targetRef="nowhere"/></process>')],
  ])('given %s, when imported, then it is refused as %s', async (_name, code, xml) => {
    const e = await refused(xml);
    expect(e.code).toBe(code);
    expect(describeProblem(e.code, 'en')).toMatch(/\w/);
    expect(describeProblem(e.code, 'ru')).toMatch(/[а-я]/);
  });

  test('given an entity-expansion bomb, when imported, then it is refused at once, before parsing', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>${defs('<process id="p" name="&lol3;"><task id="t"/></process>')}`;
    expect((await refused(bomb)).code).toBe('doctype');
  });

  test('given a 50 MB file, when imported, then it is refused as too large without being parsed', async () => {
    const big = defs(`<process id="p"><documentation>${'x'.repeat(50 * 1024 * 1024)}</documentation></process>`);
    expect((await refused(big)).code).toBe('too-large');
  });

  test('given 20,001 tasks, when imported, then it is refused as too many elements', async () => {
    const tasks = Array.from({ length: 20_001 }, (_, i) => `<task id="t${i}"/>`).join('');
    expect((await refused(defs(`<process id="p">${tasks}</process>`))).code).toBe('too-many-elements');
  });

  test('given more tags than 25 per allowed element, when imported, then it is refused before parsing', async () => {
    const tags = Array.from({ length: 300 }, (_, i) => `<task id="t${i}"/>`).join('');
    expect((await refused(defs(`<process id="p">${tags}</process>`), { maxElements: 10 })).code).toBe('too-many-elements');
  });

  test('given call activities that call one another in a circle, when imported, then it is refused', async () => {
    const xml = defs(
      '<process id="a"><startEvent id="s"/><callActivity id="ca" calledElement="b"/></process>' +
        '<process id="b"><callActivity id="cb" calledElement="c"/></process>' +
        '<process id="c"><callActivity id="cc" calledElement="b"/></process>',
    );
    expect((await refused(xml)).code).toBe('broken-references');
  });
});

describe('BPMN import: what becomes what', () => {
  test('given elements of unknown namespaces, when imported, then they are lines of the summary, not errors', async () => {
    const xml = defs(
      '<process id="p" name="Продажа"><extensionElements><acme:meta xmlns:acme="urn:acme" a="1"/></extensionElements>' +
        '<startEvent id="s" name="Заявка"/><task id="t" name="Позвонить клиенту"/><sequenceFlow id="f" sourceRef="s" targetRef="t"/></process>' +
        '<acme:thing xmlns:acme="urn:acme"/>',
    );
    const { maps, summary } = await bpmnToMaps(xml, { now: NOW });
    expect(maps[0]!.title).toBe('Продажа');
    expect(Object.values(maps[0]!.steps).map((s) => s.title).sort()).toEqual(['Заявка', 'Позвонить клиенту']);
    const lost = summary.lines.filter((l) => !l.became);
    expect(lost).toContainEqual({ element: 'acme:meta', count: 1, reason: 'unknown-namespace' });
    expect(lost.some((l) => l.element === 'acme:thing' && l.reason === 'unrecognized')).toBe(true);
    const ru = describeSummary(summary, 'ru');
    expect(ru.lost.join('\n')).toContain('acme:meta');
  });

  test('given a file without a drawing, when imported, then the tidy-up lays it out with nothing overlapping', async () => {
    const xml = defs(
      '<process id="p"><startEvent id="s"/><task id="a" name="A"/><exclusiveGateway id="g" name="OK?"/><task id="b" name="B"/><task id="c" name="C"/><endEvent id="e"/>' +
        '<sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="g"/><sequenceFlow id="f3" sourceRef="g" targetRef="b" name="Yes"/>' +
        '<sequenceFlow id="f4" sourceRef="g" targetRef="c" name="No"/><sequenceFlow id="f5" sourceRef="b" targetRef="e"/><sequenceFlow id="f6" sourceRef="c" targetRef="e"/></process>',
    );
    const { maps } = await bpmnToMaps(xml, { now: NOW, fileName: 'orders.bpmn' });
    const m = maps[0]!;
    expect(m.title).toBe('orders');
    expect(m.flows.f3!.label).toBe('Yes');
    const steps = Object.values(m.steps);
    expect(steps.every((s) => !s.pinned)).toBe(true);
    expect(new Set(steps.map((s) => `${s.x},${s.y}`)).size).toBe(steps.length);
    expect(m.steps.a!.x).toBeGreaterThan(m.steps.s!.x);
    expect(m.steps.e!.x).toBeGreaterThan(m.steps.b!.x);
  });

  test('given a drawing of only some elements, when imported, then the drawn ones keep their order and the rest is placed by the tidy-up', async () => {
    const shape = (id: string, x: number, y: number, w = 100, h = 80) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;
    const xml = defs(
      '<process id="p"><startEvent id="s"/><task id="a" name="A"/><task id="b" name="B"/><task id="c" name="C (not drawn)"/>' +
        '<sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="b"/><sequenceFlow id="f3" sourceRef="b" targetRef="c"/></process>' +
        `<bpmndi:BPMNDiagram id="dg"><bpmndi:BPMNPlane id="pl" bpmnElement="p">${shape('s', 100, 120, 36, 36)}${shape('a', 200, 98)}${shape('b', 360, 98)}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
    );
    const { maps } = await bpmnToMaps(xml, { now: NOW });
    const s = maps[0]!.steps;
    expect(s.s!.x).toBeLessThan(s.a!.x);
    expect(s.a!.x).toBeLessThan(s.b!.x);
    expect(s.c!.x).toBeGreaterThan(s.b!.x);
    expect(Object.values(s).some((x) => x.pinned)).toBe(false);
  });

  test('given a text annotation on nothing and one on a task, when imported, then a note and the task’s description hold them', async () => {
    const xml = defs(
      '<process id="p"><task id="a" name="Call"/><textAnnotation id="n1"><text>Ask about the budget</text></textAnnotation><textAnnotation id="n2"><text>Квартальный план</text></textAnnotation>' +
        '<association id="as" sourceRef="a" targetRef="n1"/></process>',
    );
    const { maps } = await bpmnToMaps(xml, { now: NOW });
    expect(maps[0]!.steps.a!.description).toBe('Ask about the budget');
    expect(Object.values(maps[0]!.notes ?? {}).map((n) => n.text)).toEqual(['Квартальный план']);
  });
});

describe('the summary in words', () => {
  test.each([
    [1, '1 пользовательская задача → задачи'],
    [2, '2 пользовательские задачи → задачи'],
    [5, '5 пользовательских задач → задачи'],
    [21, '21 пользовательская задача → задачи'],
    [12, '12 пользовательских задач → задачи'],
  ])('given %i user tasks, then Russian says «%s»', (count, words) => {
    expect(describeSummary({ lines: [{ element: 'userTask', count, became: 'task' }] }, 'ru').kept).toEqual([words]);
  });

  test('given lines kept and not, then English says what became what and why the rest was not kept', () => {
    const text = describeSummary(
      {
        lines: [
          { element: 'boundaryEvent', count: 2, became: 'event', reason: 'boundary' },
          { element: 'message', count: 1, reason: 'definition' },
        ],
      },
      'en',
    );
    // kept, but not as they were in the file: said apart from what was kept as it was
    expect(text.kept).toEqual([]);
    expect(text.changed).toEqual(['2 boundary events → event steps (each placed after the task it sits on, with a flow from it)']);
    expect(text.lost).toEqual(['Not kept: 1 message definition. Shared definitions are not kept; Lanemap keeps what the steps and flows use.']);
  });
});

describe('BPMN round trip: a Lanemap-made file comes back item for item', () => {
  const templates = templateMaps();

  test.each(templates.map((t) => [t.file, t] as const))('%s: export, then import, gives the same map', async (_file, t) => {
    const xml = await mapToBpmn(t.doc);
    const { maps, summary } = await bpmnToMaps(xml, { now: NOW });
    expect(maps).toHaveLength(1);
    expect(maps[0]).toEqual(t.doc);
    // nothing of Lanemap's own is reported lost
    expect(summary.lines.filter((l) => !l.became && l.reason === 'unknown-namespace')).toEqual([]);
  });

  test.each(templates.filter((t) => Object.keys(t.linkedMaps).length > 0).map((t) => [t.file, t] as const))(
    '%s with its whole hierarchy: every linked map comes back too',
    async (_file, t) => {
      const xml = await mapToBpmn(t.doc, { linkedMaps: t.linkedMaps });
      const { maps } = await bpmnToMaps(xml, { now: NOW });
      expect(maps[0]).toEqual(t.doc);
      expect(maps.slice(1).sort((a, b) => a.id.localeCompare(b.id))).toEqual(Object.values(t.linkedMaps).sort((a, b) => a.id.localeCompare(b.id)));
    },
  );

  test('a top-to-bottom map with data objects, notes and message flows comes back whole', async () => {
    const t = templates.find((x) => x.file.startsWith('lead-qualification.ru'))!;
    const doc: MapDoc = structuredClone(t.doc);
    doc.direction = 'down';
    const [a, b] = Object.values(doc.steps).filter((s) => s.kind === 'task');
    doc.notes = { n1: { id: 'n1', text: 'Уточнить бюджет', x: 10, y: -60, stepId: a!.id }, n2: { id: 'n2', text: 'Sticky', x: 400, y: 500 } };
    doc.flows.m1 = { id: 'm1', fromStepId: b!.id, toStepId: a!.id, label: 'Ответ клиента', message: true };
    const xml = await mapToBpmn(doc, { dataObjects: true });
    const { maps } = await bpmnToMaps(xml, { now: NOW });
    expect(maps[0]).toEqual(doc);
  });
});

describe('a Russian file from another tool', () => {
  test('given two pools, messages, a timer, data and an annotation in Russian, when imported, then each becomes what the user expects', async () => {
    const xml = fs.readFileSync('tests/support/bpmn/sales-ru.bpmn', 'utf8');
    const { maps, summary } = await bpmnToMaps(xml, { now: NOW, fileName: 'продажи.bpmn' });
    const m = maps[0]!;
    expect(Object.values(m.roles).sort((a, b) => a.order - b.order).map((r) => r.name)).toEqual(['Клиент', 'Отдел продаж / Менеджер', 'Отдел продаж / Руководитель отдела']);
    const byTitle = new Map(Object.values(m.steps).map((s) => [s.title, s]));
    expect(byTitle.get('Заявка получена')).toMatchObject({ kind: 'start', trigger: 'message' });
    expect(byTitle.get('3 дня без ответа')).toMatchObject({ kind: 'event', trigger: 'timer' });
    expect(byTitle.get('Согласовать скидку')!.inputs).toEqual(['Прайс-лист']);
    expect(byTitle.get('Квалифицировать лид')!.description).toBe('Звонок в течение часа');
    // the message to the customer's pool goes to its last step; both are messages
    const messages = Object.values(m.flows).filter((f) => f.message);
    expect(messages.map((f) => [m.steps[f.fromStepId]!.title, m.steps[f.toStepId]!.title, f.label]).sort()).toEqual([
      ['Отправить КП', 'Отправить заявку', 'Коммерческое предложение'],
      ['Отправить заявку', 'Заявка получена', 'Заявка'],
    ]);
    // left to right as drawn
    expect(byTitle.get('Заявка получена')!.x).toBeLessThan(byTitle.get('Квалифицировать лид')!.x);
    expect(byTitle.get('Отправить КП')!.x).toBeLessThan(byTitle.get('Сделка в работе')!.x);
    const ru = describeSummary(summary, 'ru');
    expect(ru.kept).toContain('2 пользовательские задачи → задачи');
    expect(ru.kept).toContain('1 объект данных → входы шагов');
    fs.mkdirSync(SHOTS, { recursive: true });
    const svg = renderMapSvg(m, { titleBlock: { title: m.title } });
    fs.writeFileSync(`${SHOTS}/bpmn-import-sales-ru.png`, svgToPng(svg.svg, svg, { scale: 1 }).png);
  });
});

describe('BPMN import: stages, odd names, deep nesting', () => {
  const shape = (id: string, x: number, y: number, w = 100, h = 80) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;

  test('given groups that frame the steps left to right, when imported, then they are the phases, in order', async () => {
    const xml = defs(
      '<category id="c"><categoryValue id="cv1" value="Квалификация"/><categoryValue id="cv2" value="Сделка"/></category>' +
        '<process id="p"><startEvent id="s"/><task id="a" name="A"/><task id="b" name="B"/><endEvent id="e"/>' +
        '<sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="b"/><sequenceFlow id="f3" sourceRef="b" targetRef="e"/>' +
        '<group id="g1" categoryValueRef="cv1"/><group id="g2" categoryValueRef="cv2"/></process>' +
        `<bpmndi:BPMNDiagram id="dg"><bpmndi:BPMNPlane id="pl" bpmnElement="p">${shape('s', 100, 120, 36, 36)}${shape('a', 200, 98)}${shape('b', 420, 98)}${shape('e', 600, 120, 36, 36)}` +
        `${shape('g1', 80, 60, 260, 200)}${shape('g2', 380, 60, 300, 200)}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
    );
    const { maps, summary } = await bpmnToMaps(xml, { now: NOW });
    const m = maps[0]!;
    const phases = Object.values(m.phases).sort((x, y) => x.order - y.order);
    expect(phases.map((p) => p.name)).toEqual(['Квалификация', 'Сделка']);
    expect([m.steps.s!.phaseId, m.steps.a!.phaseId, m.steps.b!.phaseId, m.steps.e!.phaseId]).toEqual([phases[0]!.id, phases[0]!.id, phases[1]!.id, phases[1]!.id]);
    expect(summary.lines).toContainEqual({ element: 'group', count: 2, became: 'phase' });
  });

  test('given a 10,000-character name and markup in names, when imported, then titles are cut to the limit and kept as text', async () => {
    const long = 'Очень длинное название '.repeat(450);
    const xml = defs(`<process id="p" name="&lt;script&gt;alert(1)&lt;/script&gt;"><task id="a" name="${long}"/><task id="b" name="&lt;b&gt;жирный&lt;/b&gt;"/><sequenceFlow id="f" sourceRef="a" targetRef="b" name="${long}"/></process>`);
    const { maps, summary } = await bpmnToMaps(xml, { now: NOW });
    const m = maps[0]!;
    expect(m.title).toBe('<script>alert(1)</script>');
    expect(m.steps.a!.title.length).toBeLessThanOrEqual(300);
    expect(m.steps.a!.title).toMatch(/^Очень длинное название .*…$/);
    expect(m.steps.b!.title).toBe('<b>жирный</b>');
    expect(m.flows.f!.label.length).toBeLessThanOrEqual(120);
    expect(m.flows.f!.label.endsWith('…')).toBe(true);
    expect(summary.lines).toContainEqual({ element: 'stepName', count: 1, became: 'cut-300' });
    expect(summary.lines).toContainEqual({ element: 'flowName', count: 1, became: 'cut-120' });
    expect(MapDocSchema.safeParse(m).success).toBe(true);
  });

  test('given sub-processes nested 20 deep, when imported, then each level is its own linked map', async () => {
    let inner = '<task id="t20" name="Innermost"/>';
    for (let i = 19; i >= 0; i--) inner = `<subProcess id="sp${i}" name="Level ${i}"><startEvent id="s${i}"/>${inner}</subProcess>`;
    const { maps } = await bpmnToMaps(defs(`<process id="p">${inner}</process>`), { now: NOW });
    expect(maps).toHaveLength(21);
    let map = maps[0]!;
    for (let i = 0; i < 20; i++) {
      const step = Object.values(map.steps).find((s) => s.kind === 'subprocess')!;
      map = maps.find((m) => m.id === step.linkedMapId)!;
      expect(map.title).toBe(`Level ${i}`);
    }
    expect(Object.values(map.steps).map((s) => s.title)).toContain('Innermost');
  });

  test('given sub-processes nested deeper than Lanemap follows, when imported, then it is refused, not a crash', async () => {
    let inner = '<task id="t"/>';
    for (let i = 0; i < 80; i++) inner = `<subProcess id="sp${i}">${inner}</subProcess>`;
    expect((await refused(defs(`<process id="p">${inner}</process>`))).code).toBe('too-many-elements');
  });
});

describe('BPMN import: pools without steps, conversations', () => {
  test('given a message to a pool drawn without steps and a conversation, when imported, then the pool is a lane and both are lines of the summary', async () => {
    const xml = defs(
      '<collaboration id="c"><participant id="bank" name="Банк"/><participant id="us" name="Мы" processRef="p"/>' +
        '<messageFlow id="m" name="Платёж" sourceRef="t" targetRef="bank"/><conversation id="cv" name="Расчёты"/></collaboration>' +
        '<process id="p"><task id="t" name="Оплатить"/></process>',
    );
    const { maps, summary } = await bpmnToMaps(xml, { now: NOW });
    expect(Object.values(maps[0]!.roles).map((r) => r.name).sort()).toEqual(['Банк', 'Мы']);
    expect(Object.keys(maps[0]!.flows)).toHaveLength(0);
    expect(summary.lines).toContainEqual({ element: 'messageFlow', count: 1, reason: 'pool-border' });
    expect(summary.lines).toContainEqual({ element: 'conversation', count: 1, reason: 'conversation' });
    const ru = describeSummary(summary, 'ru').lost.join('\n');
    expect(ru).toContain('Не перенесено: 1 поток сообщений. У пула без шагов нет шага, к которому можно привести сообщение.');
    expect(ru).toContain('Не перенесено: 1 диалог.');
  });
});
