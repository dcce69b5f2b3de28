/**
 * MapDoc -> BPMN 2.0 XML with diagram interchange, through bpmn-moddle (issue 11).
 * PLACEHOLDER: the export engineer fills this in; the signature is agreed, do not change it.
 */
import type { MapDoc } from '../../model/types';

export interface BpmnExportOptions {
  /** Inputs and outputs also as BPMN data objects with data associations (they are always in the extension elements). */
  dataObjects?: boolean;
  /**
   * The whole hierarchy in one file: the maps sub-process steps link to (and the maps theirs
   * link to), by id; each becomes its own process and diagram. A linked map not given here is
   * only named by its sub-process step.
   */
  linkedMaps?: Record<string, MapDoc>;
  /** Written as the exporter's version, e.g. "0.1.0". */
  appVersion?: string;
}

/** The map (and, with `linkedMaps`, its hierarchy) as a .bpmn file's text. */
export async function mapToBpmn(doc: MapDoc, options: BpmnExportOptions = {}): Promise<string> {
  void doc;
  void options;
  return Promise.reject(new Error('BPMN export is not built yet.'));
}
