/**
 * `npx lanemap serve`: a team library server (issue 16) on a PostgreSQL database. Several of
 * them may serve one database: each brings the schema up to date at start (under an advisory
 * lock), hears the others' writes through LISTEN/NOTIFY and pushes them to its editors.
 *
 * Start-up problems (no database, a wrong password, a schema newer than this Lanemap, an
 * address that would expose the server without TLS) are one readable line and exit code 1.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TEAM_DEFAULT_PORT, type TeamLibraryInfo } from '../../shared/team/protocol';
import { SchemaError } from '../storage/pg/migrate';
import { openPgStore, type PgStore } from '../storage/pg/pgStore';
import { signIn, signOut, userOfToken, writeRecorder } from '../team/accounts';
import { createStoreServices } from '../services/storeServices';
import { authorName } from '../team/authorship';
import { currentUser } from '../team/context';
import { createEventHub } from '../team/events';
import { startTeamServer, type TeamServer } from '../team/server';

export const SERVE_USAGE = `Usage: lanemap serve [options]

Serves a team library kept in PostgreSQL: the app's library calls over HTTP, with accounts,
rights per user and live changes. Several servers may serve one database.

Options (each also set by an environment variable; an option wins):
  --database URL        the PostgreSQL database, e.g. postgres://lanemap:secret@db.local/lanemap
                        env LANEMAP_DATABASE_URL, else DATABASE_URL (required)
  --host ADDRESS        the address to listen on (default 127.0.0.1)       env LANEMAP_HOST
  --port N              the port to listen on (default ${TEAM_DEFAULT_PORT}; 0: any free one)  env LANEMAP_PORT
  --public-url URL      the address users reach the server at, behind a TLS reverse proxy
                        (https://lanemap.example.com); its origin is the only web origin
                        allowed; needed to listen on any address but this machine's
                        env LANEMAP_PUBLIC_URL
  --name TEXT           the library's name users see (default "Team library")
                        env LANEMAP_LIBRARY_NAME
  --allow-insecure-http listen on a network address with a plain http:// public URL
                        (passwords and sessions then cross the network unencrypted)
                        env LANEMAP_ALLOW_INSECURE_HTTP=1
  --help                this text

Accounts: lanemap users --help. Stop it with Ctrl+C (SIGINT) or SIGTERM.`;

export class ServeArgsError extends Error {}

export interface ServeArgs {
  database: string;
  host: string;
  port: number;
  publicUrl?: string;
  name: string;
  allowInsecureHttp: boolean;
}

const FLAGS = new Set(['--database', '--host', '--port', '--public-url', '--name']);

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** Reads the options and environment; `null` for --help. Refuses what is wrong in one sentence. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs | null {
  const given = new Map<string, string>();
  let insecure = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return null;
    if (a === '--allow-insecure-http') {
      insecure = true;
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (!FLAGS.has(flag)) throw new ServeArgsError(`"${a.slice(0, 80)}" is not an option of "serve" (see lanemap serve --help).`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new ServeArgsError(`${flag} needs a value (see lanemap serve --help).`);
    given.set(flag, value);
  }
  const pick = (flag: string, ...vars: string[]) => given.get(flag) ?? vars.map((v) => env[v]).find((v) => v !== undefined && v !== '');
  const database = pick('--database', 'LANEMAP_DATABASE_URL', 'DATABASE_URL');
  if (!database) throw new ServeArgsError('No database: give --database postgres://user:password@host/name or set LANEMAP_DATABASE_URL.');
  if (!/^postgres(ql)?:\/\//i.test(database)) throw new ServeArgsError('The database is given as a URL that starts with postgres:// (postgres://user:password@host:5432/name).');
  const host = pick('--host', 'LANEMAP_HOST') ?? '127.0.0.1';
  if (!/^[\w.:[\]-]{1,253}$/.test(host)) throw new ServeArgsError(`"${host.slice(0, 80)}" is not an address to listen on.`);
  const portText = pick('--port', 'LANEMAP_PORT') ?? String(TEAM_DEFAULT_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new ServeArgsError(`The port must be a number from 0 to 65535 (it is "${portText.slice(0, 20)}").`);
  const publicUrl = pick('--public-url', 'LANEMAP_PUBLIC_URL');
  let parsed: URL | undefined;
  if (publicUrl !== undefined) {
    try {
      parsed = new URL(publicUrl);
    } catch {
      throw new ServeArgsError(`The public URL "${publicUrl.slice(0, 200)}" is not an address (like https://lanemap.example.com).`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ServeArgsError('The public URL starts with https:// (or http:// on this machine).');
  }
  const allowInsecureHttp = insecure || env.LANEMAP_ALLOW_INSECURE_HTTP === '1';
  if (!isLoopback(host)) {
    if (!parsed) {
      throw new ServeArgsError(
        `Refusing to listen on ${host}, which other machines can reach, without a public URL: run it behind a TLS reverse proxy and give --public-url https://… (or listen on 127.0.0.1).`,
      );
    }
    if (parsed.protocol !== 'https:' && !allowInsecureHttp) {
      throw new ServeArgsError(
        `Refusing to listen on ${host} with the public URL ${parsed.origin}, which is not https://: passwords would cross the network unencrypted. Put a TLS reverse proxy in front, or add --allow-insecure-http if you must.`,
      );
    }
  }
  const name = (pick('--name', 'LANEMAP_LIBRARY_NAME') ?? 'Team library').trim();
  if (!name || name.length > 200) throw new ServeArgsError('The library name must be 1 to 200 characters long.');
  return { database, host, port, ...(publicUrl !== undefined ? { publicUrl } : {}), name, allowInsecureHttp };
}

/** PostgreSQL's or the network's refusal, as one sentence. */
export function databaseProblem(e: unknown, url: string): string {
  const err = e as { code?: string; message?: string };
  let where = 'the database';
  try {
    const u = new URL(url);
    where = `the database ${decodeURIComponent(u.pathname.slice(1)) || '(default)'} at ${u.hostname}:${u.port || 5432}`;
  } catch {
    // the URL was checked before; keep the plain words
  }
  if (e instanceof SchemaError) return e.message;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `Cannot reach ${where}: nothing answers there (is PostgreSQL running?).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach ${where}: the host name is not known.`;
    case 'ETIMEDOUT':
      return `Cannot reach ${where}: it did not answer in time.`;
    case '28P01':
      return `${where.replace(/^the/, 'The')} refused the user name or password.`;
    case '28000':
      return `${where.replace(/^the/, 'The')} does not let this user in (${err.message}).`;
    case '3D000':
      return `${where.replace(/^the/, 'The')} does not exist: create it first (createdb).`;
    default:
      return `Could not open ${where}: ${err.message ?? String(e)}`;
  }
}

