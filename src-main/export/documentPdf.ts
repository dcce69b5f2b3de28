/**
 * The process document (shared/document/build.ts) as a PDF, with pdfkit: the same content as the
 * Word file (docx.ts), laid out here.
 *
 * - A4; each section on portrait or landscape pages as the content says (the map and the wide
 *   tables landscape).
 * - Headings are the PDF's outline (bookmarks), the title, author (the owner) and subject (the
 *   purpose) its properties.
 * - Text is Inter, embedded and subset (pdf.ts's faces), each line cut into runs by script so
 *   Cyrillic is drawn by the Cyrillic face and comes back out of the PDF as the same letters.
 *   Lines are wrapped here with the font's own widths; a word wider than its cell is broken.
 * - Tables repeat their header row on each page they continue on; a row taller than the room
 *   left is continued on the next page (a 10,000-character cell is still all there, as text).
 * - The map is drawn as vectors by pdf.ts (`drawMapPages`): fitted under its heading when its
 *   step titles still print at 8 pt, else an overview with the grid and readable tiles with the
 *   lane and phase names on every page.
 * - Every page's footer: the title (or which part of the map) and «Страница 3 из 12».
 */
import PDFDocument from 'pdfkit';
import { buildProcessDocument, type Block, type DocTable, type ProcessDocument } from '../../shared/document/build';
import { DOCUMENT_WORDS } from '../../shared/document/words';
import { KEY_WORDS } from '../../shared/export/legendSvg';
import { blockWidthFor, FOOTER, PAPER_SIZE, PDF_WORDS, planPdf, READABLE_PT, TITLE_PX, type PdfLayoutOptions } from '../../shared/export/pdfPlan';
import { renderMapSvg, type SvgExport } from '../../shared/export/svg';
import { drawingWords, formatPercentIn, type ExportLang } from '../../shared/export/words';
import type { MapDoc } from '../../shared/model/types';
import { drawableDoc } from './documentMap';
import { drawMapPages, faceRuns, MUTED, nativeLine, pageFooter, registerFaces, TEXT } from './pdf';

type Doc = PDFKit.PDFDocument;
type Weight = 400 | 600;

interface Style {
  size: number;
  weight: Weight;
  italic?: boolean;
  fill?: string;
}

const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const A4 = PAPER_SIZE.a4;
const BORDER = '#c9cfd8';
const HEADER_FILL = '#e8ecf2';
const GROUP_FILL = '#f4f6f9';
const PAD_X = 4;
const PAD_Y = 3;
const LINE = 1.3;

const BODY: Style = { size: 9.5, weight: 400 };
const CELL: Style = { size: 8, weight: 400 };
const CELL_BOLD: Style = { size: 8, weight: 600 };
const FACT: Style = { size: 9.5, weight: 400 };
const FACT_BOLD: Style = { size: 9.5, weight: 600 };
const H1: Style = { size: 15, weight: 600 };
const H2: Style = { size: 12, weight: 600 };
const TITLE: Style = { size: 20, weight: 600 };
const KIND: Style = { size: 11, weight: 400, fill: MUTED };

/** Widths of runs at 1 pt, by face: the same words recur in every table. */
const widthCache = new Map<string, number>();

/** Text as it can be drawn: tabs as spaces, control characters and lone surrogates dropped, line breaks kept. */
export function drawableText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/(?!\n)[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/\p{Cs}/gu, '');
}

class Writer {
  readonly doc: Doc;
  /** Top of the free room on the current page (pt). */
  y = MARGIN;
  landscape = false;
  /** Nothing drawn on the current page yet. */
  fresh = true;
  started = false;
  /** The footer's left text by page index, where it is not the title (the map's parts). */
  readonly captions = new Map<number, string>();
  private h1: PDFKit.PDFOutline | null = null;

  constructor(doc: Doc) {
    this.doc = doc;
  }

