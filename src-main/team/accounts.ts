/**
 * The team library's accounts (issue 16): users and their roles, passwords, sessions by token,
 * the sign-in rate limit, and the record of who made each write (with the NOTIFY that tells
 * the other servers). Tables: storage/pg/migrations/002_team.sql. Used by the team server
 * (src-main/team/) and by `npx lanemap users` (cli/users.ts).
 *
 * - Passwords: node:crypto scrypt (N=2^15, r=8, p=1; 16-byte random salt), stored as
 *   `scrypt$N$r$p$salt$hash` (base64url), compared with timingSafeEqual. An unknown login
 *   costs one hash too, so the time of a refusal does not tell whether the login exists.
 * - Tokens: 32 random bytes (base64url); only their SHA-256 is stored; 30 days, extended by use.
 * - Rate limit, per login and per address, shared by every server on the database: after 5
 *   failures within 15 minutes a wait of 30 s; each further failure before 15 quiet minutes
 *   have passed doubles it (1 min, 2 min, … up to 15 min). During a wait even the right
 *   password is refused. A good sign-in clears its login's count (not its address's).
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type pg from 'pg';
import { isTeamRole, TEAM_ROLES, type TeamRole, type TeamUser } from '../../shared/team/protocol';
import type { PgStoreOptions } from '../storage/pg/pgStore';

/** A request about accounts that cannot be done, in words an admin or a user can act on. */
export class AccountError extends Error {}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1000;
export const LOGIN_MAX = 100;
export const NAME_MAX = 120;
/** How long a session lasts since its last use. */
export const SESSION_DAYS = 30;
/** Failures (per login, per address) before the first wait. */
export const FAILURES_BEFORE_WAIT = 5;
export const FAILURE_WINDOW_SECONDS = 15 * 60;
export const FIRST_WAIT_SECONDS = 30;
export const LONGEST_WAIT_SECONDS = 15 * 60;
/** The channel every write is announced on (to the other servers on the database). */
export const CHANGES_CHANNEL = 'lanemap_changes';

// ---------------------------------------------------------------------------------------------
// passwords

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;
const scryptAsync = (password: string, salt: Buffer, keylen: number, o: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, o, (e, key) => (e ? reject(e) : resolve(key))));
/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is just too low for N=2^15. */
const maxmem = (N: number, r: number) => 128 * N * r + 16 * 1024 * 1024;

/** A self-describing hash of `password`: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keylen } = SCRYPT;
  const key = await scryptAsync(password, salt, keylen, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` is the one `stored` was made from (false for anything malformed). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // a tampered row must not make a sign-in take minutes or gigabytes
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(m[4]!, 'base64url');
  const want = Buffer.from(m[5]!, 'base64url');
  if (want.length < 16 || want.length > 64) return false;
  const got = await scryptAsync(password, salt, want.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(got, want);
}

/** Hashed against when the login is unknown, so that costs the same time. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64url')));

// ---------------------------------------------------------------------------------------------
// what is accepted

const length = (s: string) => [...s].length;
// control characters (C0, DEL, C1) and line / paragraph separators
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new AccountError(`${what} must be text.`);
  return v;
}

/** The login as typed (trimmed, NFC), refused readably when it cannot be one. */
export function checkLogin(v: unknown): string {
  const login = text(v, 'A login').normalize('NFC').trim();
  if (!login) throw new AccountError('A login cannot be empty.');
  if (length(login) > LOGIN_MAX) throw new AccountError(`A login has at most ${LOGIN_MAX} characters (this one has ${length(login)}).`);
  if (CONTROL.test(login)) throw new AccountError('A login cannot contain control characters or line breaks.');
  return login;
}

/** The login as compared: logins match whatever their case, in any script ("Анна" is "анна"). */
export function loginKey(login: string): string {
  return login.normalize('NFC').trim().toUpperCase().toLowerCase();
}

function checkName(v: unknown): string {
  const name = text(v, 'A name').normalize('NFC').trim();
  if (!name) throw new AccountError('A name cannot be empty.');
  if (length(name) > NAME_MAX) throw new AccountError(`A name has at most ${NAME_MAX} characters (this one has ${length(name)}).`);
  if (CONTROL.test(name)) throw new AccountError('A name cannot contain control characters or line breaks.');
  return name;
}

/** A new password, refused readably when too short or too long (any script is welcome). */
export function checkPassword(v: unknown): string {
  const password = text(v, 'A password');
  const n = length(password);
  if (n < PASSWORD_MIN) throw new AccountError(`A password needs at least ${PASSWORD_MIN} characters (this one has ${n}).`);
  if (n > PASSWORD_MAX) throw new AccountError(`A password has at most ${PASSWORD_MAX} characters (this one has ${n}).`);
  return password;
}

