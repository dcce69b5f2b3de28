/**
 * Sizes and lane geometry derived from the document. Shared by the canvas, layout and export
 * so that what the user sees is what is laid out and exported.
 */
import { textWidth as fontTextWidth } from './textMetrics';
import type { MapDoc, Phase, Role, Step, StepKind } from './types';

export const LANE_MIN_HEIGHT = 160;
export const LANE_PADDING = 28;
export const LANE_HEADER_WIDTH = 168;
/** Canvas x where lane bands start (left of the first step column). */
export const LANE_LEFT = -LANE_HEADER_WIDTH - 40;
/** Phase columns: a step's x is relative to its column's left edge, as its y is to its lane's top. */
export const PHASE_MIN_WIDTH = 300;
export const PHASE_PADDING = 40;
export const PHASE_HEADER_HEIGHT = 44;

const LINE_HEIGHT = 18;

/** Room for the title inside each kind of box, in px (the canvas's CSS: padding and borders). */
const TEXT_WIDTH: Record<StepKind, number> = { task: 166, subprocess: 166, decision: 104, parallel: 104, start: 82, event: 82, end: 80 };

/** Decisions and parallel splits/joins are drawn as diamonds (BPMN's gateways). */
export function isDiamond(kind: StepKind): kind is 'decision' | 'parallel' {
  return kind === 'decision' || kind === 'parallel';
}

/** Start, event and end steps are drawn as pills (rounded ends: BPMN's events). */
export function isPill(kind: StepKind): kind is 'start' | 'event' | 'end' {
  return kind === 'start' || kind === 'event' || kind === 'end';
}
/** Start and end pills widen for titles longer than a few words. */
const WIDE_PILL = 180;

/**
 * Width of a run of title text (Inter 13 px, regular; decisions are semibold) from the font's
 * own advance widths, with a little to spare for the browser's rounding.
 */
export function textWidth(text: string, weight: 400 | 600 = 400): number {
  return fontTextWidth(text, 13, weight) * 1.04;
}

/** The widest a user may make a card ("same width"). */
export const STEP_MAX_WIDTH = 480;
/** Of a widened decision, the share of the extra width its title gains (the diamond's middle). */
const DECISION_TEXT_SHARE = 0.58;

/** A step's natural width (from its kind and title), before any width the user gave it. */
function naturalWidth(step: Pick<Step, 'kind' | 'title'>): number {
  if (isDiamond(step.kind)) return 180;
  if (isPill(step.kind)) return naturalTitleWidth(step) > TEXT_WIDTH[step.kind] ? WIDE_PILL : 120;
  return 200;
}

/** The width the user gave a step, kept between its natural width and STEP_MAX_WIDTH; its natural width when none. */
export function cardWidth(step: Pick<Step, 'kind' | 'title'> & { width?: number }): number {
  const natural = naturalWidth(step);
  const w = step.width;
  if (w === undefined || !Number.isFinite(w)) return natural;
  return Math.round(Math.max(natural, Math.min(STEP_MAX_WIDTH, w)));
}

function naturalTitleWidth(step: Pick<Step, 'kind' | 'title'>): number {
  if (isPill(step.kind)) {
    const narrow = TEXT_WIDTH[step.kind];
    return wrapLines(step.title || ' ', narrow) > 2 ? narrow + WIDE_PILL - 120 : narrow;
  }
  return TEXT_WIDTH[step.kind];
}

/** The width a step's title wraps in on the canvas (and so in exports); a widened card gives it more room. */
export function titleWidth(step: Pick<Step, 'kind' | 'title'> & { width?: number }): number {
  const natural = naturalTitleWidth(step);
  const extra = cardWidth(step) - naturalWidth(step);
  if (extra <= 0) return natural;
  return Math.floor(natural + extra * (isDiamond(step.kind) ? DECISION_TEXT_SHARE : 1));
}

type Sized = Pick<Step, 'kind' | 'title' | 'inputs' | 'outputs' | 'resources'> & Partial<Pick<Step, 'duration' | 'width'>>;

/**
 * A step's extent in the map's own frame: `width` along the flow, `height` across it (along a
 * lane's thickness). Lanes and columns are computed in this frame; a top-to-bottom map swaps
 * the card's sides (see `frameSize`) and is drawn transposed.
 */
export type SizeFn = (step: Sized) => { width: number; height: number };

/** The size function of a map's direction: flows left to right, or top to bottom. */
export function frameSize(direction: MapDoc['direction'] | undefined): SizeFn {
  if (direction !== 'down') return stepSize;
  return (s) => {
    const { width, height } = stepSize(s);
    return { width: height, height: width };
  };
}

