/**
 * Imports a .lanemap.json file (picked or dropped on the window) as a new map. The backend
 * checks everything; a bad file gets a clear message and changes nothing.
 */
import { useEffect } from 'react';
import type { MapSummary } from '../../shared/model/types';
import { api } from '../api';
import { notify } from '../store/notices';

const MAX_BYTES = 20 * 1024 * 1024;

export async function importMapFile(file: File): Promise<MapSummary | null> {
  if (file.size > MAX_BYTES) {
    notify.error(`“${file.name}” is larger than 20 MB: it cannot be a Lanemap map.`);
    return null;
  }
  try {
    const summary = await api['maps:import']({ text: await file.text() });
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
