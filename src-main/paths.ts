/** Where the library lives when Electron's `app.getPath('userData')` is not at hand (web bridge). */
import os from 'node:os';
import path from 'node:path';

export const LIBRARY_FILE_NAME = 'lanemap.sqlite';

/** The same folder Electron uses for an app named "Lanemap", so both share one library. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.LANEMAP_DATA_DIR) return env.LANEMAP_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Lanemap');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Lanemap');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Lanemap');
}
