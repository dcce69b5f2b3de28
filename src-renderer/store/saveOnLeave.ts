/**
 * Nothing typed or moved is lost when the window goes away a moment after an edit: the field
 * being typed in is committed, and what is not stored yet is sent as a last call. Electron
 * asks `window.__lanemapFlush` before it closes the window and waits for it.
 */
import { useEffect } from 'react';
import { callOnLeave } from '../api';
import { inputSchemas } from '../../shared/contract';
import type { EditorStore, UnsavedStash } from './editorStore';

/** Browsers send at most 64 KiB in requests made as a page goes away; larger edits wait here. */
const KEEPALIVE_LIMIT = 60_000;
const KEY = (mapId: string) => `lanemap:unsaved:${mapId}`;
/** What is kept: the edits of a `maps:applyChanges` call without the map id. */
const StashSchema = inputSchemas['maps:applyChanges'].omit({ id: true });

/** What a window could not send as it went away, for the next time the map opens. */
export const localStash: UnsavedStash = {
  take(mapId) {
    try {
      const raw = localStorage.getItem(KEY(mapId));
      if (!raw) return null;
      localStorage.removeItem(KEY(mapId));
      const parsed = StashSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  },
};

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

/** `library`: 'local', or the team server whose map is open (its last write goes there, through the main process). */
export function useSaveOnLeave(store: EditorStore, library = 'local') {
  useEffect(() => {
    const onLeave = () => {
      commitFocusedField();
      const unsaved = store.getState().unsaved();
      if (!unsaved) return;
      const body = JSON.stringify(unsaved);
      if (library !== 'local') {
        if (body.length < KEEPALIVE_LIMIT) callOnLeave('team:call', { server: library, name: 'maps:applyChanges', input: unsaved });
      } else if (body.length < KEEPALIVE_LIMIT) callOnLeave('maps:applyChanges', unsaved);
      else {
        try {
          const { id, ...edits } = unsaved;
          localStorage.setItem(KEY(id), JSON.stringify(edits));
        } catch {
          // storage full or unavailable: nothing more can be done as the page goes
        }
      }
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
  }, [store, library]);
}
