/**
 * QA 14, item 10, as bpmn-js draws it: the RU full cycle and the sample exported "as data
 * objects" open with no warnings, and every data object bpmn-js draws lies in its step's lane
 * (inside the pool) without overlapping any task, gateway or event; screenshots to look at.
 */
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { templateMaps, expectedCounts } from '../support/bpmnMaps';
import { closeBpmnJs, openInBpmnJs } from '../support/bpmnViewer';

const SHOTS = path.resolve('artifacts/screenshots');
afterAll(closeBpmnJs);

type R = { x: number; y: number; width: number; height: number };
const overlap = (a: R, b: R) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const within = (a: R, b: R) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;

test.each(['full-cycle.ru.json', 'sample-sales-map.json'])('%s as data objects: bpmn-js draws each in its lane, over no other shape', async (file) => {
  const t = templateMaps().find((x) => x.file === file)!;
  const xml = await mapToBpmn(t.doc, { dataObjects: true });
  const shown = await openInBpmnJs(xml);
  try {
    expect(shown.warnings).toEqual([]);
    expect(shown.counts).toMatchObject(expectedCounts(t.doc));
    // what bpmn-js put where: its element registry, read in the page
    const drawn = await shown.page.evaluate(() => {
      const viewer = (window as unknown as { __viewer: { get(name: string): { getAll(): { id: string; type: string; x: number; y: number; width: number; height: number }[] } } }).__viewer;
      return viewer
        .get('elementRegistry')
        .getAll()
        .filter((e) => e.width !== undefined && e.type !== 'label')
        .map((e) => ({ id: e.id, type: e.type, x: e.x, y: e.y, width: e.width, height: e.height }));
    });
    const data = drawn.filter((e) => e.type === 'bpmn:DataObjectReference');
    expect(data.length).toBeGreaterThan(0);
    const pool = drawn.find((e) => e.type === 'bpmn:Participant')!;
    const lanes = drawn.filter((e) => e.type === 'bpmn:Lane');
    const nodes = drawn.filter((e) => /Task|SubProcess|CallActivity|Gateway|Event$/.test(e.type));
    for (const d of data) {
      expect(within(d, pool), `${d.id} inside the pool`).toBe(true);
      expect(lanes.filter((l) => within(d, l)), `${d.id} inside one lane`).toHaveLength(1);
      for (const n of nodes) expect(overlap(d, n), `${d.id} over ${n.id}`).toBe(false);
    }
    const name = `bpmn-qa-data-objects-${file.replace(/\.json$/, '')}`;
    await shown.screenshot(path.join(SHOTS, `${name}.png`));
    await shown.screenshot(path.join(SHOTS, `${name}-start.png`), { x: -220, y: -60, width: 1800, height: 900 });
  } finally {
    await shown.close();
  }
});
