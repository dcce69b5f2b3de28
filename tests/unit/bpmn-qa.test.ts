/**
 * QA findings on BPMN (issue 14's QA, items 6, 7, 10, 11): imported flows drawn through no other
 * card and ending on their own target; the import summary lists everything not kept as it was;
 * data objects of an export placed inside their step's lane, overlapping nothing; a DOCTYPE named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { flowPoints } from '../../shared/export/svg';
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { BpmnImportError, bpmnToMaps } from '../../shared/interop/bpmn/import';
import { describeProblem, describeSummary } from '../../shared/interop/bpmn/summaryText';
import { frameSize, mapGeometry } from '../../shared/model/geometry';
import type { MapDoc, Point } from '../../shared/model/types';
import { templateMaps } from '../support/bpmnMaps';

const MIWG = path.resolve('tests/fixtures/bpmn-miwg');
const CASES = fs.readdirSync(MIWG).filter((f) => f.endsWith('.bpmn')).sort();

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Does the axis-parallel segment a-b pass through the rectangle's inside (touching its edge is not)? */
function crosses(a: Point, b: Point, r: Rect): boolean {
  const e = 0.5;
  return Math.max(a.x, b.x) > r.x + e && Math.min(a.x, b.x) < r.x + r.width - e && Math.max(a.y, b.y) > r.y + e && Math.min(a.y, b.y) < r.y + r.height - e;
}

function onBorder(p: Point, r: Rect): boolean {
  const e = 2;
  const inX = p.x >= r.x - e && p.x <= r.x + r.width + e;
  const inY = p.y >= r.y - e && p.y <= r.y + r.height + e;
  return (inX && (Math.abs(p.y - r.y) <= e || Math.abs(p.y - r.y - r.height) <= e)) || (inY && (Math.abs(p.x - r.x) <= e || Math.abs(p.x - r.x - r.width) <= e));
}

/** Each step's card as the canvas and the SVG place it (the map's frame: x along the flow). */
function cards(doc: MapDoc): Map<string, Rect> {
  const size = frameSize(doc.direction);
  const g = mapGeometry(doc, size);
  return new Map(Object.values(doc.steps).map((s) => [s.id, { ...g.positions.get(s.id)!, ...size(s) }]));
}

describe('imported flows are drawn to their own target (QA 6)', () => {
  test.each(CASES)('%s: every flow starts and ends on its own cards, and its line crosses no other card', async (file) => {
    const { maps } = await bpmnToMaps(fs.readFileSync(path.join(MIWG, file), 'utf8'), { fileName: file });
    for (const doc of maps) {
      const boxes = cards(doc);
      for (const f of Object.values(doc.flows)) {
        const from = boxes.get(f.fromStepId)!;
        const to = boxes.get(f.toStepId)!;
        if (f.route) {
          expect(onBorder(f.route[0]!, from), `${file} ${f.id}: the route starts on its source`).toBe(true);
          expect(onBorder(f.route[f.route.length - 1]!, to), `${file} ${f.id}: the route ends on its target`).toBe(true);
        }
        // what the canvas and the exports draw: the route when it fits, else the simple line
        const pts = flowPoints(f, from, to);
        const last = [pts[pts.length - 2]!, pts[pts.length - 1]!] as const;
        for (const [id, box] of boxes) {
          if (id === f.toStepId || id === f.fromStepId) continue;
          expect(crosses(last[0], last[1], box), `${file} ${f.id}: its last piece enters ${doc.steps[id]!.title}`).toBe(false);
          for (let i = 1; i < pts.length; i++) expect(crosses(pts[i - 1]!, pts[i]!, box), `${file} ${f.id} (${doc.steps[f.fromStepId]!.title} → ${doc.steps[f.toStepId]!.title}) crosses ${doc.steps[id]!.title}`).toBe(false);
        }
      }
    }
  });

  test('B.1.0: the two flows QA saw run into the wrong card go around it, as stored routes', async () => {
    const { maps } = await bpmnToMaps(fs.readFileSync(path.join(MIWG, 'B.1.0.bpmn'), 'utf8'), { fileName: 'B.1.0.bpmn' });
    const doc = maps[0]!;
    const byTitle = (t: string) => Object.values(doc.steps).find((s) => s.title === t)!.id;
    for (const [a, b] of [
      ['Call Activity Calling a Global Task', 'Exclusive Gateway Convergence 1'],
      ['Service Task 7', 'Exclusive Gateway Convergence 2'],
    ]) {
      const f = Object.values(doc.flows).find((x) => x.fromStepId === byTitle(a!) && x.toStepId === byTitle(b!))!;
      expect(f.route, `${a} → ${b}`).toBeDefined();
    }
  });
});

