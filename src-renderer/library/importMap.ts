/**
 * Imports a .lanemap.json file (picked or dropped on the window) as a new map; a BPMN file
 * (told by its content, then its name: shared/interop/bpmnWire.ts) goes to bpmnImport.ts. The file is
 * checked here first with the backend's own check (shared/export/lanemapJson.ts), so that what
 * is wrong with it can be said in the user's language; the backend checks everything again.
 */
import { useEffect } from 'react';
import type { MapSummary } from '../../shared/model/types';
import { MAX_LANEMAP_TEXT, parseLanemapJson } from '../../shared/export/lanemapJson';
import { libraryApi as api } from '../team/current';
import { formatNumber, t } from '../i18n';
import { describeImportProblem, failureReason } from '../i18n/errors';
import { notify } from '../store/notices';
import { importKind } from '../../shared/interop/bpmnWire';
import { importBpmnText, refuseLargeBpmn } from './bpmnImport';

const limit = () => formatNumber(MAX_LANEMAP_TEXT / 1024 / 1024);

/** Imports the file; null when refused, or when it is BPMN (its summary dialog opens the map). */
export async function importMapFile(file: File): Promise<MapSummary | null> {
  const name = file.name;
  const refuse = (reason: string) => {
    notify.error(`${t('errors.import.failed', { name })} ${reason}`);
    return null;
  };
  // the limit is on the text (as the backend counts it); 4 bytes a character at most
  if (file.size > MAX_LANEMAP_TEXT * 4) {
    return importKind('', name) === 'bpmn' ? refuseLargeBpmn(name) : refuse(t('errors.import.tooLarge', { name, limit: limit() }));
  }
  try {
    const text = await file.text();
    if (importKind(text, name) === 'bpmn') {
      // into the library in use (a team library's server reads the file as the app does)
      await importBpmnText(name, text);
      return null;
    }
    if (text.length > MAX_LANEMAP_TEXT) return refuse(t('errors.import.tooLarge', { name, limit: limit() }));
    const checked = parseLanemapJson(text);
    if (!checked.ok) return refuse(describeImportProblem(checked.problem, name));
    const summary = await api['maps:import']({ text });
    notify.info(t('notices.imported', { title: summary.title, steps: t('common.stepCount', { count: summary.stepCount }) }));
    return summary;
  } catch (e) {
    return refuse(failureReason(e));
  }
}

/** Dropping a .lanemap.json or .bpmn file anywhere on the window imports it and opens it. */
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
