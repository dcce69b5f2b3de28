/**
 * The desktop app's team tokens (team/vault.ts), encrypted with Electron's safeStorage (the OS
 * key store: Keychain, DPAPI, libsecret/kwallet) in `team-tokens.json` beside the library, mode
 * 0600. Where it cannot encrypt (no key store; on Linux its 'basic_text' fallback, a fixed key
 * that protects nothing) tokens are kept in memory for this run only: the user signs in again
 * after a restart. Call after the app is ready (safeStorage needs it).
 */
import type { SafeStorage } from 'electron';
import { fileVault, memoryVault, type TokenVault } from '../team/vault';

type Safe = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string };

export function electronTokenVault(safe: Safe | undefined, file: string, platform: NodeJS.Platform = process.platform): TokenVault {
  let usable = false;
  try {
    usable = !!safe?.isEncryptionAvailable() && !(platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text');
  } catch {
    usable = false;
  }
  if (!safe || !usable) return memoryVault();
  return fileVault(file, {
    encode: (token) => safe.encryptString(token).toString('base64'),
    decode: (stored) => safe.decryptString(Buffer.from(stored, 'base64')),
  });
}
