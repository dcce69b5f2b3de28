/**
 * The typed service API between renderer and backend: every call, its input schema and its
 * result type. Electron IPC and the HTTP bridge both validate inputs with these schemas.
 */
import { z } from 'zod';
import type { CallName } from './calls';
import { MAX_LANEMAP_TEXT } from './export/lanemapJson';
import { AuthorSchema, IdSchema, MapDocSchema, MapChangesSchema, MapTitleSchema, VersionNameSchema, RoleSchema } from './model/schema';
import { BpmnExportInputSchema, BpmnImportInputSchema, type BpmnExportResult, type BpmnImportResult } from './interop/bpmnWire';
import { LIMITS, type MapDoc, type MapSummary, type VersionSummary } from './model/types';
import { PdfRequestSchema } from './export/pdfRequest';
import { TEAM_CALLS, type TeamLibraryInfo, type TeamUser } from './team/protocol';

const empty = z.object({}).strict();

/**
 * Limits of a view's sheet sent to be written as XLSX (shared/views/sheet.ts): far above what a
 * 2,000-step map makes, and low enough that one request cannot tie up the backend. A longer
 * cell is still accepted (a step's 200 inputs joined); the writer cuts it to Excel's 32,767.
 */
export const SHEET_LIMITS = { sheets: 10, nameChars: 200, headerChars: 1_000, columns: 1_000, rows: 100_000, cellChars: 100_000, cells: 1_000_000 } as const;

const SheetCellSchema = z.union([z.string().max(SHEET_LIMITS.cellChars, `a cell must be at most ${SHEET_LIMITS.cellChars} characters`), z.number(), z.null()], {
  error: 'a cell must be text, a finite number or empty',
});

export const SheetSchema = z
  .object({
    name: z.string().max(SHEET_LIMITS.nameChars, `must be at most ${SHEET_LIMITS.nameChars} characters`),
    columns: z
      .array(
        z
          .object({
            header: z.string().max(SHEET_LIMITS.headerChars, `must be at most ${SHEET_LIMITS.headerChars} characters`),
            width: z.number().min(0).max(1_000).optional(),
          })
          .strict(),
      )
      .max(SHEET_LIMITS.columns, `at most ${SHEET_LIMITS.columns} columns`),
    rows: z
      .array(z.array(SheetCellSchema).max(SHEET_LIMITS.columns, `at most ${SHEET_LIMITS.columns} cells in a row`))
      .max(SHEET_LIMITS.rows, `at most ${SHEET_LIMITS.rows} rows`),
  })
  .strict();
const byId = z.object({ id: IdSchema }).strict();

/** Interface languages; 'auto' follows the operating system's. */
export const LANGUAGE_SETTINGS = ['auto', 'ru', 'en'] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];
/** The same limit as a comment's author, which is taken from this setting. */
export const AUTHOR_NAME_MAX = 120;

