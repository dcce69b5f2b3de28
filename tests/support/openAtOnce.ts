/**
 * A process that opens (migrates) and seeds a library at an agreed moment, as a Lanemap start
 * does, for tests of starts that race: `--file <library> --at <epoch ms>`. Prints "ok" or the
 * error, and exits 0 or 1.
 */
import { seedLibrary } from '../../src-main/services/library';
import { openLibrary } from '../../src-main/storage/database';

const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1]!;
const at = Number(arg('at'));
// wait for the agreed moment, the last milliseconds busily, so the starts really overlap
while (Date.now() < at - 20) await new Promise((r) => setTimeout(r, 5));
while (Date.now() < at);
try {
  const { db } = openLibrary(arg('file'));
  seedLibrary(db);
  db.close();
  console.log('ok');
} catch (e) {
  console.log(`failed: ${(e as Error).message}`);
  process.exit(1);
}
