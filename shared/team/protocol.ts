/**
 * The team library's protocol (issue 16): what a Lanemap team server (`npx lanemap serve`,
 * src-main/team/) answers over HTTP, and the rights every call needs. Pure data and rules,
 * shared by the server (which enforces them), the app's main process (which talks to servers
 * for the renderer: the renderer never reaches a team server itself, so its CSP stays closed)
 * and the renderer (which hides what a user's role may not do; the server refuses it anyway).
 *
 * HTTP (JSON bodies, UTF-8; `Authorization: Bearer <token>` wherever a user is needed):
 *
 *   GET  /api/v1/health                → { ok: true, name, version, serverId }            (no sign-in)
 *   POST /api/v1/sign-in  { login, password }
 *                                      → 200 SignInReply
 *                                      → 401 { error: { code: 'unauthorized', message } }
 *                                      → 429 { error: { code: 'rate-limited', message, retryAfterSeconds } }
 *   POST /api/v1/sign-out              → 200 { ok: true } (the token no longer works)
 *   GET  /api/v1/me                    → 200 { user, library } | 401
 *   POST /api/v1/call/<TeamCallName>   body: the call's input as in shared/contract.ts
 *                                      → a CallReply, as the app's own transports answer; refusals
 *                                        add the codes 'unauthorized' (401: no valid session) and
 *                                        'forbidden' (403: the user's role may not make this call)
 *   GET  /api/v1/events?map=<mapId>    → text/event-stream of TeamEvent (`event: <type>`, `data: <json>`),
 *                                        a `: ping` comment every 15 s. Without `map`: every change of the
 *                                        library. With `map`: that map's changes and presence, and of the
 *                                        other maps only those the library's list shows (added, renamed,
 *                                        removed). Opening it with `map` counts the user as present there.
 *
 * Several servers may serve one database: a write made through any of them reaches the
 * clients of all of them (PostgreSQL LISTEN/NOTIFY), and so does presence.
 */

/** A user's rights in a team library, weakest first. */
export const TEAM_ROLES = ['viewer', 'commenter', 'editor', 'admin'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export function isTeamRole(v: unknown): v is TeamRole {
  return typeof v === 'string' && (TEAM_ROLES as readonly string[]).includes(v);
}

/** True when `role` has at least the rights of `needed`. */
export function roleAtLeast(role: TeamRole, needed: TeamRole): boolean {
  return TEAM_ROLES.indexOf(role) >= TEAM_ROLES.indexOf(needed);
}

export interface TeamUser {
  id: string;
  /** What the user signs in with (unique, compared without case). */
  login: string;
  /** The name others see (comments, versions, presence, who wrote). */
  name: string;
  role: TeamRole;
}

export interface TeamLibraryInfo {
  /** The library's name, as the server's operator set it (`--name`). */
  name: string;
  serverId: string;
  version: string;
}

export interface SignInReply {
  token: string;
  user: TeamUser;
  library: TeamLibraryInfo;
}

/**
 * The calls a team server answers: those that read or write the library. Everything else
 * (exports, files, printing, settings, backups) runs in the app on the map it has read.
 */
export const TEAM_CALLS = [
  'maps:list',
  'maps:get',
  'maps:thumbnail',
  'maps:create',
  'maps:rename',
  'maps:duplicate',
  'maps:delete',
  'maps:applyChanges',
  'maps:state',
  'maps:import',
  'maps:parents',
  'versions:list',
  'versions:get',
  'versions:save',
  'versions:delete',
  'templates:list',
  'maps:createFromTemplate',
  'maps:importBpmn',
  'maps:exportBpmn',
] as const;
export type TeamCallName = (typeof TEAM_CALLS)[number];

export function isTeamCall(name: unknown): name is TeamCallName {
  return typeof name === 'string' && (TEAM_CALLS as readonly string[]).includes(name);
}

const READS: ReadonlySet<TeamCallName> = new Set(['maps:list', 'maps:get', 'maps:thumbnail', 'maps:state', 'maps:parents', 'versions:list', 'versions:get', 'templates:list', 'maps:exportBpmn']);

/** The tables a commenter may write: comments and pain points (votes are a pain point's field). */
const COMMENTER_TABLES = new Set(['comments', 'painPoints']);

interface ChangesShape {
  map?: unknown;
  upsert?: Record<string, unknown[] | undefined>;
  remove?: Record<string, unknown[] | undefined>;
}

/** True when an edit writes nothing but comments and pain points. */
export function onlyComments(changes: ChangesShape): boolean {
  if (changes.map !== undefined) return false;
  for (const part of [changes.upsert, changes.remove]) {
    for (const [table, rows] of Object.entries(part ?? {})) if (rows?.length && !COMMENTER_TABLES.has(table)) return false;
  }
  return true;
}

/** The weakest role that may make `name` with `input` (the server checks it on every call). */
export function requiredRole(name: TeamCallName, input: unknown): TeamRole {
  if (READS.has(name)) return 'viewer';
  if (name === 'maps:applyChanges') {
    const i = (input ?? {}) as { changes?: ChangesShape; then?: ChangesShape[] };
    const all = [i.changes ?? {}, ...(i.then ?? [])];
    return all.every(onlyComments) ? 'commenter' : 'editor';
  }
  return 'editor';
}

/** What the events stream carries. */
export type TeamEvent =
  /** Sent first: who this stream is for. */
  | { type: 'hello'; user: TeamUser; library: TeamLibraryInfo }
  /** A write to a map of the library (any map: the library list changes too), by whom. */
  | { type: 'change'; mapId: string; kind: 'insert' | 'apply' | 'rename' | 'remove' | 'version'; revision?: number; by: { id: string; name: string } | null }
  /** Who has the stream's map open now (every server's clients), this stream's user included. */
  | { type: 'presence'; mapId: string; users: { id: string; name: string }[] }
  /**
   * Added by the app's main process, never sent by a server: the stream could not reach the
   * server ('offline') or the session ended ('signed-out'), and again when it is back ('signed-in').
   */
  | { type: 'status'; state: 'signed-in' | 'signed-out' | 'offline'; message?: string };

/** What the main process hands a window: one TeamEvent and the team server (its id in the app) it came from. */
export interface TeamEventMessage {
  server: string;
  event: TeamEvent;
}

export const TEAM_API = '/api/v1';
/** The port `lanemap serve` listens on unless told otherwise. */
export const TEAM_DEFAULT_PORT = 5718;
