/**
 * The SWOT board of a map as a page of its own (issue 17), for the SVG and PNG exports of the
 * app and the command line: a heading, then the four quadrants in a 2 x 2 grid (strengths and
 * weaknesses on top, opportunities and threats below), each with its notes in order, wrapped
 * with Inter's real widths, and under a note the titles of the steps it is about. An empty
 * quadrant shows what belongs there; an empty board says so. Real <text>, every piece of user
 * text escaped; pure string building (same input, same bytes).
 */
import type { MapDoc, SwotQuadrant } from '../model/types';
import { SWOT_GRID, SWOT_WORDS, linkedSteps, swotByQuadrant, type SwotWords } from '../views/swot';
import { escapeXml, fitText, num, textBlock, wrapText } from './text';

export interface SwotSvgOptions {
  /** The board's words (default English). */
  words?: SwotWords;
  /** A heading above the board (default: the map's title). */
  title?: string;
  /** A line under the heading (e.g. the date, the owner). */
  subtitle?: string;
  /** `@font-face` rules (Inter as data URLs) embedded in a <style>. */
  fontCss?: string;
  /** Default white. */
  background?: 'white' | 'transparent';
}

export interface SwotSvg {
  svg: string;
  width: number;
  height: number;
}

/** The colours of each quadrant: its accent (band, letter) and its light fill. */
export const SWOT_COLOURS: Record<SwotQuadrant, { accent: string; fill: string }> = {
  strengths: { accent: '#2e7d4f', fill: '#f1f8f3' },
  weaknesses: { accent: '#b23b3b', fill: '#fcf2f2' },
  opportunities: { accent: '#2f6fed', fill: '#f1f5fe' },
  threats: { accent: '#b8681c', fill: '#fdf5ec' },
};
const LETTERS: Record<SwotQuadrant, string> = { strengths: 'S', weaknesses: 'W', opportunities: 'O', threats: 'T' };

const TEXT = '#1c2430';
const MUTED = '#6b7483';
const FONT_FAMILY = "Inter, 'Inter Variable', Arial, Helvetica, sans-serif";

export const SWOT_PAGE = {
  width: 1240,
  margin: 32,
  gap: 16,
  headerHeight: 48,
  pad: 16,
  noteSize: 14,
  noteLine: 20,
  stepsSize: 11.5,
  stepsLine: 16,
  noteGap: 12,
  bullet: 16,
  minQuadrant: 150,
} as const;

interface LaidNote {
  lines: string[];
  steps: string[];
  height: number;
}

function layNotes(doc: MapDoc, quadrant: SwotQuadrant, width: number, words: SwotWords): LaidNote[] {
  const P = SWOT_PAGE;
  return swotByQuadrant(doc)[quadrant].map((note) => {
    const lines = wrapText(note.text, width - P.bullet, P.noteSize);
    const titles = linkedSteps(doc, note).map((s) => s.title.trim() || words.untitledStep);
    const steps = titles.length ? wrapText(`${words.steps}: ${titles.join(', ')}`, width - P.bullet, P.stepsSize) : [];
    return { lines, steps, height: lines.length * P.noteLine + steps.length * P.stepsLine + (steps.length ? 2 : 0) };
  });
}

