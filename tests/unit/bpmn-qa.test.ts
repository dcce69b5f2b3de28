/**
 * QA findings on BPMN (issue 14's QA, items 6, 7, 10, 11): imported flows drawn through no other
 * card and ending on their own target; the import summary lists everything not kept as it was;
 * data objects of an export placed inside their step's lane, overlapping nothing; a DOCTYPE named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { flowPoints } from '../../shared/export/svg';
import { bpmnToMaps } from '../../shared/interop/bpmn/import';
import { describeSummary } from '../../shared/interop/bpmn/summaryText';
import { frameSize, mapGeometry } from '../../shared/model/geometry';
import type { MapDoc, Point } from '../../shared/model/types';

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
