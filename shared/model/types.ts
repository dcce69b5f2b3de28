/**
 * The document model of a Lanemap process map. Pure data: no behaviour, no I/O.
 *
 * Positions: a step's `x` is absolute on the canvas; its `y` is relative to the top of its
 * role's lane, so reordering or resizing lanes moves their steps with them and a step can
 * never be "between" lanes.
 */

/**
 * `subprocess` is a step that stands for a whole map of its own (`Step.linkedMapId`);
 * `parallel` splits the work into branches that all run (or joins them: it waits for all), as
 * BPMN's parallel gateway; `event` is something the process waits for or sends in its middle
 * (the customer's reply, three days passing: `Step.trigger`), as BPMN's intermediate events.
 */
export const STEP_KINDS = ['start', 'task', 'subprocess', 'decision', 'parallel', 'event', 'end'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * What starts, ends or is awaited at an event (a start, an event or an end step), as BPMN's event
 * definitions: a message (the customer's reply), a timer (three days pass), a condition, a
 * signal, an error, an escalation, a compensation, a link, a termination, a cancellation, or
 * several of them ('multiple'). Absent: a plain event.
 */
export const EVENT_TRIGGERS = ['message', 'timer', 'conditional', 'signal', 'error', 'escalation', 'compensation', 'link', 'terminate', 'cancel', 'multiple'] as const;
export type EventTrigger = (typeof EVENT_TRIGGERS)[number];
/** The kinds of step that are events and may carry a trigger. */
export const EVENT_KINDS: readonly StepKind[] = ['start', 'event', 'end'];

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
  /** What this stage of the cycle is measured by. */
  kpis?: Kpi[];
}

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
/** Which way a KPI is better: a higher value (conversion) or a lower one (response time). */
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/** A key performance indicator on a phase or a step («Конверсия лид → сделка, %, цель 15, сейчас 12»). */
export interface Kpi {
  id: string;
  name: string;
  /** Free text: %, ч, руб., шт. … (may be empty). */
  unit: string;
  /** null: not said yet. */
  target: number | null;
  /** null: not measured yet. */
  current: number | null;
  better: KpiDirection;
}

export const AUTOMATION_LEVELS = ['manual', 'partial', 'auto'] as const;
/** How a step is done: by hand, partly by a system, or by a system alone. */
export type AutomationLevel = (typeof AUTOMATION_LEVELS)[number];

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
  /** For a sub-process: the map that details it (absent: not linked yet). */
  linkedMapId?: string;
  inputs: string[];
  outputs: string[];
  resources: string[];
  /** How long work waits before this step starts (a queue, an approval, the customer); absent: none said. */
  wait?: Duration;
  /**
   * RACI beyond R (the step's own role is Responsible): role id -> A, C or I. 'A' on the
   * step's own role means it is both responsible and accountable.
   */
  raci?: Record<string, RaciLetter>;
  /** Outside parties: where an input comes from or an output goes to, outside the map (e.g. «Клиент»). */
  parties?: ItemParty[];
  /** How the step is done; absent: by hand ('manual' is never stored). */
  automation?: Exclude<AutomationLevel, 'manual'>;
  /** The system that does or helps with it (CRM, 1C, e-mail…). */
  system?: string;
  kpis?: Kpi[];
  /**
   * A width the user gave the card ("same width"), in px along the card's own width; absent: its
   * natural width. Never narrower than the natural width, never wider than STEP_MAX_WIDTH.
   */
  width?: number;
  /** For a start, an event or an end step: what it waits for or sends (absent: a plain event). */
  trigger?: EventTrigger;
  /** For an event step: it sends (a message sent, a signal raised) rather than waits; absent: it waits. */
  throwing?: true;
}

/**
 * Free text on the canvas: a sticky note standing anywhere, or an annotation attached to a step
 * (drawn joined to it by a dotted line). `x`, `y` are in the map's frame (x along the flow): for
 * a sticky note absolute, for an annotation relative to its step's top-left corner, so an
 * annotation follows its step wherever the step goes (a drag, a tidy-up, a lane growing).
 */
export interface Note {
  id: string;
  text: string;
  x: number;
  y: number;
  /** On screen, in px (absent: NOTE_WIDTH). */
  width?: number;
  /** The step an annotation is attached to; absent: a sticky note. */
  stepId?: string;
}

export const RACI_LETTERS = ['A', 'C', 'I'] as const;
/** Accountable, Consulted, Informed (Responsible is the step's role). */
export type RaciLetter = (typeof RACI_LETTERS)[number];

/** An input that comes from, or an output that goes to, a party outside the map. */
export interface ItemParty {
  kind: 'inputs' | 'outputs';
  /** The item as written on the step. */
  item: string;
  party: string;
}

/** A finding of the checks set aside on purpose, with the reason (shown as dismissed). */
export interface Dismissal {
  rule: string;
  targetKind: 'map' | 'step' | 'flow' | 'role' | 'phase';
  /** The step, flow, role or phase; null for the map. */
  targetId: string | null;
  /** The input or output a data finding is about, folded as the checks compare items. */
  item?: string;
  reason: string;
  by: string;
  at: string;
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
  /** Of the cases leaving a decision, the percentage that take this flow (absent: not said, shared equally). */
  share?: number;
  /** A message between two parties (BPMN's message flow between pools) rather than the work passing on; drawn dashed. */
  message?: true;
}

