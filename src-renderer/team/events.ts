/**
 * Team events in this window: one client id per page; `watch(server, mapId)` tells the main
 * process which team library (and map) this window follows; what the servers push arrives as
 * `{ server, event }` (Electron: `window.lanemap.onTeamEvent`; the browser build: the bridge's
 * `/events?client=<id>&token=<token>` stream, messages of type 'team'). A change records who
 * wrote the map, presence who has it open, a status the server's state (signed out, offline).
 */
import { useEffect, useRef } from 'react';
import type { TeamServer } from '../../shared/contract';
import type { TeamEvent } from '../../shared/team/protocol';
import { api } from '../api';
import { isTeamLibrary, type LibraryId } from './teamApi';
import { mapKey, useTeam } from './teamState';

/** The state a server is in now, as the main process found it (a session ended, the server went away). */
export interface TeamStatus {
  type: 'status';
  state: TeamServer['state'];
  message?: string;
}
export interface TeamMessage {
  server: string;
  event: TeamEvent | TeamStatus;
}

function newClientId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** This page's id with the main process (its events go to it). */
export const CLIENT_ID = newClientId();

type Listener = (message: TeamMessage) => void;
const listeners = new Set<Listener>();
let connected = false;

function deliver(raw: unknown) {
  const m = raw as Partial<TeamMessage> & { type?: string; state?: TeamServer['state']; message?: string };
  if (!m || typeof m.server !== 'string') return;
  // a status may come as the message itself or as its event
  const event = (m.event ?? (m.type === 'status' ? { type: 'status', state: m.state, message: m.message } : null)) as TeamMessage['event'] | null;
  if (!event || typeof event.type !== 'string') return;
  const message: TeamMessage = { server: m.server, event };
  record(message);
  for (const l of listeners) l(message);
}

/** What every window keeps of an event, whoever listens. */
function record({ server, event }: TeamMessage) {
  const team = useTeam.getState();
  if (event.type === 'change') {
    useTeam.setState({ lastWriter: { ...team.lastWriter, [mapKey(server, event.mapId)]: event.by } });
  } else if (event.type === 'presence') {
    useTeam.setState({ presence: { ...team.presence, [mapKey(server, event.mapId)]: event.users } });
  } else if (event.type === 'status') {
    const known = team.servers?.find((s) => s.id === server);
    if (known && (known.state !== event.state || known.message !== event.message)) {
      team.put({ ...known, state: event.state, message: event.message, user: event.state === 'signed-out' ? null : known.user });
    }
  } else if (event.type === 'hello') {
    const known = team.servers?.find((s) => s.id === server);
    if (known) team.put({ ...known, state: 'signed-in', user: event.user, library: event.library, message: undefined });
  }
}

function connect() {
  if (connected) return;
  connected = true;
  if (window.lanemap) {
    window.lanemap.onTeamEvent?.(deliver);
    return;
  }
  const token = document.querySelector<HTMLMetaElement>('meta[name="lanemap-token"]')?.content ?? '';
  const source = new EventSource(`/events?client=${encodeURIComponent(CLIENT_ID)}&token=${encodeURIComponent(token)}`);
  const onData = (e: MessageEvent<string>) => {
    try {
      deliver(JSON.parse(e.data));
    } catch {
      // not an event of ours
    }
  };
  source.addEventListener('team', onData);
  source.addEventListener('status', onData);
}

/** Follows a team library (and one of its maps) in this window; `server: null` stops. */
export async function watch(server: string | null, mapId: string | null): Promise<void> {
  if (server) connect();
  try {
    await api['team:watch']({ client: CLIENT_ID, server, mapId: server ? mapId : null });
  } catch {
    // the server's state says why (Settings, the banner); the 3-s poll still runs
  }
}

/** Watches `library` (and `mapId`) while the component is shown. */
export function useWatch(library: LibraryId, mapId: string | null) {
  useEffect(() => {
    if (!isTeamLibrary(library)) return;
    void watch(library, mapId);
    return () => void watch(null, null);
  }, [library, mapId]);
}

/** Calls `cb` with every team message while the component is shown (the latest `cb`). */
export function useTeamEvents(cb: Listener) {
  const ref = useRef(cb);
  useEffect(() => {
    ref.current = cb;
  });
  useEffect(() => {
    const l: Listener = (m) => ref.current(m);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
}

/** For tests and the bridge: delivers a message as if it came from the main process. */
export const deliverTeamMessage = deliver;
