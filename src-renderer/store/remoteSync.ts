/**
 * Another window (or another Lanemap on the same library) may write the open map: every few
 * seconds while this window is visible, and at once when it gets the focus back, the editor
 * asks for the map's revision and carries in whatever changed (editorStore `sync`).
 */
import { useEffect } from 'react';
import type { EditorStore } from './editorStore';

const EVERY_MS = 3000;

export function useRemoteSync(store: EditorStore) {
  useEffect(() => {
    const sync = () => {
      if (document.visibilityState === 'visible') void store.getState().sync();
    };
    const timer = window.setInterval(sync, EVERY_MS);
    window.addEventListener('focus', sync);
    document.addEventListener('visibilitychange', sync);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', sync);
      document.removeEventListener('visibilitychange', sync);
    };
  }, [store]);
}
