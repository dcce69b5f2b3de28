/**
 * A few library calls straight over the store, until createStoreServices
 * (src-main/services/storeServices.ts) lands: enough to open, edit and version a map. The
 * others say they are not there yet.
 */
import { newId } from '../../shared/model/ids';
import type { MapDoc } from '../../shared/model/types';
import { TEAM_CALLS } from '../../shared/team/protocol';
import { BadInputError } from '../services/library';
import type { MapStore } from '../storage/store';
import type { TeamServices } from './server';

export function interimServices(store: MapStore, clock = () => new Date().toISOString()): TeamServices {
  const none = () => Promise.reject(new BadInputError('This call is not available on this team server yet.'));
  const all = Object.fromEntries(TEAM_CALLS.map((n) => [n, none])) as unknown as Record<string, (input: never) => unknown>;
  const calls: Record<string, (input: never) => unknown> = {
    ...all,
    'maps:list': () => store.list(),
    'maps:get': ({ id }: { id: string }) => store.read(id),
    'maps:state': ({ id }: { id: string }) => store.state(id),
    'maps:create': async ({ title, roleNames }: { title: string; roleNames?: string[] }) => {
      const now = clock();
      const doc: MapDoc = { id: newId(), title, description: '', createdAt: now, updatedAt: now, roles: {}, phases: {}, steps: {}, flows: {}, comments: {}, painPoints: {} };
      (roleNames ?? ['Sales manager', 'Client']).forEach((name, order) => {
        const id = newId();
        doc.roles[id] = { id, name, color: '#2f80ed', order };
      });
      await store.insert(doc);
      return store.read(doc.id);
    },
    'maps:applyChanges': async ({ id, changes, then }: Parameters<MapStore['apply']>[1] extends infer C ? { id: string; changes: C; then?: C[] } : never) => {
      const now = clock();
      return { updatedAt: now, ...(await store.apply(id, changes, now, then)) };
    },
    'versions:list': ({ mapId }: { mapId: string }) => store.versions(mapId),
    'versions:save': (v: { mapId: string; name: string; note: string; author: string; kind: 'manual' | 'approved' }) =>
      store.saveVersion(v.mapId, { id: newId(), name: v.name.trim(), note: v.note.trim(), author: v.author.trim(), kind: v.kind, createdAt: clock() }),
  };
  return calls as TeamServices;
}