  get pageWidth(): number {
    return this.landscape ? A4.height : A4.width;
  }
  get pageHeight(): number {
    return this.landscape ? A4.width : A4.height;
  }
  get width(): number {
    return this.pageWidth - 2 * MARGIN;
  }
  get bottom(): number {
    return this.pageHeight - MARGIN - FOOTER - 4;
  }
  get pageIndex(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  /** A new page (portrait or landscape); none when the current one is still empty and turned the same way. */
  page(landscape = this.landscape): void {
    if (this.started && this.fresh && landscape === this.landscape) return;
    this.landscape = landscape;
    this.doc.addPage({ size: [this.pageWidth, this.pageHeight], margin: 0 });
    this.started = true;
    this.fresh = true;
    this.y = MARGIN;
  }

  /** Room for `h` pt on this page, or a new page. */
  room(h: number): void {
    if (this.y + h > this.bottom && !this.fresh) this.page();
  }

  width1(text: string, style: Style): number {
    let w = 0;
    for (const r of faceRuns(this.doc, text, style.weight, style.italic === true)) {
      const face = r.face;
      const key = `${face}|${r.text}`;
      let one = widthCache.get(key);
      if (one === undefined) {
        one = this.doc.font(face).fontSize(1).widthOfString(r.text);
        if (widthCache.size > 200_000) widthCache.clear();
        widthCache.set(key, one);
      }
      w += one;
    }
    return w * style.size;
  }

  /** `text` wrapped to `width` pt: each of its lines, then each as many lines as it takes (a word too wide is broken). */
  wrap(text: string, width: number, style: Style): string[] {
    const out: string[] = [];
    const space = this.width1(' ', style);
    for (const para of drawableText(text).split('\n')) {
      let line = '';
      let lw = 0;
      const put = (word: string, ww: number) => {
        if (ww <= width + 0.01) {
          line = word;
          lw = ww;
          return;
        }
        // a word wider than the room: broken where it must be
        for (const ch of word) {
          const cw = this.width1(ch, style);
          if (line && lw + cw > width + 0.01) {
            out.push(line);
            line = '';
            lw = 0;
          }
          line += ch;
          lw += cw;
        }
      };
      for (const word of para.split(/ +/)) {
        if (!word) continue;
        const ww = this.width1(word, style);
        if (!line) put(word, ww);
        else if (lw + space + ww <= width + 0.01) {
          line += ` ${word}`;
          lw += space + ww;
        } else {
          out.push(line);
          line = '';
          lw = 0;
          put(word, ww);
        }
      }
      out.push(line);
    }
    return out;
  }

  /** Draws one line in a box `lh` high whose top is `top`. */
  line(text: string, x: number, top: number, lh: number, style: Style, anchor: 'start' | 'end' = 'start'): void {
    if (!text) return;
    const baseline = top + (lh - 1.211 * style.size) / 2 + 0.969 * style.size;
    nativeLine(this.doc, text, x, baseline, style.size, { weight: style.weight, italic: style.italic, fill: style.fill ?? TEXT, anchor });
    this.fresh = false;
  }

  /** Lines of running text, continued on the next page where the page ends. */
  flow(lines: string[], style: Style, x = MARGIN): void {
    const lh = style.size * LINE;
    for (const l of lines) {
      this.room(lh);
      this.line(l, x, this.y, lh, style);
      this.fresh = false;
      this.y += lh;
    }
  }

  heading(level: 1 | 2, text: string): void {
    const style = level === 1 ? H1 : H2;
    const lines = this.wrap(text, this.width, style);
    const lh = style.size * 1.25;
    if (!this.fresh) this.y += level === 1 ? 12 : 8;
    // kept with what follows it
    this.room(Math.min(lines.length * lh, 200) + 60);
    const outline = this.doc.outline;
    if (level === 1) this.h1 = outline.addItem(text, { expanded: true });
    else (this.h1 ?? outline).addItem(text);
    this.flow(lines, { ...style, size: style.size }, MARGIN);
    this.y += level === 1 ? 6 : 4;
  }

  paragraph(text: string, muted = false): void {
    const style: Style = muted ? { ...BODY, italic: true, fill: MUTED } : BODY;
    this.flow(this.wrap(text, this.width, style), style);
    this.y += 5;
  }

  /**
   * The columns' widths: by their weights, each widened (from the others' room) to its longest
   * word where the table allows, so «Маркетинг» is not cut into «Марк / етинг» in a narrow column.
   */
  columnWidths(t: DocTable, plain: Style, bold: Style): number[] {
    const total = t.columns.reduce((sum, c) => sum + c.weight, 0) || 1;
    const widths = t.columns.map((c) => (c.weight / total) * this.width);
    const longest = (text: string, style: Style) => Math.max(0, ...drawableText(text).split(/\s+/).map((word) => (word ? this.width1(word, style) : 0)));
    const least = t.columns.map((c, i) => {
      let w = longest(c.header, bold);
      for (const row of t.rows) if (Array.isArray(row)) w = Math.max(w, longest(row[i] ?? '', plain));
      return Math.min(w, this.width * 0.3) + 2 * PAD_X + 0.5;
    });
    if (least.reduce((a, b) => a + b, 0) > this.width) return widths;
    for (let pass = 0; pass < 4; pass++) {
      const short = widths.reduce((sum, w, i) => sum + Math.max(0, least[i]! - w), 0);
      if (short < 0.01) break;
      const spare = widths.reduce((sum, w, i) => sum + Math.max(0, w - least[i]!), 0);
      widths.forEach((w, i) => {
        widths[i] = w < least[i]! ? least[i]! : w - (short * (w - least[i]!)) / spare;
      });
    }
    return widths;
  }

  /**
   * A table: a header row (repeated on every page it continues on), rows of cells that wrap,
   * group rows across it. `facts`: no header, the first column a shaded label.
   */
  table(t: DocTable, o: { facts?: boolean } = {}): void {
    const doc = this.doc;
    const plain = o.facts ? FACT : CELL;
    const bold = o.facts ? FACT_BOLD : CELL_BOLD;
    const widths = this.columnWidths(t, plain, bold);
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const lh = plain.size * LINE;
    const cellLines = (text: string, i: number, style: Style) => this.wrap(text, Math.max(4, widths[i]! - 2 * PAD_X), style);
    const header = o.facts ? null : t.columns.map((c, i) => cellLines(c.header, i, bold));
    const headerH = header ? Math.max(...header.map((l) => l.length)) * lh + 2 * PAD_Y : 0;

    const fillRect = (x: number, y: number, w: number, h: number, colour: string) => {
      doc.save();
      doc.rect(x, y, w, h).fillColor(colour).fill();
      doc.restore();
    };
    const borders = (y: number, h: number, cells: number[]) => {
      doc.save();
      doc.lineWidth(0.5).strokeColor(BORDER);
      for (const i of cells) doc.rect(xs[i]!, y, widths[i]!, h).stroke();
      doc.restore();
    };
    const all = t.columns.map((_, i) => i);
    const drawCells = (cells: string[][], h: number, styleOf: (i: number) => Style, fillOf: (i: number) => string | null) => {
      const y = this.y;
      cells.forEach((_, i) => {
        const f = fillOf(i);
        if (f) fillRect(xs[i]!, y, widths[i]!, h, f);
      });
      cells.forEach((lines, i) => {
        const right = t.numbered && i === 0 && !(header && cells === header);
        lines.forEach((l, j) => this.line(l, right ? xs[i]! + widths[i]! - PAD_X : xs[i]! + PAD_X, y + PAD_Y + j * lh, lh, styleOf(i), right ? 'end' : 'start'));
      });
      borders(y, h, all);
      this.fresh = false;
      this.y += h;
    };
    const drawHeader = () => {
      if (header) drawCells(header, headerH, () => bold, () => HEADER_FILL);
    };
    /** A new page with the header at its top; the y under it. */
    const nextPage = () => {
      this.page();
      drawHeader();
      return this.y;
    };

    // the header and at least a line of the first row together
    this.room(headerH + lh + 2 * PAD_Y);
    drawHeader();
    let top = this.fresh ? this.y : Number.NaN;
    for (const row of t.rows) {
      if (!Array.isArray(row)) {
        const lines = this.wrap(row.group, this.width - 2 * PAD_X, bold);
        const h = lines.length * lh + 2 * PAD_Y;
        // a phase's row is kept with the first line of its first step
        if (this.y + h + lh + 2 * PAD_Y > this.bottom && this.y !== top) top = nextPage();
        const y = this.y;
        fillRect(MARGIN, y, this.width, h, GROUP_FILL);
        lines.forEach((l, j) => this.line(l, MARGIN + PAD_X, y + PAD_Y + j * lh, lh, bold));
        doc.save();
        doc.lineWidth(0.5).strokeColor(BORDER).rect(MARGIN, y, this.width, h).stroke();
        doc.restore();
        this.y += h;
        continue;
      }
      let rest = t.columns.map((_, i) => {
        const text = row[i] ?? '';
        if (t.numbered && i === 0) return [drawableText(text).replace(/\n/g, ' ')];
        return cellLines(text, i, o.facts && i === 0 ? bold : plain);
      });
      const styleOf = (i: number) => (o.facts && i === 0 ? bold : plain);
      const fillOf = (i: number) => (o.facts && i === 0 ? HEADER_FILL : null);
      for (;;) {
        const n = Math.max(1, ...rest.map((l) => l.length));
        const h = n * lh + 2 * PAD_Y;
        if (this.y + h <= this.bottom) {
          drawCells(rest, h, styleOf, fillOf);
          break;
        }
        // the whole row on the next page, when it fits a page and is not already at the top of one
        if (this.y !== top && h <= this.bottom - MARGIN - headerH) {
          top = nextPage();
          continue;
        }
        // else as many of its lines as fit here, the rest on the next page
        const k = Math.floor((this.bottom - this.y - 2 * PAD_Y) / lh);
        if (k < 1) {
          top = nextPage();
          continue;
        }
        drawCells(
          rest.map((l) => l.slice(0, k)),
          k * lh + 2 * PAD_Y,
          styleOf,
          fillOf,
        );
        rest = rest.map((l) => l.slice(k));
        top = nextPage();
      }
    }
    this.y += 10;
  }
}

/** The layout the map's pages take: landscape A4 with the document's margins. */
const MAP_LAYOUT: Omit<PdfLayoutOptions, 'mode'> = { paper: 'a4', landscape: true, marginMm: 15, scale: 'readable' };

function mapPicture(drawn: MapDoc, lang: ExportLang, blockWidth?: number): SvgExport {
  return renderMapSvg(drawn, { ...drawingWords(lang), legend: true, key: { labels: KEY_WORDS[lang] }, background: 'white', ...(blockWidth ? { blockWidth } : {}) });
}

/** Draws the map: fitted under its heading when its titles still print at 8 pt, else an overview and readable tiles. */
function drawMap(w: Writer, drawn: MapDoc, pd: ProcessDocument): void {
  const lang = pd.lang;
  if (!w.landscape || !w.started) w.page(true);
  const headRoom = w.fresh ? 0 : w.y - MARGIN + 4;
  let picture = mapPicture(drawn, lang);
  const fit = planPdf(picture, { ...MAP_LAYOUT, mode: 'fit' });
  const k = Math.min(fit.ptPerPx, (fit.page.height - 2 * fit.margin - FOOTER - headRoom) / picture.height);
  const tiles = TITLE_PX * k < READABLE_PT;
  if (tiles) picture = mapPicture(drawn, lang, blockWidthFor({ ...MAP_LAYOUT, mode: 'tiles' }));
  const plan = tiles ? planPdf(picture, { ...MAP_LAYOUT, mode: 'tiles' }) : fit;
  const first = w.pageIndex;
  const info = drawMapPages(w.doc, picture, {
    plan,
    words: PDF_WORDS[lang],
    formatPercent: (s) => formatPercentIn(s, lang),
    title: pd.title,
    footers: false,
    firstPage: first + 1,
    onCurrentPage: { headRoom },
  });
  const words = DOCUMENT_WORDS[lang].map;
  const parts = info.filter((p) => p.kind === 'tile').length;
  let part = 0;
  info.forEach((p, i) => {
    if (p.kind === 'tile')
      w.captions.set(
        first + i,
        words.part
          .replace('{n}', String(++part))
          .replace('{total}', String(parts))
          .replace('{row}', String(p.row))
          .replace('{col}', String(p.col)),
      );
  });
  // what follows starts on a page of its own
  w.fresh = false;
  w.y = w.bottom;
}

function drawBlocks(w: Writer, blocks: Block[], drawn: MapDoc | null, pd: ProcessDocument): void {
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        w.heading(b.level, b.text);
        break;
      case 'paragraph':
        w.paragraph(b.text, b.muted);
        break;
      case 'facts':
        w.table({ columns: [{ header: '', weight: 32 }, { header: '', weight: 68 }], rows: b.rows.map(([k, v]) => [k, v]) }, { facts: true });
        break;
      case 'table':
        w.table(b.table);
        break;
      case 'map':
        if (drawn) drawMap(w, drawn, pd);
        break;
    }
  }
}

