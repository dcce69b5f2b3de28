/** One open map: toolbar, lanes panel, canvas, inspector. */
import { useCallback, useEffect, useState } from 'react';
import { MapCanvas } from '../canvas/MapCanvas';
import { Inspector } from '../panels/Inspector';
import { RolesPanel } from '../panels/RolesPanel';
import { useEditor, useEditorStore } from '../store/context';
import { ShortcutsHelp } from './ShortcutsHelp';
import { ExportDialog } from '../export/ExportDialog';
import { Toolbar } from './Toolbar';
import { useEditorShortcuts } from './useEditorShortcuts';

export function MapEditor({ mapId, onClose }: { mapId: string; onClose(): void }) {
  const store = useEditorStore();
  const hasDoc = useEditor((s) => s.doc !== null);
  const loading = useEditor((s) => s.loading);
  const [showRoles, setShowRoles] = useState(true);
  const [showInspector, setShowInspector] = useState(true);
  const [showHelp, setShowHelp] = useState(false);
  const [showExport, setShowExport] = useState(false);

  useEffect(() => {
    void store.getState().load(mapId);
    return () => store.getState().close();
  }, [mapId, store]);

  const title = useEditor((s) => s.doc?.title);
  useEffect(() => {
    document.title = title ? `${title} — Lanemap` : 'Lanemap';
    return () => {
      document.title = 'Lanemap';
    };
  }, [title]);

  const openHelp = useCallback(() => setShowHelp(true), []);
  const openExport = useCallback(() => setShowExport(true), []);
  useEditorShortcuts({ onHelp: openHelp, onExport: openExport });

  if (!hasDoc) {
    return <div className="editor-empty">{loading ? <p className="muted">Opening the map…</p> : <button onClick={onClose}>Back to the library</button>}</div>;
  }
  return (
    <div className="editor">
      <Toolbar
        onClose={onClose}
        onHelp={openHelp}
        onExport={openExport}
        showRoles={showRoles}
        onToggleRoles={() => setShowRoles((v) => !v)}
        showInspector={showInspector}
        onToggleInspector={() => setShowInspector((v) => !v)}
      />
      <div className="editor-body">
        {showRoles && <RolesPanel />}
        <MapCanvas />
        {showInspector && <Inspector />}
      </div>
      {showHelp && <ShortcutsHelp onClose={() => setShowHelp(false)} />}
      {showExport && <ExportDialog onClose={() => setShowExport(false)} />}
    </div>
  );
}
