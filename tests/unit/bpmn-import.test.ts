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
import { bpmnToMaps, BpmnImportError, type BpmnImport } from '../../shared/interop/bpmn/import';
import { describeProblem, describeSummary } from '../../shared/interop/bpmn/summaryText';
import { MapDocSchema } from '../../shared/model/schema';
import type { MapDoc, StepKind } from '../../shared/model/types';
import { svgToPng } from '../../src-main/export/png';

const MIWG = path.resolve('../shared/interop/bpmn-miwg');
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

    fs.mkdirSync(SHOTS, { recursive: true });
    maps.forEach((m, i) => {
      const svg = renderMapSvg(m, { titleBlock: { title: m.title } });
      const { png } = svgToPng(svg.svg, svg, { scale: 1 });
      fs.writeFileSync(`${SHOTS}/bpmn-import-${file.replace('.bpmn', '')}${i ? `-${i}` : ''}.png`, png);
    });
  });
});
