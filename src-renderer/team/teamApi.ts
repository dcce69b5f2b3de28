/**
 * `apiFor(library)`: the app's calls for one library. 'local' is the app's own library (the
 * SQLite file); any other value is the id of a team server (Settings → Team libraries): its
 * library calls (shared/team/protocol.ts TEAM_CALLS) go to the main process as `team:call`,
 * which reaches the server (the renderer never does, so its CSP stays closed); every other call
 * (exports, settings, files) stays local, run on the map the app has read.
 */
import { CALLS, type CallName } from '../../shared/calls';
import type { CallInput, CallResults, LanemapApi } from '../../shared/contract';
import { isTeamCall, type TeamCallName } from '../../shared/team/protocol';
import { api } from '../api';

/** 'local', or a team server's id. */
export type LibraryId = string;
export const LOCAL: LibraryId = 'local';

export const isTeamLibrary = (library: LibraryId | null | undefined): library is string => !!library && library !== LOCAL;

const cache = new Map<LibraryId, LanemapApi>();

/** One team call: the server's own result, typed as the app's call of that name. */
export function teamCall<K extends TeamCallName>(server: string, name: K, input: CallInput<K>): Promise<CallResults[K]> {
  return api['team:call']({ server, name, input }) as Promise<CallResults[K]>;
}

export function apiFor(library: LibraryId): LanemapApi {
  if (!isTeamLibrary(library)) return api;
  let found = cache.get(library);
  if (!found) {
    found = Object.fromEntries(
      CALLS.map((name: CallName) => [name, isTeamCall(name) ? (input: never) => teamCall(library, name, input) : api[name]]),
    ) as unknown as LanemapApi;
    cache.set(library, found);
  }
  return found;
}
