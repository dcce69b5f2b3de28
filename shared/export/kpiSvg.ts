/**
 * KPI badges and automation marks in an exported picture, as the canvas draws them: on a step,
 * across the card's bottom edge from its left (the automation mark, then up to two badges and
 * "+N"); on a phase, at the right of its header. A badge is the current value with its unit,
 * green with a tick when the target is met, red with a cross when missed, grey with a dash
 * without a target or a value. And their key, drawn only when the picture has any of them.
 */
import { automationOf, kpiStatus, kpiValue, type KpiStatus } from '../analysis/optimise';
import type { Kpi, Step } from '../model/types';
import { textWidth } from '../model/textMetrics';
import { escapeXml, num, textBlock } from './text';

export interface MarkLabels {
  /** The key's heading and entries. */
  marks: string;
  kpiMet: string;
  kpiMissed: string;
  kpiUnknown: string;
  automated: string;
  partlyAutomated: string;
  /** «цель» in a badge's tooltip: «Конверсия: 12 % (цель 15 %)». */
  target: string;
}

export const DEFAULT_MARK_LABELS: MarkLabels = {
  marks: 'Marks',
  kpiMet: 'KPI on target',
  kpiMissed: 'KPI off target',
  kpiUnknown: 'KPI without target or value',
  automated: 'Automated step',
  partlyAutomated: 'Partly automated step',
  target: 'target',
};

/** The canvas's colours (src-renderer/optimise/kpi/kpi.css). */
export const KPI_COLOURS: Record<KpiStatus | 'more', { fill: string; stroke: string; text: string }> = {
  met: { fill: '#e6f4ea', stroke: '#2b8a3e', text: '#1e6b30' },
  missed: { fill: '#ffe3e3', stroke: '#c92a2a', text: '#a61e1e' },
  unknown: { fill: '#f1f3f6', stroke: '#aeb5c1', text: '#4a5463' },
  more: { fill: '#f1f3f6', stroke: '#aeb5c1', text: '#4a5463' },
};
const AUTO = '#6741d9';

/** Icons (lucide, ISC): check, x, minus, bot. Put in <defs> by `markSymbols`. */
const SYMBOLS = {
  met: '<path d="M20 6 9 17l-5-5"/>',
  missed: '<path d="M18 6 6 18"/><path d="m6 6 12 12"/>',
  unknown: '<path d="M5 12h14"/>',
  bot: '<path d="M12 8V4H8"/><rect width="16" height="12" x="4" y="8" rx="2"/><path d="M2 14h2"/><path d="M20 14h2"/><path d="M15 13v2"/><path d="M9 13v2"/>',
} as const;

export function markSymbols(): string {
  return Object.entries(SYMBOLS)
    .map(
      ([id, body]) =>
        `<symbol id="lm-kpi-${id}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="${id === 'bot' ? 2.2 : 3}" stroke-linecap="round" stroke-linejoin="round">${body}</symbol>`,
    )
    .join('');
}

const BADGE_H = 19;
const FONT = 11;
const MAX_VALUE_W = 78;

type Num = (n: number) => string;

/** A value cut with "…" to `max` px. */
function cut(text: string, max: number): string {
  if (textWidth(text, FONT, 600) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, FONT, 600) > max) break;
    out += ch;
  }
  return `${out}…`;
}

interface Piece {
  width: number;
  draw(x: number, top: number): string;
}

