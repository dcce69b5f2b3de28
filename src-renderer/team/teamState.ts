/**
 * What the renderer knows of team libraries: the servers (Settings → Team libraries) with their
 * state, the library chosen in the library view (remembered on this computer), and what the
 * events said: who last wrote each map, who has it open. The token never comes here: it stays
 * in the main process.
 */
import { create } from 'zustand';
import type { TeamServer } from '../../shared/contract';
import { api } from '../api';
import { LOCAL, type LibraryId } from './teamApi';

const CHOICE_KEY = 'lanemap:library';

export interface Person {
  id: string;
  name: string;
}

interface TeamState {
  /** null until first listed. */
  servers: TeamServer[] | null;
  /** The library the library view shows (and maps open from). */
  library: LibraryId;
  /** Who last wrote a map, by `${server}:${mapId}` (from change events). */
  lastWriter: Record<string, Person | null>;
  /** Who has a map open, by `${server}:${mapId}` (from presence events; oneself included). */
  presence: Record<string, Person[]>;
  refresh(): Promise<TeamServer[]>;
  choose(library: LibraryId): void;
  /** A server as the main process now describes it (after add, sign-in, sign-out, or a status event). */
  put(server: TeamServer): void;
  drop(id: string): void;
}

function remembered(): LibraryId {
  try {
    return localStorage.getItem(CHOICE_KEY) || LOCAL;
  } catch {
    return LOCAL;
  }
}

export const mapKey = (server: string, mapId: string) => `${server}:${mapId}`;

export const useTeam = create<TeamState>((set, get) => ({
  servers: null,
  library: remembered(),
  lastWriter: {},
  presence: {},
  async refresh() {
    const servers = await api['team:list']({});
    set({ servers });
    // a remembered team library that is no longer known: back to the local one
    const { library } = get();
    if (library !== LOCAL && !servers.some((s) => s.id === library)) get().choose(LOCAL);
    return servers;
  },
  choose(library) {
    try {
      localStorage.setItem(CHOICE_KEY, library);
    } catch {
      // not remembered: the choice still holds for this window
    }
    set({ library });
  },
  put(server) {
    const servers = get().servers ?? [];
    set({ servers: servers.some((s) => s.id === server.id) ? servers.map((s) => (s.id === server.id ? server : s)) : [...servers, server] });
  },
  drop(id) {
    set({ servers: (get().servers ?? []).filter((s) => s.id !== id) });
    if (get().library === id) get().choose(LOCAL);
  },
}));

/** A library's name for people: "Local", or the team library's own name (else its address). */
export function libraryName(server: TeamServer | undefined): string {
  if (!server) return '';
  return server.library?.name || server.url.replace(/^https?:\/\//, '');
}

/** The library a reload comes back to (the URL's `lib=`), chosen before anything is drawn. */
export function openedLibrary(library: string | null) {
  if (library && /^[A-Za-z0-9_-]{1,64}$/.test(library)) useTeam.getState().choose(library);
}

export const serverOf = (id: LibraryId) => useTeam.getState().servers?.find((s) => s.id === id);

