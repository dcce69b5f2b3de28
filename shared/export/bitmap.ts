/**
 * Limits of one PNG, the same for the app (canvas) and the command line (resvg): a side of
 * 16,384 px (what browsers' canvases and image viewers handle) and 40 megapixels. Past them
 * the scale is lowered so a huge map still comes out whole, never blank or cropped.
 */
export const MAX_PNG_SIDE = 16_384;
export const MAX_PNG_PIXELS = 40_000_000;

/** The scale a PNG of `size` can be drawn at, given the one asked for. */
export function fittingScale(size: { width: number; height: number }, wanted: number): number {
  let scale = wanted;
  const longest = Math.max(size.width, size.height);
  if (longest * scale > MAX_PNG_SIDE) scale = MAX_PNG_SIDE / longest;
  if (size.width * size.height * scale * scale > MAX_PNG_PIXELS) scale = Math.sqrt(MAX_PNG_PIXELS / (size.width * size.height));
  return scale;
}

/** A file name from a map title: any script is kept; what file systems forbid becomes "_". */
export function safeFileName(title: string, extension: string): string {
  const cleaned = title
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  // file systems allow 255 bytes: keep whole characters within 200 bytes of UTF-8
  let kept = '';
  let bytes = 0;
  for (const ch of cleaned) {
    const n = ch.codePointAt(0)! < 0x80 ? 1 : ch.codePointAt(0)! < 0x800 ? 2 : ch.codePointAt(0)! < 0x10000 ? 3 : 4;
    if (bytes + n > 200) break;
    kept += ch;
    bytes += n;
  }
  const base = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(kept) || !kept.trim() ? 'map' : kept.trim();
  return `${base}.${extension}`;
}
