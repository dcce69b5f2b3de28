/**
 * The value-stream timeline of a map (issue 10, part 2): the steps of the critical path in
 * order, each as the time work waits before it (drawn low) and the time it is worked on (drawn
 * high), as value stream maps draw their timeline ladder. Every segment has the same width
 * whatever its length (a two-day wait beside a ten-minute task would otherwise vanish); the
 * times are written on it. Rows wrap to the width given. Pure layout: the editor draws it with
 * React, the SVG export as text (shared/export/valueStreamSvg.ts), from the same numbers.
 */
import type { MapDoc } from '../model/types';
import { fitText, type FittedText } from '../export/text';
import { stepWait, stepWork, type Figures } from './figures';

export const VS = {
  /** Width of a wait segment and of a work segment. */
  wait: 76,
  work: 124,
  /** Height of one row: step titles, the ladder, the times under it. */
  rowHeight: 104,
  /** The ladder's high (work) and low (wait) lines within a row. */
  high: 50,
  low: 76,
  /** The totals at the end of the last row. */
  totalsWidth: 190,
  titleSize: 11,
  timeSize: 11,
} as const;

export interface ValueStreamSegment {
  stepId: string;
  row: number;
  /** Left edge of the wait segment (the work segment follows it). */
  x: number;
  wait: number;
  work: number;
  /** The step's title fitted over its work segment (three lines at most). */
  title: FittedText;
}

export interface ValueStreamLayout {
  segments: ValueStreamSegment[];
  rows: number;
  width: number;
  height: number;
  /** Where the totals are written (after the last segment, or under it when the row is full). */
  totals: { x: number; row: number };
  leadTime: number;
  workOnPath: number;
  efficiency: number;
}

/**
 * The timeline of `figures.criticalPath` laid out in rows at most `maxWidth` wide (at least one
 * step per row). Untitled steps are named `untitled`.
 */
export function valueStreamLayout(doc: MapDoc, figures: Figures, maxWidth: number, untitled: string): ValueStreamLayout {
  const slot = VS.wait + VS.work;
  const perRow = Math.max(1, Math.floor(maxWidth / slot));
  const segments: ValueStreamSegment[] = [];
  figures.criticalPath.forEach((stepId, i) => {
    const step = doc.steps[stepId];
    if (!step) return;
    const row = Math.floor(i / perRow);
    const x = (i % perRow) * slot;
    const title = fitText(step.title.trim() || untitled, VS.work - 8, 3 * 14, VS.titleSize, 600, 14 / 11, 8);
    // an event's time (a timer) is waiting, not work
    segments.push({ stepId, row, x, wait: stepWait(step), work: stepWork(step), title });
  });
  const lastRow = segments.length ? segments[segments.length - 1]!.row : 0;
  const lastEnd = segments.length ? segments[segments.length - 1]!.x + slot : 0;
  // the totals follow the last step when they fit in its row, else they start a row of their own
  const fits = lastEnd + VS.totalsWidth <= Math.max(maxWidth, slot);
  const totals = fits ? { x: lastEnd + 16, row: lastRow } : { x: 0, row: lastRow + 1 };
  const rows = totals.row + 1;
  const used = Math.min(perRow, segments.length) * slot;
  return {
    segments,
    rows,
    width: Math.max(used, totals.x + VS.totalsWidth),
    height: rows * VS.rowHeight,
    totals,
    leadTime: figures.leadTime,
    workOnPath: figures.workOnPath,
    efficiency: figures.efficiency,
  };
}