export const DIRECTIONS = ['right', 'down'] as const;
/** Which way a map reads: left to right (lanes are rows) or top to bottom (lanes are columns). */
export type Direction = (typeof DIRECTIONS)[number];

/** Why the map is made (the article's first question). */
export const PURPOSES = ['training', 'optimisation', 'monitoring', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** draft -> in review -> approved; an edit of an approved map makes it a draft again. */
export const MAP_STATUSES = ['draft', 'in_review', 'approved'] as const;
export type MapStatus = (typeof MAP_STATUSES)[number];

export interface Approval {
  by: string;
  at: string;
}

export const COMMENT_TARGETS = ['map', 'step', 'flow'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** A remark made while reviewing: on the whole map, a step or a flow; replies point to the first comment of their thread. */
export interface MapComment {
  id: string;
  targetKind: CommentTarget;
  /** The step or flow id; null for a comment on the map. */
  targetId: string | null;
  /** The thread's first comment, for a reply; null for the first comment of a thread. */
  parentId: string | null;
  author: string;
  text: string;
  createdAt: string;
  /** Set on a thread's first comment when the thread is resolved. */
  resolvedAt: string | null;
  resolvedBy: string | null;
}

/** The eight wastes of Lean, as pain-point kinds. */
export const LEAN_WASTES = ['waiting', 'defects', 'overprocessing', 'motion', 'inventory', 'overproduction', 'transport', 'talent'] as const;
export const PAIN_KINDS = ['bottleneck', 'redundant', 'idea', ...LEAN_WASTES] as const;
/** What is wrong with a step (or could be better), as the analysis of the map finds it: the first three, or a Lean waste. */
export type PainKind = (typeof PAIN_KINDS)[number];

export const SWOT_QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;
export type SwotQuadrant = (typeof SWOT_QUADRANTS)[number];

/** A short note on the map's SWOT board, optionally about some of its steps. */
export interface SwotNote {
  id: string;
  quadrant: SwotQuadrant;
  text: string;
  stepIds: string[];
}

/** Months between reviews when a map does not say (approving sets the next review this far ahead). */
export const DEFAULT_REVIEW_MONTHS = 6;

/** A pain point on a step; one per step and kind, with dot votes (each click adds one). */
export interface PainPoint {
  id: string;
  stepId: string;
  kind: PainKind;
  votes: number;
  createdAt: string;
}

export interface MapDoc {
  id: string;
  title: string;
  description: string;
  /** Absent means 'right'. Positions are stored in the map's frame and drawn transposed for 'down'. */
  direction?: Direction;
  /** Map properties; absent purpose means not said yet, absent status means draft. */
  purpose?: Purpose;
  owner?: string;
  status?: MapStatus;
  /** Who approved the map last, and when (kept when a later edit makes it a draft again). */
  approval?: Approval;
  /** Findings of the checks set aside for this map. */
  dismissed?: Dismissal[];
  /** Rules of the checks switched off for this map. */
  rulesOff?: string[];
  /** The SWOT board, notes in the order shown within each quadrant. */
  swot?: SwotNote[];
  /** Months between reviews (absent: DEFAULT_REVIEW_MONTHS; 0: no regular review). */
  reviewEveryMonths?: number;
  /** Date (YYYY-MM-DD) by which the map is to be reviewed next; set on approval. */
  nextReview?: string;
  createdAt: string;
  updatedAt: string;
  roles: Record<string, Role>;
  phases: Record<string, Phase>;
  steps: Record<string, Step>;
  flows: Record<string, Flow>;
  comments: Record<string, MapComment>;
  painPoints: Record<string, PainPoint>;
  /** Free text notes on the canvas (absent in maps from before them: none). */
  notes?: Record<string, Note>;
}

/** One row of the map library. */
export interface MapSummary {
  id: string;
  title: string;
  stepCount: number;
  createdAt: string;
  updatedAt: string;
  status: MapStatus;
  owner: string;
  /** YYYY-MM-DD, or null when no review is planned. */
  nextReview: string | null;
  /** Maps with a sub-process step that opens this one. */
  partOf: { id: string; title: string }[];
}

/** A named snapshot of a map ("As-is, agreed 30 Nov"); the map itself is kept as it was then. */
export interface VersionSummary {
  id: string;
  mapId: string;
  name: string;
  note: string;
  author: string;
  createdAt: string;
  /** 'approved' for the snapshot taken when the map was approved. */
  kind: 'manual' | 'approved';
  stepCount: number;
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
  owner: 120,
  author: 120,
  comment: 5_000,
  versionName: 200,
  versionNote: 2_000,
  party: 120,
  reason: 500,
  dismissals: 2_000,
  kpiName: 160,
  kpiUnit: 30,
  kpisPerItem: 30,
  system: 120,
  swotNote: 500,
  swotNotes: 500,
  reviewMonths: 120,
  note: 2_000,
  notes: 500,
} as const;
