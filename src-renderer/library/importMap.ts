/**
 * Imports a .lanemap.json file (picked or dropped on the window) as a new map. The backend
 * checks everything; a bad file gets a clear message and changes nothing.
 */
import { useEffect } from 'react';
import type { MapSummary } from '../../shared/model/types';
import { MAX_LANEMAP_TEXT } from '../../shared/export/lanemapJson';
import { api } from '../api';
import { notify } from '../store/notices';

export async function importMapFile(file: File): Promise<MapSummary | null> {
  // the limit is on the text (as the backend counts it); 4 bytes a character at most
  if (file.size > MAX_LANEMAP_TEXT * 4) {
    notify.error(`“${file.name}” is larger than Lanemap accepts.`);
    return null;
  }
  try {
    const text = await file.text();
    if (text.length > MAX_LANEMAP_TEXT) {
      notify.error(`“${file.name}” is larger than Lanemap accepts (20 million characters).`);
      return null;
    }
    const summary = await api['maps:import']({ text });
    notify.info(`Imported “${summary.title}” (${summary.stepCount} steps).`);
    return summary;
  } catch (e) {
    notify.error(`“${file.name}” was not imported: ${(e as Error).message}`);
    return null;
  }
}

/** Dropping a .lanemap.json file anywhere on the window imports it and opens it. */
export function useDropToImport(onImported: (id: string) => void) {
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void importMapFile(file).then((s) => s && onImported(s.id));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onImported]);
}
