/**
 * The command line behind `npx lanemap` (bin/lanemap.mjs):
 *
 *   lanemap export <file.lanemap.json | template:ID> --format svg|png|csv|json|xlsx --out FILE
 *                  [--scale 1|2|3] [--details] [--transparent] [--comments] [--value-stream]
 *                  [--view table|raci|sipoc|resources|kpis|swot] [--lang en|ru]
 *   lanemap templates
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
import { renderStepsCsv } from '../../shared/export/csv';
import { sheetCsv } from '../../shared/views/csv';
import type { SheetLang } from '../../shared/views/sheet';
import { allViewSheets, EXPORT_SHEETS, isExportSheet, mapLanguage, viewSheet, type ExportSheet } from '../../shared/views/sheets';
import { parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { detailHeights, renderMapSvg, type SvgExport } from '../../shared/export/svg';
import { renderSwotSvg } from '../../shared/export/swotSvg';
import { SWOT_WORDS } from '../../shared/views/swot';
import { parseTemplate } from '../../shared/model/template';
import type { MapDoc, Step } from '../../shared/model/types';
import { interFontCss } from '../export/fonts';
import { svgToPng } from '../export/png';
import { writeXlsx } from '../export/xlsx';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutMap } from '../../shared/layout/layoutMap';
import { validateLayout } from '../../shared/layout/validate';
import { stepSize, type SizeFn } from '../../shared/model/geometry';
import { applyCommand, cmd } from '../../shared/model/commands';
import { KEY_WORDS } from '../../shared/export/legendSvg';
import { blockWidthFor } from '../../shared/export/pdfPlan';
import { pdfFile, pngTilesZip, PRINT_USAGE, PrintArgsError, takePrintArgs, type PrintArgs } from './printExport';

export class CliError extends Error {}

const FORMATS = ['svg', 'png', 'csv', 'json', 'xlsx', 'pdf'] as const;
const LANGS: readonly SheetLang[] = ['en', 'ru'];
type Format = (typeof FORMATS)[number];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATES_DIR = path.join(ROOT, 'templates');

const USAGE = `Usage:
  lanemap export <file.lanemap.json | template:ID> --format svg|png|pdf|csv|json|xlsx --out FILE [options]
  lanemap templates

Formats (default: from the --out file's extension):
  svg, png   the map drawn      [--scale 1|2|3] [--details] [--transparent] [--comments]
             [--value-stream]   the critical path's timeline under the map (wait low, work
                                high; lead time, work, efficiency; a day is 8 working hours)
${PRINT_USAGE}
  json       the .lanemap.json sharing file
  csv        the list of steps (Phase, Role, Kind, Title, …: the columns it has always had);
             with --view, that view instead
  xlsx       an Excel workbook with every view as a sheet (Table, RACI, SIPOC, Resources)
             and the KPI and SWOT lists; with --view, that one only
Views:
  --view table|raci|sipoc|resources   the view to write (csv or xlsx only)
  --view kpis    every KPI of the phases and steps: target, current value, status
  --view swot    the SWOT board's notes by quadrant, with the steps they are about (csv, xlsx);
                 with --format svg or png, the board as a page of its own (an empty board
                 gives a page that says so)
  --lang en|ru   the language of the views' headers and words; default: the map's own
                 (Russian when its title, lanes and steps are mostly in Cyrillic, else English)`;

interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs one command; returns the exit code. */
export async function main(argv: string[], io: Output = consoleOutput): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'templates') {
      if (rest.length) throw new CliError(`"templates" takes no arguments.\n${USAGE}`);
      for (const t of listTemplates()) io.out(`template:${t.id}\t${t.title}`);
      return 0;
    }
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
  /** The views' language; absent: the map's own (`mapLanguage`). */
  lang?: SheetLang;
  /** svg, png: the SWOT board instead of the map. */
  swot?: boolean;
  /** pdf, png tiles, the legend (printExport.ts). */
  print?: PrintArgs;
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
    throw new CliError(`Unknown format "${format}": use --format svg, png, pdf, csv, json or xlsx.`);
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
  if (lang && format !== 'xlsx' && format !== 'pdf' && !(format === 'csv' && view) && !swot) {
    throw new CliError(
      format === 'csv'
        ? '--lang sets the language of a view: add --view table (or raci, sipoc, resources, kpis, swot); the plain step CSV has English headers.'
        : `--lang sets the language of the views: use it with --format xlsx, or csv with --view (not ${format}).`,
    );
  }
  if (valueStream && !drawing) throw new CliError(`--value-stream draws under the map: use it with --format svg or png (not ${format}).`);
  return { source, format: format as Format, out, scale, details, transparent, comments, ...(valueStream ? { valueStream } : {}), ...(swot ? { swot } : {}), view, lang, print };
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

