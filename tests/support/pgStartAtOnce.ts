/**
 * A process that opens the team library on PostgreSQL at an agreed moment, as a `lanemap serve`
 * start will (migrations under the advisory lock), for tests of starts that race:
 * `--url <postgres://...> --at <epoch ms>`. Prints `{"applied":[...]}` (the migrations this
 * process applied) or `failed: <message>`, and exits 0 or 1.
 */
import pg from 'pg';
import { loadMigrations, migrate } from '../../src-main/storage/pg/migrate';
import { openPgStore } from '../../src-main/storage/pg/pgStore';

const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1]!;
const at = Number(arg('at'));
const pool = new pg.Pool({ connectionString: arg('url'), max: 2 });
pool.on('error', () => undefined);
const migrations = loadMigrations();
// wait for the agreed moment, the last milliseconds busily, so the starts really overlap
while (Date.now() < at - 20) await new Promise((r) => setTimeout(r, 5));
while (Date.now() < at);
try {
  const applied = await migrate(pool, migrations);
  // and the library is usable at once
  const store = await openPgStore(pool, { migrate: false });
  const maps = await store.list();
  console.log(JSON.stringify({ applied, maps: maps.length }));
} catch (e) {
  console.log(`failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
