/**
 * One Lanemap backend for the soak run: opens (creating if needed) the library file given as
 * `--file`, seeds it as `npm run web` does, starts the HTTP bridge on 127.0.0.1 (a free port)
 * and prints one JSON line `{"url", "token", "pid"}` on stdout. SIGTERM closes it cleanly;
 * the soak run also ends it with SIGKILL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, seedLibrary } from '../src-main/services/library';
import { openLibrary } from '../src-main/storage/database';
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

const { db } = openLibrary(file);
seedLibrary(db, undefined, 'en');
const services = createServices(db, { dataFile: file, transport: 'http', version: 'soak' });
// no page is served: the soak run talks to the API only
const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-soak-renderer-'));
const bridge = await startWebBridge({ services, rendererDir });
process.stdout.write(`${JSON.stringify({ url: bridge.url, token: bridge.token, pid: process.pid })}\n`);

const stop = () => {
  void bridge.close().then(() => {
    db.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
