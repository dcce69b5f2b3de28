/**
 * The user's settings (interface language, author name), one row each in the library's
 * key/value `settings` table. Inputs arrive validated (`settings:set` in shared/contract.ts);
 * a stored value that is not valid (an old or hand-edited file) reads as the default.
 */
import { LANGUAGE_SETTINGS, type CallInput, type CallResults, type Settings } from '../../shared/contract';
import type { Db } from '../storage/database';

const KEYS = { language: 'ui.language', authorName: 'author.name' } as const;
const DEFAULTS: Settings = { language: 'auto', authorName: '' };

export function createSettingsServices(db: Db): {
  'settings:get': (input: CallInput<'settings:get'>) => CallResults['settings:get'];
  'settings:set': (input: CallInput<'settings:set'>) => CallResults['settings:set'];
} {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const get = (): Settings => {
    const language = read.get(KEYS.language);
    const authorName = read.get(KEYS.authorName);
    return {
      language: (LANGUAGE_SETTINGS as readonly string[]).includes(language ?? '') ? (language as Settings['language']) : DEFAULTS.language,
      authorName: typeof authorName === 'string' ? authorName : DEFAULTS.authorName,
    };
  };

  return {
    'settings:get': () => get(),
    'settings:set': (patch) => {
      db.transaction(() => {
        if (patch.language !== undefined) write.run(KEYS.language, patch.language);
        if (patch.authorName !== undefined) write.run(KEYS.authorName, patch.authorName);
      }).immediate();
      return get();
    },
  };
}
