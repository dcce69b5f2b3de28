/**
 * `npx lanemap users …` (src-main/cli/users.ts) run as a process, as an admin would, against a
 * real throw-away PostgreSQL cluster (tests/support/postgres.ts): users added with the password
 * on stdin can sign in, the list shows them with their roles, and every mistake (no database,
 * an unreachable one, an unknown user, a taken login, a short password, a password as an
 * argument) is one readable line with exit code 1 that changes nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signIn } from '../../src-main/team/accounts';
import { startCluster, type TempCluster } from '../support/postgres';

const BIN = path.resolve(__dirname, '../../bin/lanemap.mjs');

let cluster: TempCluster;
let url: string;
let db: pg.Pool;
beforeAll(async () => {
  cluster = await startCluster();
  const config = await cluster.createDatabase();
  url = cluster.url(String(config.database));
  db = new pg.Pool({ ...config, max: 2 });
  db.on('error', () => undefined);
}, 120_000);
afterAll(async () => {
  await db?.end().catch(() => undefined);
  await cluster?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `lanemap users …` as its own process; `stdin` is written and closed. */
function users(args: string[], o: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LANEMAP_DATABASE_URL: url, DATABASE_URL: undefined, ...o.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [BIN, 'users', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(o.stdin ?? '');
  });
}

const oneLine = (r: Run) => {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lanemap users: /);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  return lines[0]!;
};

test('add with --password-stdin, then list: the user is there with the role, and signs in with that password', async () => {
  const added = await users(['add', 'anna', '--name', 'Анна Петрова', '--role', 'editor', '--password-stdin'], { stdin: 'пароль-анны-надёжный\n' });
  expect(added).toMatchObject({ code: 0, stdout: 'Added anna (Анна Петрова) as editor.\n' });
  const viewer = await users(['add', 'Борис', '--password-stdin', '--database', url], { stdin: 'пароль-бориса-123\r\n', env: { LANEMAP_DATABASE_URL: undefined } });
  expect(viewer).toMatchObject({ code: 0, stdout: 'Added Борис (Борис) as viewer.\n' });

  const list = await users(['list']);
  expect(list.code).toBe(0);
  expect(list.stdout.trim().split('\n')).toEqual(['anna\teditor\tАнна Петрова', 'Борис\tviewer\tБорис']);

  // the password arrived intact (Cyrillic, without its line end) and is what signs in
  expect(await signIn(db, { login: 'ANNA', password: 'пароль-анны-надёжный', address: '127.0.0.1' })).toMatchObject({ ok: true, user: { name: 'Анна Петрова', role: 'editor' } });
  expect(await signIn(db, { login: 'борис', password: 'пароль-бориса-123', address: '127.0.0.1' })).toMatchObject({ ok: true });
}, 120_000);

test('role, passwd and remove change what they say; the old password stops working', async () => {
  expect(await users(['role', 'БОРИС', 'commenter'])).toMatchObject({ code: 0, stdout: 'Борис (Борис) is now commenter.\n' });
  expect(await users(['passwd', 'anna', '--password-stdin'], { stdin: 'новый-пароль-анны\n' })).toMatchObject({ code: 0, stdout: expect.stringContaining('New password set for anna') });
  expect(await signIn(db, { login: 'anna', password: 'пароль-анны-надёжный', address: '127.0.0.2' })).toEqual({ ok: false, reason: 'bad-credentials' });
  expect(await signIn(db, { login: 'anna', password: 'новый-пароль-анны', address: '127.0.0.2' })).toMatchObject({ ok: true });
  expect(await users(['remove', 'борис'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Removed Борис') });
  expect((await users(['list'])).stdout).toBe('anna\teditor\tАнна Петрова\n');
}, 120_000);

test('mistakes are one readable line, exit code 1, and change nothing', async () => {
  const before = (await users(['list'])).stdout;
  expect(oneLine(await users(['list'], { env: { LANEMAP_DATABASE_URL: undefined } }))).toContain('no database given');
  expect(oneLine(await users(['list', '--database', 'postgres://lanemap@127.0.0.1:1/lanemap']))).toBe(
    'lanemap users: could not reach the database at 127.0.0.1:1: connection refused (is PostgreSQL running there?).',
  );
  expect(oneLine(await users(['list', '--database', `${url}_missing`]))).toMatch(/could not use the database .*does not exist/);
  expect(oneLine(await users(['list', '--database', 'mysql://root@localhost/db']))).toContain('must start with postgres://');
  expect(oneLine(await users(['role', 'никто', 'admin']))).toBe('lanemap users: There is no user "никто".');
  expect(oneLine(await users(['remove', 'никто']))).toBe('lanemap users: There is no user "никто".');
  expect(oneLine(await users(['passwd', 'никто', '--password-stdin'], { stdin: 'достаточно-длинный\n' }))).toBe('lanemap users: There is no user "никто".');
  expect(oneLine(await users(['add', 'ANNA', '--password-stdin'], { stdin: 'достаточно-длинный\n' }))).toContain('The login "ANNA" is taken');
  expect(oneLine(await users(['add', 'vera', '--password-stdin'], { stdin: 'короткий\n' }))).toBe('lanemap users: A password needs at least 10 characters (this one has 8).');
  expect(oneLine(await users(['add', 'vera', '--password-stdin'], { stdin: `${'я'.repeat(10_000)}\n` }))).toContain('A password has at most 1000 characters');
  expect(oneLine(await users(['add', 'x'.repeat(10_000), '--password-stdin'], { stdin: 'достаточно-длинный\n' }))).toContain('A login has at most 100 characters');
  expect(oneLine(await users(['add', 'vera', '--password', 'secret-in-history']))).toContain('never given as an argument');
  // no terminal and no --password-stdin: told how, not left waiting
  expect(oneLine(await users(['add', 'vera']))).toContain('--password-stdin');
  expect(oneLine(await users(['add', 'vera', '--role', 'owner', '--password-stdin'], { stdin: 'достаточно-длинный\n' }))).toContain('a role is one of viewer, commenter, editor, admin');
  expect(oneLine(await users(['frobnicate']))).toContain('unknown command "users frobnicate"');
  expect((await users(['list'])).stdout).toBe(before);
  // help
  const help = await users(['--help'], { env: { LANEMAP_DATABASE_URL: undefined } });
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('lanemap users add <login>');
  expect(help.stdout).toContain('LANEMAP_DATABASE_URL');
}, 180_000);
