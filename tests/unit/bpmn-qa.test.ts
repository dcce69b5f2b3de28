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
