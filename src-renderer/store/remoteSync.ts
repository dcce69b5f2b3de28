/**
 * Another window (or another Lanemap on the same library) may write the open map: every few
 * seconds while this window is visible, and at once when it gets the focus back, the editor
 * asks for the map's revision and carries in whatever changed (editorStore `sync`); a map
 * deleted meanwhile is said, and the library shown.
 */
import { useEffect } from 'react';
import { t } from '../i18n';
import type { EditorStore } from './editorStore';
import { notify } from './notices';

const EVERY_MS = 3000;

/** `onGone`: the open map was deleted elsewhere (the user is told, and goes back to the library). */
export function useRemoteSync(store: EditorStore, onGone: () => void) {
  useEffect(() => {
    const sync = () => {
      if (document.visibilityState !== 'visible') return;
      void store
        .getState()
        .sync()
        .then((state) => {
          if (state !== 'gone') return;
          notify.error(t('errors.mapGoneElsewhere'));
          onGone();
        });
    };
    const timer = window.setInterval(sync, EVERY_MS);
    window.addEventListener('focus', sync);
    document.addEventListener('visibilitychange', sync);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', sync);
      document.removeEventListener('visibilitychange', sync);
    };
  }, [store, onGone]);
}
