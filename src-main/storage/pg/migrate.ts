/**
 * The team library's schema: numbered SQL files (`migrations/001_library.sql`, ...) applied at
 * start, each in its own transaction and recorded in `schema_migrations`, all under one
 * PostgreSQL advisory lock, so several servers starting at once on one database apply each
 * migration once (the others wait, then find it done). Never edit a released migration: add
 * the next file (an edited one is refused, by its checksum).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** The advisory lock key all Lanemap servers take while migrating ("lanemap" in ASCII, as a bigint). */
export const MIGRATION_LOCK_KEY = '30506424260714864';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The migrations in `dir`, in order: files named `NNN_name.sql`. */
export function loadMigrations(dir = MIGRATIONS_DIR): PgMigration[] {
  const list = fs
    .readdirSync(dir)
    .map((file) => /^(\d+)_([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: fs.readFileSync(path.join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`The team library's migrations are numbered 1, 2, 3, ... without gaps: ${m.version} is out of place.`);
  });
  return list;
}

/** The database cannot be used: `kind` says why (a newer schema, an edited migration, a failed one). */
export class SchemaError extends Error {
  readonly kind: 'newer' | 'changed' | 'migration';
  constructor(message: string, kind: 'newer' | 'changed' | 'migration', cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
  }
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Brings the database's schema up to the last of `migrations`. Returns the versions this call
 * applied (none when another process had done it already).
 */
export async function migrate(pool: pg.Pool, migrations: PgMigration[] = loadMigrations()): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  let broken = false;
  try {
    // session-level: held across the migrations' own transactions, released below (or with the connection)
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Map(
        (await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')).rows.map((r) => [r.version, r.checksum]),
      );
      const known = Math.max(0, ...migrations.map((m) => m.version));
      const newest = Math.max(0, ...done.keys());
      if (newest > known) {
        throw new SchemaError(
          `The team library's database was set up by a newer Lanemap (schema ${newest}, this one knows ${known}). Update this server to use it.`,
          'newer',
        );
      }
      for (const m of migrations) {
        const sum = checksum(m.sql);
        const was = done.get(m.version);
        if (was !== undefined) {
          if (was !== sum) throw new SchemaError(`Migration ${m.version} (${m.name}) differs from the one applied to this database: a released migration was edited.`, 'changed');
          continue;
        }
        try {
          await client.query('BEGIN');
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, sum]);
          await client.query('COMMIT');
          applied.push(m.version);
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new SchemaError(`Could not update the team library's database to schema ${m.version} (${m.name}): ${(e as Error).message}`, 'migration', e);
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => {
        broken = true;
      });
    }
  } catch (e) {
    broken = true;
    throw e;
  } finally {
    // a connection whose state is unknown is closed rather than handed to the next caller
    client.release(broken);
  }
  return applied;
}
