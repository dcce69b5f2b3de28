/** BPMN 2.0 exchange (issue 11): export (export.ts), import (import.ts), the import summary's words (summaryText.ts). */
export { mapToBpmn, type BpmnExportOptions } from './export';
export { bpmnToMaps, BpmnImportError, type BpmnImport, type BpmnImportOptions, type BpmnProblem, type ImportSummary, type SummaryLine } from './import';
export { describeProblem, describeSummary, type SummaryLang } from './summaryText';