function appVersion(): string {
  try {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Runs `lanemap serve` until SIGINT/SIGTERM; the exit code. */
export async function serve(argv: string[], io: Io): Promise<number> {
  let args: ServeArgs | null;
  try {
    args = parseServeArgs(argv);
  } catch (e) {
    io.err(`lanemap: ${(e as Error).message}`);
    return 1;
  }
  if (!args) {
    io.out(SERVE_USAGE);
    return 0;
  }
  // a stop asked for from here on (even while starting) is heard: it stops the server once it is up
  let asked: string | null = null;
  let onSignal: ((signal: string) => void) | null = null;
  const heard = (signal: string) => {
    if (onSignal) onSignal(signal);
    // asked twice while still starting (a database that does not answer): give up now
    else if (asked) process.exit(130);
    else asked = signal;
  };
  process.on('SIGINT', () => heard('SIGINT'));
  process.on('SIGTERM', () => heard('SIGTERM'));
  const serverId = crypto.randomUUID();
  const library: TeamLibraryInfo = { name: args.name, serverId, version: appVersion() };
  const poolConfig: pg.PoolConfig = { connectionString: args.database, max: 20, connectionTimeoutMillis: 10_000, application_name: 'lanemap' };
  const pool = new pg.Pool(poolConfig);
  pool.on('error', () => undefined);
  let store: PgStore | undefined;
  let server: TeamServer | undefined;
  const log = (line: string) => io.err(`lanemap serve: ${line}`);
  try {
    store = await openPgStore(pool, { onWrite: writeRecorder({ serverId, currentUser }) });
  } catch (e) {
    await pool.end().catch(() => undefined);
    io.err(`lanemap: ${databaseProblem(e, args.database)}`);
    return 1;
  }
  const hub = createEventHub({ pool, listen: { connectionString: args.database, connectionTimeoutMillis: 10_000 }, serverId, log });
  try {
    await hub.start();
    server = await startTeamServer({
      services: createStoreServices(store, {
        appVersion: library.version,
        author: () => {
          const user = currentUser();
          return user ? authorName(user) : undefined;
        },
      }),
      accounts: {
        signIn: (i) => signIn(pool, i),
        userOfToken: (t) => userOfToken(pool, t),
        signOut: (t) => signOut(pool, t),
      },
      store,
      hub,
      library,
      host: args.host,
      port: args.port,
      ...(args.publicUrl ? { publicUrl: args.publicUrl } : {}),
      log,
    });
  } catch (e) {
    await hub.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') io.err(`lanemap: ${args.host}:${args.port} is in use already (another server?): choose another --port.`);
    else if (err.code === 'EADDRNOTAVAIL') io.err(`lanemap: ${args.host} is not an address of this machine.`);
    else if (err.code === 'EACCES') io.err(`lanemap: not allowed to listen on port ${args.port} (ports below 1024 need privileges).`);
    else io.err(`lanemap: ${databaseProblem(e, args.database)}`);
    return 1;
  }
  io.out(`Lanemap team library "${library.name}" listening on ${server.url}${args.publicUrl ? ` (users reach it at ${args.publicUrl})` : ''}; server ${serverId}`);
  const running = server;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.out(`Stopping (${signal})…`);
      running
        .close()
        .then(() => pool.end())
        .then(
          () => {
            io.out('Stopped.');
            // nothing may keep a stopped server's process alive (a connection the database has not
            // closed yet): it ends now, or at once when nothing is left
            setTimeout(() => process.exit(0), 1_000).unref();
            resolve(0);
          },
          (e: Error) => {
            io.err(`lanemap: stopping failed: ${e.message}`);
            resolve(1);
          },
        );
    };
    // a second signal (the terminal's Ctrl+C reaches bin/lanemap.mjs and this process both) changes nothing
    onSignal = stop;
    if (asked) stop(asked);
  });
}
