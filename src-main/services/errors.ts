/**
 * Refusals the services share, in a module of their own so that a team server run from the
 * TypeScript sources on Node (services/storeServices.ts, `npx lanemap serve`) loads them without
 * the desktop app's services (which bundle JSON and templates through Vite).
 */
import type { CallError } from '../../shared/contract';

/** The request is well-formed but its content is refused (e.g. a damaged file to import). */
export class BadInputError extends Error {}

/**
 * A refused call with the exact error the renderer gets (the team client: a team server's
 * refusal or its being unreachable); `dispatch` and ipc.ts pass it through as it is.
 */
export class CallRefusal extends Error {
  readonly error: CallError;
  constructor(error: CallError) {
    super(error.message);
    this.name = 'CallRefusal';
    this.error = error;
  }
}
