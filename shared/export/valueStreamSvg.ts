/**
 * The value-stream timeline (shared/analysis/valueStream.ts) as SVG text, for the SVG and PNG
 * exports: a heading, then per row the step titles over the ladder (wait low, work high) with
 * the times on it, and the totals (lead time, work, efficiency) at the end.
 */
import { VS, type ValueStreamLayout } from '../analysis/valueStream';
import { fitText, num, textBlock } from './text';

export interface ValueStreamLabels {
  heading: string;
  leadTime: string;
  work: string;
  efficiency: string;
}

export const VS_COLOURS = { work: '#2f6fed', wait: '#d9822b', text: '#1c2430', muted: '#6b7483', rule: '#e3e6eb' } as const;
export const VS_HEADING_HEIGHT = 28;

/** The band drawn at (`left`, `top`); its height is `VS_HEADING_HEIGHT + layout.height`. */
export function valueStreamSvg(layout: ValueStreamLayout, left: number, top: number, labels: ValueStreamLabels, time: (minutes: number) => string, percent: (share: number) => string): string {
  const out: string[] = [`<g class="value-stream">`];
  out.push(textBlock(fitText(labels.heading, 600, 18, 13, 600), left, top, { weight: 600, fill: VS_COLOURS.text }));
  const y0 = top + VS_HEADING_HEIGHT;
  const ladder: string[] = [];
  for (const s of layout.segments) {
    const rowTop = y0 + s.row * VS.rowHeight;
    const x = left + s.x;
    const low = rowTop + VS.low;
    const high = rowTop + VS.high;
    const end = x + VS.wait + VS.work;
    ladder.push(`<path d="M${num(x)} ${num(low)}H${num(x + VS.wait)}" stroke="${VS_COLOURS.wait}" stroke-width="3" fill="none"/>`);
    ladder.push(`<path d="M${num(x + VS.wait)} ${num(low)}V${num(high)}H${num(end)}V${num(low)}" stroke="${VS_COLOURS.work}" stroke-width="3" fill="none"/>`);
    ladder.push(textBlock(s.title, x + VS.wait + 4, rowTop + 4, { weight: 600, fill: VS_COLOURS.text }));
    ladder.push(centred(time(s.wait), x + VS.wait / 2, VS.wait - 6, low + 5, VS_COLOURS.wait));
    ladder.push(centred(time(s.work), x + VS.wait + VS.work / 2, VS.work - 8, high + 5, VS_COLOURS.work));
  }
  out.push(...ladder);
  const tx = left + layout.totals.x;
  const ty = y0 + layout.totals.row * VS.rowHeight + 18;
  const lines = [
    `${labels.leadTime}: ${time(layout.leadTime)}`,
    `${labels.work}: ${time(layout.workOnPath)}`,
    `${labels.efficiency}: ${percent(layout.efficiency)}`,
  ];
  lines.forEach((line, i) => {
    const fitted = fitText(line, VS.totalsWidth - 8, 18, 12, i === 0 ? 600 : 400);
    out.push(textBlock(fitted, tx, ty + i * 20, { weight: i === 0 ? 600 : 400, fill: VS_COLOURS.text }));
  });
  out.push('</g>');
  return out.join('\n');
}

/** A time written across a segment, set smaller rather than overflow it. */
function centred(text: string, cx: number, width: number, top: number, fill: string): string {
  return textBlock(fitText(text, width, 16, VS.timeSize, 400, 16 / 11, 7), cx, top, { fill, anchor: 'middle' });
}
