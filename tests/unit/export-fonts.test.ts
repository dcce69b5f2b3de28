/** The font helper: the embedded @font-face CSS, WOFF -> TTF, and the width table the wrapping uses. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { WIDTH_RANGES, charWidthEm } from '../../shared/model/textMetrics';
import { advanceWidths } from '../../src-main/export/fontMetrics';
import { fontFaces, fontFilesDir, interFontCss, interTtfBuffers, woffToSfnt } from '../../src-main/export/fonts';

describe('Inter for the exports', () => {
  test('given the bundled font, when the CSS is built, then it has 8 faces (latin, latin-ext, cyrillic, cyrillic-ext x 400, 600) as woff2 data URLs', () => {
    const css = interFontCss();
    expect(css.match(/@font-face/g)).toHaveLength(8);
    expect(css.match(/data:font\/woff2;base64,d09GMg/g)).toHaveLength(8); // "wOF2"
    expect(css).toContain('unicode-range:U+0301,U+0400-045F');
    expect(css).toContain('font-weight:600');
  });

  test('given each WOFF, when unpacked, then it is a TrueType font whose tables are all there', () => {
    for (const { name, data } of interTtfBuffers()) {
      expect([0x00010000, 0x4f54544f]).toContain(data.readUInt32BE(0));
      const tables = new Set(Array.from({ length: data.readUInt16BE(4) }, (_, i) => data.toString('latin1', 12 + i * 16, 16 + i * 16)));
      for (const t of ['cmap', 'head', 'hhea', 'hmtx', 'glyf', 'name']) expect(tables, name).toContain(t);
    }
  });

  test('given something that is not a WOFF, when unpacked, then it is refused', () => {
    expect(() => woffToSfnt(Buffer.from('not a font at all, just text here............'))).toThrow(/WOFF/);
    const woff = fs.readFileSync(path.join(fontFilesDir(), `${fontFaces()[0]!.name}.woff`));
    expect(() => woffToSfnt(woff.subarray(0, 200))).toThrow(/truncated/);
  });

  test('given the width table in shared/export, when compared with the installed font, then every width matches', () => {
    const bufs = interTtfBuffers();
    for (const weight of [400, 600] as const) {
      const faces = bufs.filter((b) => b.name.includes(`-${weight}-`));
      for (const [from, to] of WIDTH_RANGES) {
        const cps = Array.from({ length: to - from + 1 }, (_, i) => from + i);
        for (const cp of cps) {
          const w = faces.map((f) => advanceWidths(f.data, [cp]).get(cp)).find((x) => x !== undefined);
          if (w === undefined || Math.round(w) === 0) continue;
          expect(Math.round(charWidthEm(cp, weight) * 1000), `U+${cp.toString(16)} @${weight}`).toBe(Math.round(w));
        }
      }
    }
  });
});
