/**
 * The command line behind `npx lanemap` (bin/lanemap.mjs):
 *
 *   lanemap export <file.lanemap.json | template:ID> --format svg|png|csv|json|xlsx|docx --out FILE
 *                  [--scale 1|2|3] [--details] [--transparent] [--comments] [--value-stream]
 *                  [--view table|raci|sipoc|resources|kpis|swot] [--lang en|ru] [--sep ';'|',']
 *   lanemap export <file.lanemap.json | template:ID> --format bpmn --out FILE.bpmn [--data-objects]
 *   lanemap export <file.lanemap.json | template:ID> --format pdf --document --out FILE.pdf [--lang en|ru]
 *   lanemap convert <in.bpmn> --format svg|png|json --out FILE [--lang en|ru]
 *   lanemap templates
 *
 * Every format's words (headers, kinds, durations, the drawing's labels) are in --lang, by
 * default the map's own language (shared/export/words.ts: the same words the app exports with).
 *
 * The views (issue 10): `--format xlsx` writes every view as a sheet (or, with --view, that one);
 * `--format csv --view V` writes that view; `--format csv` alone stays the step list it always
 * was, so scripts that read its columns keep working. `--view swot --format svg|png` draws the
 * map's SWOT board as a page of its own (issue 17).
 *
 * Errors are one readable line on stderr and exit code 1; never a stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderStepsCsv, type CsvSeparator } from '../../shared/export/csv';
import { csvWords, detectMapLanguage, drawingWords, titleSubtitle, valueStreamWords, type ExportLang } from '../../shared/export/words';
import { processDocumentDocx } from '../export/docx';
import { processDocumentPdf } from '../export/documentPdf';
import { sheetCsv } from '../../shared/views/csv';
import type { SheetLang } from '../../shared/views/sheet';
import { allViewSheets, EXPORT_SHEETS, isExportSheet, viewSheet, type ExportSheet } from '../../shared/views/sheets';
import { parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { detailHeights, renderMapSvg, type SvgExport } from '../../shared/export/svg';
import { renderSwotSvg } from '../../shared/export/swotSvg';
import { SWOT_WORDS } from '../../shared/views/swot';
import { parseTemplate } from '../../shared/model/template';
import type { MapDoc, Step } from '../../shared/model/types';
import { interFontCss } from '../export/fonts';
import { svgToPng } from '../export/png';
import { missingLettersNote } from '../export/fallbackFonts';
import { writeXlsx } from '../export/xlsx';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutMap } from '../../shared/layout/layoutMap';
import { validateLayout } from '../../shared/layout/validate';
import { stepSize, type SizeFn } from '../../shared/model/geometry';
import { applyCommand, cmd } from '../../shared/model/commands';
import { mapToBpmn } from '../../shared/interop/bpmn/export';
import { parseConvertArgs, readBpmnFile, summaryLines } from './bpmn';

import { KEY_WORDS } from '../../shared/export/legendSvg';
import { blockWidthFor, planNote } from '../../shared/export/pdfPlan';
import { pdfFile, pngTilesZip, PRINT_USAGE, PrintArgsError, takePrintArgs, tilesProgress, type PrintArgs } from './printExport';

export class CliError extends Error {}

const FORMATS = ['svg', 'png', 'pdf', 'csv', 'json', 'xlsx', 'docx', 'bpmn'] as const;
const LANGS: readonly SheetLang[] = ['en', 'ru'];
type Format = (typeof FORMATS)[number];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATES_DIR = path.join(ROOT, 'templates');

const USAGE = `Usage:
  lanemap export <file.lanemap.json | template:ID> --format svg|png|pdf|csv|json|xlsx|docx|bpmn --out FILE [options]
  lanemap convert <in.bpmn> --format svg|png|json --out FILE [--lang en|ru] [drawing options]
  lanemap templates
  lanemap serve [options]   a team library server on PostgreSQL (lanemap serve --help)

Formats (default: from the --out file's extension):
  svg, png   the map drawn      [--scale 1|2|3] [--details] [--transparent] [--comments]
             [--value-stream]   the critical path's timeline under the map (wait low, work
                                high; lead time, work, efficiency; a day is 8 working hours)
${PRINT_USAGE}
  json       the .lanemap.json sharing file
  csv        the list of steps in reading order: No., Phase, Role, Kind, Title, Description,
             Inputs, Outputs, Resources, Duration, Duration in minutes, Next steps (by number,
             with branch labels); with --view, that view instead
             [--sep ';'|',']  the separator (default ';' in Russian, as Excel there expects; ',' in English)
  docx       the process document (регламент): properties, the map's picture, roles, phases,
             the numbered step table, RACI, SIPOC, figures, open comments and pain points
  pdf --document  the same process document as a PDF (A4; the map as vectors, fitted or in
             readable parts; headings as bookmarks; page numbers)
  xlsx       an Excel workbook with every view as a sheet (Table, RACI, SIPOC, Resources)
             and the KPI and SWOT lists; with --view, that one only
  bpmn       BPMN 2.0 (.bpmn) for other modelling tools: lanes, steps, decisions, flows,
             phases as groups; the rest in Lanemap's own extension elements
             [--data-objects]  inputs and outputs also as BPMN data objects
             (a file or template has no linked maps: export the whole hierarchy from the app)
Convert (BPMN 2.0 in):
  convert    reads a .bpmn (or BPMN .xml) file and writes its main map as svg, png or json
             (.lanemap.json); what became what, and what could not be kept and why, is
             printed to stderr in --lang or the system's language; exit code 1 on a bad file
Views:
  --view table|raci|sipoc|resources   the view to write (csv or xlsx only)
  --view kpis    every KPI of the phases and steps: target, current value, status
  --view swot    the SWOT board's notes by quadrant, with the steps they are about (csv, xlsx);
                 with --format svg or png, the board as a page of its own (an empty board
                 gives a page that says so)
Every format:
  --lang en|ru   the language of its words; default: the map's own (Russian when its title,
                 lanes and steps are mostly in Cyrillic, English when mostly Latin), else the
                 system's. Headers, kinds, durations and the drawing's labels all follow it`;

interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs one command; returns the exit code. */
export async function main(argv: string[], io: Output = consoleOutput): Promise<number> {
  try {
    const [command, ...rest] = argv;
    // loaded only here: the server's storage needs the loader bin/lanemap.mjs runs it with
    if (command === 'serve') return await (await import('./serve')).serve(rest, io);
    if (command === 'templates') {
      if (rest.length) throw new CliError(`"templates" takes no arguments.\n${USAGE}`);
      for (const t of listTemplates()) io.out(`template:${t.id}\t${t.title}`);
      return 0;
    }
    if (command === 'convert') {
      const args = parseConvertArgs(rest, (m) => new CliError(m));
      const made = await readBpmnFile(args.source, args.lang, (m) => new CliError(m));
      for (const line of summaryLines(made, args.lang)) io.err(line);
      const exportArgs = parseExportArgs([args.source, '--format', args.format, '--out', args.out, ...args.exportArgs]);
      const { written, notes } = await exportCommand(exportArgs, made.maps[0]);
      for (const n of notes) io.err(`lanemap: note: ${n}`);
      io.out(`Wrote ${written}`);
      return 0;
    }
    if (command === 'users') return await (await import('./users')).usersCommand(rest, io);
    if (command === 'export') {
      const { written, notes } = await exportCommand(parseExportArgs(rest));
      for (const n of notes) io.err(`lanemap: note: ${n}`);
      io.out(`Wrote ${written}`);
      return 0;
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? 1 : 0;
    }
    throw new CliError(`Unknown command "${command}".\n${USAGE}`);
  } catch (e) {
    if (e instanceof CliError || e instanceof PrintArgsError) io.err(`lanemap: ${e.message}`);
    else io.err(`lanemap: something went wrong: ${(e as Error)?.message ?? String(e)}`);
    return 1;
  }
}

