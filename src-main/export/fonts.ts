/**
 * The bundled Inter font (from @fontsource/inter) for the exports, Node only:
 *
 * - `interFontCss()`: `@font-face` rules with the woff2 files inlined as base64 data URLs, for
 *   `renderMapSvg({ fontCss })`, so an exported SVG looks the same on machines without Inter.
 * - `interTtfFiles()`: the same faces as plain TrueType files for resvg (PNG), which reads
 *   TTF/OTF but not WOFF/WOFF2. A WOFF 1.0 file is an sfnt whose tables are each zlib-compressed,
 *   so `woffToSfnt` unpacks it with node:zlib (no dependency; the format is 20 years old and fixed).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fontFaceCss, fontFaces } from '../../shared/export/fontFaces';

export { FONT_SUBSETS, FONT_WEIGHTS, fontFaces, fontFaceCss, type FontFace } from '../../shared/export/fontFaces';

/** The folder with @fontsource/inter's font files. */
export function fontFilesDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@fontsource/inter/package.json')), 'files');
}

let cssCache: string | undefined;

/** `@font-face` rules for family 'Inter' with every face inlined as a woff2 data URL. */
export function interFontCss(dir = fontFilesDir()): string {
  if (cssCache !== undefined && dir === fontFilesDir()) return cssCache;
  const css = fontFaceCss(fontFaces().map((face) => ({ face, base64: fs.readFileSync(path.join(dir, `${face.name}.woff2`)).toString('base64') })));
  cssCache = css;
  return css;
}

/** Unpacks a WOFF 1.0 file into the TrueType/OpenType (sfnt) font it wraps. Throws on anything else. */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (src.length < 44 || src.readUInt32BE(0) !== 0x774f4646 /* 'wOFF' */) throw new Error('not a WOFF 1.0 file');
  const flavor = src.readUInt32BE(4);
  const numTables = src.readUInt16BE(12);
  if (44 + numTables * 20 > src.length) throw new Error('truncated WOFF table directory');
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const tag = src.readUInt32BE(at);
    const offset = src.readUInt32BE(at + 4);
    const compLength = src.readUInt32BE(at + 8);
    const origLength = src.readUInt32BE(at + 12);
    const checksum = src.readUInt32BE(at + 16);
    if (offset + compLength > src.length) throw new Error('truncated WOFF table');
    const raw = src.subarray(offset, offset + compLength);
    const data = compLength < origLength ? zlib.inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error('WOFF table has the wrong length');
    tables.push({ tag, checksum, data });
  }
  // sfnt: offset table, table records (sorted by tag), then each table padded to 4 bytes
  tables.sort((a, b) => a.tag - b.tag);
  const headerSize = 12 + numTables * 16;
  const total = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), headerSize);
  const out = Buffer.alloc(total);
  const pow = 2 ** Math.floor(Math.log2(Math.max(1, numTables)));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(pow * 16, 6);
  out.writeUInt16BE(Math.log2(pow), 8);
  out.writeUInt16BE(numTables * 16 - pow * 16, 10);
  let offset = headerSize;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    out.writeUInt32BE(t.tag, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}

/** Every Inter face as TrueType, in memory. */
export function interTtfBuffers(dir = fontFilesDir()): { name: string; data: Buffer }[] {
  return fontFaces().map((f) => ({ name: `${f.name}.ttf`, data: woffToSfnt(fs.readFileSync(path.join(dir, `${f.name}.woff`))) }));
}

let filesCache: string[] | undefined;

/**
 * Every Inter face as a .ttf file in a cache folder (resvg-js 2.6 loads fonts from paths only).
 * Written once per process under the temp dir; each file is written whole, then renamed.
 */
export function interTtfFiles(cacheDir = path.join(os.tmpdir(), 'lanemap-fonts-inter-5.3.0')): string[] {
  if (filesCache) return filesCache;
  fs.mkdirSync(cacheDir, { recursive: true });
  const files = interTtfBuffers().map(({ name, data }) => {
    const file = path.join(cacheDir, name);
    const existing = fs.existsSync(file) ? fs.readFileSync(file) : null;
    if (!existing || !existing.equals(data)) {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, file);
    }
    return file;
  });
  filesCache = files;
  return files;
}
