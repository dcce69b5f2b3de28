/**
 * BPMN 2.0 XML -> Lanemap maps, through bpmn-moddle (issue 11).
 * PLACEHOLDER: the import engineer fills this in; the signatures are agreed, do not change them.
 * Pure: no I/O. The backend runs it in a worker with a time limit (src-main), since the XML is untrusted.
 */
import type { MapDoc } from '../../model/types';

/** Why a file could not be read at all (the words are in summaryText.ts, in both languages). */
export type BpmnProblem = 'not-xml' | 'not-bpmn' | 'too-large' | 'too-many-elements' | 'broken-references' | 'no-process' | 'timeout';

export class BpmnImportError extends Error {
  code: BpmnProblem;
  constructor(code: BpmnProblem, message: string) {
    super(message);
    this.name = 'BpmnImportError';
    this.code = code;
  }
}

/** One line of the summary: so many elements of a BPMN type became this in Lanemap, or could not be kept (and why). */
export interface SummaryLine {
  /** The BPMN element type without its prefix, as the file names it: 'userTask', 'boundaryEvent', 'messageFlow', 'lane'… */
  element: string;
  count: number;
  /** What they became (a code the summary's words know: 'task', 'decision', 'lane', 'input'…); absent: not kept. */
  became?: string;
  /** Why they were not kept, or how they were kept differently (a code the summary's words know). */
  reason?: string;
}

export interface ImportSummary {
  lines: SummaryLine[];
}

export interface BpmnImportOptions {
  /** The most elements accepted (default 20,000). */
  maxElements?: number;
  /** ISO time written as the maps' created/updated time. */
  now?: string;
  /** The file's name, for the map's title when the BPMN names no process. */
  fileName?: string;
}

export interface BpmnImport {
  /**
   * The maps made, the main one first; sub-process steps link to the others by their ids in this
   * list (every map valid by MapDocSchema). The library gives them new ids when it stores them.
   */
  maps: MapDoc[];
  summary: ImportSummary;
}

/** Reads a .bpmn file's text; throws BpmnImportError when it is not a BPMN file Lanemap can read. */
export async function bpmnToMaps(xml: string, options: BpmnImportOptions = {}): Promise<BpmnImport> {
  void xml;
  void options;
  return Promise.reject(new BpmnImportError('not-bpmn', 'BPMN import is not built yet.'));
}
