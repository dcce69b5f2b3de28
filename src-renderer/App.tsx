/** Top level: the map library, or one open map. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useRemoteSync } from './store/remoteSync';
import { localStash, useSaveOnLeave } from './store/saveOnLeave';
import { Notices } from './components/Notices';
import { LibraryView } from './library/LibraryView';
import { useDropToImport } from './library/importMap';
import { BpmnImportDialogs } from './library/BpmnImportDialogs';
import { editorStoreFor } from './team/editorStores';
import { useTeamMap } from './team/useTeamMap';
import { openedLibrary, useTeam } from './team/teamState';
import { EditorProvider } from './store/context';
import { notify } from './store/notices';
import { SettingsDialog } from './settings/SettingsDialog';
import { useSettings } from './settings/settingsStore';
import { mapIsGone, NavigationContext, nextTrail, type Crumb } from './hierarchy/navigation';
import { t } from './i18n';

// The editor (canvas, views, panels) is its own chunk: the library starts without parsing it,
// and fetches it while idle, so it is there by the time a map is opened.
const loadEditor = () => import('./editor/EditorScreen');
const EditorScreen = lazy(() => loadEditor().then((m) => ({ default: m.EditorScreen })));

function Opening() {
  return (
    <div className="busy opening" role="status">
      <span className="spinner" aria-hidden /> {t('editor.opening')}
    </div>
  );
}

function initialMapId(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('map');
}
// a team map's library is in the hash too (`lib=`): a reload opens it from there
openedLibrary(new URLSearchParams(window.location.hash.slice(1)).get('lib'));

export function App() {
  const library = useTeam((s) => s.library);
  const store = useMemo(() => editorStoreFor(library, notify, localStash), [library]);
  useSaveOnLeave(store, library);
  const [mapId, setMapId] = useState<string | null>(initialMapId);
  useTeamMap(store, library, mapId);

  const open = useCallback(
    (id: string | null) => {
      // the map id in the URL hash lets a reload come back to the same map
      const lib = library !== 'local' ? `&lib=${encodeURIComponent(library)}` : '';
      window.history.replaceState(null, '', id ? `#map=${encodeURIComponent(id)}${lib}` : '#');
      setMapId(id);
    },
    [library],
  );
  // opened from the library (or a dropped file): no trail, the breadcrumb follows the links
  const openFromLibrary = useCallback(
    (id: string | null) => {
      setTrail([]);
      open(id);
    },
    [open],
  );
  useDropToImport(openFromLibrary);
  const backToLibrary = useCallback(() => openFromLibrary(null), [openFromLibrary]);
  useRemoteSync(store, backToLibrary);
  // another map opens only once the edits of this one are stored (its links feed the breadcrumb)
  const [trail, setTrail] = useState<Crumb[]>([]);
  const navigation = useMemo(
    () => ({
      trail,
      openMap(id: string | null, how?: 'down' | 'up') {
        void (async () => {
          await store
            .getState()
            .flush()
            .catch(() => undefined);
          // a link to a map deleted meanwhile: say so and stay, rather than open an empty editor
          if (id && (await mapIsGone(id))) {
            notify.error(t('hierarchy.missing'));
            return;
          }
          const doc = store.getState().doc;
          setTrail(nextTrail(trail, doc ? { id: doc.id, title: doc.title } : null, id, how));
          open(id);
        })();
      },
    }),
    [store, open, trail],
  );
  const settingsOpen = useSettings((s) => s.dialogOpen);
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => void loadEditor());
  }, []);

  return (
    <EditorProvider store={store}>
      <NavigationContext.Provider value={navigation}>
        {mapId ? (
          <Suspense fallback={<Opening />}>
            <EditorScreen key={mapId} mapId={mapId} onClose={() => openFromLibrary(null)} />
          </Suspense>
        ) : (
          <LibraryView key={library} onOpen={openFromLibrary} />
        )}
      </NavigationContext.Provider>
      {settingsOpen && <SettingsDialog />}
      <BpmnImportDialogs onOpen={openFromLibrary} />
      <Notices />
    </EditorProvider>
  );
}
