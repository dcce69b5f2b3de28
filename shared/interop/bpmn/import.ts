/**
 * BPMN 2.0 XML -> Lanemap maps, through bpmn-moddle (issue 11). Pure: no I/O. The backend runs it
 * in a worker with a time limit (src-main), since the XML is untrusted.
 *
 * Before parsing, cheap checks on the raw text: at most MAX_BPMN_TEXT characters (20 MB, the
 * library's file limit), XML that starts with a `definitions` element, no DOCTYPE (so no entity
 * declarations, no entity bombs), at most `maxElements` × 25 tags. After parsing: unresolved
 * references and circles of call activities are refused, and at most `maxElements` model
 * elements (not counting the drawing). See import/build.ts for the mapping, import/place.ts for
 * positions, summaryText.ts for the summary's words.
 */
import { MapDocSchema, describeIssues } from '../../model/schema';
import type { MapDoc } from '../../model/types';
import type { ElkLike } from '../../layout/types';
import { createModdle, type ModdleElement } from './extensions';
import { Builder } from './import/build';
import { placeDrafts } from './import/place';

/** Why a file could not be read at all (the words are in summaryText.ts, in both languages). */
export type BpmnProblem = 'not-xml' | 'not-bpmn' | 'doctype' | 'too-large' | 'too-many-elements' | 'broken-references' | 'no-process' | 'timeout';

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

/** The largest file read (characters): the library's limit for any map file. */
export const MAX_BPMN_TEXT = 20 * 1024 * 1024;
export const DEFAULT_MAX_ELEMENTS = 20_000;
/** Tags (of the drawing, extensions…) allowed per model element before parsing is refused. */
const TAGS_PER_ELEMENT = 25;

/** Reads a .bpmn file's text; throws BpmnImportError when it is not a BPMN file Lanemap can read. */
export async function bpmnToMaps(xml: string, options: BpmnImportOptions = {}): Promise<BpmnImport> {
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const text = precheck(xml, maxElements);
  const moddle = createModdle();
  let parsed: Awaited<ReturnType<typeof moddle.fromXML>>;
  try {
    parsed = await moddle.fromXML(text, 'bpmn:Definitions');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/failed to parse document as/.test(message)) throw new BpmnImportError('not-bpmn', 'The file is XML but not BPMN 2.0 (its root is not bpmn:definitions).');
    throw new BpmnImportError('not-xml', `The file is not well-formed XML: ${firstLine(message)}`);
  }
  const unrecognized = new Map<string, number>();
  const dangling: string[] = [];
  for (const w of parsed.warnings) {
    const m = w.message;
    const ref = /unresolved reference <([^>]*)>/.exec(m);
    if (ref) {
      dangling.push(ref[1]!);
      continue;
    }
    const el = /unrecognized element <([^>]*)>/.exec(m);
    if (el) {
      unrecognized.set(el[1]!, (unrecognized.get(el[1]!) ?? 0) + 1);
      continue;
    }
    if (/unsupported document encoding|non-whitespace outside of root node|unknown attribute|unparsable content <\?/.test(m)) continue;
    if (/unparsable content/.test(m)) throw new BpmnImportError('not-xml', `The file is not well-formed XML: ${firstLine(m)}`);
  }
  if (dangling.length > 0) {
    const shown = dangling.slice(0, 3).join(', ');
    throw new BpmnImportError('broken-references', `The file refers to ${dangling.length} element(s) it does not hold (${shown}${dangling.length > 3 ? '…' : ''}).`);
  }
  const root = parsed.rootElement;
  const count = countElements(parsed.elementsById);
  if (count > maxElements) throw new BpmnImportError('too-many-elements', `The file holds more than ${maxElements} elements.`);

  const now = options.now ?? new Date().toISOString();
  const builder = new Builder({ definitions: root, elementsById: parsed.elementsById, now, fileName: options.fileName });
  const { drafts, tally } = builder.build();
  for (const [name, n] of unrecognized) tally.add(name, undefined, 'unrecognized', n);
  await placeDrafts(drafts, loadElk);
  const maps = drafts.map((d) => {
    const result = MapDocSchema.safeParse(d.doc);
    if (!result.success) throw new Error(`The imported map ${d.doc.title} is invalid: ${describeIssues(result.error)}`);
    return result.data;
  });
  return { maps, summary: { lines: tally.lines() } };
}

async function loadElk(): Promise<ElkLike> {
  const mod = (await import('elkjs/lib/elk.bundled.js')) as unknown as { default: new () => ElkLike };
  return new mod.default();
}

/** The raw text's cheap checks; the text to parse (without a byte-order mark). */
function precheck(xml: string, maxElements: number): string {
  if (typeof xml !== 'string') throw new BpmnImportError('not-xml', 'The file is not text.');
  if (xml.length > MAX_BPMN_TEXT) throw new BpmnImportError('too-large', `The file is larger than ${MAX_BPMN_TEXT / 1024 / 1024} MB.`);
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '<') throw new BpmnImportError('not-xml', 'The file is not XML.');
  // a DTD is where entities are declared (and entity bombs live); BPMN files have none
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new BpmnImportError('doctype', 'The file declares a DOCTYPE (or entities), which BPMN files do not use; it is not read, for safety.');
  const first = /<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(start));
  if (!first) throw new BpmnImportError('not-xml', 'The file holds no XML element.');
  if (first[2] !== 'definitions') throw new BpmnImportError('not-bpmn', `The file is XML but not BPMN 2.0 (its root is <${first[1] ?? ''}${first[2]}>).`);
  let tags = 0;
  const limit = maxElements * TAGS_PER_ELEMENT;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const c = text.charCodeAt(i + 1);
    // a letter or _ : an opening tag
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
      if (++tags > limit) throw new BpmnImportError('too-many-elements', `The file holds more than ${maxElements} elements.`);
    }
  }
  return text;
}

/** Model elements of the file (those with ids, not of the drawing): tasks, events, flows, lanes, data… */
function countElements(byId: Record<string, ModdleElement>): number {
  let n = 0;
  for (const id in byId) if (String(byId[id]!.$type).startsWith('bpmn:')) n++;
  return n;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 200);
}
