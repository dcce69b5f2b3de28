/**
 * Reads advance widths from a TrueType font (cmap format 4 / 12 + hmtx). Used to generate and
 * check the width table of `shared/export/textMetrics.ts`, so the export wraps text with the
 * real metrics of the Inter it embeds.
 */
export function advanceWidths(ttf: Buffer, codepoints: number[]): Map<number, number> {
  const numTables = ttf.readUInt16BE(4);
  const table = (name: string): number => {
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      if (ttf.toString('latin1', rec, rec + 4) === name) return ttf.readUInt32BE(rec + 8);
    }
    throw new Error(`font has no ${name} table`);
  };
  const unitsPerEm = ttf.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = ttf.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const cmap = table('cmap');
  const glyphOf = cmapLookup(ttf, cmap);
  const out = new Map<number, number>();
  for (const cp of codepoints) {
    const glyph = glyphOf(cp);
    if (!glyph) continue;
    const advance = ttf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
    out.set(cp, (advance * 1000) / unitsPerEm);
  }
  return out;
}

function cmapLookup(ttf: Buffer, cmap: number): (cp: number) => number {
  const n = ttf.readUInt16BE(cmap + 2);
  let best: { format: number; at: number } | undefined;
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = ttf.readUInt16BE(rec);
    const encoding = ttf.readUInt16BE(rec + 2);
    const at = cmap + ttf.readUInt32BE(rec + 4);
    const format = ttf.readUInt16BE(at);
    if ((platform === 3 && (encoding === 1 || encoding === 10)) || platform === 0) {
      if (format === 12 || (format === 4 && !best)) best = { format, at };
    }
  }
  if (!best) throw new Error('font has no Unicode cmap');
  const { format, at } = best;
  if (format === 12) {
    const groups = ttf.readUInt32BE(at + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const rec = at + 16 + g * 12;
        const start = ttf.readUInt32BE(rec);
        const end = ttf.readUInt32BE(rec + 4);
        if (cp >= start && cp <= end) return ttf.readUInt32BE(rec + 8) + (cp - start);
      }
      return 0;
    };
  }
  const segX2 = ttf.readUInt16BE(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const offsets = deltas + segX2;
  return (cp) => {
    for (let s = 0; s < segX2; s += 2) {
      if (cp > ttf.readUInt16BE(ends + s)) continue;
      const start = ttf.readUInt16BE(starts + s);
      if (cp < start) return 0;
      const delta = ttf.readInt16BE(deltas + s);
      const ro = ttf.readUInt16BE(offsets + s);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = ttf.readUInt16BE(offsets + s + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}