interface ExportArgs {
  source: string;
  format: Format;
  out: string;
  scale: number;
  details: boolean;
  transparent: boolean;
  /** Drawings: open review comments as numbered markers and a list under the map. */
  comments: boolean;
  /** Drawings: the value-stream timeline of the critical path under the map. */
  valueStream?: boolean;
  /** csv, xlsx: one view's sheet (xlsx without it: every view). */
  view?: ExportSheet;
  /** The export's language; absent: the map's own (`detectMapLanguage`), else the system's. */
  lang?: SheetLang;
  /** csv: between cells; absent: the language's (`;` Russian, `,` English). */
  sep?: CsvSeparator;
  /** svg, png: the SWOT board instead of the map. */
  swot?: boolean;
  /** bpmn: inputs and outputs also as BPMN data objects. */
  dataObjects?: boolean;
  /** pdf, png tiles, the legend (printExport.ts). */
  print?: PrintArgs;
  /** pdf: the process document (documentPdf.ts) instead of the map's picture. */
  document?: boolean;
}

export function parseExportArgs(all: string[]): ExportArgs {
  const { rest: args, print } = takePrintArgs(all);
  let source: string | undefined;
  let format: string | undefined;
  let out: string | undefined;
  let scale = 2;
  let details = false;
  let transparent = false;
  let comments = false;
  let valueStream = false;
  let view: ExportSheet | undefined;
  let swot = false;
  let lang: SheetLang | undefined;
  let sep: CsvSeparator | undefined;
  let dataObjects = false;
  let document = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${a} needs a value.`);
      return v;
    };
    if (a === '--format') format = value().toLowerCase();
    else if (a === '--out' || a === '-o') out = value();
    else if (a === '--scale') {
      const v = value();
      scale = Number(v);
      if (![1, 2, 3].includes(scale)) throw new CliError(`--scale must be 1, 2 or 3 (got "${v}").`);
    } else if (a === '--details') details = true;
    else if (a === '--transparent') transparent = true;
    else if (a === '--comments') comments = true;
    else if (a === '--value-stream') valueStream = true;
    else if (a === '--data-objects') dataObjects = true;
    else if (a === '--document') document = true;
    else if (a === '--hierarchy') {
      throw new CliError('--hierarchy: the maps a sub-process step opens are in the app\'s library, not in a file or template; export the whole hierarchy from the app (Export → BPMN 2.0).');
    }
    else if (a === '--view') {
      const v = value().toLowerCase();
      if (v === 'map') throw new CliError('The map view is the drawing: export it with --format svg or png (no --view).');
      if (!isExportSheet(v)) throw new CliError(`Unknown view "${v}": use --view ${EXPORT_SHEETS.slice(0, -1).join(', ')} or ${EXPORT_SHEETS.at(-1)}.`);
      view = v;
      if (v === 'swot') swot = true;
    } else if (a === '--lang') {
      const v = value().toLowerCase();
      if (!(LANGS as readonly string[]).includes(v)) throw new CliError(`Unknown language "${v}": use --lang en or --lang ru.`);
      lang = v as SheetLang;
    } else if (a === '--sep') {
      const v = value().toLowerCase();
      const named: Record<string, CsvSeparator> = { ';': ';', ',': ',', semicolon: ';', comma: ',' };
      if (!named[v]) throw new CliError(`Unknown separator "${v}": use --sep ';' (or semicolon) or --sep ',' (or comma).`);
      sep = named[v];
    } else if (a.startsWith('-')) throw new CliError(`Unknown option ${a}.\n${USAGE}`);
    else if (source === undefined) source = a;
    else throw new CliError(`Only one map can be exported at a time (got "${source}" and "${a}").`);
  }
  if (!source) throw new CliError(`Which map? Give a .lanemap.json file or template:ID.\n${USAGE}`);
  if (!out) throw new CliError('--out FILE is missing: where should the export be written?');
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new CliError(`--out ${out} is a folder: give a file name in it.`);
  const ext = path.extname(out).slice(1).toLowerCase();
  if (!format) format = ext;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`Unknown format "${format}": use --format svg, png, pdf, csv, json, xlsx, docx or bpmn.`);
  }
  // a PNG written as x.svg would open as nothing anywhere
  if (format === 'png' && print.pngTiles && ext !== 'zip') throw new CliError(`--tiles writes a ZIP of PNG tiles: give --out a .zip name (not ${path.basename(out)}).`);
  if ((FORMATS as readonly string[]).includes(ext) && ext !== format) {
    throw new CliError(`--out ${path.basename(out)} ends in .${ext} but the format is ${format}: use a .${format} name or --format ${ext}.`);
  }
  const drawing = format === 'svg' || format === 'png' || format === 'pdf';
  if (swot && !drawing && !view) throw new CliError(`--view swot draws the SWOT board: use it with --format svg or png (not ${format}).`);
  if (swot && format === 'pdf') throw new CliError('--view swot draws the SWOT board as svg or png; the PDF is of the map.');
  if (swot && drawing) {
    if (valueStream || comments || details) throw new CliError('--view swot draws the SWOT board alone: --details, --comments and --value-stream are for the map.');
    view = undefined;
  } else swot = false;
  if (view && format !== 'csv' && format !== 'xlsx') {
    throw new CliError(`--view ${view} is a table: use it with --format csv or xlsx (${format} exports the whole map).`);
  }
  if (sep && format !== 'csv') throw new CliError(`--sep sets the CSV's separator: use it with --format csv (not ${format}).`);
  if (sep && view) throw new CliError('--sep is for the step list (--format csv without --view).');
  if (valueStream && !drawing) throw new CliError(`--value-stream draws under the map: use it with --format svg or png (not ${format}).`);
  if (document) checkDocumentArgs(format, { details, comments, transparent, valueStream, view }, print);
  if (dataObjects && format !== 'bpmn') throw new CliError(`--data-objects is for BPMN: use it with --format bpmn (not ${format}).`);
  if (format === 'bpmn' && (details || comments || transparent || view)) throw new CliError('--format bpmn writes the process for other tools: --details, --comments, --transparent and --view are for drawings and tables.');
  return { source, format: format as Format, out, scale, details, transparent, comments, ...(valueStream ? { valueStream } : {}), ...(swot ? { swot } : {}), ...(sep ? { sep } : {}), ...(dataObjects ? { dataObjects } : {}), ...(document && format === 'pdf' ? { document } : {}), view, lang, print };
}