export const inputSchemas = {
  'app:info': empty,
  'maps:list': empty,
  'maps:get': byId,
  /** The library card's picture of a map: a small PNG, cached with the map until it changes. */
  'maps:thumbnail': byId,
  /** `roleNames`: the lanes of the new map, in the interface's language (default: two English ones). */
  'maps:create': z.object({ title: MapTitleSchema, roleNames: z.array(RoleSchema.shape.name).min(1).max(20).optional() }).strict(),
  'maps:rename': z.object({ id: IdSchema, title: MapTitleSchema }).strict(),
  /** `title`: the copy's title, in the interface's language (default: "<title> (copy)"). */
  'maps:duplicate': z.object({ id: IdSchema, title: MapTitleSchema.optional() }).strict(),
  'maps:delete': byId,
  /** The maps above this one through sub-process steps, outermost first (for the breadcrumb). */
  'maps:parents': byId,
  'versions:list': z.object({ mapId: IdSchema }).strict(),
  'versions:get': z.object({ mapId: IdSchema, id: IdSchema }).strict(),
  /** Deletes a saved version; an approved one is kept, as the record of the approval. */
  'versions:delete': z.object({ mapId: IdSchema, id: IdSchema }).strict(),
  /** Keeps the map as it is stored now under a name (the editor sends pending edits first). */
  'versions:save': z
    .object({
      mapId: IdSchema,
      name: VersionNameSchema,
      note: z.string().max(LIMITS.versionNote, `must be at most ${LIMITS.versionNote} characters`),
      author: AuthorSchema,
      kind: z.enum(['manual', 'approved']),
    })
    .strict(),
  /** An edit: refused whole as a `conflict` when a row it changes was changed or deleted by another editor meanwhile. */
  'maps:applyChanges': z
    .object({
      id: IdSchema,
      changes: MapChangesSchema,
      /**
       * Edits made after `changes`, applied in order in the same transaction. A closing page
       * sends the write still on its way as `changes` and what came after it here: `changes` is
       * then skipped when it has already arrived.
       */
      then: z.array(MapChangesSchema).max(4).optional(),
    })
    .strict(),
  /** How many writes the map has had: an editor compares it with what it knows to see another editor's writes. */
  'maps:state': byId,
  /** A `.lanemap.json` file's text; stored as a new map with new ids. */
  'maps:import': z.object({ text: z.string().max(MAX_LANEMAP_TEXT, 'the file is larger than 20 MB') }).strict(),
  /** A .bpmn file's text (BPMN 2.0, issue 11): read in a worker, every map it makes stored (shared/interop/bpmnWire.ts). */
  'maps:importBpmn': BpmnImportInputSchema,
  /** A map (and, with `hierarchy`, the maps below it) as a .bpmn file's text. */
  'maps:exportBpmn': BpmnExportInputSchema,
  'templates:list': empty,
  'maps:createFromTemplate': z
    .object({
      templateId: z
        .string()
        .min(1)
        .max(100)
        .regex(/^[a-z0-9][a-z0-9.-]*$/, 'unknown template'),
      title: MapTitleSchema.optional(),
      /**
       * A landscape's detailed processes whose maps the library already has (same title, as
       * `shared/model/titles.ts` compares them): 'link' links its steps to those maps, 'copy'
       * (the default) makes new maps, titled "… (2)".
       */
      existing: z.enum(['link', 'copy'], { error: "existing must be 'link' or 'copy'" }).optional(),
    })
    .strict(),
  /** A PDF (base64) to the system's print dialog: the desktop app only (the browser build prints it from the page). */
  'file:print': z
    .object({
      content: z.string().min(1).max(200 * 1024 * 1024, 'the file is larger than 150 MB'),
      title: z.string().max(300),
    })
    .strict(),
  'file:save': z
    .object({
      fileName: z.string().min(1).max(255),
      content: z.string().max(200 * 1024 * 1024, 'the file is larger than 150 MB'),
      encoding: z.enum(['utf8', 'base64']),
    })
    .strict(),
  /** Views' sheets (built by the renderer from the live map, in the user's language) as an .xlsx file, one worksheet each. */
  'views:xlsx': z
    .object({ sheets: z.array(SheetSchema).min(1, 'names no sheet to write').max(SHEET_LIMITS.sheets, `at most ${SHEET_LIMITS.sheets} sheets`) })
    .strict()
    .refine(
      ({ sheets }) => sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0) <= SHEET_LIMITS.cells,
      `the sheets have more than ${SHEET_LIMITS.cells} cells in all`,
    ),
  /** The process document (регламент) of a map as sent (unsaved edits included), in `lang`, as a .docx file. */
  'document:docx': z.object({ doc: MapDocSchema, lang: z.enum(['en', 'ru'], { error: "lang must be 'en' or 'ru'" }) }).strict(),
  /** The same process document as a PDF (src-main/export/documentPdf.ts). */
  'document:pdf': z.object({ doc: MapDocSchema, lang: z.enum(['en', 'ru'], { error: "lang must be 'en' or 'ru'" }) }).strict(),
  /** The map picture (renderMapSvg, in the user's language) as a PDF: one page fitted or tiled (shared/export/pdfPlan.ts). */
  'export:pdf': PdfRequestSchema,
  'settings:get': empty,
  /** Changes only the settings given; at least one. */
  'settings:set': z
    .object({
      language: z.enum(LANGUAGE_SETTINGS).optional(),
      authorName: z
        .string()
        .max(AUTHOR_NAME_MAX, `must be at most ${AUTHOR_NAME_MAX} characters`)
        .regex(/^[^\p{Cc}]*$/u, 'must be one line of text')
        .optional(),
    })
    .strict()
    .refine((s) => s.language !== undefined || s.authorName !== undefined, 'names no setting to change'),
  /** The library's backups, newest first, and where they are kept. */
  'backups:list': empty,
  /** "Back up now": a copy of the library as it is. */
  'backups:create': empty,
  /** Replaces the library with a backup, backing up the library as it is first. `path` as `backups:list` gave it: nothing else is accepted. */
  'backups:restore': z
    .object({
      path: z
        .string()
        .min(1)
        .max(4096)
        .regex(/^[^\p{Cc}]*$/u, 'must be a backup from the list'),
    })
    .strict(),
  /** The team servers this app knows, each with its state (signed in, signed out, offline). */
  'team:list': empty,
  /** Adds a team server by its address (checked: it must answer as a Lanemap server). */
  'team:add': z.object({ url: z.string().trim().min(1, 'is empty').max(2000) }).strict(),
  /** Signs in to a known server; the token stays in the main process. */
  'team:signIn': z.object({ id: IdSchema, login: z.string().trim().min(1, 'is empty').max(200), password: z.string().min(1, 'is empty').max(1000) }).strict(),
  'team:signOut': byId,
  'team:remove': byId,
  /** A library call made on a team server (shared/team/protocol.ts TEAM_CALLS); its input is checked as the call's own. */
  'team:call': z.object({ server: IdSchema, name: z.enum(TEAM_CALLS), input: z.unknown() }).strict(),
  /**
   * This window follows a team library (and one of its maps: it counts as present there);
   * its events arrive as TeamEvent (Electron: `window.lanemap.onTeamEvent`; the browser build:
   * the bridge's `/events?client=` stream). `server: null` stops following.
   */
  'team:watch': z.object({ client: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a client id'), server: IdSchema.nullable(), mapId: IdSchema.nullable() }).strict(),
} satisfies Record<CallName, z.ZodType>;

/** The user's preferences, kept in the library file. */
export interface Settings {
  language: LanguageSetting;
  /** Put on the comments this user writes; '' until set. */
  authorName: string;
}

/** Rolling copies (hourly, daily), and the copies taken before a migration or a restore. */
export type BackupKind = 'hourly' | 'daily' | 'manual' | 'before-migration' | 'before-restore';

export interface BackupSummary {
  path: string;
  /** The file's name, for people. */
  name: string;
  /** When the copy was taken (ISO). */
  createdAt: string;
  /** In bytes. */
  size: number;
  kind: BackupKind;
}

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
  /**
   * `png`: base64 of a PNG of at most 640 × 360 device pixels (320 × 180 CSS pixels at 2 per
   * pixel), the whole map (a very long one stretched across its lanes); `revision`: the map's
   * revision it shows.
   */
  'maps:thumbnail': { png: string; width: number; height: number; revision: number };
  'maps:create': MapDoc;
  'maps:rename': MapSummary;
  'maps:duplicate': MapSummary;
  'maps:delete': { deleted: true };
  'maps:parents': { id: string; title: string }[];
  'versions:list': VersionSummary[];
  'versions:get': { version: VersionSummary; doc: MapDoc };
  'versions:save': VersionSummary;
  'versions:delete': { deleted: true };
  /**
   * The map's revision before and after this write (a gap means another editor wrote
   * meanwhile); `alreadyGone`: rows it was to delete that another editor had deleted already.
   */
  'maps:applyChanges': { updatedAt: string; previousRevision: number; revision: number; alreadyGone?: { table: ConflictInfo['table']; id: string }[] };
  'maps:state': { revision: number; updatedAt: string };
  'maps:import': MapSummary;
  'maps:importBpmn': BpmnImportResult;
  'maps:exportBpmn': BpmnExportResult;
  /** `links`: a landscape's sub-process steps → the base name of the template of their detailed map (see src-main/services/templates.ts). */
  'templates:list': { id: string; language: string | null; doc: MapDoc; links: Record<string, string> }[];
  'maps:createFromTemplate': MapDoc;
  /** Desktop only: the native save dialog; `path` is null when the user cancelled. */
  'file:save': { path: string | null };
  /** false: the user cancelled the print dialog, or the system could not print (the reason is said by the dialog). */
  'file:print': { printed: boolean };
  /** The .xlsx file's bytes, base64 (the renderer saves them as any exported file). */
  'views:xlsx': { content: string };
  /** The .docx file's bytes, base64. */
  'document:docx': { content: string };
  /** The PDF file's bytes, base64. */
  'document:pdf': { content: string };
  /** The PDF's bytes, base64, and how it was laid out; `missing`: letters no font on the machine has. */
  'export:pdf': { content: string; pages: number; rows: number; cols: number; scale: number; titlePt: number; missing: string[] };
  'settings:get': Settings;
  /** All settings after the change. */
  'settings:set': Settings;
  'backups:list': { libraryFile: string; folder: string; backups: BackupSummary[] };
  'backups:create': BackupSummary;
  /** The backup now in place, and the copy of the library as it was just before. */
  'backups:restore': { restored: BackupSummary; safetyCopy: BackupSummary };
  'team:list': TeamServer[];
  'team:add': TeamServer;
  'team:signIn': TeamServer;
  'team:signOut': TeamServer;
  'team:remove': { removed: true };
  /** The team call's own result (CallResults[name]). */
  'team:call': unknown;
  'team:watch': { watching: boolean };
}

