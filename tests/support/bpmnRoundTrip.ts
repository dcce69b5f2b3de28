/**
 * Reads a Lanemap-made .bpmn file back into maps with the Lanemap namespace's readers only
 * (`stepDataOf`, `flowDataOf`, `laneDataOf`, `mapDataOf`), through bpmn-moddle's own parser: what
 * the import can restore from our extension elements, item for item.
 */
import type { MapDoc } from '../../shared/model/types';
import { createModdle, flowDataOf, laneDataOf, mapDataOf, stepDataOf, type ModdleElement } from '../../shared/interop/bpmn/extensions';

const list = (v: unknown) => (Array.isArray(v) ? (v as ModdleElement[]) : []);

export async function readBack(xml: string): Promise<{ maps: MapDoc[]; warnings: string[]; definitions: ModdleElement }> {
  const { rootElement, warnings } = await createModdle().fromXML(xml);
  const maps: MapDoc[] = [];
  for (const process of list(rootElement.rootElements).filter((e) => e.$type === 'bpmn:Process')) {
    const base = mapDataOf(process);
    if (!base) continue;
    const doc = { ...base, roles: {}, steps: {}, flows: {} } as MapDoc;
    for (const set of list(process.laneSets)) {
      for (const lane of list(set.lanes)) {
        const role = laneDataOf(lane);
        if (role?.id) doc.roles[role.id] = role as MapDoc['roles'][string];
      }
    }
    for (const e of list(process.flowElements)) {
      if (e.$type === 'bpmn:SequenceFlow') {
        const flow = flowDataOf(e);
        if (flow?.id) doc.flows[flow.id] = flow as MapDoc['flows'][string];
      } else {
        const step = stepDataOf(e);
        if (step?.id) doc.steps[step.id] = step as MapDoc['steps'][string];
      }
    }
    maps.push(doc);
  }
  return { maps, warnings: warnings.map((w) => w.message), definitions: rootElement };
}