async function exportCommand(args: ExportArgs): Promise<{ written: string; notes: string[] }> {
  const notes: string[] = [];
  const loaded = loadMap(args.source);
  const drawing = (args.format === 'svg' || args.format === 'png' || args.format === 'pdf') && !args.swot;
  const { doc, laidOutForDetails } = drawing ? await drawable(loaded, args.details, notes) : { doc: loaded, laidOutForDetails: false };
  let data: string | Buffer;
  switch (args.format) {
    case 'json':
      data = toLanemapJson(doc, { exportedAt: new Date().toISOString(), app: 'Lanemap CLI' });
      break;
    case 'csv':
      // without --view: the step list as it always was (its columns are what scripts read)
      data = args.view ? sheetCsv(viewSheet(doc, args.view, args.lang ?? mapLanguage(doc))) : renderStepsCsv(doc);
      break;
    case 'xlsx': {
      const lang = args.lang ?? mapLanguage(doc);
      data = await writeXlsx(args.view ? [viewSheet(doc, args.view, lang)] : allViewSheets(doc, lang));
      break;
    }
    case 'svg':
    case 'png':
    case 'pdf': {
      const lang = args.lang ?? mapLanguage(doc);
      const legend = args.print?.legend !== false;
      const svg = args.swot ? swotPage(doc, args) : renderMapSvg(doc, {
        details: args.details,
        laidOutForDetails,
        background: args.transparent ? 'transparent' : 'white',
        titleBlock: {
          title: doc.title,
          subtitle: [
            `Updated ${doc.updatedAt.slice(0, 10)}`,
            doc.owner ? `Owner: ${doc.owner}` : '',
            doc.status === 'approved' && doc.approval ? `Approved by ${doc.approval.by} on ${doc.approval.at.slice(0, 10)}` : '',
            doc.status === 'in_review' ? 'In review' : '',
          ]
            .filter(Boolean)
            .join(' · '),
        },
        legend,
        key: legend ? { labels: KEY_WORDS[lang] } : false,
        ...(args.format === 'pdf' && args.print ? { blockWidth: blockWidthFor({ ...args.print, mode: 'tiles', scale: args.print.pdfScale }) } : {}),
        comments: args.comments,
        valueStream: args.valueStream === true,
        // the PNG is drawn with the TTFs loaded into resvg; the SVG carries its font inside
        ...(args.format === 'svg' ? { fontCss: interFontCss() } : {}),
      });
      if (args.format === 'svg') data = svg.svg;
      else if (args.format === 'pdf' && 'frame' in svg) {
        const pdf = await pdfFile(svg as SvgExport, doc, args.print!, lang);
        notes.push(`${pdf.pages} page(s)${pdf.mode === 'tiles' ? ` (${pdf.rows} × ${pdf.cols} tiles at ${Math.round(pdf.scale * 100)}%, step titles at ${pdf.titlePt.toFixed(1)} pt)` : ''}`);
        data = pdf.pdf;
      } else if (args.print?.pngTiles) {
        const tiles = pngTilesZip(svg, doc, args.scale, args.transparent, lang);
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

/** The SWOT board as a page, in the language asked for or the map's own. */
function swotPage(doc: MapDoc, args: ExportArgs) {
  const lang = args.lang ?? mapLanguage(doc);
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
