/**
 * One Lanemap backend for the soak run, started as `npm run web` starts (src-main/web.ts): the
 * library file given as `--file` opened through the shell's start-up (checked, migrated,
 * seeded; a damaged or unusable library is told on stderr and the process exits 1, which the
 * soak counts as a crash), rolling backups after writes, and the HTTP bridge on 127.0.0.1 (a
 * free port). Prints one JSON line `{"url", "token", "pid"}` on stdout. SIGTERM stops it as
 * `npm run web` stops; the soak run also ends it with SIGKILL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '../src-main/services/library';
import { withRollingBackups } from '../src-main/shell/backupWiring';
import { startLibrary } from '../src-main/shell/startup';
import { backupSchedulerFor } from '../src-main/storage/backups';
import { startWebBridge } from '../src-main/web/server';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const file = arg('file');
if (!file) {
  console.error('soak/server.ts: --file <library file> is required');
  process.exit(2);
}

// nobody answers questions here: a damaged library is told and the start gives up
const started = await startLibrary({
  dataFile: path.resolve(file),
  language: 'en',
  ui: {
    tell: async (message) => void process.stderr.write(`${message}\n`),
    choose: async (message) => {
      process.stderr.write(`${message}\n(the soak answers: quit)\n`);
      return 'quit';
    },
  },
});
if (!started.ok) process.exit(started.exitCode);
const { db } = started;
const backups = backupSchedulerFor(db, path.resolve(file));
const services = withRollingBackups(createServices(db, { dataFile: file, transport: 'http', version: 'soak' }), backups);
// no page is served: the soak run talks to the API only (an empty folder beside the library,
// removed with the soak's temp folders even when this process is killed)
const rendererDir = path.join(path.dirname(path.resolve(file)), 'renderer');
fs.mkdirSync(rendererDir, { recursive: true });
const bridge = await startWebBridge({ services, rendererDir });
process.stdout.write(`${JSON.stringify({ url: bridge.url, token: bridge.token, pid: process.pid })}\n`);

const stop = () => {
  void bridge.close().then(() => {
    backups.atQuit();
    db.close();
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
