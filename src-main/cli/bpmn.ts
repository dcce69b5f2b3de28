/**
 * BPMN 2.0 on the command line (issue 11): `lanemap convert <in.bpmn> --format svg|png|json
 * --out F` reads a BPMN file (in a worker thread, as the app does) and writes its main map; what
 * became what, and what could not be kept, goes to stderr in the --lang or the system's language.
 * `lanemap export … --format bpmn` is in main.ts; the writer and reader are shared/interop/bpmn.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BpmnImportError, type BpmnImport } from '../../shared/interop/bpmn/import';
import { describeProblem, describeSummary, type SummaryLang } from '../../shared/interop/bpmn/summaryText';
import { MAX_BPMN_ELEMENTS, MAX_BPMN_TEXT } from '../../shared/interop/bpmnWire';
import { readBpmnInWorker } from '../bpmn/parse';

export const CONVERT_FORMATS = ['svg', 'png', 'json'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

export interface ConvertArgs {
  source: string;
  format: ConvertFormat;
  out: string;
  /** The rest of the options, handed on to the export of the map (--scale, --details…). */
  exportArgs: string[];
  lang: SummaryLang;
}

/** The language of this system's locale (LC_ALL, LC_MESSAGES, LANG), as the app's own. */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): SummaryLang {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^ru(?:[-_.]|$)/i.test(tag ?? '') ? 'ru' : 'en';
}

/** `convert`'s arguments: its own (--lang), the source, and the export options it hands on. */
export function parseConvertArgs(args: string[], fail: (message: string) => Error): ConvertArgs {
  let source: string | undefined;
  let lang: SummaryLang | undefined;
  let format: string | undefined;
  let out: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw fail(`${a} needs a value.`);
      return v;
    };
    if (a === '--lang') {
      const v = value().toLowerCase();
      if (v !== 'en' && v !== 'ru') throw fail(`Unknown language "${v}": use --lang en or --lang ru.`);
      lang = v;
    } else if (a === '--format') format = value().toLowerCase();
    else if (a === '--out' || a === '-o') out = value();
    else if (a === '--scale') rest.push(a, value());
    else if (a.startsWith('-')) rest.push(a);
    else if (source === undefined) source = a;
    else throw fail(`Only one file can be converted at a time (got "${source}" and "${a}").`);
  }
  if (!source) throw fail('Which file? Give a .bpmn (or BPMN .xml) file to convert.');
  if (!out) throw fail('--out FILE is missing: where should the map be written?');
  if (!format) {
    const name = out.toLowerCase();
    format = name.endsWith('.json') ? 'json' : path.extname(name).slice(1);
  }
  if (!(CONVERT_FORMATS as readonly string[]).includes(format)) throw fail(`Unknown format "${format}": convert writes svg, png or json (a .lanemap.json map).`);
  return { source, format: format as ConvertFormat, out, exportArgs: rest, lang: lang ?? cliLanguage() };
}

/** Reads the BPMN file into maps; a file that is not one is a one-line error in the chosen language. */
export async function readBpmnFile(file: string, lang: SummaryLang, fail: (message: string) => Error): Promise<BpmnImport> {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw fail(`${file} is a folder, not a BPMN file.`);
    // 4 bytes a character at most: past that, the text is surely over the limit
    if (stat.size > MAX_BPMN_TEXT * 4) throw fail(`${file}: ${describeProblem('too-large', lang)}`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof Error && !('code' in e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${String(code ?? e)}.`);
  }
  if (text.length > MAX_BPMN_TEXT) throw fail(`${file}: ${describeProblem('too-large', lang)}`);
  try {
    return await readBpmnInWorker(text, { maxElements: MAX_BPMN_ELEMENTS, now: new Date().toISOString(), fileName: path.basename(file) });
  } catch (e) {
    if (e instanceof BpmnImportError) throw fail(`${file}: ${describeProblem(e.code, lang)}`);
    throw e;
  }
}

/** The import summary as lines for stderr: what became what, then what was not kept and why. */
export function summaryLines(made: BpmnImport, lang: SummaryLang): string[] {
  const { kept, changed, lost } = describeSummary(made.summary, lang);
  const ru = lang === 'ru';
  const lines: string[] = [];
  if (kept.length) lines.push(ru ? 'Перенесено:' : 'Kept:', ...kept.map((l) => `  ${l}`));
  if (changed.length) lines.push(ru ? 'Перенесено с изменениями:' : 'Kept with changes:', ...changed.map((l) => `  ${l}`));
  // each says itself that it was not kept, and why
  lines.push(...lost);
  const more = made.maps.length - 1;
  if (more > 0) {
    lines.push(
      ru
        ? `В файле ещё карт подпроцессов: ${more}; записана только основная (все карты переносит импорт в приложении).`
        : `The file also holds ${more} sub-process map${more === 1 ? '' : 's'}; only the main map is written (the app's import keeps them all).`,
    );
  }
  return lines;
}
