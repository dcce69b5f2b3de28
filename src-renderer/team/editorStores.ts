/**
 * One editor store per library (App.tsx): a team library's store writes through apiFor(library),
 * names whose change a refused edit met (the last writer of the map, from the team events), and
 * never queues an edit its server would not take (signed out, not reachable): it is shown as
 * text to copy instead (unsavedText.ts). The local store is the app's as before.
 */
import { createEditorStore, type EditorNotify, type EditorStore, type UnsavedStash } from '../store/editorStore';
import { t } from '../i18n';
import { apiFor, isTeamLibrary, type LibraryId } from './teamApi';
import { libraryName, mapKey, serverOf, useTeam } from './teamState';
import { describeUnsaved } from './unsavedText';

const stores = new Map<LibraryId, EditorStore>();
const LOST = new Set(['offline', 'unauthorized', 'forbidden']);

export function editorStoreFor(library: LibraryId, notify: EditorNotify, stash?: UnsavedStash): EditorStore {
  let store = stores.get(library);
  if (store) return store;
  if (!isTeamLibrary(library)) {
    store = createEditorStore(apiFor(library), notify, stash);
  } else {
    const teamNotify: EditorNotify = {
      ...notify,
      conflict(rows) {
        notify.conflict?.(rows);
        const mapId = store?.getState().doc?.id;
        const by = mapId ? useTeam.getState().lastWriter[mapKey(library, mapId)] : null;
        const me = serverOf(library)?.user?.id;
        notify.error(by && by.id !== me ? t('team.editor.conflictBy', { name: by.name }) : t('team.editor.conflictSomeone'));
      },
    };
    // edits left by a window that went away are not replayed into a team map later: that would be a queue
    store = createEditorStore(apiFor(library), teamNotify, undefined, {
      lost: { codes: LOST, describe: describeUnsaved },
    });
  }
  stores.set(library, store);
  return store;
}

export const teamLibraryName = (library: LibraryId) => libraryName(serverOf(library));
