/**
 * Pixel x of phase columns, step columns and channels. Runs after routing has counted the
 * tracks each channel needs, so channels are exactly as wide as their routes require.
 *
 * Phase columns follow the canvas's own rule (`phaseBoxes`): they touch, the first starts at
 * 0, and each is max(PHASE_MIN_WIDTH, rightmost step + PHASE_PADDING) wide, measured from its
 * left edge. So the layout decides where steps go and the widths follow, exactly as the
 * canvas will recompute them from the laid-out doc.
 */
import { PHASE_MIN_WIDTH, PHASE_PADDING } from '../model/geometry';
import { CHANNEL_MARGIN, EDGE_CHANNEL, MIN_CHANNEL, PHASE_CHANNEL, PHASE_LEAD, TRACK_SPACING } from './constants';
import type { Columns } from './grid';
import type { ChannelX } from './routes';

export interface ColumnX {
  /** Left edge of every step column. */
  left: number[];
  /** Left edge and width of every phase column (one free column for a map without phases). */
  phaseLeft: number[];
  phaseWidth: number[];
  channels: ChannelX;
}

/**
 * Lays columns out left to right. `pinnedRight[p]` is the largest x + width (relative to the
 * phase column, as stored) of the pinned steps of phase column p, or -Infinity; `emptyCol[c]`
 * marks placeholder columns of phases without laid-out steps. `phased` = the map has phases
 * (else one free column starting at 0 with no minimum width).
 */
export function placeColumns(cols: Columns, channelTracks: number[], pinnedRight: number[], emptyCol: boolean[], phased: boolean): ColumnX {
  const C = cols.count;
  const need = channelTracks.map((tracks, k) => {
    const base = k === 0 || k === C ? EDGE_CHANNEL : cols.phase[k - 1] !== cols.phase[k] ? PHASE_CHANNEL : MIN_CHANNEL;
    return Math.max(base, 2 * CHANNEL_MARGIN + Math.max(0, tracks - 1) * TRACK_SPACING);
  });
  const chLeft = new Array<number>(C + 1).fill(0);
  const width = need.slice();
  const left = new Array<number>(C).fill(0);
  const P = pinnedRight.length;
  const phaseLeft = new Array<number>(P).fill(0);
  const phaseWidth = new Array<number>(P).fill(0);
  let prevRight = 0; // right edge of the previous step column
  let c = 0;
  for (let p = 0; p < P; p++) {
    const first = c;
    let contentRight = -Infinity; // rightmost laid-out step of this phase (absolute)
    for (; c < C && cols.phase[c] === p; c++) {
      // the channel left of column c runs from the previous column to this one
      const leftEdge = c === 0 ? 0 : prevRight;
      let x = leftEdge + need[c]!;
      if (c === first && phased) x = Math.max(x, phaseLeft[p]! + PHASE_LEAD);
      chLeft[c] = leftEdge;
      width[c] = x - leftEdge;
      left[c] = x;
      prevRight = x + cols.width[c]!;
      if (!emptyCol[c]) contentRight = Math.max(contentRight, prevRight);
    }
    const rel = Math.max(contentRight - phaseLeft[p]!, pinnedRight[p]!);
    phaseWidth[p] = phased ? Math.max(PHASE_MIN_WIDTH, rel + PHASE_PADDING) : Math.max(0, rel);
    if (p + 1 < P) phaseLeft[p + 1] = phaseLeft[p]! + phaseWidth[p]!;
  }
  chLeft[C] = prevRight;
  width[C] = need[C]!;
  return { left, phaseLeft, phaseWidth, channels: { left: chLeft, width, tracks: channelTracks } };
}
