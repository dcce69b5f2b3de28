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

  return (
    <EditorProvider store={store}>
      {mapId ? (
        <ReactFlowProvider>
          <MapEditor mapId={mapId} onClose={() => open(null)} />
        </ReactFlowProvider>
      ) : (
        <LibraryView onOpen={open} />
      )}
      <Notices />
    </EditorProvider>
  );
}
