/**
 * The team library's accounts (src-main/team/accounts.ts, migration 002_team.sql) on a real,
 * throw-away PostgreSQL cluster (tests/support/postgres.ts): passwords kept as scrypt hashes,
 * sign-in and its rate limit, sessions by token, roles, Cyrillic everywhere, oversized input
 * refused readably, and the record of who made each write with its NOTIFY, committed with the
 * write or not at all.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  AccountError,
  addUser,
  CHANGES_CHANNEL,
  listUsers,
  removeUser,
  setPassword,
  setRole,
  signIn,
  signOut,
  userOfToken,
  verifyPassword,
  writeRecorder,
  type ChangeNotice,
} from '../../src-main/team/accounts';
import { openPgStore } from '../../src-main/storage/pg/pgStore';
import { ConflictError } from '../../src-main/storage/store';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { salesMap } from '../support/builders';
import { startCluster, type TempCluster } from '../support/postgres';

let cluster: TempCluster;
let db: pg.Pool;
const open: pg.Pool[] = [];
beforeAll(async () => {
  cluster = await startCluster();
  db = await fresh();
}, 120_000);
afterAll(async () => {
  for (const p of open.splice(0)) await p.end().catch(() => undefined);
  await cluster?.stop();
});

/** A new database with the schema (both migrations) made. */
async function fresh(): Promise<pg.Pool> {
  const p = new pg.Pool({ ...(await cluster.createDatabase()), max: 4 });
  p.on('error', () => undefined);
  open.push(p);
  await openPgStore(p);
  return p;
}

const PASSWORD = 'верный-пароль-42';
const at = (n: number) => ({ address: `10.0.0.${n}` });

test('a password is kept as a salted scrypt hash: not the password, and it verifies', async () => {
  const anna = await addUser(db, { login: 'anna', name: 'Анна Петрова', role: 'editor', password: PASSWORD });
  expect(anna).toMatchObject({ login: 'anna', name: 'Анна Петрова', role: 'editor' });
  const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [anna.id]);
  const stored = rows[0]!.password_hash;
  expect(stored).not.toContain(PASSWORD);
  expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  expect(await verifyPassword('неверный-пароль', stored)).toBe(false);
  // the same password twice: two different hashes (the salt)
  const boris = await addUser(db, { login: 'boris', name: 'Борис', role: 'viewer', password: PASSWORD });
  const other = (await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [boris.id])).rows[0]!.password_hash;
  expect(other).not.toBe(stored);
});

test('sign-in: the right password gives a token for the user; a wrong one or an unknown login gives the same refusal', async () => {
  const good = await signIn(db, { login: 'anna', password: PASSWORD, ...at(1) });
  expect(good).toMatchObject({ ok: true, user: { login: 'anna', name: 'Анна Петрова', role: 'editor' } });
  if (!good.ok) throw new Error('signed in');
  expect(good.token).toMatch(/^[\w-]{43}$/);
  // only the token's hash is stored
  const sessions = await db.query<{ token_hash: Buffer }>('SELECT token_hash FROM sessions');
  expect(sessions.rows.some((r) => r.token_hash.toString('utf8').includes(good.token) || r.token_hash.toString('base64url') === good.token)).toBe(false);
  expect(await signIn(db, { login: 'anna', password: 'не-тот-пароль', ...at(2) })).toEqual({ ok: false, reason: 'bad-credentials' });
  expect(await signIn(db, { login: 'nobody-here', password: PASSWORD, ...at(3) })).toEqual({ ok: false, reason: 'bad-credentials' });
});

test('logins are compared without case, in any script; names keep what was typed', async () => {
  const olga = await addUser(db, { login: 'Ольга.Иванова', name: 'Ольга Иванова', role: 'commenter', password: 'пароль-ольги-1' });
  expect(olga.login).toBe('Ольга.Иванова');
  await expect(addUser(db, { login: 'ОЛЬГА.ИВАНОВА', name: 'Другая', role: 'viewer', password: 'ещё-один-пароль' })).rejects.toThrow(
    /login "ОЛЬГА.ИВАНОВА" is taken/,
  );
  await expect(addUser(db, { login: 'ANNA', name: 'Anna', role: 'viewer', password: 'another-password' })).rejects.toBeInstanceOf(AccountError);
  const signed = await signIn(db, { login: 'ольга.иванова', password: 'пароль-ольги-1', ...at(4) });
  expect(signed).toMatchObject({ ok: true, user: { id: olga.id, login: 'Ольга.Иванова', name: 'Ольга Иванова', role: 'commenter' } });
  expect((await listUsers(db)).map((u) => u.login)).toEqual(expect.arrayContaining(['anna', 'boris', 'Ольга.Иванова']));
});

