/**
 * The team-library calls (`team:*`, shared/contract.ts): placeholders until the main process's
 * team client lands (issue 16, src-main/team/client.ts). Each says so instead of failing quietly.
 */
import type { CallInput, CallResults } from '../../shared/contract';
import { BadInputError } from './library';

type TeamCalls = 'team:list' | 'team:add' | 'team:signIn' | 'team:signOut' | 'team:remove' | 'team:call' | 'team:watch';

export function createTeamServices(): { [K in TeamCalls]: (input: CallInput<K>) => CallResults[K] } {
  const none = (): never => {
    throw new BadInputError('Team libraries are not available in this build yet.');
  };
  return {
    'team:list': () => [],
    'team:add': none,
    'team:signIn': none,
    'team:signOut': none,
    'team:remove': none,
    'team:call': none,
    'team:watch': () => ({ watching: false }),
  };
}
