/**
 * The map as a BPMN 2.0 file (issue 11): written by the backend (`maps:exportBpmn`), which reads
 * the map as stored (the export dialog stores pending edits first) and, for the whole hierarchy,
 * the maps its sub-process steps open. Saved like every exported file.
 */
import type { MapDoc } from '../../shared/model/types';
import { libraryApi as api } from '../team/current';
import { t } from '../i18n';

export interface BpmnExportChoice {
  /** Inputs and outputs also as BPMN data objects. */
  dataObjects: boolean;
  /** The linked sub-process maps too, each its own process. */
  hierarchy: boolean;
}

/** True when a step of the map opens another map (the hierarchy option has something to add). */
export function hasLinkedMaps(doc: MapDoc): boolean {
  return Object.values(doc.steps).some((s) => s.kind === 'subprocess' && s.linkedMapId);
}

export async function exportBpmn(doc: MapDoc, choice: BpmnExportChoice): Promise<{ blob: Blob; notice?: string }> {
  const hierarchy = choice.hierarchy && hasLinkedMaps(doc);
  const r = await api['maps:exportBpmn']({ id: doc.id, dataObjects: choice.dataObjects, hierarchy });
  const notices = [
    hierarchy && r.linkedMaps > 0 ? t('bpmn.export.withMaps', { count: r.linkedMaps }) : null,
    r.missingLinks > 0 ? t('bpmn.export.missing', { count: r.missingLinks }) : null,
  ].filter((n): n is string => !!n);
  return { blob: new Blob([r.text], { type: 'application/xml' }), notice: notices.join(' ') || undefined };
}
