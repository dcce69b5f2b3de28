/**
 * Where the main process keeps the team servers' session tokens (the renderer never sees one).
 * `memoryVault`: for this run only. `fileVault`: a JSON file with mode 0600 in the data
 * directory, each token passed through a `codec` when one is given (Electron: safeStorage,
 * shell/tokenVault.ts); without one (the browser build, `npm run web`) the tokens are stored
 * as they are, readable by anyone who can read the user's files.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TokenVault {
  /** How tokens are kept: 'encrypted' (OS key store), 'file' (not encrypted), 'memory' (until the app quits). */
  readonly kind: 'encrypted' | 'file' | 'memory';
  get(serverId: string): string | null;
  set(serverId: string, token: string): void;
  delete(serverId: string): void;
}

export function memoryVault(): TokenVault {
  const tokens = new Map<string, string>();
  return {
    kind: 'memory',
    get: (id) => tokens.get(id) ?? null,
    set: (id, token) => void tokens.set(id, token),
    delete: (id) => void tokens.delete(id),
  };
}

export interface TokenCodec {
  encode(token: string): string;
  /** Throws when the stored text cannot be read back (another machine's key): that token is forgotten. */
  decode(stored: string): string;
}

export function fileVault(file: string, codec?: TokenCodec): TokenVault {
  const read = (): Record<string, string> => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, string>) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // written beside and renamed: a crash never leaves half a file; 0600 from the first byte
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, file);
  };
  return {
    kind: codec ? 'encrypted' : 'file',
    get(id) {
      const stored = read()[id];
      if (stored === undefined) return null;
      if (!codec) return stored;
      try {
        return codec.decode(stored);
      } catch {
        return null;
      }
    },
    set(id, token) {
      write({ ...read(), [id]: codec ? codec.encode(token) : token });
    },
    delete(id) {
      const all = read();
      if (!(id in all)) return;
      delete all[id];
      write(all);
    },
  };
}
