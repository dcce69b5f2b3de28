/**
 * `npx lanemap users …`: the team library's accounts, for whoever runs its database (issue 16).
 * Opens the database (bringing its schema up to date, as a server does at start: migrate.ts), then adds a
 * user, sets a password or a role, lists or removes users (src-main/team/accounts.ts).
 *
 * A password is never an argument (it would stay in the shell's history and in `ps`): it is
 * asked at the terminal without echo, twice, or read as one line of stdin with --password-stdin.
 * Errors are one readable line on stderr and exit code 1.
 */
import pg from 'pg';
import { isTeamRole, TEAM_ROLES, type TeamRole } from '../../shared/team/protocol';
// migrate.ts rather than openPgStore: the store's modules need type transforms that
// bin/lanemap.mjs's plain Node (strip-only) does not do; the schema is brought up the same way
import { migrate, SchemaError } from '../storage/pg/migrate';
import { AccountError, addUser, checkLogin, checkPassword, listUsers, loginKey, removeUser, setPassword, setRole } from '../team/accounts';

export const USERS_USAGE = `Usage:
  lanemap users add <login> [--name "Анна Петрова"] [--role viewer|commenter|editor|admin] [--password-stdin]
  lanemap users passwd <login> [--password-stdin]
  lanemap users role <login> viewer|commenter|editor|admin
  lanemap users list
  lanemap users remove <login>

The accounts of a team library (lanemap serve). Every command takes the database as
  --database URL   e.g. postgres://lanemap:secret@127.0.0.1:5432/lanemap
                   (default: the environment variable LANEMAP_DATABASE_URL, else DATABASE_URL)
and first brings the database's schema up to date.

  add      a new user; --name is what others see (default: the login), --role their rights in
           the library (default: viewer): viewer reads; commenter also writes comments and pain
           point votes; editor edits maps; admin also manages the library
  passwd   a new password for a user; their sessions end (they sign in again)
  role     a user's new rights, from their next call on
  list     every user: login, role, name (tab-separated)
  remove   removes a user; their sessions end; what they wrote keeps their name

Passwords (10 to 1000 characters, any script) are asked at the terminal without echo, twice;
with --password-stdin, the first line of stdin is the password (for scripts:
  printf '%s\\n' "$PASSWORD" | lanemap users add anna --role editor --password-stdin).
Logins are compared without case ("Anna" and "anna" are one user).`;

interface Output {
  out(line: string): void;
  err(line: string): void;
}

export interface UsersInput {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  /** Where the prompt goes (not stdout, which scripts may read). */
  prompt: NodeJS.WriteStream;
}

class UsersError extends Error {}

interface UsersArgs {
  sub: 'add' | 'passwd' | 'role' | 'list' | 'remove' | 'help';
  login?: string;
  role?: TeamRole;
  name?: string;
  database?: string;
  passwordStdin: boolean;
}

const SUBS = ['add', 'passwd', 'role', 'list', 'remove'] as const;

export function parseUsersArgs(args: string[]): UsersArgs {
  const positional: string[] = [];
  let name: string | undefined;
  let role: string | undefined;
  let database: string | undefined;
  let passwordStdin = false;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsersError(`${a} needs a value.`);
      return v;
    };
    if (a === '--help' || a === '-h') help = true;
    else if (a === '--name') name = value();
    else if (a === '--role') role = value();
    else if (a === '--database') database = value();
    else if (a === '--password-stdin') passwordStdin = true;
    else if (a === '--password' || a.startsWith('--password=') || a === '-p') {
      throw new UsersError('a password is never given as an argument (it would stay in the shell\'s history): type it when asked, or pipe it with --password-stdin.');
    } else if (a.startsWith('--')) throw new UsersError(`unknown option ${a}. See lanemap users --help.`);
    else positional.push(a);
  }
  const [sub, ...rest] = positional;
  if (help || sub === 'help') return { sub: 'help', passwordStdin };
  if (sub === undefined) throw new UsersError(`which command? add, passwd, role, list or remove.\n${USERS_USAGE}`);
  if (!(SUBS as readonly string[]).includes(sub)) throw new UsersError(`unknown command "users ${sub}": add, passwd, role, list or remove. See lanemap users --help.`);
  const s = sub as (typeof SUBS)[number];
  const wants = { add: 1, passwd: 1, role: 2, list: 0, remove: 1 }[s];
  if (rest.length !== wants) {
    const shape = { add: '<login>', passwd: '<login>', role: '<login> <role>', list: '(nothing)', remove: '<login>' }[s];
    throw new UsersError(`"users ${s}" takes ${shape}${rest.length > wants ? `; "${rest[wants]}" is one too many` : ''}. See lanemap users --help.`);
  }
  if (s !== 'add' && (name !== undefined || role !== undefined)) throw new UsersError(`--name and --role are for "users add"${s === 'role' ? ' (users role <login> <role>)' : ''}.`);
  if (passwordStdin && s !== 'add' && s !== 'passwd') throw new UsersError('--password-stdin is for "users add" and "users passwd".');
  const roleValue = s === 'role' ? rest[1] : (role ?? 'viewer');
  if (!isTeamRole(roleValue)) throw new UsersError(`a role is one of ${TEAM_ROLES.join(', ')} (not "${String(roleValue).slice(0, 40)}").`);
  const login = rest[0];
  try {
    if (login !== undefined) checkLogin(login);
  } catch (e) {
    throw new UsersError((e as Error).message);
  }
  return { sub: s, login, role: roleValue, ...(name !== undefined ? { name } : {}), ...(database !== undefined ? { database } : {}), passwordStdin };
}

