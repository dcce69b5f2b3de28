/**
 * Maps for the BPMN tests: every bundled template (a landscape with the templates its
 * sub-process steps link to, as the app links them), and what a map should count as in BPMN.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDiamond, isPill } from '../../shared/model/geometry';
import { parseTemplate } from '../../shared/model/template';
import type { MapDoc } from '../../shared/model/types';

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
