/**
 * A team library's comments and versions carry the real user: whatever name the app put in
 * a new comment, a resolution or a version, the server writes the signed-in user's name (the
 * name others see). An edit that would change who wrote an existing comment keeps the stored
 * author. Works on the call's input as it arrived (before validation): anything not shaped as
 * expected is left as it is, for the validation to refuse.
 */
import { LIMITS } from '../../shared/model/types';
import type { TeamCallName, TeamUser } from '../../shared/team/protocol';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The user's name as an author field holds it. */
export function authorName(user: TeamUser): string {
  return [...user.name].slice(0, LIMITS.author).join('');
}

function signChanges(changes: unknown, name: string): unknown {
  if (!isObj(changes) || !isObj(changes.upsert) || !Array.isArray(changes.upsert.comments)) return changes;
  const expected = new Map<unknown, unknown>();
  if (isObj(changes.expect) && Array.isArray(changes.expect.comments)) {
    for (const e of changes.expect.comments) if (isObj(e)) expected.set(e.id, e.before);
  }
  const comments = changes.upsert.comments.map((row: unknown) => {
    if (!isObj(row)) return row;
    const before = expected.get(row.id);
    const next: Obj = { ...row };
    if (isObj(before)) {
      // an existing comment: its author stays who wrote it
      if (Object.hasOwn(before, 'author')) next.author = before.author;
      // resolved (or reopened) now: by this user
      if (Object.hasOwn(before, 'resolvedBy') && typeof row.resolvedBy === 'string') next.resolvedBy = name;
    } else {
      // a new comment (or one the edit does not say it expects: the validation refuses it)
      next.author = name;
      if (typeof row.resolvedBy === 'string') next.resolvedBy = name;
    }
    return next;
  });
  return { ...changes, upsert: { ...changes.upsert, comments } };
}

/** The call's input with the user's name wherever it records who did something. */
export function signedInput(name: TeamCallName, input: unknown, user: TeamUser): unknown {
  const who = authorName(user);
  if (name === 'versions:save' && isObj(input)) return { ...input, author: who };
  if (name === 'maps:applyChanges' && isObj(input)) {
    return {
      ...input,
      ...(input.changes !== undefined ? { changes: signChanges(input.changes, who) } : {}),
      ...(Array.isArray(input.then) ? { then: input.then.map((c) => signChanges(c, who)) } : {}),
    };
  }
  return input;
}
