/**
 * Public types of the layout engine. Kept apart from the algorithm so the app, tests and the
 * bench can import them without pulling in any code.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { SizeFn } from '../model/geometry';
import type { Point } from '../model/types';

export type { ElkNode };

/** How a tidy-up treats steps the user pinned by hand. */
export interface LayoutOptions {
  /** `'keep'` (default): pinned steps keep x and y exactly; `'ignore'`: laid out like the rest. */
  pinned?: 'keep' | 'ignore';
  /** Box sizes to lay out with (default: the map's own, `frameSize(doc.direction)`), e.g. taller cards for an export with details. */
  size?: SizeFn;
}

/**
 * Horizontal extent of one phase (a stage of the sales cycle) on the canvas: the same box
 * `phaseBoxes` computes from the laid-out doc (columns touch; the steps of neighbouring
 * phases are kept at least PHASE_PADDING + PHASE_LEAD apart inside them).
 */
export interface PhaseColumn {
  phaseId: string;
  left: number;
  right: number;
}

export interface LayoutResult {
  /**
   * New x and y for every step, as stored in the doc: y relative to the step's lane top; x
   * relative to its phase column's left edge in a map with phases (absolute in a map without),
   * following shared/model/geometry.ts. Roles and phases never change.
   */
  steps: Record<string, { x: number; y: number }>;
  /**
   * Orthogonal polyline per flow in absolute canvas coordinates (lane tops from `laneBoxes` of
   * the laid-out doc), from the source's right-middle to the target's left-middle; `undefined`
   * for a flow whose route could not be made valid (the canvas then draws it itself).
   */
  routes: Record<string, Point[] | undefined>;
  /** One entry per phase in phase order (empty for a map without phases). */
  phaseColumns: PhaseColumn[];
  /** Human-readable notes, e.g. "3 flows are drawn by the canvas because no clean route was found". */
  warnings: string[];
}

/**
 * The part of an elkjs `ELK` instance the engine uses: the bundled instance in tests and the
 * bench, a Web Worker backed one (`elkjs/lib/elk-api.js`) in the app.
 */
export type ElkLike = { layout(graph: ElkNode, opts?: unknown): Promise<ElkNode> };
