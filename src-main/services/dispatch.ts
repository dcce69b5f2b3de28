/**
 * The one entry point both transports use: check the call name, validate the payload against
 * the contract's schema, run the service, and turn any failure into a readable error.
 */
import { isCallName, type CallName } from '../../shared/calls';
import { inputSchemas, type CallInput, type CallReply, type CallResults, type ErrorCode } from '../../shared/contract';
import { describeIssues } from '../../shared/model/schema';
import { ConflictError, NotFoundError } from '../storage/mapRepository';
import { BadInputError } from './errors';
import type { Services } from './library';
import { diskFailure } from './diskErrors';
import { BackupError } from '../storage/backups';
import { CallRefusal } from '../team/client';

/** Services for some of the calls, each answering with a Promise: a team server's (services/storeServices.ts). */
export type AsyncServices<N extends CallName = CallName> = { [K in N]: (input: CallInput<K>) => Promise<CallResults[K]> };

/** What `dispatch` runs: the app's services, or some calls' async services (a call without one is refused). */
type AnyServices = Services | Partial<AsyncServices>;

function fail(code: ErrorCode, message: string): CallReply {
  return { ok: false, error: { code, message } };
}

/** Says "is missing" rather than zod's "expected string, received undefined". */
function missingMessage(issue: { code?: string; input?: unknown; path?: PropertyKey[] }): string | undefined {
  if (issue.code !== 'invalid_type' || issue.input !== undefined) return undefined;
  return issue.path?.length ? 'is missing' : 'the request carries no data';
}

/**
 * Runs one call at once. A call whose service answers later (`AsyncCallName`) comes back with
 * the promise as its value: the transports use `dispatchAsync`, which waits for it.
 */
export function dispatch(services: AnyServices, name: unknown, payload: unknown): CallReply {
  if (!isCallName(name)) return fail('bad-input', `Unknown call ${JSON.stringify(String(name)).slice(0, 80)}.`);
  const parsed = inputSchemas[name].safeParse(payload, { error: missingMessage });
  if (!parsed.success) return fail('bad-input', `Invalid ${name} request: ${describeIssues(parsed.error)}`);
  try {
    const run = services[name] as ((input: unknown) => unknown) | undefined;
    if (!run) return fail('bad-input', `The call ${name} is not answered here.`);
    return { ok: true, value: run(parsed.data) };
  } catch (e) {
    return toReply(e);
  }
}

/**
 * `dispatch` for the transports (IPC, the HTTP bridge): the same checks, and a call whose
 * service answers later (`AsyncCallName`) is waited for, its failure turned into a readable
 * error like any other.
 */
export async function dispatchAsync(services: AnyServices, name: unknown, payload: unknown): Promise<CallReply> {
  const reply = dispatch(services, name, payload);
  if (!reply.ok || !(reply.value instanceof Promise)) return reply;
  try {
    return { ok: true, value: await reply.value };
  } catch (e) {
    return toReply(e);
  }
}

function toReply(e: unknown): CallReply {
  // a team server's refusal (or its being unreachable), passed on as it is
  if (e instanceof CallRefusal) return { ok: false, error: e.error };
  if (e instanceof NotFoundError) return fail('not-found', e.message);
  if (e instanceof ConflictError) return { ok: false, error: { code: 'conflict', message: e.message, ...(e.conflicts.length ? { conflicts: e.conflicts } : {}) } };
  if (e instanceof BadInputError) return fail('bad-input', e.message);
  if (e instanceof BackupError) return fail(e.reason === 'unknown' ? 'not-found' : 'bad-input', e.message);
  const err = e as { code?: string; message?: string };
  // the library's own rules (triggers) say what was wrong in words
  if (err.code === 'SQLITE_CONSTRAINT_TRIGGER') return fail('bad-input', err.message ?? 'The change breaks a rule of the map.');
  if (typeof err.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    if (err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      return fail('bad-input', 'The change refers to a role, phase or step that is not in this map, or removes a lane that still has steps.');
    }
    return fail('bad-input', `The change breaks a rule of the map (${err.code}).`);
  }
  // the disk or the library file failed: a plain sentence, never SQLite's words
  const disk = diskFailure(e);
  if (disk) return fail(disk.code, disk.message);
  console.error('[lanemap] internal error', e);
  return fail('internal', `Something went wrong inside Lanemap: ${err.message ?? String(e)}`);
}
