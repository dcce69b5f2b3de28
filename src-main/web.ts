/**
 * `npm run web`: the app in a browser on 127.0.0.1, over the HTTP bridge. For development,
 * tests and machines without Electron; never shipped in the packaged app. Start-up problems
 * (a damaged, newer or unwritable library) are told in the terminal in plain words, without
 * a stack trace (shell/startup.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, LIBRARY_FILE_NAME } from './paths';
import { createServices, systemLanguage } from './services/library';
import { shellMessages } from './shell/messages';
import { startLibrary } from './shell/startup';
import { createTerminalUi } from './shell/terminalUi';
import { withRollingBackups } from './shell/backupWiring';
import { backupSchedulerFor } from './storage/backups';
import { startWebBridge, type WebBridge } from './web/server';
import { createTeamClient } from './team/client';
import { createEventRelay } from './team/relay';
import { fileVault } from './team/vault';
import { settingsKeyValue } from './services/team';

const here = path.dirname(fileURLToPath(import.meta.url));
// the sample map and every message in the language of the system the bridge runs on
const language = systemLanguage();
const say = shellMessages(language);
const dataFile = path.resolve(defaultDataDir(), LIBRARY_FILE_NAME);
const started = await startLibrary({ dataFile, language, ui: createTerminalUi(say, { input: process.stdin, output: process.stderr, env: process.env }) });
if (!started.ok) process.exit(started.exitCode);
const { db } = started;
if (started.migrationBackup) console.log(say.migrated(started.migrationBackup));
// a copy of the library at most once an hour while editing, and one when the bridge stops
const backups = backupSchedulerFor(db, dataFile);
// team servers: tokens in a file beside the library (mode 0600, not encrypted in this build); events to the pages' /events streams
const relay = createEventRelay({ gone: (client) => team.watch({ client, server: null, mapId: null }) });
const team = createTeamClient({ store: settingsKeyValue(db), vault: fileVault(path.join(path.dirname(dataFile), 'team-tokens.json')), deliver: relay.deliver });
const services = withRollingBackups(createServices(db, { dataFile, transport: 'http', team }), backups);
const port = Number(process.env.PORT ?? 5717);
let bridge: WebBridge;
try {
  bridge = await startWebBridge({ services, rendererDir: path.join(here, '../renderer'), port, events: relay });
} catch (e) {
  db.close();
  if ((e as { code?: unknown }).code !== 'EADDRINUSE') throw e;
  console.error(say.portInUse(port));
  process.exit(1);
}
console.log(say.running(bridge.url, dataFile));
console.log(say.stopHint);
const stop = () => {
  team.close();
  relay.close();
  void bridge.close().then(() => {
    backups.atQuit();
    db.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