test('a token works until sign-out; a password reset ends every session; a removed user\'s token stops working', async () => {
  const a = await signIn(db, { login: 'boris', password: PASSWORD, ...at(5) });
  const b = await signIn(db, { login: 'BORIS', password: PASSWORD, ...at(6) });
  if (!a.ok || !b.ok) throw new Error('signed in');
  expect(await userOfToken(db, a.token)).toMatchObject({ login: 'boris', name: 'Борис', role: 'viewer' });
  await signOut(db, a.token);
  expect(await userOfToken(db, a.token)).toBeNull();
  expect(await userOfToken(db, b.token)).toMatchObject({ login: 'boris' });
  // a new password: the other session ends too, the old password no longer works, the new one does
  await setPassword(db, 'Boris', 'новый-пароль-бориса');
  expect(await userOfToken(db, b.token)).toBeNull();
  expect(await signIn(db, { login: 'boris', password: PASSWORD, ...at(7) })).toEqual({ ok: false, reason: 'bad-credentials' });
  const c = await signIn(db, { login: 'boris', password: 'новый-пароль-бориса', ...at(7) });
  if (!c.ok) throw new Error('signed in with the new password');
  await removeUser(db, 'boris');
  expect(await userOfToken(db, c.token)).toBeNull();
  expect(await signIn(db, { login: 'boris', password: 'новый-пароль-бориса', ...at(7) })).toEqual({ ok: false, reason: 'bad-credentials' });
  expect((await listUsers(db)).map((u) => u.login)).not.toContain('boris');
  // tokens that were never issued, or are not tokens at all
  expect(await userOfToken(db, 'A'.repeat(43))).toBeNull();
  expect(await userOfToken(db, '<script>alert(1)</script>')).toBeNull();
  expect(await userOfToken(db, 'x'.repeat(10_000))).toBeNull();
});

test('a session is extended by use (30 days from the last use), and an expired one is refused', async () => {
  const s = await signIn(db, { login: 'anna', password: PASSWORD, ...at(8) });
  if (!s.ok) throw new Error('signed in');
  // used long ago, nearly expired: the next use extends it to 30 days
  await db.query("UPDATE sessions SET last_used_at = now() - interval '29 days', expires_at = now() + interval '1 day'");
  expect(await userOfToken(db, s.token)).toMatchObject({ login: 'anna' });
  const left = await db.query<{ d: string }>("SELECT extract(epoch FROM expires_at - now()) / 86400 AS d FROM sessions WHERE last_used_at > now() - interval '1 hour'");
  expect(left.rows.length).toBeGreaterThan(0);
  expect(Number(left.rows[0]!.d)).toBeGreaterThan(29.9);
  // expired: refused
  await db.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
  expect(await userOfToken(db, s.token)).toBeNull();
});

test('a role change takes effect on the next call of an existing session', async () => {
  const s = await signIn(db, { login: 'anna', password: PASSWORD, ...at(9) });
  if (!s.ok) throw new Error('signed in');
  expect(await setRole(db, 'ANNA', 'viewer')).toMatchObject({ login: 'anna', role: 'viewer' });
  expect(await userOfToken(db, s.token)).toMatchObject({ role: 'viewer' });
  await setRole(db, 'anna', 'editor');
  await expect(setRole(db, 'anna', 'owner' as never)).rejects.toThrow(/A role is one of viewer, commenter, editor, admin/);
  await expect(setRole(db, 'никто', 'admin')).rejects.toThrow('There is no user "никто".');
  await expect(removeUser(db, 'никто')).rejects.toThrow('There is no user "никто".');
  await expect(setPassword(db, 'никто', 'достаточно-длинный')).rejects.toThrow('There is no user "никто".');
});

