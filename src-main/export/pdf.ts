/**
 * PDF from the exported map picture (the SVG of `renderMapSvg`, the one drawing of the map),
 * Node only: pdfkit writes the file, svg-to-pdfkit draws the SVG into it as vectors.
 *
 * - Fonts: the bundled Inter faces (fonts.ts) are registered with pdfkit and embedded as
 *   subsets, so text stays text: selectable, searchable, copied out as the same letters.
 *   @fontsource ships Inter cut by script (latin, latin-ext, cyrillic, cyrillic-ext), so each
 *   text run is split by script into tspans, each drawn with the face that holds its letters.
 * - The picture is drawn once, into a form XObject, and every page shows its part of it
 *   through a clip: a 1000-step map cut into 40 pages is still drawn (and stored) once.
 * - Pages as `planPdf` (shared/export/pdfPlan.ts) lays them: one page fitted, or an overview
 *   page with the tile grid, the tiles (lane names at the left and phase names at the top of
 *   every page, overlap marks, "Page 3 of 12 — row 1, column 3"), then the keys under the map.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { fitText, escapeXml, num, textBlock, type FittedText } from '../../shared/export/text';
import { textWidth } from '../../shared/model/textMetrics';
import { fillWords, FOOTER, PDF_WORDS, planCounts, planPdf, tileBoxes, type PdfLayoutOptions, type PdfPlan, type PdfWords, type Rect, type TilePage } from '../../shared/export/pdfPlan';
import type { SvgFrame } from '../../shared/export/svg';
import { fontsForText, needsNoGlyph, svgTexts, type FallbackFace, type FallbackOptions, type TextFonts } from './fallbackFonts';
import { FONT_SUBSETS, fontFaces, fontFilesDir, woffToSfnt } from './fonts';

export interface PdfMeta {
  title: string;
  author?: string;
  subject?: string;
}

export interface PdfInput {
  /** The map picture: `renderMapSvg`'s result (without `fontCss`: the PDF embeds its own fonts). */
  svg: string;
  width: number;
  height: number;
  frame: SvgFrame;
}

export interface PdfOptions extends PdfLayoutOptions, FallbackOptions {
  meta: PdfMeta;
  words?: PdfWords;
  /** How the tiles' scale is written on the overview ("82 %"). */
  formatPercent?: (share: number) => string;
}

export interface PdfResult {
  pdf: Buffer;
  pages: number;
  rows: number;
  cols: number;
  /** The pages counted by kind, and the blank parts of the grid not printed. */
  counts: ReturnType<typeof planCounts>;
  /** The tiles' scale (1 = 100 %) and their step titles' size in pt. */
  scale: number;
  titlePt: number;
  /** Letters no font here holds (drawn as empty boxes), each once: the app and the CLI name them. */
  missing: string[];
}

export type Subset = (typeof FONT_SUBSETS)[number];
type Doc = PDFKit.PDFDocument;

export const TEXT = '#1c2430';
export const MUTED = '#6b7483';
const MARK = '#9aa3b2';

// ---- fonts ----

interface FaceFile {
  name: string;
  data: Buffer;
}
let faceCache: FaceFile[] | undefined;

/** Inter's faces for the PDF: each script at 400 and 600, upright and italic (a placeholder title is italic). */
export function pdfFaces(): FaceFile[] {
  if (faceCache) return faceCache;
  const dir = fontFilesDir();
  const out: FaceFile[] = [];
  for (const f of fontFaces()) {
    for (const style of ['normal', 'italic'] as const) {
      const file = path.join(dir, `inter-${f.subset}-${f.weight}-${style}.woff`);
      if (style === 'italic' && !fs.existsSync(file)) continue;
      out.push({ name: faceName(f.subset, f.weight, style === 'italic'), data: woffToSfnt(fs.readFileSync(file)) });
    }
  }
  faceCache = out;
  for (const f of out) FACE_NAMES.add(f.name);
  return out;
}

/**
 * Registers Inter's faces with `doc` (names from `faceName`) and, for the letters of `text` Inter
 * lacks, the machine's faces that hold them (fallbackFonts.ts). Returns the letters no font has.
 */
export function registerFaces(doc: Doc, text = '', options: FallbackOptions = {}): string[] {
  for (const f of pdfFaces()) doc.registerFont(f.name, f.data);
  const fonts = fontsForText(text, options);
  for (const face of fonts.faces) {
    doc.registerFont(face.id, face.font as unknown as Buffer);
    wholeRightToLeft(doc, face.id);
  }
  docFonts.set(doc, fonts);
  return fonts.missing;
}

/** The faces registered with every document (italic ones only where the font has them). */
const FACE_NAMES = new Set<string>();

export function faceName(subset: Subset, weight: number, italic: boolean): string {
  return `Inter-${subset}-${weight}${italic ? '-italic' : ''}`;
}

