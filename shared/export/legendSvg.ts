/**
 * The key of an exported picture (SVG, PNG, PDF): what the step shapes mean (start, task,
 * sub-process, decision, parallel, event, end) and what the chips on a card count (inputs,
 * outputs, resources, duration), in the export's language. Only what the picture shows is
 * explained; drawn under the roles' colours, before the KPI and automation marks' key.
 */
import type { Step, StepKind } from '../model/types';
import { STEP_KINDS } from '../model/types';
import { textWidth } from '../model/textMetrics';
import { num, textBlock } from './text';

export interface KeyLabels {
  heading: string;
  kinds: Record<StepKind, string>;
  inputs: string;
  outputs: string;
  resources: string;
  duration: string;
}

/** The key's words in the two languages of the app (the app wires them into its texts; the command line picks one). */
export const KEY_WORDS: Record<'en' | 'ru', KeyLabels> = {
  en: {
    heading: 'Key',
    kinds: { start: 'Start', task: 'Task', subprocess: 'Sub-process', decision: 'Decision', parallel: 'Parallel split / join', event: 'Event', end: 'End' },
    inputs: 'Inputs (number)',
    outputs: 'Outputs (number)',
    resources: 'Resources (number)',
    duration: 'Duration',
  },
  ru: {
    heading: 'Условные обозначения',
    kinds: {
      start: 'Начало',
      task: 'Задача',
      subprocess: 'Подпроцесс',
      decision: 'Решение',
      parallel: 'Параллельное ветвление / слияние',
      event: 'Событие',
      end: 'Конец',
    },
    inputs: 'Входы (число)',
    outputs: 'Выходы (число)',
    resources: 'Ресурсы (число)',
    duration: 'Длительность',
  },
};

const STROKE = '#6b7483';
const CHIP_BG = '#f1f3f6';
const ITEM_H = 20;

/** A shape of each kind, 30 × 20, as the map draws it (in grey: the colour is the lane's). */
function kindShape(kind: StepKind, x: number, y: number): string {
  const r = (w: number, extra = '') => `<rect x="${num(x + 0.5)}" y="${num(y + 0.5)}" width="${w - 1}" height="${ITEM_H - 1}" ${extra}/>`;
  switch (kind) {
    case 'task':
      return r(30, 'rx="4" fill="#fff" stroke="#d5d9e0"') + `<rect x="${num(x)}" y="${num(y + 1)}" width="3" height="${ITEM_H - 2}" rx="1" fill="${STROKE}"/>`;
    case 'subprocess':
      return (
        r(30, `rx="4" fill="#fff" stroke="#d5d9e0"`) +
        `<rect x="${num(x + 2.5)}" y="${num(y + 2.5)}" width="25" height="15" rx="3" fill="none" stroke="#d5d9e0"/>` +
        `<path d="M${num(x + 21)} ${num(y + 13)}h5M${num(x + 23.5)} ${num(y + 10.5)}v5" stroke="${STROKE}" stroke-width="1.2"/>`
      );
    case 'decision':
    case 'parallel': {
      const cx = x + 15;
      const cy = y + ITEM_H / 2;
      const d = `<polygon points="${num(cx)},${num(y + 1)} ${num(x + 29)},${num(cy)} ${num(cx)},${num(y + ITEM_H - 1)} ${num(x + 1)},${num(cy)}" fill="#fff" stroke="${STROKE}" stroke-width="1.5"/>`;
      return kind === 'parallel' ? `${d}<path d="M${num(cx - 4)} ${num(cy)}h8M${num(cx)} ${num(cy - 4)}v8" stroke="${STROKE}" stroke-width="1.5"/>` : d;
    }
    case 'event':
      return (
        r(30, `rx="9.5" fill="#fff" stroke="${STROKE}" stroke-width="1.5"`) +
        `<rect x="${num(x + 3)}" y="${num(y + 3)}" width="24" height="14" rx="7" fill="none" stroke="${STROKE}"/>`
      );
    case 'end':
      return `<rect x="${num(x + 1.5)}" y="${num(y + 1.5)}" width="27" height="${ITEM_H - 3}" rx="8.5" fill="#fff" stroke="${STROKE}" stroke-width="3"/>`;
    case 'start':
      return r(30, `rx="9.5" fill="#fff" stroke="${STROKE}" stroke-width="1.5"`);
  }
}

/** A chip with an icon (a `<symbol id="lm-…">` of the map's defs). */
function chip(icon: 'in' | 'out' | 'res' | 'time', x: number, y: number): string {
  const text = icon === 'time' ? '' : 'n';
  return (
    `<rect x="${num(x)}" y="${num(y + 1)}" width="30" height="18" rx="9" fill="${CHIP_BG}"/>` +
    `<use xlink:href="#lm-${icon}" x="${num(x + (text ? 5 : 9.5))}" y="${num(y + 4.5)}" width="11" height="11"/>` +
    (text ? textBlock({ lines: [text], size: 11, lineHeight: 18 }, x + 19, y + 1, { fill: '#4a5463' }) : '')
  );
}

/** Which kinds and chips the exported steps show. */
export function keyContent(steps: readonly Step[]): { kinds: StepKind[]; chips: ('in' | 'out' | 'res' | 'time')[] } {
  const kinds = new Set(steps.map((s) => s.kind));
  const chips: ('in' | 'out' | 'res' | 'time')[] = [];
  if (steps.some((s) => s.inputs.length)) chips.push('in');
  if (steps.some((s) => s.outputs.length)) chips.push('out');
  if (steps.some((s) => s.resources.length)) chips.push('res');
  if (steps.some((s) => s.duration)) chips.push('time');
  return { kinds: STEP_KINDS.filter((k) => kinds.has(k)), chips };
}

/**
 * The key at (`left`, `top`), its rows wrapped to `width`: a heading, then one item per kind and
 * chip shown. Empty (height 0) when there are no steps.
 */
export function keyLegendSvg(
  steps: readonly Step[],
  left: number,
  top: number,
  width: number,
  labels: KeyLabels,
  headingFill: string,
  textFill: string,
): { svg: string; height: number } {
  const { kinds, chips } = keyContent(steps);
  if (!kinds.length) return { svg: '', height: 0 };
  const chipLabel = { in: labels.inputs, out: labels.outputs, res: labels.resources, time: labels.duration } as const;
  const items: { draw: (x: number, y: number) => string; label: string }[] = [
    ...kinds.map((k) => ({ draw: (x: number, y: number) => kindShape(k, x, y), label: labels.kinds[k] })),
    ...chips.map((c) => ({ draw: (x: number, y: number) => chip(c, x, y), label: chipLabel[c] })),
  ];
  const parts = [textBlock({ lines: [labels.heading], size: 12, lineHeight: 18 }, left, top, { weight: 600, fill: headingFill })];
  let y = top + 22;
  let x = left;
  for (const item of items) {
    const w = 30 + 6 + textWidth(item.label, 12) + 20;
    if (x > left && x + w > left + width) {
      x = left;
      y += ITEM_H + 6;
    }
    parts.push(item.draw(x, y));
    parts.push(textBlock({ lines: [item.label], size: 12, lineHeight: ITEM_H }, x + 36, y, { fill: textFill }));
    x += w;
  }
  return { svg: `<g class="lm-key">${parts.join('')}</g>`, height: y + ITEM_H - top };
}
