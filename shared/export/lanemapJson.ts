/**
 * `.lanemap.json`, the format for sharing a map between libraries:
 * `{ "format": "lanemap", "schemaVersion": 5, "exportedAt": ISO time, "app": "Lanemap x.y.z", "map": MapDoc, "versions": [...] }`.
 * Version 2 added `versions`: the map's saved versions, newest first, each
 * `{ id, name, note, author, kind, createdAt, doc: MapDoc }`. Version 3 added the analysis fields: a step's
 * `wait`, `raci` and `parties` (outside parties of its inputs and outputs), and the map's `dismissed`
 * findings and `rulesOff`. Version 4 added the optimisation fields: `kpis` on phases and steps, a step's
 * `automation` and `system`, a flow's `share`, the Lean wastes among pain-point kinds, and the map's `swot`
 * board, `reviewEveryMonths` and `nextReview`. Version 5 added the map's `notes` (sticky notes and
 * annotations on the canvas) and a step's `width`. Version 6 added the step kinds `parallel` and `event`, a
 * step's `trigger` and `throwing`, and a flow's `message`. Versions 1 to 5 (without them) are still read.
 * Reading one checks everything a stored map must satisfy (MapDocSchema: types, limits,
 * references, record keys) plus file-level limits, and says what is wrong in words.
 */
import { z } from 'zod';
import { cloneWithNewIds, newIdMap } from '../model/clone';
import { newId } from '../model/ids';
import { AuthorSchema, IdSchema, MapDocSchema, TimestampSchema, VersionNameSchema, describeIssues } from '../model/schema';
import { LIMITS, type MapDoc, type VersionSummary } from '../model/types';

export const LANEMAP_FORMAT = 'lanemap';
/** Written by this Lanemap; every version up to it is read. */
export const LANEMAP_SCHEMA_VERSION = 6;
/** Largest file accepted (characters of text; the contract's limit too). */
export const MAX_LANEMAP_TEXT = 20 * 1024 * 1024;
export const MAX_IMPORT_STEPS = 20_000;
export const MAX_IMPORT_FLOWS = 60_000;
export const MAX_IMPORT_ROLES = 1_000;
export const MAX_IMPORT_PHASES = 1_000;
/** Saved versions carried by one file (each a whole map; the file's size limit applies to all of them). */
export const MAX_IMPORT_VERSIONS = 200;

/** A saved version as the file carries it. */
export interface LanemapVersion {
  id: string;
  name: string;
  note: string;
  author: string;
  kind: VersionSummary['kind'];
  createdAt: string;
  doc: MapDoc;
}

export interface LanemapFile {
  format: typeof LANEMAP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  app?: string;
  map: MapDoc;
  versions?: LanemapVersion[];
}

/** The file's text (pretty-printed, stable key order as the document has it), with the map's saved versions if given. */
export function toLanemapJson(doc: MapDoc, meta: { exportedAt: string; app?: string }, versions: LanemapVersion[] = []): string {
  const file: LanemapFile = {
    format: LANEMAP_FORMAT,
    schemaVersion: LANEMAP_SCHEMA_VERSION,
    exportedAt: meta.exportedAt,
    ...(meta.app ? { app: meta.app } : {}),
    map: doc,
    versions: versions.map((v) => ({ id: v.id, name: v.name, note: v.note, author: v.author, kind: v.kind, createdAt: v.createdAt, doc: v.doc })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Why a file is refused, as data: the interface says it in the user's language (`message` is the English). */
export type ImportProblem =
  | { kind: 'not-text' | 'empty' | 'truncated' | 'not-json' | 'not-lanemap' | 'no-version' | 'no-map' }
  | { kind: 'too-large'; limitMb: number }
  | { kind: 'newer'; version: number; reads: number }
  | { kind: 'too-many'; part: 'steps' | 'flows' | 'roles' | 'phases'; count: number; max: number }
  | { kind: 'damaged'; detail: string }
  | { kind: 'duplicate-id'; id: string };

/** `versions`: the saved versions in the file (none in a version 1 file), ids as in the file. */
export type ParseResult =
  { ok: true; doc: MapDoc; exportedAt: string | null; versions: LanemapVersion[] } | { ok: false; message: string; problem: ImportProblem };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (problem: ImportProblem, message: string): ParseResult => ({ ok: false, message, problem });

/** Reads a `.lanemap.json` text: the map exactly as stored in the file (ids included), or why not. */
export function parseLanemapJson(text: string): ParseResult {
  if (typeof text !== 'string') return fail({ kind: 'not-text' }, 'This is not a text file.');
  const limitMb = MAX_LANEMAP_TEXT / 1024 / 1024;
  if (text.length > MAX_LANEMAP_TEXT) return fail({ kind: 'too-large', limitMb }, `This file is too large to be a Lanemap map (over ${limitMb} MB).`);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail({ kind: 'empty' }, 'This file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const truncated = /end of (json )?input|unterminated|Unexpected end/i.test(String((e as Error).message));
    return truncated
      ? fail({ kind: 'truncated' }, 'This file is cut off (it ends in the middle of the map): it may not have been copied or downloaded completely.')
      : fail({ kind: 'not-json' }, 'This file is not valid JSON, so it is not a Lanemap map.');
  }
  if (!isObject(data) || data.format !== LANEMAP_FORMAT) {
    return fail({ kind: 'not-lanemap' }, 'This is not a Lanemap map file (it has no "format": "lanemap").');
  }
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail({ kind: 'no-version' }, 'This Lanemap file has no valid "schemaVersion".');
  }
  if (version > LANEMAP_SCHEMA_VERSION) {
    return fail(
      { kind: 'newer', version, reads: LANEMAP_SCHEMA_VERSION },
      `This map was made by a newer Lanemap (file version ${version}; this Lanemap reads version ${LANEMAP_SCHEMA_VERSION}). Update Lanemap to open it.`,
    );
  }
  const map = data.map;
  if (!isObject(map)) return fail({ kind: 'no-map' }, 'This Lanemap file has no map in it.');
  const checked = checkMap(map);
  if (!checked.ok) return checked;
  const versions = version >= 2 ? parseVersions(data.versions) : { ok: true as const, versions: [] };
  if (!versions.ok) return versions;
  return { ok: true, doc: checked.doc, exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : null, versions: versions.versions };
}

/** One map of the file (the map itself, or a saved version's): everything a stored map must satisfy. */
function checkMap(map: Record<string, unknown>): { ok: true; doc: MapDoc } | Extract<ParseResult, { ok: false }> {
  for (const [part, max] of [
    ['steps', MAX_IMPORT_STEPS],
    ['flows', MAX_IMPORT_FLOWS],
    ['roles', MAX_IMPORT_ROLES],
    ['phases', MAX_IMPORT_PHASES],
  ] as const) {
    const records = map[part];
    if (isObject(records) && Object.keys(records).length > max) {
      const count = Object.keys(records).length;
      return fail({ kind: 'too-many', part, count, max }, `This map has too many ${part} (${count}; at most ${max.toLocaleString('en-US')}).`);
    }
  }
  const parsed = MapDocSchema.safeParse(map);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error);
    return fail({ kind: 'damaged', detail }, `This map is damaged or incomplete: ${detail}.`);
  }
  const doc = parsed.data;
  const dup = duplicateId(doc);
  if (dup) return fail({ kind: 'duplicate-id', id: dup }, `This map is damaged: the id ${dup} is used twice.`);
  return { ok: true, doc };
}

