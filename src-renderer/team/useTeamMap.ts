/**
 * What App.tsx does for team libraries, in one hook: lists the known servers at start, follows
 * the chosen library (and the open map) for events, and on a team map keeps the editor in step:
 * another user's change to the open map is carried in at once (the 3-s poll stays as a
 * fallback), and the map is read-only while the user's role or the server's state says so.
 */
import { useEffect } from 'react';
import type { TeamServer } from '../../shared/contract';
import { roleAtLeast } from '../../shared/team/protocol';
import type { EditorStore, ReadOnlyReason } from '../store/editorStore';
import { useTeamEvents, useWatch } from './events';
import { isTeamLibrary, type LibraryId } from './teamApi';
import { libraryName, useTeam } from './teamState';

/** Why a map of `server` is read-only for its user now; null when they may edit it. */
export function readOnlyReason(server: TeamServer | undefined): ReadOnlyReason | null {
  const library = libraryName(server);
  if (!server) return { reason: 'offline', library };
  if (server.state === 'offline') return { reason: 'offline', library };
  if (server.state === 'signed-out' || !server.user) return { reason: 'signed-out', library };
  if (roleAtLeast(server.user.role, 'editor')) return null;
  return { reason: server.user.role === 'commenter' ? 'commenter' : 'viewer', library };
}

export function useTeamMap(store: EditorStore, library: LibraryId, mapId: string | null) {
  useEffect(() => {
    useTeam
      .getState()
      .refresh()
      .catch(() => undefined);
  }, []);
  useWatch(library, mapId);

  const server = useTeam((s) => (isTeamLibrary(library) ? s.servers?.find((x) => x.id === library) : undefined));
  const listed = useTeam((s) => s.servers !== null);
  useEffect(() => {
    if (!isTeamLibrary(library)) return store.getState().setReadOnly(null);
    // until the servers are listed nothing is known: read-only rather than an edit that cannot land
    store.getState().setReadOnly(listed ? readOnlyReason(server) : { reason: 'offline', library: '' });
  }, [store, library, server, listed]);

  useTeamEvents(({ server: from, event }) => {
    if (from !== library || !mapId) return;
    // one's own writes (this window's or another's) cost a revision check: nothing to carry in
    if (event.type === 'change' && event.mapId === mapId) void store.getState().sync();
  });
}
