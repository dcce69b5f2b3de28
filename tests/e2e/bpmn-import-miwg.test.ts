/**
 * The MIWG reference models imported into Lanemap, then exported again, open in bpmn-js (the
 * renderer of Camunda Modeler and bpmn.io) with no import warnings and the counts the imported
 * map has; a screenshot of each is saved to be looked at beside the case's own PNG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { bpmnToMaps } from '../../shared/interop/bpmn/import';
import { expectedCounts } from '../support/bpmnMaps';
import { closeBpmnJs, openInBpmnJs } from '../support/bpmnViewer';

const MIWG = path.resolve('tests/fixtures/bpmn-miwg');
const CASES = fs.readdirSync(MIWG).filter((f) => f.endsWith('.bpmn')).sort();
const SHOTS = path.resolve('artifacts/screenshots');

afterAll(closeBpmnJs);

describe('MIWG models imported, exported again, open in bpmn-js', () => {
  test.each(CASES)('%s', async (file) => {
    const { maps } = await bpmnToMaps(fs.readFileSync(path.join(MIWG, file), 'utf8'), { fileName: file });
    const main = maps[0]!;
    const xml = await mapToBpmn(main, { linkedMaps: Object.fromEntries(maps.slice(1).map((m) => [m.id, m])) });
    const shown = await openInBpmnJs(xml);
    try {
      expect(shown.warnings).toEqual([]);
      expect(shown.counts).toMatchObject(expectedCounts(main));
      expect(shown.diagrams).toHaveLength(maps.length);
      await shown.screenshot(path.join(SHOTS, `bpmn-import-${file.replace('.bpmn', '')}-bpmnjs.png`));
    } finally {
      await shown.close();
    }
  });
});
