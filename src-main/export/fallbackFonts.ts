/**
 * Fonts of the machine for the letters the bundled Inter does not hold (Chinese, Japanese,
 * Korean, Arabic, Hebrew, Devanagari, Thai, Georgian, Armenian…), Node only. The PNG (resvg),
 * the PDF (pdfkit) and so the process document's picture draw such letters with them.
 *
 * - Inter's own coverage is read from its faces (fontkit, which pdfkit already uses).
 * - Where fontconfig is present (Linux), `fc-list :charset=…` names the fonts that hold a
 *   letter; elsewhere the well-known folders are looked through (Windows: %WINDIR%\Fonts;
 *   macOS: /System/Library/Fonts, /Library/Fonts; ~/Library/Fonts, ~/.fonts,
 *   ~/.local/share/fonts, /usr/share/fonts), the fonts usually there for each script first
 *   (Segoe UI, Microsoft YaHei, Yu Gothic, Malgun Gothic, Nirmala UI, Arial; PingFang, Hiragino,
 *   Apple SD Gothic Neo, Geeza Pro…).
 * - A face is chosen once per process for the letters it holds (a collection's face by its
 *   postscript name), a regular sans face before bold, serif or monospaced ones; letters no
 *   font holds are remembered too, and named to the user (`missing`), never silently boxed.
 * - `LANEMAP_SYSTEM_FONTS=0` (or `{ systemFonts: false }`) hides the machine's fonts: only
 *   Inter draws, and every other letter is reported missing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { interTtfBuffers } from './fonts';

/** The parts of a fontkit font used here (fontkit is pdfkit's own font library). */
export interface FontkitFont {
  postscriptName: string;
  familyName: string;
  subfamilyName?: string;
  characterSet: number[];
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): unknown;
}
interface FontkitCollection {
  fonts: FontkitFont[];
}
interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont | FontkitCollection;
}

let fontkitModule: Fontkit | undefined;
function fontkit(): Fontkit {
  fontkitModule ??= createRequire(import.meta.url)('fontkit') as Fontkit;
  return fontkitModule;
}

/** A face of the machine chosen to draw letters Inter lacks. */
export interface FallbackFace {
  /** Its name in a PDF ('LmFallback1'): stable for the process. */
  id: string;
  file: string;
  postscriptName: string;
  family: string;
  /** Parsed once; pdfkit takes it as it is. */
  font: FontkitFont;
  /** A face of a collection (.ttc/.otc). */
  collection: boolean;
}

/** Which font draws each letter of a text. */
export interface TextFonts {
  /** The machine's faces the text needs, in the order first needed. */
  faces: FallbackFace[];
  /** The letters no font here holds (each once, in order of appearance). */
  missing: string[];
  /** 'inter' for Inter's letters (and spaces, controls, marks), a face, or null when nothing holds it. */
  faceOf(cp: number): 'inter' | FallbackFace | null;
}

export interface FallbackOptions {
  /** false: only Inter (as if the machine had no fonts). Default: unless LANEMAP_SYSTEM_FONTS=0. */
  systemFonts?: boolean;
}

export const systemFontsEnabled = (options: FallbackOptions = {}): boolean => options.systemFonts ?? process.env.LANEMAP_SYSTEM_FONTS !== '0';

// ---- Inter's coverage ----

let interSet: Set<number> | undefined;

/** Whether the bundled Inter draws `cp` (any of its script cuts). */
export function interHas(cp: number): boolean {
  if (!interSet) {
    const set = new Set<number>();
    for (const { name, data } of interTtfBuffers()) {
      if (!name.includes('-400-')) continue; // the 600 faces hold the same letters
      const f = fontkit().create(data) as FontkitFont;
      for (const c of f.characterSet) set.add(c);
    }
    interSet = set;
  }
  return interSet.has(cp);
}

/** Latin and Cyrillic, which Inter holds whole: no need to read its faces for a Latin or Russian map. */
const surelyInter = (cp: number) => cp <= 0x24f || (cp >= 0x400 && cp <= 0x4ff);