const VersionEntrySchema = z
  .object({
    id: IdSchema,
    name: VersionNameSchema,
    note: z.string().max(LIMITS.versionNote, `must be at most ${LIMITS.versionNote} characters`),
    author: AuthorSchema,
    kind: z.enum(['manual', 'approved']),
    createdAt: TimestampSchema,
    doc: z.record(z.string(), z.unknown()),
  })
  .strict();

/** The saved versions of a version 2 file (absent: none); one damaged version refuses the whole file. */
function parseVersions(list: unknown): { ok: true; versions: LanemapVersion[] } | Extract<ParseResult, { ok: false }> {
  if (list === undefined) return { ok: true, versions: [] };
  const damaged = (detail: string) => fail({ kind: 'damaged', detail }, `This map is damaged or incomplete: ${detail}.`);
  if (!Array.isArray(list)) return damaged('versions: must be a list');
  if (list.length > MAX_IMPORT_VERSIONS) return damaged(`versions: at most ${MAX_IMPORT_VERSIONS} saved versions (this file has ${list.length})`);
  const versions: LanemapVersion[] = [];
  const ids = new Set<string>();
  for (const [i, entry] of list.entries()) {
    const parsed = VersionEntrySchema.safeParse(entry);
    if (!parsed.success) return damaged(`versions.${i}: ${describeIssues(parsed.error)}`);
    const { doc: raw, ...meta } = parsed.data;
    if (ids.has(meta.id)) return fail({ kind: 'duplicate-id', id: meta.id }, `This map is damaged: the id ${meta.id} is used twice.`);
    ids.add(meta.id);
    const checked = checkMap(raw);
    if (!checked.ok) {
      // the problem of the version's map, said as being in that version
      return checked.problem.kind === 'damaged' ? damaged(`versions.${i}.doc: ${checked.problem.detail}`) : checked;
    }
    versions.push({ ...meta, doc: checked.doc });
  }
  return { ok: true, versions };
}

/** Ids must be unique across roles, phases, steps and flows (the library stores them in one namespace per kind, and references are by id). */
function duplicateId(doc: MapDoc): string | undefined {
  const seen = new Set<string>([doc.id]);
  for (const part of [doc.roles, doc.phases, doc.steps, doc.flows]) {
    for (const id of Object.keys(part)) {
      if (seen.has(id)) return id;
      seen.add(id);
    }
  }
  return undefined;
}

/** A map ready to add to a library: new ids everywhere (importing twice gives two maps). */
export function mapForImport(doc: MapDoc, now: string): MapDoc {
  return cloneWithNewIds(doc, { now });
}

/**
 * A map and its saved versions ready to add to a library: new ids everywhere, the same new id
 * for a step (lane, flow…) in the map and in every version, so the versions still compare step
 * by step with the imported map. Versions keep their names, authors, dates and approval.
 */
export function mapWithVersionsForImport(doc: MapDoc, versions: readonly LanemapVersion[], now: string): { doc: MapDoc; versions: LanemapVersion[] } {
  const ids = newIdMap();
  const map = cloneWithNewIds(doc, { now }, ids);
  return {
    doc: map,
    // a version belongs to the imported map, whatever map id its document had in the file
    versions: versions.map((v) => ({ ...v, id: newId(), doc: { ...cloneWithNewIds(v.doc, { now, asSnapshot: true }, ids), id: map.id } })),
  };
}