test('five wrong passwords start a wait that says how long; during it even the right password is refused; the next wait is longer', async () => {
  const db2 = await fresh();
  await addUser(db2, { login: 'vera', name: 'Вера', role: 'editor', password: PASSWORD });
  for (let i = 1; i <= 4; i++) expect(await signIn(db2, { login: 'vera', password: `неверный-${i}-пароль`, ...at(i) })).toEqual({ ok: false, reason: 'bad-credentials' });
  // the fifth failure (from yet another address: the count is per login) starts the wait
  const fifth = await signIn(db2, { login: 'VERA', password: 'неверный-5-пароль', ...at(5) });
  expect(fifth).toMatchObject({ ok: false, reason: 'rate-limited' });
  const first = (fifth as { retryAfterSeconds: number }).retryAfterSeconds;
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(30);
  const right = await signIn(db2, { login: 'vera', password: PASSWORD, ...at(6) });
  expect(right).toMatchObject({ ok: false, reason: 'rate-limited', retryAfterSeconds: expect.any(Number) });
  expect((right as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(30);
  expect(await db2.query('SELECT 1 FROM sessions')).toMatchObject({ rowCount: 0 });
  // the wait is over (moved into the past, as if 30 s had gone by): one more failure, a longer wait
  await db2.query("UPDATE sign_in_limits SET blocked_until = now() - interval '1 second', last_failure_at = now() - interval '31 seconds'");
  const again = await signIn(db2, { login: 'vera', password: 'снова-не-тот', ...at(7) });
  expect(again).toMatchObject({ ok: false, reason: 'rate-limited' });
  expect((again as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(30);
  expect((again as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
  // the waits stop growing at 15 minutes
  await db2.query("UPDATE sign_in_limits SET blocked_until = now() - interval '1 second', lockouts = 12");
  const longest = await signIn(db2, { login: 'vera', password: 'и-опять-не-тот', ...at(8) });
  expect((longest as { retryAfterSeconds: number }).retryAfterSeconds).toBe(15 * 60);
  // after the wait, the right password works, and clears the login's count
  await db2.query("UPDATE sign_in_limits SET blocked_until = now() - interval '1 second'");
  expect(await signIn(db2, { login: 'vera', password: PASSWORD, ...at(9) })).toMatchObject({ ok: true });
  expect(await signIn(db2, { login: 'vera', password: 'ошибся-разок', ...at(9) })).toEqual({ ok: false, reason: 'bad-credentials' });
});

test('one address trying many logins is held back too, and other addresses are not', async () => {
  const db2 = await fresh();
  await addUser(db2, { login: 'gleb', name: 'Глеб', role: 'viewer', password: PASSWORD });
  for (let i = 1; i <= 4; i++) expect(await signIn(db2, { login: `угадай-${i}`, password: 'какой-то-пароль', address: '203.0.113.7' })).toMatchObject({ reason: 'bad-credentials' });
  expect(await signIn(db2, { login: 'угадай-5', password: 'какой-то-пароль', address: '203.0.113.7' })).toMatchObject({ reason: 'rate-limited' });
  // a real user's right password from that address waits too; from another address it works
  expect(await signIn(db2, { login: 'gleb', password: PASSWORD, address: '203.0.113.7' })).toMatchObject({ reason: 'rate-limited' });
  expect(await signIn(db2, { login: 'gleb', password: PASSWORD, address: '198.51.100.1' })).toMatchObject({ ok: true });
});

test('10,000-character, empty, control-character and <script> inputs are refused readably and change nothing', async () => {
  const db2 = await fresh();
  const huge = 'ж'.repeat(10_000);
  const cases: [Parameters<typeof addUser>[1], RegExp][] = [
    [{ login: huge, name: 'Имя', role: 'viewer', password: PASSWORD }, /A login has at most 100 characters \(this one has 10000\)/],
    [{ login: 'ok', name: huge, role: 'viewer', password: PASSWORD }, /A name has at most 120 characters/],
    [{ login: 'ok', name: 'Имя', role: 'viewer', password: huge }, /A password has at most 1000 characters/],
    [{ login: 'ok', name: 'Имя', role: 'viewer', password: 'короткий' }, /A password needs at least 10 characters \(this one has 8\)/],
    [{ login: '   ', name: 'Имя', role: 'viewer', password: PASSWORD }, /A login cannot be empty/],
    [{ login: 'ok', name: '', role: 'viewer', password: PASSWORD }, /A name cannot be empty/],
    [{ login: 'two\nlines', name: 'Имя', role: 'viewer', password: PASSWORD }, /control characters or line breaks/],
    [{ login: 'ok', name: 'Имя', role: 'superuser' as never, password: PASSWORD }, /A role is one of viewer, commenter, editor, admin \(not "superuser"\)/],
  ];
  for (const [input, message] of cases) {
    const e = await addUser(db2, input).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AccountError);
    expect((e as Error).message).toMatch(message);
  }
  expect(await listUsers(db2)).toEqual([]);
  // a name with markup is only text: kept as typed, never interpreted
  const x = await addUser(db2, { login: '<script>alert(1)</script>', name: '<img src=x onerror=alert(1)>', role: 'viewer', password: PASSWORD });
  expect((await listUsers(db2))[0]).toEqual(x);
  expect(x.name).toBe('<img src=x onerror=alert(1)>');
  // sign-in with impossible input: a readable refusal, no failure counted against anyone
  await expect(signIn(db2, { login: huge, password: PASSWORD, ...at(1) })).rejects.toThrow(/A login has at most 100 characters/);
  await expect(signIn(db2, { login: 'ok', password: huge.repeat(2), ...at(1) })).rejects.toThrow(/A password has at most 1000 characters/);
  await expect(signIn(db2, { login: 'ok', password: 42 as never, ...at(1) })).rejects.toThrow(/A password must be text/);
  expect((await db2.query('SELECT 1 FROM sign_in_limits')).rowCount).toBe(0);
  // a 1000-character password in any script is fine
  const long = 'пароль🔑'.repeat(125);
  await addUser(db2, { login: 'long', name: 'Длинный', role: 'viewer', password: long });
  expect(await signIn(db2, { login: 'long', password: long, ...at(2) })).toMatchObject({ ok: true });
});

test('writeRecorder: a write records who made it and is announced on LISTEN; a refused write leaves neither; a removed user keeps the name', async () => {
  const db2 = await fresh();
  const user = await addUser(db2, { login: 'dasha', name: 'Дарья Смирнова', role: 'editor', password: PASSWORD });
  let current: { id: string; name: string } | null = { id: user.id, name: user.name };
  const store = await openPgStore(db2, { onWrite: writeRecorder({ serverId: 'server-a', currentUser: () => current }) });

  const listener = new pg.Client(db2.options);
  await listener.connect();
  const heard: ChangeNotice[] = [];
  listener.on('notification', (n) => {
    if (n.channel === CHANGES_CHANNEL) heard.push(JSON.parse(n.payload ?? '') as ChangeNotice);
  });
  await listener.query(`LISTEN ${CHANGES_CHANNEL}`);
  try {
    const base: MapDoc = salesMap('rec');
    await store.insert(base);
    const next = structuredClone(base);
    next.steps['rec-qualify']!.title = 'Квалифицировать лида';
    await store.apply(base.id, diffMaps(base, next), '2026-03-02T10:00:00.000Z');
    await expect.poll(() => heard.length).toBe(2);
    expect(heard).toEqual([
      { type: 'change', mapId: base.id, kind: 'insert', revision: 0, by: { id: user.id, name: 'Дарья Смирнова' }, serverId: 'server-a' },
      { type: 'change', mapId: base.id, kind: 'apply', revision: 1, by: { id: user.id, name: 'Дарья Смирнова' }, serverId: 'server-a' },
    ]);
    const writes = async () =>
      (await db2.query<{ map_id: string; revision: number | null; kind: string; user_id: string | null; user_name: string | null }>('SELECT map_id, revision, kind, user_id, user_name FROM map_writes ORDER BY id')).rows;
    expect(await writes()).toEqual([
      { map_id: base.id, revision: 0, kind: 'insert', user_id: user.id, user_name: 'Дарья Смирнова' },
      { map_id: base.id, revision: 1, kind: 'apply', user_id: user.id, user_name: 'Дарья Смирнова' },
    ]);

    // the same stale change again: refused, and neither a row nor a notification is left
    const stale = structuredClone(base);
    stale.steps['rec-qualify']!.title = 'Устаревшая правка';
    await expect(store.apply(base.id, diffMaps(base, stale), '2026-03-02T10:01:00.000Z')).rejects.toBeInstanceOf(ConflictError);
    // a write without a user (a script, the server itself) is recorded as nobody's
    current = null;
    await store.rename(base.id, 'Воронка: переименована', '2026-03-02T10:02:00.000Z');
    await expect.poll(() => heard.length).toBe(3);
    expect(heard[2]).toEqual({ type: 'change', mapId: base.id, kind: 'rename', revision: 2, by: null, serverId: 'server-a' });
    expect((await writes()).length).toBe(3);
    expect((await writes())[2]).toMatchObject({ kind: 'rename', user_id: null, user_name: null });

    // the user is removed: their past writes keep the name
    await removeUser(db2, 'dasha');
    expect((await writes()).slice(0, 2).map((w) => [w.user_id, w.user_name])).toEqual([
      [null, 'Дарья Смирнова'],
      [null, 'Дарья Смирнова'],
    ]);
    // a write still carrying a removed user's identity is not refused for it: it keeps the name
    current = { id: user.id, name: user.name };
    await store.remove(base.id);
    expect((await writes())[3]).toMatchObject({ kind: 'remove', revision: null, user_id: null, user_name: 'Дарья Смирнова' });
    await expect.poll(() => heard.length).toBe(4);
    expect(heard[3]).toMatchObject({ kind: 'remove', mapId: base.id });
    expect(heard[3]).not.toHaveProperty('revision');
  } finally {
    await listener.end();
  }
});
