/** Looking inside an exported SVG: well-formedness, its texts, its elements. */
import { XMLValidator } from 'fast-xml-parser';

/** null when `svg` is well-formed XML, else the parser's complaint. */
export function xmlError(svg: string): string | null {
  const r = XMLValidator.validate(svg);
  return r === true ? null : `${r.err.code}: ${r.err.msg} (line ${r.err.line})`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);

/** The text of every <text> element (its tspans joined by a space), unescaped. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .split(/<\/tspan>/)
      .map((part) => unescape(part.replace(/<[^>]*>/g, '')))
      .filter((t) => t !== '')
      .join(' '),
  );
}

/** Without any whitespace: compares wrapped text with the original. */
export const squash = (s: string) => s.replace(/[\s\u00a0]+/g, '');

/** How many elements named `tag` there are. */
export function countTags(svg: string, tag: string): number {
  return [...svg.matchAll(new RegExp(`<${tag}[\\s>/]`, 'g'))].length;
}