/** The board of `doc` as an SVG page. */
export function renderSwotSvg(doc: MapDoc, options: SwotSvgOptions = {}): SwotSvg {
  const P = SWOT_PAGE;
  const words = options.words ?? SWOT_WORDS.en;
  const width = P.width;
  const colW = (width - 2 * P.margin - P.gap) / 2;
  const inner = colW - 2 * P.pad;
  const empty = (doc.swot ?? []).length === 0;

  // the heading: "SWOT" over the map's title, then the subtitle, then (empty board) the notice
  const head: string[] = [];
  let y = P.margin;
  head.push(textBlock(fitText(words.title, width - 2 * P.margin, 18, 13, 600), P.margin, y, { weight: 600, fill: MUTED }));
  y += 20;
  const title = fitText(options.title ?? doc.title, width - 2 * P.margin, 64, 24, 600, 30 / 24, 14);
  head.push(textBlock(title, P.margin, y, { weight: 600, fill: TEXT }));
  y += title.lines.length * title.lineHeight + 4;
  if (options.subtitle) {
    const sub = fitText(options.subtitle, width - 2 * P.margin, 40, 13, 400);
    head.push(textBlock(sub, P.margin, y, { fill: MUTED }));
    y += sub.lines.length * sub.lineHeight;
  }
  if (empty) {
    y += 8;
    const notice = fitText(words.empty, width - 2 * P.margin, 40, 15, 600);
    head.push(`<g class="swot-empty">${textBlock(notice, P.margin, y, { weight: 600, fill: TEXT })}</g>`);
    y += notice.lines.length * notice.lineHeight;
  }
  y += 16;

  // the quadrants, row by row; a row is as tall as its fuller quadrant
  const body: string[] = [];
  for (let row = 0; row < 2; row++) {
    const pair = [SWOT_GRID[row * 2]!, SWOT_GRID[row * 2 + 1]!];
    const laid = pair.map((q) => layNotes(doc, q, inner, words));
    const hints = pair.map((q) => wrapText(words.hints[q], inner, 13));
    const contentH = laid.map((notes, i) =>
      notes.length ? notes.reduce((h, n) => h + n.height, 0) + (notes.length - 1) * P.noteGap : hints[i]!.length * 18,
    );
    const h = Math.max(P.minQuadrant, P.headerHeight + P.pad + Math.max(...contentH) + P.pad);
    pair.forEach((q, i) => {
      const x = P.margin + i * (colW + P.gap);
      body.push(quadrantSvg(q, x, y, colW, h, laid[i]!, hints[i]!, words));
    });
    y += h + P.gap;
  }
  const height = Math.ceil(y - P.gap + P.margin);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
  ];
  const css = `${options.fontCss ?? ''}\ntext{font-feature-settings:'calt' 0;}`;
  out.push(`<style><![CDATA[\n${css.replace(/]]>/g, ']]]]><![CDATA[>')}\n]]></style>`);
  out.push(`<title>${escapeXml(`${words.title}: ${options.title ?? doc.title}`)}</title>`);
  if (options.background !== 'transparent') out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(...head, ...body, '</svg>');
  return { svg: out.join('\n'), width, height };
}

function quadrantSvg(q: SwotQuadrant, x: number, y: number, w: number, h: number, notes: LaidNote[], hint: string[], words: SwotWords): string {
  const P = SWOT_PAGE;
  const { accent, fill } = SWOT_COLOURS[q];
  const out: string[] = [`<g class="swot-quadrant" data-quadrant="${q}">`];
  out.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="10" fill="${fill}" stroke="${accent}" stroke-opacity="0.35"/>`);
  out.push(`<path d="M${num(x)} ${num(y + 10)}a10 10 0 0 1 10 -10H${num(x + w - 10)}a10 10 0 0 1 10 10V${num(y + P.headerHeight)}H${num(x)}Z" fill="${accent}"/>`);
  // the letter in a white circle, then the quadrant's name
  const cy = y + P.headerHeight / 2;
  out.push(`<circle cx="${num(x + P.pad + 13)}" cy="${num(cy)}" r="13" fill="#fff"/>`);
  out.push(textBlock({ lines: [LETTERS[q]], size: 15, lineHeight: 20 }, x + P.pad + 13, cy - 10, { weight: 600, fill: accent, anchor: 'middle' }));
  const name = fitText(words.quadrants[q], w - 2 * P.pad - 36, 24, 17, 600, 24 / 17, 10);
  out.push(textBlock(name, x + P.pad + 36, cy - name.lineHeight / 2, { weight: 600, fill: '#fff' }));
  let ny = y + P.headerHeight + P.pad;
  const tx = x + P.pad;
  if (notes.length === 0) {
    out.push(`<g class="swot-hint">${textBlock({ lines: hint, size: 13, lineHeight: 18 }, tx, ny, { fill: MUTED, italic: true })}</g>`);
  }
  for (const n of notes) {
    out.push('<g class="swot-note">');
    out.push(`<circle cx="${num(tx + 4)}" cy="${num(ny + P.noteLine / 2)}" r="3.5" fill="${accent}"/>`);
    out.push(textBlock({ lines: n.lines, size: P.noteSize, lineHeight: P.noteLine }, tx + P.bullet, ny, { fill: TEXT }));
    if (n.steps.length) {
      out.push(
        `<g class="swot-steps">${textBlock({ lines: n.steps, size: P.stepsSize, lineHeight: P.stepsLine }, tx + P.bullet, ny + n.lines.length * P.noteLine + 2, { fill: MUTED })}</g>`,
      );
    }
    out.push('</g>');
    ny += n.height + P.noteGap;
  }
  out.push('</g>');
  return out.join('\n');
}