/** Code point ranges of each script's face, from the unicode-ranges the faces declare. */
const RANGES: { subset: Subset; ranges: [number, number][] }[] = (() => {
  const seen = new Set<Subset>();
  const out: { subset: Subset; ranges: [number, number][] }[] = [];
  for (const f of fontFaces()) {
    if (seen.has(f.subset)) continue;
    seen.add(f.subset);
    const ranges = f.unicodeRange.split(',').map((r) => {
      const [a, b] = r.replace(/U\+/g, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
    });
    out.push({ subset: f.subset, ranges });
  }
  return out;
})();

export function subsetOf(cp: number): Subset | null {
  for (const { subset, ranges } of RANGES) for (const [a, b] of ranges) if (cp >= a && cp <= b) return subset;
  return null;
}

/** The fonts of each document being written: Inter's cuts and the machine's faces it registered. */
const docFonts = new WeakMap<Doc, TextFonts>();

/** A run's font: one of Inter's script cuts, or a face of the machine (for letters Inter lacks). */
type RunFont = Subset | FallbackFace;

/** The font for `cp`; null: no preference (spaces, marks, letters no font holds: they stay in the run before). */
function fontOf(cp: number, fonts: TextFonts | undefined): RunFont | null {
  if (needsNoGlyph(cp)) return null;
  const subset = subsetOf(cp);
  const face = fonts?.faceOf(cp);
  if (subset && (face === undefined || face === 'inter')) return subset;
  return face && face !== 'inter' ? face : subset;
}

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const STRONG = /\p{L}/u;

interface Run {
  font: RunFont;
  text: string;
  /** R: has right-to-left letters; L: other letters; N: neither (digits, punctuation). */
  dir: 'R' | 'L' | 'N';
}

/**
 * A line of text cut into runs of one font each, in the order they are drawn left to right. A
 * right-to-left stretch (with the numbers in it, as the Unicode bidi algorithm places them in a
 * left-to-right line) is drawn in reverse order of its runs; each run's letters are put right to
 * left and joined (Arabic) by fontkit's shaping when pdfkit lays it out.
 */
export function textRuns(text: string, fonts?: TextFonts): Run[] {
  const runs: Run[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    const font = fontOf(cp, fonts) ?? last?.font ?? 'latin';
    const dir = RTL.test(ch) ? 'R' : STRONG.test(ch) ? 'L' : 'N';
    if (last && last.font === font && (dir === 'N' || last.dir === 'N' || last.dir === dir)) {
      last.text += ch;
      if (last.dir === 'N') last.dir = dir;
    } else runs.push({ font, text: ch, dir });
  }
  if (!runs.some((r) => r.dir === 'R')) return runs;
  // spaces at the ends of runs are their own runs (a right-to-left run is put right to left whole: its spaces would change sides)
  const cut: Run[] = [];
  for (const r of runs) {
    const m = /^(\s*)([\s\S]*?)(\s*)$/u.exec(r.text)!;
    if (m[1]) cut.push({ font: r.font, text: m[1], dir: 'N' });
    if (m[2]) cut.push({ ...r, text: m[2] });
    if (m[3]) cut.push({ font: r.font, text: m[3], dir: 'N' });
  }
  for (let i = 0; i < cut.length; i++) {
    if (cut[i]!.dir !== 'R') continue;
    let j = i;
    let end = i;
    while (j + 1 < cut.length && cut[j + 1]!.dir !== 'L') {
      j++;
      if (cut[j]!.dir === 'R' || /\p{Nd}/u.test(cut[j]!.text)) end = j;
    }
    if (end > i) cut.splice(i, end - i + 1, ...cut.slice(i, end + 1).reverse());
    i = end;
  }
  return cut;
}

/** The SVG family of a run: Inter's Latin cut is the text's own family. */
const runFamily = (font: RunFont): string | null => (typeof font === 'string' ? (font === 'latin' ? null : `lm-${font}`) : `lm-fallback ${font.id}`);

/**
 * Every text run of the SVG split by font: the Latin parts stay as they are (family Inter), the
 * others go into `<tspan font-family="lm-SUBSET">` (one of Inter's script cuts) or
 * `<tspan font-family="lm-fallback LmFallbackN">` (a face of the machine), in the order they
 * are drawn. A letter no font holds stays in the run before it.
 */
export function splitScripts(svg: string, fonts?: TextFonts): string {
  return svg.replace(/(<(?:text|tspan)\b[^>]*>)([^<]+)/g, (whole, open: string, content: string) => {
    if (!/[^\p{ASCII}]/u.test(content)) return whole;
    const runs = textRuns(content, fonts);
    return (
      open +
      runs
        .map((r) => {
          const family = runFamily(r.font);
          return family ? `<tspan font-family="${family}">${r.text}</tspan>` : r.text;
        })
        .join('')
    );
  });
}

function fontCallback(family: string, bold: boolean, italic: boolean): string {
  const fallback = /\b(LmFallback\d+)\b/.exec(family);
  if (fallback) return fallback[1]!;
  const m = /lm-([a-z-]+)/.exec(family);
  const subset = (m && (FONT_SUBSETS as readonly string[]).includes(m[1]!) ? m[1] : 'latin') as Subset;
  return faceName(subset, bold ? 600 : 400, italic);
}

interface EmbeddedFontInternals {
  layout(text: string, features?: unknown, onlyWidth?: boolean): unknown;
  layoutRun(text: string, features?: unknown): unknown;
}

/**
 * pdfkit lays text out word by word (cached per word), so a right-to-left line would have each
 * word's letters reversed but its words still left to right: the face registered as `name`
 * lays out right-to-left text whole (fontkit reverses the run and joins Arabic letters).
 */
function wholeRightToLeft(doc: Doc, name: string): void {
  doc.font(name);
  const font = (doc as unknown as { _font: EmbeddedFontInternals })._font;
  const wordByWord = font.layout.bind(font);
  const cache = new Map<string, unknown>();
  font.layout = (text, features, onlyWidth) => {
    if (features || !RTL.test(text)) return wordByWord(text, features, onlyWidth);
    let run = cache.get(text);
    if (!run) cache.set(text, (run = font.layoutRun(text)));
    return run;
  };
}

// ---- the picture's text, apart from its drawing ----

/** A `<text>` of the picture, with the fill and offset of the groups around it, and roughly where it lies. */
interface PlacedText {
  svg: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The text as lines pdfkit draws itself, when it is as simple as the map's texts are (else drawn from its SVG). */
  simple?: SimpleText | null;
}

interface SimpleText {
  lines: { text: string; x: number; y: number }[];
  size: number;
  weight: 400 | 600;
  italic: boolean;
  fill: string;
  anchor: 'start' | 'middle' | 'end';
}

const SIMPLE_ATTRS = new Set(['x', 'y', 'font-size', 'font-weight', 'fill', 'font-style', 'text-anchor']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? whole),
  );

