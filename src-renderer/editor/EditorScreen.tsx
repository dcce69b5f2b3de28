/** The editor with its own React Flow state: the lazily loaded part of the app (App.tsx). */
import { ReactFlowProvider } from '@xyflow/react';
import { MapEditor } from './MapEditor';

export function EditorScreen({ mapId, onClose }: { mapId: string; onClose(): void }) {
  return (
    <ReactFlowProvider>
      <MapEditor mapId={mapId} onClose={onClose} />
    </ReactFlowProvider>
  );
}
