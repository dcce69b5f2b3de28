/**
 * The user's settings (interface language, author name) as the renderer holds them: read from
 * the library file before the first screen is drawn, changed from the Settings dialog and
 * written back at once. Other features read them here, e.g. `useSettings((s) => s.authorName)`.
 */
import { create } from 'zustand';
import type { Settings } from '../../shared/contract';
import { api } from '../api';
import { applyLanguage } from '../i18n';
import { describeFailure } from '../i18n/errors';
import { notify } from '../store/notices';
import { announceRestoredBackup } from './BackupsSection';

interface SettingsState extends Settings {
  dialogOpen: boolean;
  openDialog(): void;
  closeDialog(): void;
  /** Applies `patch` at once and stores it; false (and a notice) if it could not be stored. */
  update(patch: Partial<Settings>): Promise<boolean>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  language: 'auto',
  authorName: '',
  dialogOpen: false,
  openDialog: () => set({ dialogOpen: true }),
  closeDialog: () => set({ dialogOpen: false }),
  async update(patch) {
    const before = { language: get().language, authorName: get().authorName };
    set(patch);
    if (patch.language) await applyLanguage(patch.language);
    try {
      const stored = await api['settings:set'](patch);
      set(stored);
      return true;
    } catch (e) {
      // what is on screen stays for this session; the next start reads what is stored
      notify.error(describeFailure('saveSettings', e));
      if (patch.authorName !== undefined) set({ authorName: before.authorName });
      return false;
    }
  },
}));

/** A slow or absent backend must not keep the window blank: after this the system language is used. */
const LOAD_TIMEOUT_MS = 2000;

/** Reads the stored settings and switches the interface to their language (before the first render). */
export async function loadSettings(): Promise<void> {
  try {
    const stored = await Promise.race([
      api['settings:get']({}),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), LOAD_TIMEOUT_MS)),
    ]);
    useSettings.setState(stored);
    await applyLanguage(stored.language);
  } catch {
    // the interface follows the system's language; the library's own errors show on its screen
  }
  // after a restore the page was reloaded: say so, in the restored library's language
  announceRestoredBackup();
}
