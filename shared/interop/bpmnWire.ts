/**
 * BPMN exchange as the app's calls see it (issue 11): the two calls' inputs and results, the
 * largest file accepted, and how a picked or dropped file is told apart from a `.lanemap.json`
 * (by its content first, its name second). The conversion itself is `shared/interop/bpmn/`.
 */
import { z } from 'zod';
import { IdSchema } from '../model/schema';
import type { MapSummary } from '../model/types';
import type { BpmnProblem, ImportSummary } from './bpmn/import';

/** Largest .bpmn text accepted (characters), as for a .lanemap.json file. */
export const MAX_BPMN_TEXT = 20 * 1024 * 1024;
/** The most BPMN elements one import reads. */
export const MAX_BPMN_ELEMENTS = 20_000;

export const BpmnImportInputSchema = z
  .object({
    text: z.string().max(MAX_BPMN_TEXT, 'the file is larger than 20 MB'),
    /** The file's name (for the map's title when the BPMN names no process). */
    fileName: z
      .string()
      .max(255, 'the file name must be at most 255 characters')
      .regex(/^[^\p{Cc}]*$/u, 'the file name must be one line of text')
      .optional(),
  })
  .strict();

export const BpmnExportInputSchema = z
  .object({
    id: IdSchema,
    /** Inputs and outputs also as BPMN data objects (they are always in Lanemap's extension elements). */
    dataObjects: z.boolean().optional(),
    /** The maps its sub-process steps open (and theirs), each as its own process and diagram, in the same file. */
    hierarchy: z.boolean().optional(),
  })
  .strict();

/**
 * An import: the maps stored (the main one first) and what became what; or, when the file could
 * not be read, why (nothing was added to the library).
 */
export type BpmnImportResult =
  | { ok: true; map: MapSummary; maps: MapSummary[]; summary: ImportSummary }
  | { ok: false; problem: BpmnProblem; message: string };

export interface BpmnExportResult {
  /** The .bpmn file's text. */
  text: string;
  /** Linked maps written into the file besides the map itself (hierarchy). */
  linkedMaps: number;
  /** Sub-process steps whose linked map is no longer in the library (only named in the file). */
  missingLinks: number;
}

/** Which import a file's text is for: a Lanemap map (JSON), or BPMN (XML). */
export function importKind(text: string, fileName = ''): 'bpmn' | 'lanemap' {
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 1);
  if (start === '<') return 'bpmn';
  if (start === '{' || start === '[') return 'lanemap';
  // neither: the name says which reader explains what is wrong with it
  return /\.(bpmn|bpmn2|xml)$/i.test(fileName) ? 'bpmn' : 'lanemap';
}

/** What the file picker offers. */
export const IMPORT_ACCEPT = '.json,application/json,.bpmn,.bpmn2,.xml,application/xml,text/xml';