/**
 * A text as `textBlock` writes it (`<text>` with plain content or `<tspan x dy>` lines, in an
 * optional `<g transform="translate()">`) read into lines; null for anything else (right-to-left
 * text, other attributes), which is drawn from its SVG instead.
 */
export function simpleText(svg: string): SimpleText | null {
  const m = /^(?:<g transform="translate\(([-\d.]+) ([-\d.]+)\)">)?<text((?: [a-z-]+="[^"]*")*)>(.*)<\/text>(?:<\/g>)?$/s.exec(svg);
  if (!m || (m[1] !== undefined) !== svg.endsWith('</g>')) return null;
  const dx = Number(m[1] ?? 0);
  const dy = Number(m[2] ?? 0);
  const attrs: Record<string, string> = {};
  for (const a of m[3]!.matchAll(/ ([a-z-]+)="([^"]*)"/g)) {
    if (!SIMPLE_ATTRS.has(a[1]!)) return null;
    attrs[a[1]!] = a[2]!;
  }
  const size = Number(attrs['font-size'] ?? 16);
  const x = Number(attrs.x ?? 0);
  let y = Number(attrs.y ?? 0);
  if (![dx, dy, size, x, y].every(Number.isFinite)) return null;
  const weight = Number(attrs['font-weight'] ?? 400) >= 600 ? 600 : 400;
  const anchor = attrs['text-anchor'] === 'middle' || attrs['text-anchor'] === 'end' ? attrs['text-anchor'] : 'start';
  const style = { size, weight, italic: attrs['font-style'] === 'italic', fill: attrs.fill ?? '#000000', anchor } as const;
  const body = m[4]!;
  if (!body.includes('<')) return { ...style, lines: [{ text: unescapeXml(body), x: x + dx, y: y + dy }] };
  const lines: SimpleText['lines'] = [];
  const rest = body.replace(/<tspan x="([-\d.]+)"(?: dy="([-\d.]+)")?>([^<]*)<\/tspan>/g, (_w, tx: string, tdy: string | undefined, content: string) => {
    y += Number(tdy ?? 0);
    lines.push({ text: unescapeXml(content), x: Number(tx) + dx, y: y + dy });
    return '';
  });
  return rest === '' && lines.length > 0 && lines.every((l) => Number.isFinite(l.x) && Number.isFinite(l.y)) ? { ...style, lines } : null;
}

/**
 * The picture without its text, and its texts one by one. Text drawn in a form shown through a
 * clip is still in the page for text extraction (pdftotext, search, copy), so a page of a tiled
 * map would give the words of the whole map: each page draws the shapes from the form and only
 * the texts that lie (partly) in its part.
 */
