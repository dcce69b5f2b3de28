/**
 * The step table as CSV, made to open right in Excel: one row per step in reading order (phase
 * column, lane, x), numbered; UTF-8 with a byte order mark so Excel shows Cyrillic; RFC 4180
 * quoting (CRLF line ends); a separator of choice (`;` is what Excel expects where the decimal
 * mark is a comma, e.g. in Russia); the duration both as text («1,5 ч») and as a number of
 * minutes beside it; the next steps by number with their branch labels; and cells that a
 * spreadsheet would run as a formula (= + - @, tab, CR) prefixed with an apostrophe.
 *
 * Columns: No., Phase, Role, Kind, Title, Description, Inputs, Outputs, Resources, Duration,
 * Duration (min), Next steps.
 */
import { minutes } from '../analysis/figures';
import type { Duration, MapDoc, StepKind } from '../model/types';
import { nextStepsOf, nextStepsText, numberSteps } from '../document/numbering';
import { formatDuration } from './svg';
import { EXPORT_WORDS } from './words';

export interface CsvLabels {
  number: string;
  phase: string;
  role: string;
  kind: string;
  title: string;
  description: string;
  inputs: string;
  outputs: string;
  resources: string;
  duration: string;
  /** The duration as a number of minutes. */
  minutes: string;
  next: string;
}

/** English unless the caller gives its words (shared/export/words.ts holds both languages). */
const DEFAULT_HEADER: CsvLabels = EXPORT_WORDS.en.csv;

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATORS = [',', ';'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** One cell: formula-looking text neutralised, then quoted when it needs to be. */
export function csvCell(value: string, separator: string = ','): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(safe) || safe.includes(separator) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvOptions {
  header?: Partial<CsvLabels>;
  /** The words for the step kinds (default: the kind's id, e.g. "task"). */
  kinds?: Partial<Record<StepKind, string>>;
  /** A duration as a cell (default "1.5 h"). */
  formatDuration?: (d: Duration) => string;
  stepIds?: string[];
  /** Between cells (default ","). */
  separator?: CsvSeparator;
  /** Minutes written with a decimal comma («1,5»), as a Russian Excel reads numbers. */
  decimalComma?: boolean;
  /** Said of a next step reached by a message flow (default "message"). */
  messageWord?: string;
  untitled?: string;
}

/** A number of minutes as a spreadsheet reads it: no grouping, "1.5" or «1,5». */
function minutesCell(m: number, decimalComma: boolean): string {
  const s = String(Math.round(m * 100) / 100);
  return decimalComma ? s.replace('.', ',') : s;
}

export function renderStepsCsv(doc: MapDoc, options: CsvOptions = {}): string {
  const h = { ...DEFAULT_HEADER, ...options.header };
  const sep = options.separator ?? ',';
  const numbered = numberSteps(doc, options.stepIds);
  const next = nextStepsOf(doc, numbered);
  const words = { message: options.messageWord ?? 'message', untitled: options.untitled ?? 'Untitled step' };
  const quote = (s: string) => `“${s}”`;
  const rows: string[][] = [[h.number, h.phase, h.role, h.kind, h.title, h.description, h.inputs, h.outputs, h.resources, h.duration, h.minutes, h.next]];
  for (const s of numbered.steps) {
    const phase = s.phaseId ? (doc.phases[s.phaseId]?.name ?? '') : '';
    rows.push([
      String(numbered.number.get(s.id)),
      phase,
      doc.roles[s.roleId]?.name ?? '',
      options.kinds?.[s.kind] ?? s.kind,
      s.title,
      s.description,
      s.inputs.join('; '),
      s.outputs.join('; '),
      s.resources.join('; '),
      s.duration ? (options.formatDuration ? options.formatDuration(s.duration) : formatDuration(s.duration)) : '',
      s.duration ? minutesCell(minutes(s.duration), options.decimalComma === true) : '',
      nextStepsText(next.get(s.id), words, quote),
    ]);
  }
  return CSV_BOM + rows.map((r) => r.map((c) => csvCell(c, sep)).join(sep)).join('\r\n') + '\r\n';
}

/** Parses RFC 4180 CSV (BOM allowed) with the given separator: for tests and for reading our own files back. */
export function parseCsv(text: string, separator: string = ','): string[][] {
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
    else if (ch === separator) {
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
