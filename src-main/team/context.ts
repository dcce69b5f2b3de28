/**
 * Who is making the call being served: the team server runs every call inside
 * `asUser(user, …)`, and whatever runs in that call (the store's write hook, which records who
 * wrote and announces the change) asks `currentUser()`. Node's AsyncLocalStorage carries it
 * through every await of the call, and never into another request's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TeamUser } from '../../shared/team/protocol';

const calls = new AsyncLocalStorage<TeamUser>();

/** Runs `fn` as `user`: `currentUser()` answers `user` anywhere inside it. */
export function asUser<T>(user: TeamUser, fn: () => T): T {
  return calls.run(user, fn);
}

/** The user whose call is running, or null outside a call (a migration, a test writing directly). */
export function currentUser(): TeamUser | null {
  return calls.getStore() ?? null;
}