function checkRole(v: unknown): TeamRole {
  if (!isTeamRole(v)) throw new AccountError(`A role is one of ${TEAM_ROLES.join(', ')}${typeof v === 'string' ? ` (not "${v.slice(0, 40)}")` : ''}.`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// users

interface UserRow {
  id: string;
  login: string;
  name: string;
  role: TeamRole;
}
const USER_COLUMNS = 'id, login, name, role';
const toUser = (r: UserRow): TeamUser => ({ id: r.id, login: r.login, name: r.name, role: r.role });

const unknownUser = (login: string) => new AccountError(`There is no user "${login}".`);

export async function addUser(pool: pg.Pool, u: { login: string; name: string; role: TeamRole; password: string }): Promise<TeamUser> {
  const login = checkLogin(u.login);
  const name = checkName(u.name);
  const role = checkRole(u.role);
  const hash = await hashPassword(checkPassword(u.password));
  const r = await pool.query<UserRow>(
    `INSERT INTO users (login, login_key, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (login_key) DO NOTHING RETURNING ${USER_COLUMNS}`,
    [login, loginKey(login), name, role, hash],
  );
  if (!r.rows[0]) throw new AccountError(`The login "${login}" is taken (logins are compared without case).`);
  return toUser(r.rows[0]);
}

/** A new password; every session of that user ends. */
export async function setPassword(pool: pg.Pool, login: string, password: string): Promise<void> {
  const key = loginKey(checkLogin(login));
  const hash = await hashPassword(checkPassword(password));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const r = await client.query<{ id: string }>('UPDATE users SET password_hash = $2, updated_at = now() WHERE login_key = $1 RETURNING id', [key, hash]);
    if (!r.rows[0]) throw unknownUser(login);
    await client.query('DELETE FROM sessions WHERE user_id = $1', [r.rows[0].id]);
    // the user may sign in again at once
    await client.query('DELETE FROM sign_in_limits WHERE key = $1', [`login:${key}`]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export async function setRole(pool: pg.Pool, login: string, role: TeamRole): Promise<TeamUser> {
  const key = loginKey(checkLogin(login));
  const r = await pool.query<UserRow>(`UPDATE users SET role = $2, updated_at = now() WHERE login_key = $1 RETURNING ${USER_COLUMNS}`, [key, checkRole(role)]);
  if (!r.rows[0]) throw unknownUser(login);
  return toUser(r.rows[0]);
}

/** Removes a user: their sessions end; what they wrote keeps their name (map_writes.user_name). */
export async function removeUser(pool: pg.Pool, login: string): Promise<void> {
  const key = loginKey(checkLogin(login));
  const r = await pool.query('DELETE FROM users WHERE login_key = $1', [key]);
  if (!r.rowCount) throw unknownUser(login);
}

/** Every user, by login. */
export async function listUsers(pool: pg.Pool): Promise<TeamUser[]> {
  const r = await pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY login_key COLLATE "C"`);
  return r.rows.map(toUser);
}

// ---------------------------------------------------------------------------------------------
// sign-in, sessions

const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const TOKEN_SHAPE = /^[\w-]{43}$/;

export type SignInResult =
  | { ok: true; token: string; user: TeamUser }
  | { ok: false; reason: 'bad-credentials' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

/** The address as a rate-limit key (bounded, whatever a proxy sent). */
const addressKey = (address: string) => `address:${String(address ?? '').slice(0, 100) || 'unknown'}`;

/**
 * Signs a user in. Refuses a login or password that could never be one (AccountError: a login
 * over 100 characters, a password over 1000); a wrong password or unknown login is
 * 'bad-credentials' (the same answer, the same time); too many failures 'rate-limited'.
 */
export async function signIn(pool: pg.Pool, a: { login: string; password: string; address: string }): Promise<SignInResult> {
  const login = checkLogin(a.login);
  const password = text(a.password, 'A password');
  if (length(password) > PASSWORD_MAX) throw new AccountError(`A password has at most ${PASSWORD_MAX} characters.`);
  const key = loginKey(login);
  const keys = [`login:${key}`, addressKey(a.address)];

  const wait = await pool.query<{ wait: number | null }>(
    'SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::integer AS wait FROM sign_in_limits WHERE key = ANY($1) AND blocked_until > now()',
    [keys],
  );
  const waitSeconds = wait.rows[0]?.wait;
  if (waitSeconds) return { ok: false, reason: 'rate-limited', retryAfterSeconds: Math.max(1, waitSeconds) };

  const found = await pool.query<UserRow & { password_hash: string }>(`SELECT ${USER_COLUMNS}, password_hash FROM users WHERE login_key = $1`, [key]);
  const row = found.rows[0];
  const good = row ? await verifyPassword(password, row.password_hash) : (await verifyPassword(password, await dummy()), false);
  if (!good) {
    const blocked = await recordFailure(pool, keys);
    // the failure that starts a wait says so at once
    if (blocked > 0) return { ok: false, reason: 'rate-limited', retryAfterSeconds: blocked };
    return { ok: false, reason: 'bad-credentials' };
  }
  const token = randomBytes(32).toString('base64url');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()', [row!.id]);
    await client.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_DAYS} days')`, [tokenHash(token), row!.id]);
    await client.query('DELETE FROM sign_in_limits WHERE key = $1', [keys[0]]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  return { ok: true, token, user: toUser(row!) };
}

/**
 * Counts one failure for each key, atomically (several servers may count at once). Returns the
 * wait in seconds this failure started (0: none).
 */
async function recordFailure(pool: pg.Pool, keys: string[]): Promise<number> {
  const client = await pool.connect();
  let wait = 0;
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO sign_in_limits (key) SELECT unnest($1::text[]) ON CONFLICT (key) DO NOTHING', [keys]);
    // in the order of the keys, so two servers counting at once take turns rather than deadlock
    const rows = await client.query<{ key: string; failures: number; lockouts: number; rested: boolean }>(
      `SELECT key, failures, lockouts,
              greatest(last_failure_at, coalesce(blocked_until, last_failure_at)) < now() - make_interval(secs => $2) AS rested
       FROM sign_in_limits WHERE key = ANY($1) ORDER BY key FOR UPDATE`,
      [keys, FAILURE_WINDOW_SECONDS],
    );
    for (const row of rows.rows) {
      // a key that rested 15 minutes since its last failure (or the end of its wait) starts afresh
      const failures = (row.rested ? 0 : row.failures) + 1;
      const lockouts = row.rested ? 0 : row.lockouts;
      // 5 failures start a wait; after a wait, the next failure starts a longer one at once
      const block = failures >= FAILURES_BEFORE_WAIT || lockouts > 0;
      const seconds = block ? Math.min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** lockouts) : 0;
      wait = Math.max(wait, seconds);
      await client.query(
        `UPDATE sign_in_limits SET failures = $2, lockouts = $3, last_failure_at = now(),
           blocked_until = CASE WHEN $4::integer > 0 THEN now() + make_interval(secs => $4) ELSE blocked_until END
         WHERE key = $1`,
        [row.key, block ? 0 : failures, block ? lockouts + 1 : lockouts, seconds],
      );
    }
    // keys quiet for a day are forgotten
    await client.query("DELETE FROM sign_in_limits WHERE last_failure_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now())");
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  return wait;
}

/**
 * The user a token belongs to, or null (unknown, ended, expired, or the user removed). Extends
 * the session (at most once a minute). One statement, by the sessions' primary key.
 */
export async function userOfToken(pool: pg.Pool, token: string): Promise<TeamUser | null> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null;
  const r = await pool.query<UserRow>(
    `WITH s AS (
       SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now()
     ), touched AS (
       UPDATE sessions SET last_used_at = now(), expires_at = now() + interval '${SESSION_DAYS} days'
       WHERE token_hash = $1 AND expires_at > now() AND last_used_at < now() - interval '1 minute'
     )
     SELECT u.id, u.login, u.name, u.role FROM s JOIN users u ON u.id = s.user_id`,
    [tokenHash(token)],
  );
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

/** Ends the session of `token` (nothing happens for an unknown one). */
export async function signOut(pool: pg.Pool, token: string): Promise<void> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return;
  await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}

// ---------------------------------------------------------------------------------------------
// who wrote

/** What every server hears on CHANGES_CHANNEL (a TeamEvent 'change', plus the writing server). */
export interface ChangeNotice {
  type: 'change';
  mapId: string;
  kind: 'insert' | 'apply' | 'rename' | 'remove' | 'version';
  revision?: number;
  by: { id: string; name: string } | null;
  serverId: string;
}

/**
 * The `onWrite` hook of openPgStore: records who made the write (map_writes) and announces it
 * on CHANGES_CHANNEL, both in the write's own transaction, so a refused write leaves neither
 * and the others hear of a write only once it is committed.
 */
export function writeRecorder(o: { serverId: string; currentUser: () => { id: string; name: string } | null }): NonNullable<PgStoreOptions['onWrite']> {
  return async (c, write) => {
    const user = o.currentUser();
    const by = user ? { id: user.id, name: user.name } : null;
    const notice: ChangeNotice = { type: 'change', mapId: write.mapId, kind: write.kind, ...(write.revision !== undefined ? { revision: write.revision } : {}), by, serverId: o.serverId };
    await c.query(
      `WITH w AS (
         INSERT INTO map_writes (map_id, revision, kind, user_id, user_name)
         -- a user removed meanwhile: the write keeps the name, without the link
         VALUES ($1, $2, $3, (SELECT id FROM users WHERE id = $4), $5)
         RETURNING id
       )
       SELECT pg_notify('${CHANGES_CHANNEL}', $6) FROM w`,
      [write.mapId, write.revision ?? null, write.kind, by?.id ?? null, by?.name ?? null, JSON.stringify(notice)],
    );
  };
}
