/**
 * The words of a BPMN import's summary and problems, in English and Russian (the app and the CLI).
 * PLACEHOLDER: the import engineer fills this in; the signatures are agreed, do not change them.
 */
import type { BpmnProblem, ImportSummary } from './import';

export type SummaryLang = 'en' | 'ru';

/** The summary as sentences: what became what ("12 user tasks → tasks"), and what could not be kept and why. */
export function describeSummary(summary: ImportSummary, lang: SummaryLang): { kept: string[]; lost: string[] } {
  void lang;
  return { kept: summary.lines.filter((l) => l.became).map((l) => `${l.count} ${l.element} → ${l.became}`), lost: summary.lines.filter((l) => !l.became).map((l) => `${l.count} ${l.element}`) };
}

/** Why a file could not be imported, as a sentence. */
export function describeProblem(code: BpmnProblem, lang: SummaryLang): string {
  void lang;
  return code;
}
