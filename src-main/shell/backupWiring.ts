/**
 * Rolling backups while editing: after every call that changed the library, the scheduler
 * (storage/backups.ts) takes a copy if the newest one is an hour old. It never throws and does
 * nothing when the call changed nothing, so every call can be followed by it. Used by the
 * desktop app and `npm run web` alike; `atQuit()` is called by each when it stops.
 */
import type { CallName } from '../../shared/calls';
import type { Services } from '../services/library';

export interface AfterWrite {
  maybeBackup(): unknown;
}

/**
 * The same services, each followed by `scheduler.maybeBackup()` once its answer is on its way:
 * a copy that is due never delays the edit's reply (nor, in the desktop app, the other
 * windows' calls waiting behind it). Calls in one turn share one look.
 */
export function withRollingBackups(services: Services, scheduler: AfterWrite, later: (run: () => void) => void = setImmediate): Services {
  const wrapped: Partial<Record<CallName, (input: unknown) => unknown>> = {};
  let scheduled = false;
  for (const name of Object.keys(services) as CallName[]) {
    const call = services[name] as (input: unknown) => unknown;
    wrapped[name] = (input) => {
      const result = call(input);
      // outside the call's transaction (VACUUM INTO cannot run inside one), after the reply
      if (!scheduled) {
        scheduled = true;
        later(() => {
          scheduled = false;
          scheduler.maybeBackup();
        });
      }
      return result;
    };
  }
  return wrapped as Services;
}
