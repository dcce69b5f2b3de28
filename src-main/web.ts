/**
 * `npm run web`: the app in a browser on 127.0.0.1, over the HTTP bridge. For development,
 * tests and machines without Electron; never shipped in the packaged app.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, LIBRARY_FILE_NAME } from './paths';
import { createServices, seedLibrary, systemLanguage } from './services/library';
import { openLibrary } from './storage/database';
import { startWebBridge } from './web/server';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataFile = path.join(defaultDataDir(), LIBRARY_FILE_NAME);
const { db, backupPath } = openLibrary(dataFile);
// the sample map in the language of the system the bridge runs on
seedLibrary(db, undefined, systemLanguage());
if (backupPath) console.log(`Backed up the library before migrating: ${backupPath}`);
const services = createServices(db, { dataFile, transport: 'http' });
const bridge = await startWebBridge({ services, rendererDir: path.join(here, '../renderer'), port: Number(process.env.PORT ?? 5717) });
console.log(`Lanemap is running at ${bridge.url}  (library: ${dataFile})`);
console.log('Press Ctrl+C to stop.');
const stop = () => {
  void bridge.close().then(() => {
    db.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
