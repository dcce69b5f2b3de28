/**
 * The team-library calls (`team:*`, shared/contract.ts) over the main process's team client
 * (src-main/team/client.ts). Without one (tests, the CLI) a client over the library's settings
 * with tokens in memory for this run only, and nobody to hand events to.
 */
import type { CallInput, CallResults } from '../../shared/contract';
import type { Db } from '../storage/database';
import { createTeamClient, type KeyValue, type TeamClient } from '../team/client';
import { memoryVault } from '../team/vault';

type TeamCalls = 'team:list' | 'team:add' | 'team:signIn' | 'team:signOut' | 'team:remove' | 'team:call' | 'team:watch';

/** The local library's key/value settings table, where the known team servers are kept. */
export function settingsKeyValue(db: Db): KeyValue {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return { get: (key) => read.get(key), set: (key, value) => void write.run(key, value) };
}

export function createTeamServices(db: Db, client?: TeamClient): { [K in TeamCalls]: (input: CallInput<K>) => K extends 'team:watch' ? CallResults[K] : Promise<CallResults[K]> } {
  const team = client ?? createTeamClient({ store: settingsKeyValue(db), vault: memoryVault() });
  return {
    'team:list': () => team.list(),
    'team:add': (input) => team.add(input),
    'team:signIn': (input) => team.signIn(input),
    'team:signOut': (input) => team.signOut(input),
    'team:remove': (input) => team.remove(input),
    'team:call': (input) => team.call(input),
    'team:watch': (input) => team.watch(input),
  };
}