export function separateText(svg: string): { graphics: string; texts: PlacedText[] } {
  const texts: PlacedText[] = [];
  const stack: { dx: number; dy: number; fill?: string }[] = [{ dx: 0, dy: 0 }];
  const graphics = svg.replace(/<text\b[\s\S]*?<\/text>|<g\b[^>]*>|<\/g>/g, (tag) => {
    if (tag.startsWith('</g')) {
      if (stack.length > 1) stack.pop();
      return tag;
    }
    const top = stack[stack.length - 1]!;
    if (tag.startsWith('<g')) {
      const t = /transform="translate\(([-\d.]+)[ ,]+([-\d.]+)\)"/.exec(tag);
      const fill = /\bfill="([^"]+)"/.exec(tag)?.[1];
      stack.push({ dx: top.dx + (t ? Number(t[1]) : 0), dy: top.dy + (t ? Number(t[2]) : 0), fill: fill ?? top.fill });
      return tag;
    }
    const open = /^<text\b[^>]*>/.exec(tag)![0];
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(open)?.[1];
    const x = Number(attr('x') ?? 0) + top.dx;
    const y = Number(attr('y') ?? 0) + top.dy;
    const size = Number(attr('font-size') ?? 16);
    const lines = tag.split('<tspan').length - 1 || 1;
    const longest = Math.max(...tag.replace(/<[^>]+>/g, '\n').split('\n').map((l) => l.replace(/&[a-z#0-9]+;/g, '_').length));
    const w = longest * size * 0.62 + 4;
    const anchor = attr('text-anchor');
    const left = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
    const withFill = attr('fill') || !top.fill ? tag : tag.replace('<text ', `<text fill="${top.fill}" `);
    const placed = top.dx || top.dy ? `<g transform="translate(${num(top.dx)} ${num(top.dy)})">${withFill}</g>` : withFill;
    texts.push({ svg: placed, x0: left, y0: y - size, x1: left + w, y1: y + size * 0.3 + (lines - 1) * size * 1.4 });
    return '';
  });
  return { graphics, texts };
}

/** One text of the picture as an SVG of the picture's size. */
function wrapSvg(inner: string, width: number, height: number, fontFamily: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${num(width)}" height="${num(height)}" font-family="${fontFamily}">${inner}</svg>`;
}

// ---- drawing ----

const svgOptions = (width: number, height: number) => ({
  width,
  height,
  assumePt: true,
  preserveAspectRatio: 'none',
  fontCallback,
  warningCallback: () => {},
});

/** Draws an SVG at (x, y), `width` × `height` pt (its own units stretched to them). */
function drawSvg(doc: Doc, svg: string, x: number, y: number, width: number, height: number): void {
  SVGtoPDF(doc, splitScripts(svg, docFonts.get(doc)), x, y, svgOptions(width, height));
}

type Ref = PDFKit.PDFKitReference;

/**
 * Draws into a form XObject instead of a page: `draw` runs with a stand-in page whose content
 * and resources are the form's (its px, y down, as pdfkit's pages are). Pages show the form with
 * `/Name Do`. Forms may share one `resources` dictionary (ended by the caller once all are drawn).
 */
function recordForm(doc: Doc, bbox: [number, number, number, number], draw: () => void, shared?: Ref): Ref {
  const d = doc as unknown as { page: unknown; _ctm: number[]; ref(data?: object): Ref };
  const resources = shared ?? d.ref({ ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC', 'ImageI'] });
  const form = d.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: bbox, Resources: resources });
  const res = (resources as unknown as { data: Record<string, Record<string, unknown>> }).data;
  const dict = (key: string) => (res[key] ??= {});
  const stand: Record<string, unknown> = {
    document: doc,
    width: bbox[2],
    height: bbox[3],
    margins: { top: 0, left: 0, bottom: 0, right: 0 },
    content: form,
    resources,
    dictionary: d.ref({}),
    markings: [],
    get fonts() {
      return dict('Font');
    },
    get xobjects() {
      return dict('XObject');
    },
    get ext_gstates() {
      return dict('ExtGState');
    },
    get patterns() {
      return dict('Pattern');
    },
    get colorSpaces() {
      return dict('ColorSpace');
    },
    get annotations() {
      return [];
    },
    write: (chunk: string) => (form as unknown as { write(c: string): void }).write(chunk),
    end() {},
  };
  const saved = d.page;
  const savedCtm = d._ctm;
  d.page = stand;
  d._ctm = [1, 0, 0, 1, 0, 0];
  try {
    draw();
  } finally {
    d.page = saved;
    d._ctm = savedCtm;
  }
  const end = (r: unknown) => (r as { end(): void }).end();
  end(stand.dictionary);
  if (!shared) end(resources);
  end(form);
  return form;
}

/** The picture's shapes drawn once into a form XObject: every page shows its part of it. */
function pictureForm(doc: Doc, picture: PdfInput, svg: string): Ref {
  return recordForm(doc, [0, 0, picture.width, picture.height], () => SVGtoPDF(doc, splitScripts(svg, docFonts.get(doc)), 0, 0, svgOptions(picture.width, picture.height)));
}

/**
 * SVG drawings recorded once as forms and shown on as many pages as need them: each text of the
 * picture (a page shows only those in its part, so its words are the page's own), the lane and
 * phase strips a row or column of tiles repeats, the map's title in every footer.
 */
class FormCache {
  private readonly forms = new Map<string, { name: string; ref: Ref }>();
  private readonly resources: Ref;
  private readonly doc: Doc;
  constructor(doc: Doc) {
    this.doc = doc;
    this.resources = (doc as unknown as { ref(data?: object): Ref }).ref({ ProcSet: ['PDF', 'Text'] });
  }
  /** The form of `svg` (drawn `width` × `height`, its own units stretched to them), recorded the first time. */
  get(svg: string, width: number, height: number): { name: string; ref: Ref } {
    const key = `${width}x${height}:${svg}`;
    let f = this.forms.get(key);
    if (!f) {
      const ref = recordForm(this.doc, [0, 0, width, height], () => SVGtoPDF(this.doc, splitScripts(svg, docFonts.get(this.doc)), 0, 0, svgOptions(width, height)), this.resources);
      f = { name: `LmF${this.forms.size + 1}`, ref };
      this.forms.set(key, f);
    }
    return f;
  }
  /** Shows the form of `svg` at (x, y) on the current page. */
  show(svg: string, x: number, y: number, width: number, height: number): void {
    const f = this.get(svg, width, height);
    const page = this.doc.page as unknown as { xobjects: Record<string, unknown> };
    page.xobjects[f.name] = f.ref;
    this.doc.save();
    this.doc.transform(1, 0, 0, 1, x, y);
    (this.doc as unknown as { addContent(s: string): void }).addContent(`/${f.name} Do`);
    this.doc.restore();
  }
  /** Ends the shared resources (fonts the forms use): after the last form is recorded. */
  end(): void {
    (this.resources as unknown as { end(): void }).end();
  }
}

interface Picture {
  input: PdfInput;
  formName: string;
  texts: PlacedText[];
  fontFamily: string;
  forms: FormCache;
}

/** Shows the picture's `area` (its px) in the page's `box` (pt), clipped to it: the shapes from the form, the texts in the area. */
function showPart(doc: Doc, pic: Picture, area: Rect, box: Rect, k: number, allText = false): void {
  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).clip();
  doc.transform(k, 0, 0, k, box.x - area.x * k, box.y - area.y * k);
  const content = doc as unknown as { addContent(s: string): void };
  content.addContent(`/${pic.formName} Do`);
  const { width, height } = pic.input;
  const page = doc.page as unknown as { xobjects: Record<string, unknown> };
  for (const t of pic.texts) {
    if (!allText && !(t.x1 > area.x && t.x0 < area.x + area.width && t.y1 > area.y && t.y0 < area.y + area.height)) continue;
    if (t.simple === undefined) t.simple = simpleText(t.svg);
    if (t.simple) {
      const { lines, size, ...style } = t.simple;
      for (const l of lines) nativeLine(doc, l.text, l.x, l.y, size, style);
      continue;
    }
    const f = pic.forms.get(wrapSvg(t.svg, width, height, pic.fontFamily), width, height);
    page.xobjects[f.name] = f.ref;
    content.addContent(`/${f.name} Do`);
  }
  doc.restore();
}

function addPage(doc: Doc, plan: PdfPlan, formName: string, form: PDFKit.PDFKitReference): void {
  doc.addPage({ size: [plan.page.width, plan.page.height], margin: 0 });
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[formName] = form;
}

/** A line of text (any script) at (x, y) pt: size in pt; `anchor` where x is. */
function textLine(doc: Doc, text: string, x: number, y: number, width: number, size: number, options: { weight?: 400 | 600; fill?: string; anchor?: 'start' | 'middle' | 'end' } = {}): void {
  const h = size * 1.6;
  const ax = options.anchor === 'middle' ? width / 2 : options.anchor === 'end' ? width : 0;
  const attrs = [`x="${num(ax)}"`, `y="${num(h / 2 + 0.36 * size)}"`, `font-size="${num(size)}"`, `fill="${options.fill ?? TEXT}"`];
  if (options.weight === 600) attrs.push('font-weight="600"');
  if (options.anchor && options.anchor !== 'start') attrs.push(`text-anchor="${options.anchor}"`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(h)}" font-family="Inter"><text ${attrs.join(' ')}>${escapeXml(text)}</text></svg>`;
  drawSvg(doc, svg, x, y, width, h);
}

/** The face a run is drawn with: Inter's for its script (italic only where Inter has it), or the machine's fallback. */
function runFace(font: RunFont, weight: 400 | 600, italic: boolean): string {
  if (typeof font !== 'string') return font.id;
  return italic && FACE_NAMES.has(faceName(font, weight, true)) ? faceName(font, weight, true) : faceName(font, weight, false);
}

/**
 * `text` cut into runs drawn with one face each, as `doc` has them (`registerFaces`): Inter's by
 * script, the machine's faces for letters Inter lacks, right-to-left runs in display order.
 */
export function faceRuns(doc: Doc, text: string, weight: 400 | 600, italic: boolean): { face: string; text: string }[] {
  return textRuns(text, docFonts.get(doc)).map((r) => ({ face: runFace(r.font, weight, italic), text: r.text }));
}

/**
 * A line of text (any script) drawn with pdfkit's own text (no SVG to parse: the footer and the
 * overview's tile numbers repeat on every page of a big map): `y` is its baseline, in pt.
 */
export function nativeLine(doc: Doc, text: string, x: number, y: number, size: number, options: { weight?: 400 | 600; italic?: boolean; fill?: string; anchor?: 'start' | 'middle' | 'end' } = {}): void {
  const weight = options.weight ?? 400;
  const face = (font: RunFont) => runFace(font, weight, options.italic === true);
  const runs = textRuns(text, docFonts.get(doc));
  doc.fontSize(size);
  const widths = runs.map((r) => doc.font(face(r.font)).widthOfString(r.text));
  const total = widths.reduce((a, b) => a + b, 0);
  let at = options.anchor === 'middle' ? x - total / 2 : options.anchor === 'end' ? x - total : x;
  doc.fillColor(options.fill ?? TEXT);
  runs.forEach((r, i) => {
    doc.font(face(r.font)).text(r.text, at, y, { lineBreak: false, baseline: 'alphabetic' });
    at += widths[i]!;
  });
}

function footer(doc: Doc, plan: PdfPlan, left: string, right: string): void {
  pageFooter(doc, plan.page, plan.margin, left, right);
}

/** The footer line of a page (`page` pt, `margin` pt): `left` (cut with … when long) and `right` at the right edge. */
export function pageFooter(doc: Doc, page: { width: number; height: number }, margin: number, left: string, right: string): void {
  const size = 7.5;
  const y = page.height - margin - FOOTER + 4 + 6 + 0.36 * size;
  const w = page.width - 2 * margin;
  const title = fitText(left, w * 0.55, size * 1.6, size, 400, 1.6).lines[0] ?? '';
  nativeLine(doc, title === left ? left : `${title}…`, margin, y, size, { fill: MUTED });
  nativeLine(doc, right, margin + w, y, size, { fill: MUTED, anchor: 'end' });
}

/** The lane names at the left of a tile: each lane's band, colour and name, the name at the top of its visible part. */
function laneStrip(frame: SvgFrame, body: Rect): string {
  const w = frame.contentLeft - frame.headerLeft;
  const parts: string[] = [];
  for (const lane of frame.lanes) {
    const top = Math.max(lane.top, body.y);
    const bottom = Math.min(lane.bottom, body.y + body.height);
    if (bottom - top < 1) continue;
    const y = top - body.y;
    const h = bottom - top;
    parts.push(`<rect x="0" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="#fff"/>`);
    parts.push(`<rect x="0" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${lane.color}" fill-opacity="0.13"/>`);
    parts.push(`<path d="M0 ${num(y + 0.5)}H${num(w)}M0 ${num(y + h - 0.5)}H${num(w)}" stroke="${lane.color}" stroke-opacity="0.3"/>`);
    parts.push(`<path d="M${num(w - 0.5)} ${num(y)}V${num(y + h)}" stroke="${lane.color}" stroke-opacity="0.4"/>`);
    if (h >= 26) {
      parts.push(`<rect x="12" y="${num(y + 10)}" width="18" height="4" rx="2" fill="${lane.color}"/>`);
      const name = fitText(lane.name, w - 24, Math.max(16, h - 28), 14, 600, 18 / 14);
      parts.push(textBlock(name, 12, y + 18, { weight: 600, fill: TEXT }));
    }
  }
  return parts.join('');
}

/**
 * `text` in a box as `fitText` sets it, but never broken inside a word: it wraps at spaces, a
 * smaller size is tried, and what still does not fit is shortened with "…".
 */
export function fitWords(text: string, width: number, height: number, size: number, weight: 400 | 600, lineRatio: number, minSize = 9): FittedText {
  const words = text.split(/\s+/).filter(Boolean);
  for (let s = size; s >= minSize; s = Math.floor(s * 0.9 * 10) / 10) {
    const fitted = fitText(text, width, height, s, weight, lineRatio, s);
    if (fitted.lines.length * fitted.lineHeight <= height + 0.01 && words.every((wd) => textWidth(wd, s, weight) <= width)) return fitted;
  }
  // at the least size: whole words per line, as many lines as the box holds, the rest cut with "…"
  const s = minSize;
  const lineHeight = s * lineRatio;
  const most = Math.max(1, Math.floor((height + 0.01) / lineHeight));
  const lines: string[] = [];
  let line = '';
  for (const wd of words) {
    const next = line ? `${line} ${wd}` : wd;
    if (!line || textWidth(next, s, weight) <= width) line = next;
    else {
      lines.push(line);
      line = wd;
    }
  }
  if (line) lines.push(line);
  const cut = lines.length > most;
  const kept = lines.slice(0, most);
  const shorten = (l: string, always: boolean) => {
    if (!always && textWidth(l, s, weight) <= width) return l;
    let t = l;
    while (t && textWidth(`${t}…`, s, weight) > width) t = [...t].slice(0, -1).join('');
    return `${t.trimEnd()}…`;
  };
  const out = kept.map((l, i) => shorten(l, cut && i === kept.length - 1));
  return { lines: out, size: s, lineHeight };
}

/** The phase names at the top of a tile, each at the left of its visible part. */
function phaseStrip(frame: SvgFrame, body: Rect): string {
  const h = frame.lanesTop - frame.phasesTop;
  const parts: string[] = [`<rect width="${num(body.width)}" height="${num(h)}" fill="#fff"/>`];
  for (const p of frame.phases) {
    const left = Math.max(p.left, body.x);
    const right = Math.min(p.right, body.x + body.width);
    if (right - left < 1) continue;
    const x = left - body.x;
    const w = right - left;
    parts.push(`<rect x="${num(x)}" y="0" width="${num(w)}" height="3" fill="${p.placeholder ? '#d0d4db' : '#8a94a6'}"/>`);
    parts.push(`<path d="M${num(x)} ${num(h - 0.5)}H${num(x + w)}" stroke="#e3e6eb"/>`);
    if (right === p.right) parts.push(`<path d="M${num(x + w - 0.5)} 0V${num(h)}" stroke="#b9c0cc" stroke-dasharray="4 4"/>`);
    if (w >= 60) {
      const name = fitWords(p.name, w - 24, h - 8, 13, 600, 16 / 13);
      parts.push(textBlock(name, x + 12, 3 + (h - 3 - name.lines.length * name.lineHeight) / 2, { weight: 600, fill: TEXT, italic: p.placeholder }));
    }
  }
  return parts.join('');
}

/**
 * Where the tile shares part of the map with its neighbours (cut through something, not between
 * lanes or cards): ticks in the margins and a faint dashed line where the next page's part begins
 * (and where this one's part ends on the page before).
 */
function overlapMarks(doc: Doc, box: Rect, shared: TilePage['shared'], k: number): void {
  const xs: number[] = [];
  if (shared.right) xs.push(box.x + box.width - shared.right * k);
  if (shared.left) xs.push(box.x + shared.left * k);
  const ys: number[] = [];
  if (shared.bottom) ys.push(box.y + box.height - shared.bottom * k);
  if (shared.top) ys.push(box.y + shared.top * k);
  if (!xs.length && !ys.length) return;
  doc.save();
  doc.lineWidth(0.6).strokeColor(MARK);
  for (const x of xs) {
    doc.moveTo(x, box.y - 6).lineTo(x, box.y - 1).stroke();
    doc.moveTo(x, box.y + box.height + 1).lineTo(x, box.y + box.height + 6).stroke();
  }
  for (const y of ys) doc.moveTo(box.x + box.width + 1, y).lineTo(box.x + box.width + 6, y).stroke();
  doc.lineWidth(0.3).dash(2, { space: 3 }).strokeOpacity(0.6);
  for (const x of xs) doc.moveTo(x, box.y).lineTo(x, box.y + box.height).stroke();
  for (const y of ys) doc.moveTo(box.x, y).lineTo(box.x + box.width, y).stroke();
  doc.undash();
  doc.restore();
}

export function renderPdf(picture: PdfInput, options: PdfOptions): Promise<PdfResult> {
  const plan = planPdf(picture, options);
  const meta = options.meta;
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    displayTitle: true,
    info: {
      Title: meta.title,
      ...(meta.author ? { Author: meta.author } : {}),
      ...(meta.subject ? { Subject: meta.subject } : {}),
      Creator: 'Lanemap',
      Producer: 'Lanemap (pdfkit)',
    },
  });
  // the machine's faces for the letters Inter lacks: only those this map's words need
  const words0 = options.words ?? PDF_WORDS.en;
  const allText = [svgTexts(picture.svg), meta.title, ...(Object.values(words0) as string[]), ...picture.frame.lanes.map((l) => l.name), ...picture.frame.phases.map((p) => p.name)].join('\n');
  const missing = registerFaces(doc, allText, options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawMapPages(doc, picture, { plan, words: options.words ?? PDF_WORDS.en, formatPercent: options.formatPercent, title: meta.title, footers: true });
  doc.end();
  return done.then((pdf) => ({ pdf, pages: plan.pages.length, rows: plan.rows, cols: plan.cols, counts: planCounts(plan), scale: plan.scale, titlePt: plan.titlePt, missing }));
}