/** The PDF of a built process document; `drawn`: the map as its picture shows it (`drawableDoc`), null when it has no steps. */
export function writeDocumentPdf(pd: ProcessDocument, drawn: MapDoc | null): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    displayTitle: true,
    lang: pd.lang === 'ru' ? 'ru-RU' : 'en-GB',
    info: {
      Title: drawableText(pd.meta.title),
      ...(pd.meta.author ? { Author: drawableText(pd.meta.author) } : {}),
      Subject: drawableText(pd.meta.subject),
      Creator: 'Lanemap',
      Producer: 'Lanemap (pdfkit)',
    },
  });
  // the machine's faces for letters Inter lacks, for every text of the document and its map
  registerFaces(doc, JSON.stringify(pd) + (drawn ? JSON.stringify(drawn) : ''));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc);
  pd.sections.forEach((s, i) => {
    // a section turns the page when its map or tables need it; text alone (an empty map's note) runs on
    const wide = s.blocks.some((b) => b.kind === 'map' || b.kind === 'table' || b.kind === 'facts');
    if (!w.started || (wide && s.landscape !== w.landscape) || (!wide && w.y >= w.bottom)) w.page(wide ? s.landscape : w.started ? w.landscape : s.landscape);
    if (i === 0) {
      w.flow(w.wrap(pd.kind, w.width, KIND), KIND);
      w.y += 4;
      w.flow(w.wrap(pd.title, w.width, TITLE), TITLE);
      w.y += 14;
    }
    drawBlocks(w, s.blocks, drawn, pd);
  });

  // the footers, now that the pages are counted
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = { width: doc.page.width, height: doc.page.height };
    const right = pd.pageWords.replace('{page}', String(i - range.start + 1)).replace('{pages}', String(range.count));
    pageFooter(doc, page, MARGIN, drawableText(w.captions.get(i) ?? pd.title).replace(/\n/g, ' '), right);
  }
  doc.end();
  return done;
}

/** The process document of `doc` in `lang` as a PDF file's bytes. */
export async function processDocumentPdf(doc: MapDoc, lang: ExportLang): Promise<Buffer> {
  const pd = buildProcessDocument(doc, lang);
  const drawn = pd.hasMap ? await drawableDoc(doc) : null;
  return writeDocumentPdf(pd, drawn);
}