function badge(k: Kpi, number: Num, labels: MarkLabels): Piece {
  const status = kpiStatus(k);
  const c = KPI_COLOURS[status];
  // the current value; without one, the target («цель 15 %»); neither, the dash alone
  const words = k.current !== null ? kpiValue(k.current, k.unit, number) : k.target !== null ? `${labels.target} ${kpiValue(k.target, k.unit, number)}` : '';
  const text = cut(words, MAX_VALUE_W);
  const width = text ? 4 + 11 + 3 + textWidth(text, FONT, 600) + 6 : 21;
  const tip = `${k.name}: ${kpiValue(k.current, k.unit, number)}${k.target === null ? '' : ` (${labels.target} ${kpiValue(k.target, k.unit, number)})`}`;
  return {
    width,
    draw: (x, top) =>
      `<g class="lm-kpi" data-status="${status}"><title>${escapeXml(tip)}</title>` +
      `<rect x="${num(x + 0.5)}" y="${num(top + 0.5)}" width="${num(width - 1)}" height="${BADGE_H - 1}" rx="9" fill="${c.fill}" stroke="${c.stroke}"/>` +
      `<use xlink:href="#lm-kpi-${status}" x="${num(x + (text ? 4 : 5))}" y="${num(top + 4)}" width="11" height="11" color="${c.stroke}" style="color:${c.stroke}"/>` +
      (text ? textBlock({ lines: [text], size: FONT, lineHeight: BADGE_H }, x + 18, top, { weight: 600, fill: c.text }) : '') +
      '</g>',
  };
}

function more(count: number, number: Num): Piece {
  const text = `+${number(count)}`;
  const width = textWidth(text, FONT, 600) + 10;
  const c = KPI_COLOURS.more;
  return {
    width,
    draw: (x, top) =>
      `<rect x="${num(x + 0.5)}" y="${num(top + 0.5)}" width="${num(width - 1)}" height="${BADGE_H - 1}" rx="9" fill="${c.fill}" stroke="${c.stroke}"/>` +
      textBlock({ lines: [text], size: FONT, lineHeight: BADGE_H }, x + 5, top, { weight: 600, fill: c.text }),
  };
}

function automationPiece(level: 'partial' | 'auto', title: string): Piece {
  const width = 21;
  return {
    width,
    draw: (x, top) =>
      `<g class="lm-automation" data-automation="${level}"><title>${escapeXml(title)}</title>` +
      `<rect x="${num(x + 0.5)}" y="${num(top + 0.5)}" width="${width - 1}" height="${BADGE_H - 1}" rx="9" fill="${level === 'auto' ? AUTO : '#fff'}" stroke="${AUTO}"${level === 'partial' ? ' stroke-dasharray="3 2"' : ''}/>` +
      `<use xlink:href="#lm-kpi-bot" x="${num(x + 4.5)}" y="${num(top + 3.5)}" width="12" height="12" color="${level === 'auto' ? '#fff' : AUTO}" style="color:${level === 'auto' ? '#fff' : AUTO}"/>` +
      '</g>',
  };
}

/** The first KPIs that fit in `room` px (at most `max`), then "+N" for the rest. */
function kpiPieces(kpis: Kpi[], max: number, room: number, number: Num, labels: MarkLabels, used = 0): Piece[] {
  const out: Piece[] = [];
  let w = used;
  for (let i = 0; i < kpis.length; i++) {
    const b = badge(kpis[i]!, number, labels);
    const rest = kpis.length - i - 1;
    const tail = rest > 0 ? more(rest, number).width + 3 : 0;
    if (i >= max || w + b.width + tail > room) {
      out.push(more(kpis.length - i, number));
      break;
    }
    out.push(b);
    w += b.width + 3;
  }
  return out;
}

function row(pieces: Piece[], x: number, top: number): string {
  let at = x;
  return pieces
    .map((p) => {
      const s = p.draw(at, top);
      at += p.width + 3;
      return s;
    })
    .join('');
}

const rowWidth = (pieces: Piece[]) => pieces.reduce((w, p) => w + p.width, 0) + Math.max(0, pieces.length - 1) * 3;

/** How far the marks reach up into a card from its bottom edge (with a little air). */
export const MARKS_ROOM = 12;

/** Whether a step carries any mark (KPIs, or automation). */
export function hasMarks(step: Step): boolean {
  return (step.kpis?.length ?? 0) > 0 || automationOf(step) !== 'manual';
}