export interface MapPagesOptions {
  plan: PdfPlan;
  words: PdfWords;
  formatPercent?: (share: number) => string;
  /** The map's title, in the footers. */
  title: string;
  /** Footers with the map's own page numbers (a PDF of the map alone); false: the caller writes the footers. */
  footers: boolean;
  /** The number of the map's first page in the whole file: the overview labels each tile with its page's number (default 1). */
  firstPage?: number;
  /** Draw the first page on the current page, under `headRoom` pt already used at its top (a heading above the map). */
  onCurrentPage?: { headRoom: number };
}

/** What a drawn page of the map is, for a caller that writes its own footers. */
export type MapPageInfo = { kind: 'fit' | 'overview' | 'blocks' } | { kind: 'tile'; row: number; col: number };

/**
 * Draws the map's pages as `plan` lays them into `doc` (whose faces are registered:
 * `registerFaces`): the picture's shapes recorded once as a form, each page showing its part.
 * Used by `renderPdf` and by the process document's PDF (documentPdf.ts).
 */
export function drawMapPages(doc: Doc, picture: PdfInput, o: MapPagesOptions): MapPageInfo[] {
  const { plan, words } = o;
  const percent = o.formatPercent ?? ((x: number) => `${Math.round(x * 100)} %`);
  const { graphics, texts } = separateText(picture.svg);
  const form = pictureForm(doc, picture, graphics);
  const formName = 'LmMap';
  const fontFamily = /<svg\b[^>]*font-family="([^"]*)"/.exec(picture.svg)?.[1] ?? 'Inter';
  const forms = new FormCache(doc);
  const pic: Picture = { input: picture, formName, texts, fontFamily, forms };
  const total = plan.pages.length;
  const f = picture.frame;
  const m = plan.margin;
  const tiles = plan.pages.filter((p) => p.kind === 'tile');
  const firstPage = o.firstPage ?? 1;
  const info: MapPageInfo[] = [];
  plan.pages.forEach((p, i) => {
    const head = i === 0 && o.onCurrentPage ? o.onCurrentPage.headRoom : 0;
    if (i === 0 && o.onCurrentPage) (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[formName] = form;
    else addPage(doc, plan, formName, form);
    const n = i + 1;
    info.push(p.kind === 'tile' ? { kind: 'tile', row: p.row, col: p.col } : { kind: p.kind });
    if (p.kind === 'fit') {
      const k = Math.min(plan.ptPerPx, (plan.page.height - 2 * m - FOOTER - head) / picture.height);
      const w = picture.width * k;
      const h = picture.height * k;
      const x = (plan.page.width - w) / 2;
      showPart(doc, pic, { x: 0, y: 0, width: picture.width, height: picture.height }, { x, y: m + head, width: w, height: h }, k, true);
      return;
    }
    if (p.kind === 'overview') {
      const headLine = 18;
      const roomW = plan.page.width - 2 * m;
      const roomH = plan.page.height - 2 * m - FOOTER - headLine - head;
      const k = Math.min(roomW / picture.width, roomH / picture.height);
      const x0 = m + (roomW - picture.width * k) / 2;
      const y0 = m + head + headLine;
      const heading = fillWords(words.overview, { tiles: tiles.length, rows: plan.rows, cols: plan.cols, scale: percent(plan.scale) });
      textLine(doc, plan.skipped.length ? `${heading}; ${fillWords(words.skipped, { count: plan.skipped.length })}` : heading, m, m + head, roomW, 9, { weight: 600, fill: TEXT });
      showPart(doc, pic, { x: 0, y: 0, width: picture.width, height: picture.height }, { x: x0, y: y0, width: picture.width * k, height: picture.height * k }, k, true);
      // the tile grid over the map, each printed tile with its page number; blank ones (not printed) hatched, unnumbered
      doc.save();
      doc.lineWidth(0.4).strokeColor('#9aa3b2').strokeOpacity(0.7);
      for (const t of plan.skipped) {
        const r = { x: x0 + t.body.x * k, y: y0 + t.body.y * k, width: t.body.width * k, height: t.body.height * k };
        doc.save();
        doc.rect(r.x, r.y, r.width, r.height).clip();
        for (let d = -r.height; d < r.width; d += 6) doc.moveTo(r.x + d, r.y + r.height).lineTo(r.x + d + r.height, r.y).stroke();
        doc.restore();
        doc.rect(r.x, r.y, r.width, r.height).dash(2, { space: 2 }).stroke().undash();
      }
      doc.restore();
      doc.save();
      doc.lineWidth(0.8).strokeColor('#2f6fdf').strokeOpacity(0.85);
      tiles.forEach((t) => {
        if (t.kind !== 'tile') return;
        doc.rect(x0 + t.body.x * k, y0 + t.body.y * k, t.body.width * k, t.body.height * k).stroke();
      });
      doc.restore();
      const labelSize = Math.max(5, Math.min(16, Math.min(...tiles.map((t) => (t.kind === 'tile' ? Math.min(t.body.width, t.body.height) * k : 99))) / 3));
      plan.pages.forEach((t, j) => {
        if (t.kind !== 'tile') return;
        const cx = x0 + (t.body.x + t.body.width / 2) * k;
        const cy = y0 + (t.body.y + t.body.height / 2) * k;
        const label = String(firstPage + j);
        const lw = labelSize * (0.7 * label.length + 0.8);
        doc.save();
        doc.roundedRect(cx - lw / 2, cy - labelSize * 0.8, lw, labelSize * 1.6, 3).fillOpacity(0.85).fill('#ffffff');
        doc.restore();
        nativeLine(doc, label, cx, cy + 0.36 * labelSize, labelSize, { weight: 600, fill: '#2f6fdf', anchor: 'middle' });
      });
      if (o.footers) footer(doc, plan, o.title, fillWords(words.pageOverview, { n, total }));
      return;
    }
    if (p.kind === 'blocks') {
      const roomW = plan.page.width - 2 * m;
      const k = Math.min(plan.ptPerPx, roomW / p.area.width);
      showPart(doc, pic, p.area, { x: m, y: m, width: p.area.width * k, height: p.area.height * k }, k);
      if (o.footers) footer(doc, plan, o.title, fillWords(words.page, { n, total }));
      return;
    }
    const k = plan.ptPerPx;
    const boxes = tileBoxes(plan, f);
    const body = { ...boxes.body, width: p.body.width * k, height: p.body.height * k };
    showPart(doc, pic, p.body, body, k);
    overlapMarks(doc, body, p.shared, k);
    // the lane names and the phase names: one drawing per row and per column of tiles, shown on each of its pages
    const strip = (inner: string, at: Rect) =>
      forms.show(`<svg xmlns="http://www.w3.org/2000/svg" width="${num(at.width)}" height="${num(at.height)}" font-family="Inter"><g transform="scale(${k})">${inner}</g></svg>`, at.x, at.y, at.width, at.height);
    strip(laneStrip(f, p.body), boxes.lanes);
    if (f.lanesTop > f.phasesTop) strip(phaseStrip(f, p.body), boxes.phases);
    if (o.footers) footer(doc, plan, o.title, fillWords(words.pageTile, { n, total, row: p.row, col: p.col }));
  });
  forms.end();
  return info;
}
