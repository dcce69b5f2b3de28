/**
 * The typed service API between renderer and backend: every call, its input schema and its
 * result type. Electron IPC and the HTTP bridge both validate inputs with these schemas.
 */
import { z } from 'zod';
import type { CallName } from './calls';
import { MAX_LANEMAP_TEXT } from './export/lanemapJson';
import { IdSchema, MapChangesSchema, MapTitleSchema } from './model/schema';
import type { MapDoc, MapSummary } from './model/types';

const empty = z.object({}).strict();
const byId = z.object({ id: IdSchema }).strict();

export const inputSchemas = {
  'app:info': empty,
  'maps:list': empty,
  'maps:get': byId,
  'maps:create': z.object({ title: MapTitleSchema }).strict(),
  'maps:rename': z.object({ id: IdSchema, title: MapTitleSchema }).strict(),
  'maps:duplicate': byId,
  'maps:delete': byId,
  'maps:applyChanges': z.object({ id: IdSchema, changes: MapChangesSchema }).strict(),
  /** A `.lanemap.json` file's text; stored as a new map with new ids. */
  'maps:import': z.object({ text: z.string().max(MAX_LANEMAP_TEXT, 'the file is larger than 20 MB') }).strict(),
  'templates:list': empty,
  'maps:createFromTemplate': z
    .object({
      templateId: z
        .string()
        .min(1)
        .max(100)
        .regex(/^[a-z0-9][a-z0-9.-]*$/, 'unknown template'),
      title: MapTitleSchema.optional(),
    })
    .strict(),
  'file:save': z
    .object({
      fileName: z.string().min(1).max(255),
      content: z.string().max(200 * 1024 * 1024, 'the file is larger than 150 MB'),
      encoding: z.enum(['utf8', 'base64']),
    })
    .strict(),
} satisfies Record<CallName, z.ZodType>;

export interface AppInfo {
  /** Where the library file lives, shown in the app so users can back it up. */
  dataFile: string;
  transport: 'electron' | 'http';
  version: string;
}

export interface CallResults {
  'app:info': AppInfo;
  'maps:list': MapSummary[];
  'maps:get': MapDoc;
  'maps:create': MapDoc;
  'maps:rename': MapSummary;
  'maps:duplicate': MapSummary;
  'maps:delete': { deleted: true };
  'maps:applyChanges': { updatedAt: string };
  'maps:import': MapSummary;
  'templates:list': { id: string; language: string | null; doc: MapDoc }[];
  'maps:createFromTemplate': MapDoc;
  /** Desktop only: the native save dialog; `path` is null when the user cancelled. */
  'file:save': { path: string | null };
}

export type CallInput<K extends CallName> = z.infer<(typeof inputSchemas)[K]>;

/** The backend as the renderer sees it: one async function per call. */
export type LanemapApi = { [K in CallName]: (input: CallInput<K>) => Promise<CallResults[K]> };

/** What each transport sends back: a value, or an error a person can read. */
export type CallReply<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export type ErrorCode = 'bad-input' | 'not-found' | 'conflict' | 'internal';