/** A step's marks across the bottom edge `bottom` of its card (x, width: the card's). */
export function stepMarksSvg(
  step: Step,
  x: number,
  bottom: number,
  width: number,
  number: Num,
  labels: MarkLabels,
  levelName: (l: 'partial' | 'auto') => string,
): string {
  const level = automationOf(step);
  const kpis = step.kpis ?? [];
  if (level === 'manual' && kpis.length === 0) return '';
  // a diamond (decision, parallel split/join) is narrow at its bottom: the badges sit under its middle
  const decision = step.kind === 'decision' || step.kind === 'parallel';
  const left = decision ? x : x + 10;
  const room = decision ? width / 2 : width - 34;
  const pieces: Piece[] = [];
  if (level !== 'manual') pieces.push(automationPiece(level, step.system?.trim() ? `${levelName(level)}: ${step.system.trim()}` : levelName(level)));
  const max = step.kind === 'start' || step.kind === 'event' || step.kind === 'end' ? 1 : 2;
  pieces.push(...kpiPieces(kpis, max, room, number, labels, rowWidth(pieces) + (pieces.length ? 3 : 0)));
  return row(pieces, left, bottom - BADGE_H / 2);
}

/** A phase's badges (at most `room` px wide) for its header, centred on `middle`: their width, and drawn from a left edge. */
export function phaseMarksSvg(kpis: Kpi[], middle: number, room: number, number: Num, labels: MarkLabels): { width: number; draw(x: number): string } {
  if (!kpis.length || room < 40) return { width: 0, draw: () => '' };
  const pieces = kpiPieces(kpis, 3, room, number, labels);
  return { width: rowWidth(pieces), draw: (x) => row(pieces, x, middle - BADGE_H / 2) };
}

/** Which marks a picture shows (for its key). */
export function marksIn(steps: Step[], phaseKpis: Kpi[][]): { kpi: boolean; auto: boolean; partial: boolean } {
  let kpi = phaseKpis.some((l) => l.length > 0);
  let auto = false;
  let partial = false;
  for (const s of steps) {
    if (s.kpis?.length) kpi = true;
    const l = automationOf(s);
    if (l === 'auto') auto = true;
    if (l === 'partial') partial = true;
  }
  return { kpi, auto, partial };
}

/**
 * The key of the marks from `top` (left `left`, wrapping at `width`): met / missed / no target
 * when the picture has KPIs, automated / partly automated for the levels it shows. '' without any.
 */
export function marksLegendSvg(
  shown: { kpi: boolean; auto: boolean; partial: boolean },
  left: number,
  top: number,
  width: number,
  labels: MarkLabels,
  headingFill: string,
  textFill: string,
): { svg: string; height: number } {
  const items: { piece: Piece; label: string }[] = [];
  const sample = (status: KpiStatus): Piece => {
    const c = KPI_COLOURS[status];
    return {
      width: 21,
      draw: (x, t) =>
        `<rect x="${num(x + 0.5)}" y="${num(t + 0.5)}" width="20" height="${BADGE_H - 1}" rx="9" fill="${c.fill}" stroke="${c.stroke}"/>` +
        `<use xlink:href="#lm-kpi-${status}" x="${num(x + 5)}" y="${num(t + 4)}" width="11" height="11" color="${c.stroke}" style="color:${c.stroke}"/>`,
    };
  };
  if (shown.kpi) {
    items.push({ piece: sample('met'), label: labels.kpiMet });
    items.push({ piece: sample('missed'), label: labels.kpiMissed });
    items.push({ piece: sample('unknown'), label: labels.kpiUnknown });
  }
  if (shown.auto) items.push({ piece: automationPiece('auto', labels.automated), label: labels.automated });
  if (shown.partial) items.push({ piece: automationPiece('partial', labels.partlyAutomated), label: labels.partlyAutomated });
  if (!items.length) return { svg: '', height: 0 };
  const parts = [textBlock({ lines: [labels.marks], size: 12, lineHeight: 18 }, left, top, { weight: 600, fill: headingFill })];
  let y = top + 22;
  let x = left;
  for (const item of items) {
    const w = item.piece.width + 6 + textWidth(item.label, 12) + 20;
    if (x > left && x + w > left + width) {
      x = left;
      y += 24;
    }
    parts.push(item.piece.draw(x, y));
    parts.push(textBlock({ lines: [item.label], size: 12, lineHeight: BADGE_H }, x + item.piece.width + 6, y, { fill: textFill }));
    x += w;
  }
  return { svg: `<g class="lm-marks-legend">${parts.join('')}</g>`, height: y + BADGE_H - top };
}
