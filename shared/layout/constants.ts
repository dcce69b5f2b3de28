/**
 * Spacing of the laid-out map, in canvas pixels. Shared by the layout and its validation so
 * both agree on what "not overlapping" and "inside" mean.
 */

/** Minimum clearance between two step boxes that validation accepts. */
export const STEP_GAP = 8;
/** From a lane's top to its first row of steps: room for loop-back routes above the row. */
export const LANE_TOP_PAD = 40;
/** Vertical gap between two rows of steps in one lane: a corridor for horizontal route tracks. */
export const ROW_GAP = 40;
/** Minimum width of the channel between two columns of steps inside one phase. */
export const MIN_CHANNEL = 60;
/** Minimum width of the channel between the last column of a phase and the first of the next. */
export const PHASE_CHANNEL = 96;
/** Width of the channels left of the first and right of the last column (loop-back verticals). */
export const EDGE_CHANNEL = 48;
/** Distance between parallel route tracks in a channel or corridor. */
export const TRACK_SPACING = 10;
/** Free space kept between a channel's outermost track and the steps next to it. */
export const CHANNEL_MARGIN = 16;
/** Free space kept between a corridor's outermost track and the rows above and below. */
export const BAND_MARGIN = 10;
/** Width given to a phase without laid-out steps, so its column still shows. */
export const EMPTY_PHASE_WIDTH = 200;
/** Length of the first/last horizontal piece of a fallback route at a pinned step. */
export const STUB = 20;
/** Clearance kept between laid-out steps and pinned steps. */
export const PIN_CLEARANCE = 16;
/** Space between a phase column's left edge and its first step column. */
export const PHASE_LEAD = 24;