/** A team server as the app knows it (Settings → Team libraries). */
export interface TeamServer {
  id: string;
  /** Its address, as the user gave it (normalised: no trailing slash). */
  url: string;
  /** What it said of itself when last reached; null before that. */
  library: TeamLibraryInfo | null;
  /** Who is signed in there; null when nobody is. */
  user: TeamUser | null;
  state: 'signed-in' | 'signed-out' | 'offline';
  /** Why it is offline or signed out, in words (e.g. the session ended on the server). */
  message?: string;
}

export type CallInput<K extends CallName> = z.infer<(typeof inputSchemas)[K]>;

/** The backend as the renderer sees it: one async function per call. */
export type LanemapApi = { [K in CallName]: (input: CallInput<K>) => Promise<CallResults[K]> };

/** What each transport sends back: a value, or an error a person can read. */
export type CallReply<T = unknown> = { ok: true; value: T } | { ok: false; error: CallError };

/** A refused call; a `conflict` names the rows another editor changed or deleted meanwhile. */
export interface CallError {
  code: ErrorCode;
  message: string;
  conflicts?: ConflictInfo[];
}

/** A row an edit expected to find as it was, but another editor changed or deleted. */
export interface ConflictInfo {
  table: 'map' | 'roles' | 'phases' | 'steps' | 'flows' | 'comments' | 'painPoints' | 'notes';
  id: string;
  /** Its title (or name, text) as stored now, or as it was when deleted. */
  title: string;
  reason: 'changed' | 'deleted' | 'exists';
}

/** `busy`: the HTTP bridge is reading other large requests; the same call may be sent again. */
export type ErrorCode = 'bad-input' | 'not-found' | 'conflict' | 'busy' | 'internal' | DiskErrorCode | TeamErrorCode;

/**
 * A team server refused or could not be reached: `unauthorized` (not signed in, or the session
 * ended), `forbidden` (the user's role may not do this), `rate-limited` (too many failed
 * sign-ins: wait), `offline` (the server did not answer).
 */
export type TeamErrorCode = 'unauthorized' | 'forbidden' | 'rate-limited' | 'offline';

/**
 * The library file or its disk failed (src-main/services/dispatch.ts): the renderer always says
 * these in the user's language, never SQLite's or the file system's own words.
 * `library-busy`: another Lanemap held the library for longer than the wait.
 * `file-not-saved`: an exported file could not be written where the user chose (desktop save dialog).
 */
export const DISK_ERROR_CODES = ['read-only', 'disk-full', 'disk-error', 'damaged', 'library-busy', 'file-not-saved'] as const;
export type DiskErrorCode = (typeof DISK_ERROR_CODES)[number];
