/**
 * Nothing typed or moved is lost when the window goes away a moment after an edit: the field
 * being typed in is committed, and what is not stored yet is sent as a last call. Electron
 * asks `window.__lanemapFlush` before it closes the window and waits for it.
 */
import { useEffect } from 'react';
import { callOnLeave } from '../api';
import type { EditorStore } from './editorStore';

declare global {
  interface Window {
    __lanemapFlush?: () => Promise<void>;
  }
}

/** Commits the text field being edited (CommitField saves on blur). */
function commitFocusedField() {
  const el = document.activeElement;
  if (el instanceof HTMLElement) el.blur();
}

export function useSaveOnLeave(store: EditorStore) {
  useEffect(() => {
    const onLeave = () => {
      commitFocusedField();
      const unsaved = store.getState().unsaved();
      if (unsaved) callOnLeave('maps:applyChanges', unsaved);
    };
    window.__lanemapFlush = async () => {
      commitFocusedField();
      await store.getState().flush();
    };
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      delete window.__lanemapFlush;
    };
  }, [store]);
}