describe('the import summary lists everything not kept as it was (QA 7)', () => {
  const read = (file: string) => fs.readFileSync(path.join(MIWG, file), 'utf8');

  test('A.3.0: the non-interrupting boundary event is said to have become an ordinary event step, in English and Russian; "everything kept" is not claimed', async () => {
    const { summary } = await bpmnToMaps(read('A.3.0.bpmn'), { fileName: 'A.3.0.bpmn' });
    const en = describeSummary(summary, 'en');
    const ru = describeSummary(summary, 'ru');
    expect(en.changed).toContain('1 boundary event → event steps (non-interrupting: each became an ordinary event step after the task it sits on, with a flow from it; that the task goes on is not kept)');
    expect(ru.changed.join('\n')).toContain('1 граничное событие → шаги-события (непрерывающие: каждое стало обычным шагом-событием');
    // the dialog says "Everything in the file was kept" only when nothing was changed or left out
    expect(en.changed.length + en.lost.length).toBeGreaterThan(0);
    expect(en.kept.join('\n')).not.toContain('boundary');
  });

  test('C.1.0: the event-based gateway that became a decision is listed as changed', async () => {
    const { summary } = await bpmnToMaps(read('C.1.0.bpmn'), { fileName: 'C.1.0.bpmn' });
    expect(describeSummary(summary, 'en').changed).toEqual(['1 event-based gateway → decisions (Lanemap has one kind of decision: the gateway’s own rule for choosing the ways is not kept)']);
    expect(describeSummary(summary, 'en').kept).toContain('2 exclusive gateways → decisions');
  });

  test('given names over the limits, the summary says how many were cut and to what, in both languages', async () => {
    const long = 'Согласовать условия '.repeat(30);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <process id="p" name="Сделка">
    <laneSet id="ls"><lane id="l1" name="${long}"><flowNodeRef>a</flowNodeRef><flowNodeRef>b</flowNodeRef><flowNodeRef>g</flowNodeRef></lane></laneSet>
    <task id="a" name="${long}"/><task id="b" name="${long} 2"/>
    <inclusiveGateway id="g" name="Что нужно?"/>
    <sequenceFlow id="f1" sourceRef="a" targetRef="b" name="${long}"/>
    <sequenceFlow id="f2" sourceRef="b" targetRef="g"/>
  </process>
</definitions>`;
    const { summary } = await bpmnToMaps(xml);
    const en = describeSummary(summary, 'en');
    expect(en.changed).toEqual(
      expect.arrayContaining([
        'Cut to 300 characters (Lanemap’s limit): 2 step names',
        'Cut to 120 characters (Lanemap’s limit): 1 flow name',
        'Cut to 120 characters (Lanemap’s limit): 1 lane name',
        '1 inclusive gateway → decisions (Lanemap has one kind of decision: the gateway’s own rule for choosing the ways is not kept)',
      ]),
    );
    const ru = describeSummary(summary, 'ru');
    expect(ru.changed).toEqual(expect.arrayContaining(['Обрезано до 300 знаков (предел Lanemap): 2 названия шагов', 'Обрезано до 120 знаков (предел Lanemap): 1 название связи']));
  });

  test('given a file kept whole, nothing is listed as changed or lost', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <process id="p" name="Сделка"><startEvent id="s"/><task id="a" name="Позвонить"/><sequenceFlow id="f" sourceRef="s" targetRef="a"/></process>
</definitions>`;
    const words = describeSummary((await bpmnToMaps(xml)).summary, 'en');
    expect(words.changed).toEqual([]);
    expect(words.lost).toEqual([]);
  });
});