/** The database URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(the given URL)';
  }
}

function databaseUrl(args: UsersArgs, env: NodeJS.ProcessEnv): string {
  const url = args.database ?? (env.LANEMAP_DATABASE_URL || undefined) ?? (env.DATABASE_URL || undefined);
  if (!url) throw new UsersError('no database given: use --database postgres://user:password@host:5432/name, or set LANEMAP_DATABASE_URL (or DATABASE_URL).');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsersError('the database URL is not a URL: it looks like postgres://user:password@host:5432/name.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsersError(`the database URL must start with postgres:// or postgresql:// (not ${parsed.protocol}//).`);
  }
  return url;
}

/** A connection failure in one line (pg and node errors are not always readable). */
function connectionProblem(e: unknown, url: string): string {
  const err = e as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = err.code ?? err.errors?.[0]?.code;
  let host = '';
  try {
    const u = new URL(url);
    host = `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    // shown() says so
  }
  if (code === 'ECONNREFUSED') return `could not reach the database at ${host}: connection refused (is PostgreSQL running there?).`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `could not reach the database: the host of ${shown(url)} was not found.`;
  if (code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '')) return `could not reach the database at ${host}: no answer in time.`;
  const message = (err.message ?? String(e)).split('\n')[0];
  return `could not use the database ${shown(url)}: ${message}`;
}

/** Reads stdin to its end (at most 1 MiB) and returns its first line. */
async function passwordFromStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(b);
    size += b.length;
    if (size > 1024 * 1024) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsersError('--password-stdin: stdin held no password (one line is read).');
  return line;
}

/** Asks at the terminal without echo. */
function askHidden(stdin: NodeJS.ReadStream, prompt: NodeJS.WriteStream, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      prompt.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && !value)) {
          finish();
          reject(new UsersError('cancelled: nothing was changed.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setEncoding('utf8');
    // no echo before the question shows, so nothing typed early is seen
    stdin.setRawMode(true);
    prompt.write(question);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function readNewPassword(args: UsersArgs, input: UsersInput, login: string): Promise<string> {
  let password: string;
  if (args.passwordStdin) password = await passwordFromStdin(input.stdin);
  else {
    if (!input.stdin.isTTY) throw new UsersError('no terminal to ask the password at: pipe it as one line with --password-stdin.');
    password = await askHidden(input.stdin, input.prompt, `New password for ${login}: `);
    checkPassword(password);
    const again = await askHidden(input.stdin, input.prompt, 'The same password again: ');
    if (again !== password) throw new UsersError('the two passwords differ: nothing was changed.');
  }
  return checkPassword(password);
}

/** Runs `lanemap users …`; returns the exit code. */
export async function usersCommand(
  argv: string[],
  io: Output,
  input: UsersInput = { env: process.env, stdin: process.stdin, prompt: process.stderr },
): Promise<number> {
  let pool: pg.Pool | undefined;
  try {
    const args = parseUsersArgs(argv);
    if (args.sub === 'help') {
      io.out(USERS_USAGE);
      return 0;
    }
    const url = databaseUrl(args, input.env);
    const db = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 15_000 });
    // an idle connection the server dropped must not take the process down
    db.on('error', () => undefined);
    pool = db;
    try {
      const encoding = (await db.query<{ server_encoding: string }>('SHOW server_encoding')).rows[0]?.server_encoding;
      if (encoding !== 'UTF8') throw new SchemaError(`the team library's database must use the UTF8 encoding (it uses ${encoding}).`, 'migration');
      await migrate(db);
    } catch (e) {
      if (e instanceof SchemaError) throw new UsersError(e.message);
      throw new UsersError(connectionProblem(e, url));
    }
    const login = args.login ?? '';
    const existing = async () => (await listUsers(db)).find((u) => loginKey(u.login) === loginKey(login));
    switch (args.sub) {
      case 'add': {
        const taken = await existing();
        if (taken) throw new AccountError(`The login "${login}" is taken (by "${taken.login}": logins are compared without case).`);
        const password = await readNewPassword(args, input, login);
        const user = await addUser(db, { login, name: args.name ?? login, role: args.role!, password });
        io.out(`Added ${user.login} (${user.name}) as ${user.role}.`);
        break;
      }
      case 'passwd': {
        const user = await existing();
        if (!user) throw new AccountError(`There is no user "${login}".`);
        await setPassword(db, login, await readNewPassword(args, input, user.login));
        io.out(`New password set for ${user.login}; their sessions have ended.`);
        break;
      }
      case 'role': {
        const user = await setRole(db, login, args.role!);
        io.out(`${user.login} (${user.name}) is now ${user.role}.`);
        break;
      }
      case 'list': {
        const users = await listUsers(db);
        if (!users.length) io.err('No users yet: add one with lanemap users add <login> --role admin.');
        for (const u of users) io.out(`${u.login}\t${u.role}\t${u.name}`);
        break;
      }
      case 'remove': {
        const user = await existing();
        await removeUser(db, login);
        io.out(`Removed ${user?.login ?? login}; their sessions have ended (their past changes keep their name).`);
        break;
      }
    }
    return 0;
  } catch (e) {
    const message = e instanceof UsersError || e instanceof AccountError ? e.message : `something went wrong: ${(e as Error)?.message ?? String(e)}`;
    io.err(`lanemap users: ${message}`);
    return 1;
  } finally {
    await pool?.end().catch(() => undefined);
  }
}