/**
 * The map as the drawing shows it: left to right (a top-to-bottom map is laid out that way for
 * it) and, with details, laid out with each card as tall as its lists.
 */
async function drawable(doc: MapDoc, details: boolean, notes: string[]): Promise<{ doc: MapDoc; laidOutForDetails: boolean }> {
  const turn = doc.direction === 'down';
  if ((!turn && !details) || Object.keys(doc.steps).length === 0) return { doc, laidOutForDetails: false };
  const target: MapDoc = turn ? { ...doc, direction: 'right' } : doc;
  const extra = details ? detailHeights(target) : new Map<string, number>();
  const size: SizeFn = (s) => {
    const z = stepSize(s);
    return { width: z.width, height: z.height + (extra.get((s as Step).id) ?? 0) };
  };
  const result = await layoutMap(target, new ELK(), { size });
  if (turn) notes.push('this map reads top to bottom; the drawing shows it left to right');
  if (validateLayout(target, result, { size }).length > 0) {
    if (turn) notes.push('the left-to-right layout is not clean; some steps may touch');
    else return { doc, laidOutForDetails: false };
  }
  return { doc: applyCommand(target, cmd('tidyUp', { steps: result.steps, routes: result.routes })), laidOutForDetails: details };
}

async function exportCommand(args: ExportArgs, loaded: MapDoc = loadMap(args.source)): Promise<{ written: string; notes: string[] }> {
  const notes: string[] = [];
  const drawing = (args.format === 'svg' || args.format === 'png' || args.format === 'pdf') && !args.swot && !args.document;
  const { doc, laidOutForDetails } = drawing ? await drawable(loaded, args.details, notes) : { doc: loaded, laidOutForDetails: false };
  const lang: ExportLang = args.lang ?? detectMapLanguage(loaded) ?? systemLanguage();
  let data: string | Buffer;
  switch (args.format) {
    case 'json':
      data = toLanemapJson(doc, { exportedAt: new Date().toISOString(), app: 'Lanemap CLI' });
      break;
    case 'bpmn':
      data = await mapToBpmn(doc, { dataObjects: args.dataObjects === true, appVersion: cliVersion() });
      if (Object.values(doc.steps).some((s) => s.linkedMapId)) notes.push('sub-process steps are named in the file; their linked maps are in the app\'s library (export the whole hierarchy from the app)');
      break;
    case 'csv':
      // without --view: the step list as it always was (its columns are what scripts read)
      data = args.view ? sheetCsv(viewSheet(doc, args.view, lang)) : renderStepsCsv(doc, { ...csvWords(lang), ...(args.sep ? { separator: args.sep } : {}) });
      break;
    case 'docx':
      data = await processDocumentDocx(doc, lang);
      break;
    case 'xlsx': {
      data = await writeXlsx(args.view ? [viewSheet(doc, args.view, lang)] : allViewSheets(doc, lang));
      break;
    }
    case 'pdf':
      if (args.document) {
        data = await processDocumentPdf(doc, lang);
        break;
      }
    // falls through: the map's picture
    case 'svg':
    case 'png': {
      const legend = args.print?.legend !== false;
      const svg = args.swot ? swotPage(doc, args, lang) : renderMapSvg(doc, {
        ...drawingWords(lang),
        details: args.details,
        laidOutForDetails,
        background: args.transparent ? 'transparent' : 'white',
        titleBlock: { title: doc.title, subtitle: titleSubtitle(doc, lang) },
        legend,
        key: legend ? { labels: KEY_WORDS[lang] } : false,
        ...(args.format === 'pdf' && args.print ? { blockWidth: blockWidthFor({ ...args.print, mode: 'tiles', scale: args.print.pdfScale }) } : {}),
        comments: args.comments,
        ...(args.valueStream ? { valueStream: valueStreamWords(lang) } : {}),
        // the PNG is drawn with the TTFs loaded into resvg; the SVG carries its font inside
        ...(args.format === 'svg' ? { fontCss: interFontCss() } : {}),
      });
      const missingNote = args.format === 'svg' ? null : missingLettersNote(svg.svg);
      if (missingNote) notes.push(missingNote);
      if (args.format === 'svg') data = svg.svg;
      else if (args.format === 'pdf' && 'frame' in svg) {
        const pdf = await pdfFile(svg as SvgExport, doc, args.print!, lang);
        notes.push(pdf.mode === 'tiles' ? planNote(pdf) : '1 page');
        data = pdf.pdf;
      } else if (args.print?.pngTiles) {
        const tiles = await pngTilesZip(svg, doc, args.scale, args.transparent, lang, tilesProgress({ err: (l) => process.stderr.write(`lanemap: ${l}\n`) }));
        notes.push(`${tiles.tiles} tiles${tiles.readableWhole ? '' : '; one PNG of this map would be shrunk until its step titles are unreadable'}`);
        data = Buffer.from(tiles.zip);
      } else {
        const png = svgToPng(svg.svg, svg, { scale: args.scale, transparent: args.transparent });
        if (png.scale < args.scale - 1e-6)
          notes.push(
            `the map is too large for a ${args.scale}x picture; it was drawn whole at ${Math.round(png.scale * 100)}% (${png.width} x ${png.height} px)`,
          );
        data = png.png;
      }
      break;
    }
  }
  const out = path.resolve(args.out);
  try {
    fs.writeFileSync(out, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : String(code ?? e);
    throw new CliError(`Cannot write ${args.out}: ${why}.`);
  }
  return { written: args.out, notes };
}

/** `--document`: the process document, as a PDF (or a .docx, which always is one); the map's drawing and page options do not apply. */
function checkDocumentArgs(format: string, o: { details: boolean; comments: boolean; transparent: boolean; valueStream: boolean; view?: string }, print: PrintArgs): void {
  if (format !== 'pdf' && format !== 'docx') throw new CliError(`--document writes the process document: use it with --format pdf (or docx), not ${format}.`);
  if (o.view) throw new CliError('--document writes the whole process document: --view is for csv and xlsx.');
  if (o.details || o.comments || o.transparent || o.valueStream) throw new CliError('--document lays out the process document itself: --details, --comments, --transparent and --value-stream are for the map\'s picture.');
  const pageOptions = print.paper !== 'a4' || !print.landscape || print.mode !== 'auto' || print.marginMm !== 10 || print.pdfScale !== 'readable' || !print.legend;
  if (pageOptions) throw new CliError('--document prints on A4, portrait or landscape as the content needs: --paper, --portrait, --fit, --tiles, --margin, --scale and --no-legend are for the map\'s PDF.');
}

/** Lanemap's version, written into a BPMN file as its exporter's. */
function cliVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The SWOT board as a page, in the language asked for or the map's own. */
function swotPage(doc: MapDoc, args: ExportArgs, lang: ExportLang) {
  const updated = lang === 'ru' ? `Обновлено ${doc.updatedAt.slice(0, 10)}` : `Updated ${doc.updatedAt.slice(0, 10)}`;
  const owner = doc.owner ? (lang === 'ru' ? `Владелец: ${doc.owner}` : `Owner: ${doc.owner}`) : '';
  return renderSwotSvg(doc, {
    words: SWOT_WORDS[lang],
    subtitle: [updated, owner].filter(Boolean).join(' · '),
    background: args.transparent ? 'transparent' : 'white',
    // the PNG is drawn with the TTFs loaded into resvg; the SVG carries its font inside
    ...(args.format === 'svg' ? { fontCss: interFontCss() } : {}),
  });
}

/** The language of the system the command runs on (LC_ALL, LC_MESSAGES, LANG), as the app's backend reads it. */
export function systemLanguage(env: NodeJS.ProcessEnv = process.env): ExportLang {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^ru(?:[-_.]|$)/i.test(tag ?? '') ? 'ru' : 'en';
}

/** A map from `template:ID` or a .lanemap.json file, validated like an import. */
export function loadMap(source: string): MapDoc {
  if (source.startsWith('template:')) return loadTemplate(source.slice('template:'.length));
  let text: string;
  try {
    const stat = fs.statSync(source);
    if (stat.isDirectory()) throw new CliError(`${source} is a folder, not a map file.`);
    text = fs.readFileSync(source, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `No such file: ${source}` : `Cannot read ${source}: ${String(code ?? e)}.`);
  }
  const parsed = parseLanemapJson(text);
  if (!parsed.ok) throw new CliError(`${source}: ${parsed.message}`);
  return parsed.doc;
}

/** Every `templates/*.json`, its id being the file name without `.json`. */
export function listTemplates(): { id: string; title: string }[] {
  return fs
    .readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.json'.length);
      let title = '';
      try {
        title = loadTemplate(id).title;
      } catch {
        title = '(invalid template)';
      }
      return { id, title };
    });
}

function loadTemplate(id: string): MapDoc {
  const ids = fs
    .readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
  // only names that are in the folder: "template:../../etc/passwd" is just unknown
  if (!ids.includes(id)) throw new CliError(`Unknown template "${id}". Templates: ${ids.sort().join(', ') || 'none'} (see: lanemap templates).`);
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, `${id}.json`), 'utf8'));
  try {
    return parseTemplate(id, raw).doc;
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}