/** Letters that need no glyph: controls, spaces, joiners, direction marks, variation selectors. */
export function needsNoGlyph(cp: number): boolean {
  return (
    cp < 0x21 ||
    (cp >= 0x7f && cp <= 0xa0) ||
    cp === 0xad ||
    (cp >= 0x2000 && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202f) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

// ---- finding the machine's fonts ----

interface Candidate {
  file: string;
  /** A collection's face, when known (fontconfig tells it). */
  postscriptName?: string;
  family?: string;
  rank: number;
  /** The letters it holds, as fontconfig lists them: [first, last, first, last…]. */
  ranges?: Uint32Array;
}

/** Families usually present for some script, best first (Windows, macOS, Linux). */
const PREFERRED = [
  'Noto Sans',
  'Segoe UI',
  'Microsoft YaHei',
  'Yu Gothic',
  'Malgun Gothic',
  'Nirmala UI',
  'Leelawadee UI',
  'Ebrima',
  'Gadugi',
  'Microsoft JhengHei',
  'Arial',
  'PingFang',
  'Hiragino Sans',
  'Hiragino Kaku Gothic',
  'Apple SD Gothic Neo',
  'Geeza Pro',
  'Arial Hebrew',
  'Kohinoor',
  'Thonburi',
  'Helvetica Neue',
  'Source Han Sans',
  'WenQuanYi Micro Hei',
  'WenQuanYi Zen Hei',
  'Droid Sans Fallback',
  'DejaVu Sans',
  'FreeSans',
  'Arial Unicode',
  'Segoe UI Symbol',
  'Segoe UI Emoji',
];

/** Lower is better: preferred families, then regular sans faces before bold, italic, serif, monospaced, symbol ones. */
function rankOf(name: string, style = ''): number {
  const n = name.toLowerCase();
  const s = style.toLowerCase();
  const preferred = PREFERRED.findIndex((p) => n.replace(/[\s_-]+/g, '').startsWith(p.toLowerCase().replace(/\s+/g, '')));
  let rank = preferred >= 0 ? preferred : PREFERRED.length;
  if (/mono|code|courier|console/.test(n)) rank += 200;
  if (/serif|mincho|song|ming|times|georgia/.test(n) && !/sans/.test(n)) rank += 100;
  if (/bold|black|heavy|semibold|light|thin|medium|italic|oblique|condensed|narrow/.test(`${n} ${s}`)) rank += 50;
  if (/emoji|symbol|math|icons?|dingbat|wingding|webding/.test(n)) rank += 300;
  return rank;
}

const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;

let hasFc: boolean | undefined;
function fontconfig(): boolean {
  if (hasFc === undefined) {
    try {
      execFileSync('fc-list', ['--version'], { stdio: 'ignore', timeout: 5000 });
      hasFc = true;
    } catch {
      hasFc = false;
    }
  }
  return hasFc;
}

let fcList: Candidate[] | undefined;

/**
 * Every font fontconfig knows, with the letters each holds (one `fc-list` for the process:
 * about 0.1 s), best first.
 */
function fcCandidates(): Candidate[] {
  if (fcList) return fcList;
  let out = '';
  try {
    out = execFileSync('fc-list', ['-f', '%{file}\t%{postscriptname}\t%{family[0]}\t%{style[0]}\t%{charset}\n'], {
      encoding: 'utf8',
      timeout: 20_000,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    out = '';
  }
  fcList = out
    .split('\n')
    .map((l): Candidate | null => {
      const [file = '', postscriptName = '', family = '', style = '', charset = ''] = l.split('\t');
      if (!FONT_FILE.test(file)) return null;
      const ranges: number[] = [];
      for (const r of charset.split(' ')) {
        if (!r) continue;
        const [a, b] = r.split('-');
        ranges.push(parseInt(a!, 16), parseInt(b ?? a!, 16));
      }
      return { file, postscriptName: postscriptName || undefined, family, rank: rankOf(family, style), ranges: Uint32Array.from(ranges) };
    })
    .filter((c): c is Candidate => c !== null)
    .sort((a, b) => a.rank - b.rank || a.file.localeCompare(b.file));
  return fcList;
}

/** Whether fontconfig's charset of a font holds `cp` (ranges sorted, as fc-list prints them). */
function rangesHold(ranges: Uint32Array, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid * 2]!) hi = mid - 1;
    else if (cp > ranges[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The usual font folders of Windows, macOS and Linux that exist here. */
export function fontFolders(): string[] {
  const home = os.homedir();
  const dirs = [
    process.env.WINDIR ? path.join(process.env.WINDIR, 'Fonts') : 'C:\\Windows\\Fonts',
    process.env.LOCALAPPDATA ? path.join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts') : '',
    '/System/Library/Fonts',
    '/System/Library/Fonts/Supplemental',
    '/Library/Fonts',
    path.join(home, 'Library', 'Fonts'),
    path.join(home, '.fonts'),
    path.join(home, '.local', 'share', 'fonts'),
    '/usr/share/fonts',
    '/usr/local/share/fonts',
  ];
  return [...new Set(dirs.filter((d) => d && fs.existsSync(d)))];
}

let folderList: Candidate[] | undefined;

/** Every font file in the usual folders (4 levels deep at most), best first. */
function folderCandidates(): Candidate[] {
  if (folderList) return folderList;
  const files: Candidate[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (FONT_FILE.test(e.name)) files.push({ file: p, rank: rankOf(fileFamily(e.name)) });
    }
  };
  for (const d of fontFolders()) walk(d, 0);
  const seen = new Set<string>();
  folderList = files.filter((c) => (seen.has(c.file) ? false : (seen.add(c.file), true))).sort((a, b) => a.rank - b.rank || a.file.localeCompare(b.file));
  return folderList;
}

/** A family-like name from a font file's name ('msyh.ttc' -> 'Microsoft YaHei'). */
function fileFamily(name: string): string {
  const base = name.replace(FONT_FILE, '');
  const known: Record<string, string> = {
    segoeui: 'Segoe UI',
    msyh: 'Microsoft YaHei',
    yugothr: 'Yu Gothic',
    yugothm: 'Yu Gothic Medium',
    malgun: 'Malgun Gothic',
    nirmala: 'Nirmala UI',
    leelawui: 'Leelawadee UI',
    ebrima: 'Ebrima',
    gadugi: 'Gadugi',
    msjh: 'Microsoft JhengHei',
    arial: 'Arial',
    seguisym: 'Segoe UI Symbol',
    seguiemj: 'Segoe UI Emoji',
  };
  return known[base.toLowerCase()] ?? base.replace(/([a-z])([A-Z])/g, '$1 $2');
}

// ---- choosing faces ----

let nextId = 1;
const chosen: FallbackFace[] = [];
/** Code point -> the face chosen for it, or null: nothing here holds it. */
const choice = new Map<number, FallbackFace | null>();
/** Files opened during a search (their faces; null: not a font fontkit reads). */
const opened = new Map<string, FontkitFont[] | null>();

function open(file: string): FontkitFont[] | null {
  if (opened.has(file)) return opened.get(file)!;
  let faces: FontkitFont[] | null = null;
  try {
    const made = fontkit().create(fs.readFileSync(file));
    faces = 'fonts' in made ? made.fonts : [made];
  } catch {
    faces = null;
  }
  opened.set(file, faces);
  return faces;
}

function choose(c: Candidate, cp: number): FallbackFace | null {
  const faces = open(c.file);
  if (!faces) return null;
  const inOrder = c.postscriptName ? [...faces.filter((f) => f.postscriptName === c.postscriptName), ...faces.filter((f) => f.postscriptName !== c.postscriptName)] : [...faces].sort((a, b) => rankOf(a.familyName ?? '', a.subfamilyName ?? '') - rankOf(b.familyName ?? '', b.subfamilyName ?? ''));
  for (const font of inOrder) {
    let has = false;
    try {
      has = font.hasGlyphForCodePoint(cp);
    } catch {
      has = false;
    }
    if (!has) continue;
    const known = chosen.find((f) => f.file === c.file && f.postscriptName === font.postscriptName);
    if (known) return known;
    const face: FallbackFace = { id: `LmFallback${nextId++}`, file: c.file, postscriptName: font.postscriptName, family: font.familyName, font, collection: faces.length > 1 || /\.(ttc|otc)$/i.test(c.file) };
    chosen.push(face);
    return face;
  }
  return null;
}

/** The machine's face for `cp`, found once per process (null: none holds it). */
function faceFor(cp: number): FallbackFace | null {
  const known = choice.get(cp);
  if (known !== undefined) return known;
  let face: FallbackFace | null = chosen.find((f) => f.font.hasGlyphForCodePoint(cp)) ?? null;
  if (!face) {
    const candidates = fontconfig() ? fcCandidates().filter((c) => rangesHold(c.ranges!, cp)) : folderCandidates();
    for (const c of candidates) {
      face = choose(c, cp);
      if (face) break;
    }
    // keep only the chosen files in memory (a folder of fonts may weigh hundreds of MB)
    for (const file of [...opened.keys()]) if (!chosen.some((f) => f.file === file)) opened.delete(file);
  }
  choice.set(cp, face);
  return face;
}

/** Which font draws each letter of `text`: Inter, a face of the machine, or none. */
export function fontsForText(text: string, options: FallbackOptions = {}): TextFonts {
  const system = systemFontsEnabled(options);
  const faces: FallbackFace[] = [];
  const missing: string[] = [];
  const local = new Map<number, 'inter' | FallbackFace | null>();
  const faceOf = (cp: number): 'inter' | FallbackFace | null => {
    let f = local.get(cp);
    if (f !== undefined) return f;
    f = needsNoGlyph(cp) || surelyInter(cp) || interHas(cp) ? 'inter' : system ? faceFor(cp) : null;
    local.set(cp, f);
    if (f === null) missing.push(String.fromCodePoint(cp));
    else if (f !== 'inter' && !faces.includes(f)) faces.push(f);
    return f;
  };
  for (const ch of text) faceOf(ch.codePointAt(0)!);
  return { faces, missing, faceOf };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The words an SVG shows (its `<text>` content, entities read), one text a line. */
export function svgTexts(svg: string): string {
  const out: string[] = [];
  for (const m of svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)) {
    out.push(
      m[1]!
        .replace(/<[^>]*>/g, ' ')
        .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) =>
          e[0] === '#' ? safeChar(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? whole),
        ),
    );
  }
  return out.join('\n');
}

const safeChar = (cp: number) => (Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '');

/** The missing letters as the CLI and the notes name them: 'U+0E01 ก, U+0E02 ข' (at most `max`, then '…'). */
export function describeMissing(missing: string[], max = 12): string {
  const shown = missing.slice(0, max).map((ch) => `${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
  return shown.join(', ') + (missing.length > max ? `, … (+${missing.length - max})` : '');
}

/** The CLI's note for a picture with letters no font here holds; null when every letter is drawn. */
export function missingLettersNote(svg: string, options: FallbackOptions = {}): string | null {
  const { missing } = fontsForText(svgTexts(svg), options);
  if (missing.length === 0) return null;
  return `${missing.length === 1 ? 'a letter' : `${missing.length} letters`} could not be drawn (no font on this computer has ${missing.length === 1 ? 'it' : 'them'}; shown as empty boxes): ${describeMissing(missing)}. Install a font that has ${missing.length === 1 ? 'it' : 'them'} and export again.`;
}

/** Forgets every choice (tests). */
export function resetFallbackFonts(): void {
  chosen.length = 0;
  choice.clear();
  opened.clear();
  folderList = undefined;
  fcList = undefined;
  hasFc = undefined;
}
