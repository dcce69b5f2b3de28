/**
 * Text for the exports: XML escaping and word wrapping with Inter's real advance widths.
 * Text is wrapped to its box and, if it still does not fit, set smaller: never clipped.
 */
import { textWidth } from '../model/textMetrics';

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF):
 * dropped, so a title pasted with a stray control character still gives a well-formed file.
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attribute values (both quote styles). */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A number for SVG output: at most one decimal, no "-0". */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Word-wraps `text` to lines no wider than `maxWidth` px (explicit newlines kept, runs of
 * spaces collapsed); a word longer than a line breaks between characters.
 */
export function wrapText(text: string, maxWidth: number, size: number, weight: 400 | 600 = 400): string[] {
  const lines: string[] = [];
  const space = textWidth(' ', size, weight);
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineW = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = textWidth(word, size, weight);
      if (line && lineW + space + w <= maxWidth) {
        line += ` ${word}`;
        lineW += space + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= maxWidth) {
        line = word;
        lineW = w;
        continue;
      }
      // a word wider than the line: break it between characters
      line = '';
      lineW = 0;
      for (const ch of word) {
        const cw = textWidth(ch, size, weight);
        if (line && lineW + cw > maxWidth) {
          lines.push(line);
          line = '';
          lineW = 0;
        }
        line += ch;
        lineW += cw;
      }
    }
    lines.push(line);
  }
  // drop blank lines at the ends (a title ending in a newline), keep inner ones
  while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 1 && lines[0]!.trim() === '') lines.shift();
  return lines;
}

export interface FittedText {
  lines: string[];
  size: number;
  lineHeight: number;
}

/**
 * Wraps `text` into a box `width` x `height`: at `size` if it fits, else at the largest smaller
 * size (down to `minSize`) whose wrapped lines fit the height. Deterministic.
 */
export function fitText(text: string, width: number, height: number, size: number, weight: 400 | 600 = 400, lineRatio = 18 / 13, minSize = 6): FittedText {
  let s = size;
  for (;;) {
    const lineHeight = s * lineRatio;
    const lines = wrapText(text, width, s, weight);
    if (lines.length * lineHeight <= height + 0.01 || s <= minSize) return { lines, size: s, lineHeight };
    s = Math.max(minSize, Math.floor(s * 0.9 * 10) / 10);
  }
}

export interface TextStyle {
  weight?: 400 | 600;
  fill?: string;
  italic?: boolean;
  anchor?: 'start' | 'middle';
}

/**
 * A `<text>` with one `<tspan>` per line; `top` is the top of the first line box, `x` the left
 * edge (anchor start) or the centre (anchor middle).
 */
export function textBlock(fitted: FittedText, x: number, top: number, style: TextStyle = {}): string {
  const { lines, size, lineHeight } = fitted;
  // Inter's ascender / descender (0.97 / 0.24 em): the baseline that centres a line in its box
  const baseline = top + lineHeight / 2 + 0.36 * size;
  const attrs = [`x="${num(x)}"`, `y="${num(baseline)}"`, `font-size="${num(size)}"`];
  if (style.weight === 600) attrs.push('font-weight="600"');
  if (style.fill) attrs.push(`fill="${style.fill}"`);
  if (style.italic) attrs.push('font-style="italic"');
  if (style.anchor === 'middle') attrs.push('text-anchor="middle"');
  if (lines.length === 1) return `<text ${attrs.join(' ')}>${escapeXml(lines[0]! || '\u00a0')}</text>`;
  const spans = lines.map((line, i) => `<tspan x="${num(x)}"${i === 0 ? '' : ` dy="${num(lineHeight)}"`}>${escapeXml(line || '\u00a0')}</tspan>`).join('');
  return `<text ${attrs.join(' ')}>${spans}</text>`;
}