describe('BPMN export "as data objects": each step’s objects in its own lane, overlapping nothing (QA 10)', () => {
  interface Shape {
    id: string;
    el: string;
    b: Rect;
    label?: Rect;
  }

  /** The drawing read back with fast-xml-parser: each shape's element type and bounds, and which data objects each task uses. */
  function drawing(xml: string) {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, isArray: (name, _path, _leaf, isAttribute) => !isAttribute && !['definitions', 'BPMNPlane', 'Bounds', 'BPMNLabel'].includes(name) });
    const defs = parser.parse(xml).definitions as Record<string, Record<string, unknown>[]>;
    const types = new Map<string, string>();
    const uses = new Map<string, string>(); // data object reference -> the task using it
    const walk = (node: unknown, owner?: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        for (const child of Array.isArray(v) ? v : [v]) {
          if (!child || typeof child !== 'object') continue;
          const c = child as Record<string, unknown>;
          if (typeof c.id === 'string') types.set(c.id, k);
          if (k === 'dataInputAssociation') uses.set(String((c.sourceRef as unknown[])[0]), owner!);
          if (k === 'dataOutputAssociation') uses.set(String((c.targetRef as unknown[])[0]), owner!);
          walk(c, typeof c.id === 'string' && /Task|task|subProcess|callActivity/.test(k) ? c.id : owner);
        }
      }
    };
    walk({ collaboration: defs.collaboration, process: defs.process });
    const rect = (b: Record<string, string>): Rect => ({ x: Number(b.x), y: Number(b.y), width: Number(b.width), height: Number(b.height) });
    const plane = (defs.BPMNDiagram![0] as Record<string, Record<string, Record<string, unknown>[]>>).BPMNPlane!;
    const shapes: Shape[] = plane.BPMNShape!.map((s) => ({
      id: String(s.bpmnElement),
      el: types.get(String(s.bpmnElement)) ?? '?',
      b: rect(s.Bounds as Record<string, string>),
      ...(s.BPMNLabel ? { label: rect((s.BPMNLabel as Record<string, Record<string, string>>).Bounds!) } : {}),
    }));
    return { shapes, uses };
  }

  const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const within = (a: Rect, b: Rect) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;

  test.each(templateMaps().filter((t) => ['full-cycle.ru.json', 'sample-sales-map.json', 'order-fulfilment.ru.json', 'full-cycle.en.json'].includes(t.file)).map((t) => [t.file, t]))(
    '%s: no data object overlaps another shape; each lies in the pool and in its step’s lane',
    async (_file, t) => {
      const doc = t.doc;
      const { shapes, uses } = drawing(await mapToBpmn(doc, { dataObjects: true }));
      const data = shapes.filter((s) => s.el === 'dataObjectReference');
      expect(data.length).toBeGreaterThan(0);
      const pool = shapes.find((s) => s.el === 'participant')!;
      const lanes = shapes.filter((s) => s.el === 'lane');
      const laneOf = (r: Rect) => lanes.find((l) => within(r, l.b));
      const others = shapes.filter((s) => !['participant', 'lane', 'group', 'dataObjectReference'].includes(s.el));
      for (const d of data) {
        const step = shapes.find((s) => s.id === uses.get(d.id))!;
        expect(step, `${d.id} is used by a task`).toBeDefined();
        expect(within(d.b, pool.b), `${d.id} inside the pool`).toBe(true);
        if (d.label) expect(within(d.label, pool.b), `${d.id}'s name inside the pool`).toBe(true);
        const lane = laneOf(d.b);
        expect(lane, `${d.id} inside one lane`).toBeDefined();
        expect(lane!.id, `${d.id} in the lane of ${step.id}`).toBe(laneOf(step.b)!.id);
        for (const o of others) {
          expect(overlap(d.b, o.b), `${d.id} overlaps ${o.id}`).toBe(false);
          if (o.label) expect(overlap(d.b, o.label), `${d.id} overlaps the name of ${o.id}`).toBe(false);
          if (d.label) expect(overlap(d.label, o.b), `the name of ${d.id} overlaps ${o.id}`).toBe(false);
        }
        for (const e of data) if (e !== d) expect(overlap(d.b, e.b), `${d.id} overlaps ${e.id}`).toBe(false);
      }
    },
  );
});

describe('a file with a DOCTYPE is refused naming the DOCTYPE (QA 11)', () => {
  test('given a BPMN file with a DOCTYPE, the message names it, in English and Russian', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE definitions SYSTEM "bpmn.dtd"><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"><task id="t" name="Позвонить"/></process></definitions>`;
    const e = await bpmnToMaps(xml).then(
      () => undefined,
      (x: unknown) => x as BpmnImportError,
    );
    expect(e).toBeInstanceOf(BpmnImportError);
    expect(e!.code).toBe('doctype');
    expect(describeProblem(e!.code, 'en')).toBe('This file declares a DOCTYPE, which BPMN files do not use and Lanemap does not read for safety.');
    expect(describeProblem(e!.code, 'ru')).toMatch(/объявлен DOCTYPE/);
    expect(describeProblem('not-bpmn', 'en')).not.toMatch(/DOCTYPE/);
  });
});