/**
 * A step's box in px: wide enough and tall enough for its title wrapped as the canvas wraps
 * it. The canvas draws every step at exactly this size, so layout, lanes, routes and export
 * agree with the screen.
 */
export function stepSize(step: Sized): { width: number; height: number } {
  // measuring the title is most of the cost of a map's geometry: remembered per step object,
  // and checked against what the size depends on (a step edited in place is measured again)
  const known = sizes.get(step);
  const chips = step.inputs.length + step.outputs.length + step.resources.length > 0 || !!step.duration;
  if (known && known.kind === step.kind && known.title === step.title && known.chips === chips && known.set === step.width) return { width: known.width, height: known.height };
  const size = measureStep(step);
  sizes.set(step, { kind: step.kind, title: step.title, chips, set: step.width, ...size });
  return size;
}

const sizes = new WeakMap<object, { kind: StepKind; title: string; chips: boolean; set: number | undefined; width: number; height: number }>();

function measureStep(step: Sized): { width: number; height: number } {
  const title = step.title || ' ';
  const width = cardWidth(step);
  const wrap = titleWidth(step);
  switch (step.kind) {
    case 'decision':
    case 'parallel': {
      const lines = wrapLines(title, wrap, 600);
      return { width, height: Math.max(110, Math.min(lines, 14) * LINE_HEIGHT * 2 + 50) };
    }
    case 'start':
    case 'event':
    case 'end': {
      const lines = wrapLines(title, wrap);
      return { width, height: Math.max(56, lines * LINE_HEIGHT + 30) };
    }
    default: {
      const lines = wrapLines(title, wrap);
      const hasChips = step.inputs.length + step.outputs.length + step.resources.length > 0 || !!step.duration;
      return { width, height: 24 + lines * LINE_HEIGHT + 10 + (hasChips ? 28 : 0) };
    }
  }
}

/** A note's width on screen when the user has not set one, and the narrowest and widest it may be. */
export const NOTE_WIDTH = 180;
export const NOTE_MIN_WIDTH = 100;
export const NOTE_MAX_WIDTH = 480;
/** Padding inside a note (each side) and its line height: the canvas's CSS (notes/NoteNode.css) and the export agree. */
export const NOTE_PADDING = 10;
export const NOTE_LINE_HEIGHT = 18;
/** The longest a note is drawn (its text scrolls on the canvas, is cut with … in exports). */
export const NOTE_MAX_LINES = 30;

/** A note's width on screen. */
export function noteWidth(note: { width?: number }): number {
  const w = note.width;
  if (w === undefined || !Number.isFinite(w)) return NOTE_WIDTH;
  return Math.round(Math.max(NOTE_MIN_WIDTH, Math.min(NOTE_MAX_WIDTH, w)));
}

/** A note's box on screen (upright in either direction of the map): its text wrapped in its width. */
export function noteSize(note: { text: string; width?: number }): { width: number; height: number } {
  const width = noteWidth(note);
  const lines = Math.min(NOTE_MAX_LINES, wrapLines(note.text || ' ', width - 2 * NOTE_PADDING - 4));
  return { width, height: lines * NOTE_LINE_HEIGHT + 2 * NOTE_PADDING + 2 };
}

