/** Top level: the map library, or one open map. */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { api } from './api';
import { localStash, useSaveOnLeave } from './store/saveOnLeave';
import { Notices } from './components/Notices';
import { MapEditor } from './editor/MapEditor';
import { LibraryView } from './library/LibraryView';
import { useDropToImport } from './library/importMap';
import { createEditorStore } from './store/editorStore';
import { EditorProvider } from './store/context';
import { notify } from './store/notices';
import { SettingsDialog } from './settings/SettingsDialog';
import { useSettings } from './settings/settingsStore';
import { mapIsGone, NavigationContext } from './hierarchy/navigation';
import { t } from './i18n';

function initialMapId(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('map');
}

export function App() {
  const store = useMemo(() => createEditorStore(api, notify, localStash), []);
  useSaveOnLeave(store);
  const [mapId, setMapId] = useState<string | null>(initialMapId);

  const open = useCallback((id: string | null) => {
    // the map id in the URL hash lets a reload come back to the same map
    window.history.replaceState(null, '', id ? `#map=${encodeURIComponent(id)}` : '#');
    setMapId(id);
  }, []);
  useDropToImport(open);
  // another map opens only once the edits of this one are stored (its links feed the breadcrumb)
  const navigation = useMemo(
    () => ({
      openMap(id: string | null) {
        void (async () => {
          await store
            .getState()
            .flush()
            .catch(() => undefined);
          // a link to a map deleted meanwhile: say so and stay, rather than open an empty editor
          if (id && (await mapIsGone(id))) notify.error(t('hierarchy.missing'));
          else open(id);
        })();
      },
    }),
    [store, open],
  );
  const settingsOpen = useSettings((s) => s.dialogOpen);

  return (
    <EditorProvider store={store}>
      <NavigationContext.Provider value={navigation}>
        {mapId ? (
          <ReactFlowProvider key={mapId}>
            <MapEditor mapId={mapId} onClose={() => open(null)} />
          </ReactFlowProvider>
        ) : (
          <LibraryView onOpen={open} />
        )}
      </NavigationContext.Provider>
      {settingsOpen && <SettingsDialog />}
      <Notices />
    </EditorProvider>
  );
}
