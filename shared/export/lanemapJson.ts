/**
 * `.lanemap.json`, the format for sharing a map between libraries:
 * `{ "format": "lanemap", "schemaVersion": 1, "exportedAt": ISO time, "app": "Lanemap x.y.z", "map": MapDoc }`.
 * Reading one checks everything a stored map must satisfy (MapDocSchema: types, limits,
 * references, record keys) plus file-level limits, and says what is wrong in words.
 */
import { cloneWithNewIds } from '../model/clone';
import { MapDocSchema, describeIssues } from '../model/schema';
import type { MapDoc } from '../model/types';

export const LANEMAP_FORMAT = 'lanemap';
export const LANEMAP_SCHEMA_VERSION = 1;
/** Largest file accepted (characters of text; the contract's limit too). */
export const MAX_LANEMAP_TEXT = 20 * 1024 * 1024;
export const MAX_IMPORT_STEPS = 20_000;
export const MAX_IMPORT_FLOWS = 60_000;
export const MAX_IMPORT_ROLES = 1_000;
export const MAX_IMPORT_PHASES = 1_000;

export interface LanemapFile {
  format: typeof LANEMAP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  app?: string;
  map: MapDoc;
}

/** The file's text (pretty-printed, stable key order as the document has it). */
export function toLanemapJson(doc: MapDoc, meta: { exportedAt: string; app?: string }): string {
  const file: LanemapFile = {
    format: LANEMAP_FORMAT,
    schemaVersion: LANEMAP_SCHEMA_VERSION,
    exportedAt: meta.exportedAt,
    ...(meta.app ? { app: meta.app } : {}),
    map: doc,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ParseResult = { ok: true; doc: MapDoc; exportedAt: string | null } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string): ParseResult => ({ ok: false, message });

/** Reads a `.lanemap.json` text: the map exactly as stored in the file (ids included), or why not. */
export function parseLanemapJson(text: string): ParseResult {
  if (typeof text !== 'string') return fail('This is not a text file.');
  if (text.length > MAX_LANEMAP_TEXT) return fail(`This file is too large to be a Lanemap map (over ${MAX_LANEMAP_TEXT / 1024 / 1024} MB).`);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail('This file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const truncated = /end of (json )?input|unterminated|Unexpected end/i.test(String((e as Error).message));
    return fail(
      truncated
        ? 'This file is cut off (it ends in the middle of the map): it may not have been copied or downloaded completely.'
        : 'This file is not valid JSON, so it is not a Lanemap map.',
    );
  }
  if (!isObject(data) || data.format !== LANEMAP_FORMAT) {
    return fail('This is not a Lanemap map file (it has no "format": "lanemap").');
  }
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('This Lanemap file has no valid "schemaVersion".');
  }
  if (version > LANEMAP_SCHEMA_VERSION) {
    return fail(
      `This map was made by a newer Lanemap (file version ${version}; this Lanemap reads version ${LANEMAP_SCHEMA_VERSION}). Update Lanemap to open it.`,
    );
  }
  const map = data.map;
  if (!isObject(map)) return fail('This Lanemap file has no map in it.');
  for (const [part, max] of [
    ['steps', MAX_IMPORT_STEPS],
    ['flows', MAX_IMPORT_FLOWS],
    ['roles', MAX_IMPORT_ROLES],
    ['phases', MAX_IMPORT_PHASES],
  ] as const) {
    const records = map[part];
    if (isObject(records) && Object.keys(records).length > max) {
      return fail(`This map has too many ${part} (${Object.keys(records).length}; at most ${max.toLocaleString('en-US')}).`);
    }
  }
  const parsed = MapDocSchema.safeParse(map);
  if (!parsed.success) return fail(`This map is damaged or incomplete: ${describeIssues(parsed.error)}.`);
  const doc = parsed.data as MapDoc;
  const dup = duplicateId(doc);
  if (dup) return fail(`This map is damaged: the id ${dup} is used twice.`);
  return { ok: true, doc, exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : null };
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
