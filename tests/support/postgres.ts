/**
 * A throw-away PostgreSQL cluster for tests: `initdb` into a temp dir, started with `pg_ctl` on
 * a free port (TCP on 127.0.0.1, and a unix socket in the temp dir), one database per test
 * file, stopped and removed afterwards — also when the test process ends without `stop()`.
 * PostgreSQL refuses to run as root: as root (CI) the cluster runs as the system user
 * `lanemap-pg` (made with `useradd` if missing; `nobody` if that fails).
 * The server binaries: /usr/lib/postgresql/<n>/bin, `pg_config --bindir`, or PATH (.ci/run
 * installs Debian's `postgresql` when none is found).
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TempCluster {
  /** Where the unix socket is (a directory: `host` for pg). */
  socketDir: string;
  port: number;
  /** Creates a new, empty UTF8 database and returns the pool settings for it. */
  createDatabase(name?: string): Promise<pg.PoolConfig>;
  /** A connection string over TCP (for processes that take a URL). */
  url(database: string): string;
  stop(): Promise<void>;
}

/** The directory holding initdb, pg_ctl and postgres. */
export function postgresBinDir(): string {
  const candidates: string[] = [];
  const lib = '/usr/lib/postgresql';
  if (fs.existsSync(lib)) {
    for (const v of fs.readdirSync(lib).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(lib, v, 'bin'));
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) were not found: install Debian\'s "postgresql" package (.ci/run does).');
  return fs.realpathSync(found);
}

/** The user the cluster runs as: this one, or an unprivileged system user when this is root. */
function clusterUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (name: string) => {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status !== 0) return undefined;
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
  };
  let user = lookup('lanemap-pg');
  if (!user) {
    spawnSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'lanemap-pg'], { stdio: 'ignore' });
    user = lookup('lanemap-pg') ?? lookup('nobody');
  }
  if (!user) throw new Error('Running as root, and neither the user lanemap-pg could be made nor nobody found to run PostgreSQL as.');
  return user;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<() => void>();
process.once('exit', () => {
  for (const stop of running) stop();
});

/** Starts a new cluster (about a second or two). */
export async function startCluster(): Promise<TempCluster> {
  const bin = postgresBinDir();
  const user = clusterUser();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-pg-'));
  const data = path.join(root, 'data');
  const log = path.join(root, 'server.log');
  if (user) {
    fs.chownSync(root, user.uid, user.gid);
    fs.chmodSync(root, 0o700);
  }
  const as: SpawnSyncOptions = { encoding: 'utf8', cwd: root, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', PGTZ: 'UTC' }, ...(user ?? {}) };
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(path.join(bin, cmd), args, as);
    if (r.status !== 0) {
      const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${String(r.stderr ?? '')}${String(r.stdout ?? '')}${tail}`);
    }
  };
  const stopNow = () => {
    spawnSync(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], { ...as, stdio: 'ignore' });
    fs.rmSync(root, { recursive: true, force: true });
  };
  running.add(stopNow);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${root}`,
        "-c listen_addresses='127.0.0.1'",
        // a throw-away cluster: nothing needs to survive a crash
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=60',
      ].join(' ');
      try {
        run('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
        break;
      } catch (e) {
        // the port was taken between choosing and starting: another one
        if (attempt >= 3) throw e;
      }
    }
    const admin = new pg.Pool({ host: root, port, user: 'postgres', database: 'postgres', max: 2 });
    admin.on('error', () => undefined);
    let made = 0;
    const cluster: TempCluster = {
      socketDir: root,
      port,
      async createDatabase(name = `lanemap_test_${process.pid}_${++made}`) {
        await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}" ENCODING 'UTF8' TEMPLATE template0`);
        return { host: root, port, user: 'postgres', database: name };
      },
      url: (database) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
      async stop() {
        running.delete(stopNow);
        await admin.end().catch(() => undefined);
        spawnSync(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60'], { ...as, stdio: 'ignore' });
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
    return cluster;
  } catch (e) {
    running.delete(stopNow);
    stopNow();
    throw e;
  }
}
