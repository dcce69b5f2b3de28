/**
 * The step table as CSV: one row per step in reading order (phase column, lane, x), UTF-8 with
 * a byte order mark so Excel shows Cyrillic, RFC 4180 quoting (CRLF line ends), and cells that
 * a spreadsheet would run as a formula (= + - @, tab, CR) prefixed with an apostrophe.
 */
import type { Duration, MapDoc, StepKind } from '../model/types';
import { formatDuration, readingOrder } from './svg';

export interface CsvLabels {
  phase: string;
  role: string;
  kind: string;
  title: string;
  description: string;
  inputs: string;
  outputs: string;
  resources: string;
  duration: string;
}

const DEFAULT_HEADER: CsvLabels = {
  phase: 'Phase',
  role: 'Role',
  kind: 'Kind',
  title: 'Title',
  description: 'Description',
  inputs: 'Inputs',
  outputs: 'Outputs',
  resources: 'Resources',
  duration: 'Duration',
};

export const CSV_BOM = '\uFEFF';

/** One cell: formula-looking text neutralised, then quoted when it needs to be. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvOptions {
  header?: Partial<CsvLabels>;
  /** The words for the step kinds (default: the kind's id, e.g. "task"). */
  kinds?: Partial<Record<StepKind, string>>;
  /** A duration as a cell (default "1.5 h"). */
  formatDuration?: (d: Duration) => string;
  stepIds?: string[];
}

export function renderStepsCsv(doc: MapDoc, options: CsvOptions = {}): string {
  const h = { ...DEFAULT_HEADER, ...options.header };
  const only = options.stepIds?.length ? new Set(options.stepIds) : null;
  const rows: string[][] = [[h.phase, h.role, h.kind, h.title, h.description, h.inputs, h.outputs, h.resources, h.duration]];
  for (const s of readingOrder(doc)) {
    if (only && !only.has(s.id)) continue;
    const phase = s.phaseId ? (doc.phases[s.phaseId]?.name ?? '') : '';
    rows.push([
      phase,
      doc.roles[s.roleId]?.name ?? '',
      options.kinds?.[s.kind] ?? s.kind,
      s.title,
      s.description,
      s.inputs.join('; '),
      s.outputs.join('; '),
      s.resources.join('; '),
      s.duration && options.formatDuration ? options.formatDuration(s.duration) : formatDuration(s.duration),
    ]);
  }
  return CSV_BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Parses RFC 4180 CSV (BOM allowed): for tests and for reading our own files back. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && src[i + 1] === '\n') {
      // CRLF: handled at the \n
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
