/**
 * The document model of a Lanemap process map. Pure data: no behaviour, no I/O.
 *
 * Positions: a step's `x` is absolute on the canvas; its `y` is relative to the top of its
 * role's lane, so reordering or resizing lanes moves their steps with them and a step can
 * never be "between" lanes.
 */

export const STEP_KINDS = ['start', 'task', 'decision', 'end'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const ITEM_KINDS = ['inputs', 'outputs', 'resources'] as const;
/** The three ordered lists a step carries: what goes in, what comes out, what it uses. */
export type ItemKind = (typeof ITEM_KINDS)[number];

export const DURATION_UNITS = ['min', 'h', 'd'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  value: number;
  unit: DurationUnit;
}

/** A role (a lane): who performs steps. */
export interface Role {
  id: string;
  name: string;
  /** CSS hex colour, e.g. `#4f7cff`. */
  color: string;
  /** Position of the lane, top to bottom (0-based, contiguous). */
  order: number;
}

/** A stage of the sales cycle, drawn as a column (laid out by the layout issue). */
export interface Phase {
  id: string;
  name: string;
  order: number;
}

export interface Step {
  id: string;
  kind: StepKind;
  title: string;
  description: string;
  roleId: string;
  phaseId: string | null;
  x: number;
  /** Relative to the top of the lane of `roleId`. */
  y: number;
  duration: Duration | null;
  /** Kept where the user put it by later tidy-ups. */
  pinned?: boolean;
  inputs: string[];
  outputs: string[];
  resources: string[];
}

/** A sequence flow from one step to the next, optionally labelled ("yes", "no"). */
export interface Point {
  x: number;
  y: number;
}

export interface Flow {
  id: string;
  fromStepId: string;
  toStepId: string;
  label: string;
  /**
   * Orthogonal bend points from the last tidy-up, in canvas coordinates, from the source
   * step's outgoing side to the target's incoming side. Drawn only while both ends still
   * meet their steps; otherwise the canvas routes the flow itself.
   */
  route?: Point[];
}

export const DIRECTIONS = ['right', 'down'] as const;
/** Which way a map reads: left to right (lanes are rows) or top to bottom (lanes are columns). */
export type Direction = (typeof DIRECTIONS)[number];

export interface MapDoc {
  id: string;
  title: string;
  description: string;
  /** Absent means 'right'. Positions are stored in the map's frame and drawn transposed for 'down'. */
  direction?: Direction;
  createdAt: string;
  updatedAt: string;
  roles: Record<string, Role>;
  phases: Record<string, Phase>;
  steps: Record<string, Step>;
  flows: Record<string, Flow>;
}

/** One row of the map library. */
export interface MapSummary {
  id: string;
  title: string;
  stepCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Limits shared by the editor (input maxLength) and the schemas (rejection). */
export const LIMITS = {
  title: 300,
  mapTitle: 200,
  roleName: 120,
  description: 20_000,
  itemLabel: 300,
  itemsPerList: 200,
  flowLabel: 120,
} as const;
