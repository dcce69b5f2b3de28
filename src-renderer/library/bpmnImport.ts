/**
 * Importing a BPMN 2.0 file (issue 11), picked or dropped like a .lanemap.json: the text goes to
 * the backend (`maps:importBpmn`), which reads it in a worker and stores every map it makes. While
 * it reads, a progress dialog shows (after half a second); then a summary of what became what,
 * and what could not be kept and why, with "Open map" (BpmnImportDialogs.tsx).
 */
import { create } from 'zustand';
import { describeProblem } from '../../shared/interop/bpmn/summaryText';
import { MAX_BPMN_TEXT, type BpmnImportResult } from '../../shared/interop/bpmnWire';
import { libraryApi as api } from '../team/current';
import { currentLanguage, t } from '../i18n';
import { failureReason } from '../i18n/errors';
import { notify } from '../store/notices';

export type BpmnImported = Extract<BpmnImportResult, { ok: true }>;

interface BpmnImportState {
  /** The name of the file being read, or null. */
  reading: string | null;
  /** The last import's result, shown until closed. */
  result: BpmnImported | null;
  /** How many imports have stored maps (the library lists them again). */
  imports: number;
}

export const useBpmnImport = create<BpmnImportState>(() => ({ reading: null, result: null, imports: 0 }));

export function closeBpmnSummary(): void {
  useBpmnImport.setState({ result: null });
}

/** Says why the file `name` was not imported, in the interface's language. */
function refuse(name: string, reason: string): null {
  notify.error(`${t('bpmn.failed', { name })} ${reason}`);
  return null;
}

/** Imports a BPMN file's text; the summary dialog shows the result. Returns it, or null when refused. */
export async function importBpmnText(name: string, text: string): Promise<BpmnImported | null> {
  if (text.length > MAX_BPMN_TEXT) return refuse(name, describeProblem('too-large', currentLanguage()));
  useBpmnImport.setState({ reading: name, result: null });
  try {
    const r = await api['maps:importBpmn']({ text, fileName: name.slice(0, 255) });
    if (!r.ok) return refuse(name, describeProblem(r.problem, currentLanguage()));
    useBpmnImport.setState((s) => ({ result: r, imports: s.imports + 1 }));
    return r;
  } catch (e) {
    return refuse(name, failureReason(e));
  } finally {
    useBpmnImport.setState({ reading: null });
  }
}

/** A file too large to read as BPMN, said as BPMN's problem. */
export function refuseLargeBpmn(name: string): null {
  return refuse(name, describeProblem('too-large', currentLanguage()));
}