/** How many lines `text` takes when word-wrapped into `width` px (long words break). */
export function wrapLines(text: string, width: number, weight: 400 | 600 = 400): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let current = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = textWidth(word, weight);
      const space = current > 0 ? textWidth(' ', weight) : 0;
      if (current + space + w <= width) {
        current += space + w;
      } else if (w <= width) {
        count += current > 0 ? 1 : 0;
        current = w;
      } else {
        // a word longer than the line breaks anywhere
        if (current > 0) count += 1;
        let rest = w;
        while (rest > width) {
          count += 1;
          rest -= width;
        }
        current = rest;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

export interface LaneBox {
  role: Role;
  top: number;
  height: number;
}

/** Roles in lane order (top to bottom). */
export function orderedRoles(doc: Pick<MapDoc, 'roles'>): Role[] {
  return Object.values(doc.roles).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Lane bands from top to bottom; each lane is tall enough for the steps in it. */
export function laneBoxes(doc: Pick<MapDoc, 'roles' | 'steps'>, size: SizeFn = stepSize): LaneBox[] {
  const bottoms = new Map<string, number>();
  for (const s of Object.values(doc.steps)) {
    const bottom = s.y + size(s).height + LANE_PADDING;
    if (bottom > (bottoms.get(s.roleId) ?? 0)) bottoms.set(s.roleId, bottom);
  }
  let top = 0;
  return orderedRoles(doc).map((role) => {
    const height = Math.max(LANE_MIN_HEIGHT, bottoms.get(role.id) ?? 0);
    const box = { role, top, height };
    top += height;
    return box;
  });
}

/** The lane whose band contains canvas y (clamped to the first / last lane). */
export function laneAt(lanes: LaneBox[], y: number): LaneBox | undefined {
  if (lanes.length === 0) return undefined;
  for (const lane of lanes) if (y < lane.top + lane.height) return lane;
  return lanes[lanes.length - 1];
}

export interface PhaseBox {
  /** null: the leading column of steps that have no phase yet (only in maps with phases). */
  phase: Phase | null;
  left: number;
  width: number;
}

/** Phases in column order (left to right). */
export function orderedPhases(doc: Pick<MapDoc, 'phases'>): Phase[] {
  return Object.values(doc.phases).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * Phase columns from left to right, each wide enough for its steps; a map without phases has
 * none (its steps' x is then absolute). Steps whose phase is unset or unknown sit in a first
 * "no phase" column, present only while there are such steps.
 */
export function phaseBoxes(doc: Pick<MapDoc, 'phases' | 'steps'>, size: SizeFn = stepSize): PhaseBox[] {
  const phases = orderedPhases(doc);
  if (phases.length === 0) return [];
  const rights = new Map<string | null, number>();
  for (const s of Object.values(doc.steps)) {
    const key = s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null;
    const right = s.x + size(s).width + PHASE_PADDING;
    if (right > (rights.get(key) ?? 0)) rights.set(key, right);
  }
  // unphased steps stay in front: adding phases to a drawn map leaves it where it was
  const columns: (Phase | null)[] = rights.has(null) ? [null, ...phases] : phases;
  let left = 0;
  return columns.map((phase) => {
    const width = Math.max(PHASE_MIN_WIDTH, rights.get(phase ? phase.id : null) ?? 0);
    const box = { phase, left, width };
    left += width;
    return box;
  });
}

/** The column containing canvas x (clamped to the first / last column). */
export function columnAt(columns: PhaseBox[], x: number): PhaseBox | undefined {
  if (columns.length === 0) return undefined;
  for (const c of columns) if (x < c.left + c.width) return c;
  return columns[columns.length - 1];
}

/** Left edge of the column a step sits in (0 when the map has no phases). */
function columnLefts(doc: Pick<MapDoc, 'phases'>, columns: PhaseBox[]) {
  const lefts = new Map<string | null, number>();
  for (const c of columns) lefts.set(c.phase ? c.phase.id : null, c.left);
  return (s: Step) => lefts.get(s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null) ?? 0;
}

/** Absolute canvas position of every step. */
export function stepPositions(
  doc: Pick<MapDoc, 'roles' | 'steps' | 'phases'>,
  lanes: LaneBox[] = laneBoxes(doc),
  columns: PhaseBox[] = phaseBoxes(doc),
): Map<string, { x: number; y: number }> {
  const tops = new Map(lanes.map((l) => [l.role.id, l.top]));
  const leftOf = columnLefts(doc, columns);
  const out = new Map<string, { x: number; y: number }>();
  for (const s of Object.values(doc.steps)) out.set(s.id, { x: leftOf(s) + s.x, y: (tops.get(s.roleId) ?? 0) + s.y });
  return out;
}

/** Everything the canvas, layout and export need to draw a map, computed once per document. */
export interface MapGeometry {
  lanes: LaneBox[];
  columns: PhaseBox[];
  positions: Map<string, { x: number; y: number }>;
  /** Right edge of the content: the last column, or the rightmost step. */
  right: number;
  /** Bottom of the last lane. */
  bottom: number;
}

/**
 * The map's geometry in its own frame (x along the flow, y across the lanes). For a
 * left-to-right map that is the canvas; a top-to-bottom map is drawn transposed.
 */
export function mapGeometry(doc: Pick<MapDoc, 'roles' | 'steps' | 'phases' | 'direction'>, size: SizeFn = frameSize(doc.direction)): MapGeometry {
  const lanes = laneBoxes(doc, size);
  const columns = phaseBoxes(doc, size);
  const positions = stepPositions(doc, lanes, columns);
  let right = columns.length ? columns[columns.length - 1]!.left + columns[columns.length - 1]!.width : 0;
  for (const s of Object.values(doc.steps)) right = Math.max(right, positions.get(s.id)!.x + size(s).width);
  const last = lanes[lanes.length - 1];
  return { lanes, columns, positions, right, bottom: last ? last.top + last.height : 0 };
}
