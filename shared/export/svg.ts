/**
 * The map as a standalone SVG, built from the model (not from the DOM): lanes, phase columns,
 * steps by kind, flows with arrowheads and labels. Real <text>/<tspan>, no foreignObject, every
 * piece of user text escaped. Uses the canvas's own geometry (`mapGeometry`, `stepSize`), so
 * the export shows the map where the canvas shows it. Pure string building: same input, same
 * bytes.
 */
import {
  isDiamond,
  LANE_HEADER_WIDTH,
  LANE_LEFT,
  PHASE_HEADER_HEIGHT,
  laneBoxes,
  titleWidth,
  orderedRoles,
  phaseBoxes,
  stepPositions,
  stepSize,
  type LaneBox,
  type PhaseBox,
} from '../model/geometry';
import { midpoint, roundedPath } from '../model/routePath';
import { notesSvg, placedNotes } from './notesSvg';
import type { Flow, MapDoc, Point, Role, Step } from '../model/types';
import { escapeXml, fitText, num, textBlock, wrapText } from './text';
import { textWidth } from '../model/textMetrics';
import { commentListSvg, commentMarkerSvg, commentNotes, isoDay } from './svgComments';
import { formatMinutes, mapFigures } from '../analysis/figures';
import { valueStreamLayout } from '../analysis/valueStream';
import { valueStreamSvg, VS_HEADING_HEIGHT, type ValueStreamLabels } from './valueStreamSvg';
import { DOUBLE_RING_GAP, MESSAGE_DASH, TRIGGER_MARK, messageMarkerDefs, parallelPlus, parallelPlusSvg, triggerMarkSvg } from './eventMarks';
import { KEY_WORDS, keyLegendSvg, type KeyLabels } from './legendSvg';
import { DEFAULT_MARK_LABELS, MARKS_ROOM, hasMarks, markSymbols, marksIn, marksLegendSvg, phaseMarksSvg, stepMarksSvg, type MarkLabels } from './kpiSvg';

export interface SvgExportOptions {
  /** List each step's inputs, outputs and resources in (tasks) or under (other kinds) its shape. */
  details?: boolean;
  /** Export only these steps and the flows between them (unknown ids are ignored; empty = all). */
  stepIds?: string[];
  /** Default white. */
  background?: 'white' | 'transparent';
  /** A heading above the map: its title, and e.g. status, version and date. */
  titleBlock?: { title: string; subtitle?: string };
  /** A key of the role colours under the map. */
  legend?: boolean;
  /** A key of the step shapes and card chips the picture shows, under the map (legendSvg.ts), in the words given (default English). */
  key?: boolean | { labels?: Partial<KeyLabels> };
  /** The widest the blocks under the map (keys, value stream, comments) are set (default: the map's width): a PDF sets them a page wide. */
  blockWidth?: number;
  /** `@font-face` rules (e.g. Inter as data URLs) embedded in a <style>, so the file looks the same everywhere. */
  fontCss?: string;
  /** Words used in the drawing (for a translated export). */
  labels?: Partial<SvgLabels>;
  /** A step's duration as its chip shows it (for a translated export; default "1.5 h"). */
  formatDuration?: (d: NonNullable<Step['duration']>) => string;
  /** A KPI's value in its badge (for a translated export: «12,5»; default "12.5"). */
  formatNumber?: (n: number) => string;
  /**
   * With `details`: the map was laid out with each card as tall as its lists (see
   * `detailHeights`), so cards grow in place and flows attach to the middle of the taller card.
   * Without it, cards grow downwards and push the steps under them down.
   */
  laidOutForDetails?: boolean;
  /** Numbered markers on steps and flows with open comments, and those threads listed under the map. */
  comments?: boolean;
  /** A comment's date in the list (default the ISO day, "2026-03-14"). */
  formatDate?: (iso: string) => string;
  /**
   * The value-stream timeline of the critical path under the map (wait low, work high), with
   * its words and how times and shares are written (default English, "1 d 2 h", "25 %").
   */
  valueStream?:
    boolean | { labels?: Partial<ValueStreamLabels> & { untitled?: string }; time?: (minutes: number) => string; percent?: (share: number) => string };
}

/** The words of the drawing; the KPI and automation marks' key among them (`MarkLabels`). */
export interface SvgLabels extends MarkLabels {
  inputs: string;
  outputs: string;
  resources: string;
  untitled: string;
  noPhase: string;
  roles: string;
  /** The heading of the comment list, what comments on the whole map are listed under, a comment without author. */
  comments: string;
  commentsOnMap: string;
  anonymous: string;
}

const DEFAULT_LABELS: SvgLabels = {
  inputs: 'Inputs',
  outputs: 'Outputs',
  resources: 'Resources',
  untitled: 'Untitled step',
  noPhase: 'No phase',
  roles: 'Roles',
  comments: 'Comments',
  commentsOnMap: 'The map',
  anonymous: 'Anonymous',
  ...DEFAULT_MARK_LABELS,
};

const plainNumber = (n: number) => String(Math.round(n * 100) / 100);

export interface SvgExport {
  svg: string;
  width: number;
  height: number;
  /** Where the map's parts lie in the picture (its own coordinates): for pages cut from it (the tiled PDF). */
  frame: SvgFrame;
}

/** The map's parts in an exported picture's coordinates. */
export interface SvgFrame {
  /** The lane-name column: from `headerLeft` to `contentLeft`. */
  headerLeft: number;
  contentLeft: number;
  contentRight: number;
  /** Top of the phase-name row (= `lanesTop` without phases). */
  phasesTop: number;
  lanesTop: number;
  /** Bottom of the map (lanes, and what hangs below the last one). */
  mapBottom: number;
  lanes: { name: string; color: string; top: number; bottom: number }[];
  phases: { name: string; left: number; right: number; placeholder: boolean }[];
  /** The blocks under the map (keys, value stream, comments): from `mapBottom` down, `blocksRight` wide. */
  blocksRight: number;
  /** Boxes of what is drawn on the map: the steps' cards (with details and marks) and the notes; pages are cut between them. */
  cards?: { x: number; y: number; width: number; height: number }[];
  /** The flows' segments and label chips, as boxes (a straight segment is a box of width or height 0). */
  lines?: { x: number; y: number; width: number; height: number }[];
}

// colours of src-renderer/styles.css
const TEXT = '#1c2430';
const MUTED = '#6b7483';
const LINE = '#e3e6eb';
const CARD_BORDER = '#d5d9e0';
const EDGE = '#7d8797';
const LABEL_TEXT = '#3a4452';
const CHIP_BG = '#f1f3f6';
const CHIP_TEXT = '#4a5463';
const NO_ROLE = '#8a94a6';

const MARGIN = 24;
const FONT_FAMILY = "Inter, 'Inter Variable', Arial, Helvetica, sans-serif";
/** How far a stored route's ends may be from the steps' sides and still be drawn (as the canvas). */
const ROUTE_TOLERANCE = 2;

/** lucide icons (ISC), as drawn in the step chips on the canvas. */
const ICONS = {
  in: '<path d="M12 17V3"/><path d="m6 11 6 6 6-6"/><path d="M19 21H5"/>',
  out: '<path d="m18 9-6-6-6 6"/><path d="M12 3v14"/><path d="M5 21h14"/>',
  res: '<path d="M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.106-3.105c.32-.322.863-.22.983.218a6 6 0 0 1-8.259 7.057l-7.91 7.91a1 1 0 0 1-2.999-3l7.91-7.91a6 6 0 0 1 7.057-8.259c.438.12.54.662.219.984z"/>',
  time: '<circle cx="12" cy="12" r="10"/><path d="M12 6v6l4 2"/>',
} as const;

const DURATION_UNIT = { min: 'min', h: 'h', d: 'd' } as const;

/** Duration as the canvas shows it, e.g. "30 min", "1.5 h". */
export function formatDuration(d: Step['duration']): string {
  return d ? `${d.value} ${DURATION_UNIT[d.unit]}` : '';
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Lines of the details block of a step (details option), wrapped to `width`. */
function detailLines(step: Step, width: number, labels: SvgLabels): { label: string; lines: string[] }[] {
  const out: { label: string; lines: string[] }[] = [];
  for (const kind of ['inputs', 'outputs', 'resources'] as const) {
    if (step[kind].length === 0) continue;
    out.push({ label: labels[kind], lines: wrapText(step[kind].join('; '), width, DETAIL_SIZE) });
  }
  return out;
}
const DETAIL_SIZE = 11;
const DETAIL_LINE = 15;
const DETAIL_LABEL_LINE = 14;

function detailsHeight(blocks: { lines: string[] }[]): number {
  if (blocks.length === 0) return 0;
  return 8 + blocks.reduce((h, b) => h + DETAIL_LABEL_LINE + b.lines.length * DETAIL_LINE + 4, 0);
}

/** Width of the text column of a step's details. */
function detailsWidth(step: Step): number {
  return step.kind === 'task' || step.kind === 'subprocess' ? 172 : stepSize(step).width - 12;
}

/**
 * Lane boxes and step positions; with details, each step is drawn taller, so steps under a
 * taller one in the same lane move down by as much and the lanes grow to hold them.
 */
function geometryFor(doc: MapDoc, extra: Map<string, number>) {
  const columns = phaseBoxes(doc);
  if (extra.size === 0) {
    const lanes = lanesFor(doc, new Map());
    return { lanes, columns, positions: stepPositions(doc, lanes, columns), shifts: new Map<string, number>() };
  }
  // x of each step in its column is fixed; only y moves, per lane, keeping every vertical gap
  const base = stepPositions(doc, lanesFor(doc, new Map()), columns);
  const shifts = new Map<string, number>();
  const byLane = new Map<string, Step[]>();
  for (const s of Object.values(doc.steps)) byLane.set(s.roleId, [...(byLane.get(s.roleId) ?? []), s]);
  for (const steps of byLane.values()) {
    steps.sort((a, b) => a.y - b.y || a.id.localeCompare(b.id));
    steps.forEach((s, i) => {
      const p = base.get(s.id)!;
      const w = stepSize(s).width;
      let shift = 0;
      for (let k = 0; k < i; k++) {
        const t = steps[k]!;
        const q = base.get(t.id)!;
        const overlapsX = q.x < p.x + w && p.x < q.x + stepSize(t).width;
        if (overlapsX && t.y < s.y) shift = Math.max(shift, (shifts.get(t.id) ?? 0) + (extra.get(t.id) ?? 0));
      }
      if (shift > 0) shifts.set(s.id, shift);
    });
  }
  const lanes = lanesFor(doc, extra, shifts);
  const tops = new Map(lanes.map((l) => [l.role.id, l.top]));
  const positions = new Map<string, { x: number; y: number }>();
  for (const s of Object.values(doc.steps)) {
    const p = base.get(s.id)!;
    positions.set(s.id, { x: p.x, y: (tops.get(s.roleId) ?? 0) + s.y + (shifts.get(s.id) ?? 0) });
  }
  return { lanes, columns, positions, shifts };
}

/** Geometry of a map laid out with its detail-height cards: nothing moves, lanes are as tall as needed. */
function geometryInPlace(doc: MapDoc, extra: Map<string, number>) {
  const columns = phaseBoxes(doc);
  const lanes = lanesFor(doc, extra);
  return { lanes, columns, positions: stepPositions(doc, lanes, columns) };
}

/** `laneBoxes` of the model, with each step `extra` px taller and `shifts` px lower. */
function lanesFor(doc: MapDoc, extra: Map<string, number>, shifts = new Map<string, number>()): LaneBox[] {
  const steps: MapDoc['steps'] = {};
  for (const s of Object.values(doc.steps)) steps[s.id] = shifts.has(s.id) ? { ...s, y: s.y + shifts.get(s.id)! } : s;
  return laneBoxes({ roles: doc.roles, steps }, (s) => {
    const size = stepSize(s);
    return { width: size.width, height: size.height + (extra.get((s as Step).id) ?? 0) };
  });
}

/** A flow's points: its stored route while both ends still meet their steps, else out right, across, in left. */
export function flowPoints(flow: Flow, from: Box, to: Box): Point[] {
  const start = { x: from.x + from.width, y: from.y + from.height / 2 };
  const end = { x: to.x, y: to.y + to.height / 2 };
  const r = flow.route;
  const near = (a: Point, b: Point) => Math.abs(a.x - b.x) <= ROUTE_TOLERANCE && Math.abs(a.y - b.y) <= ROUTE_TOLERANCE;
  if (r && r.length >= 2 && near(r[0]!, start) && near(r[r.length - 1]!, end)) return r;
  const gap = 24;
  if (end.x - start.x >= 2 * gap || (end.x > start.x && Math.abs(end.y - start.y) < 0.5)) {
    if (Math.abs(end.y - start.y) < 0.5) return [start, end];
    const mx = (start.x + end.x) / 2;
    return [start, { x: mx, y: start.y }, { x: mx, y: end.y }, end];
  }
  // backwards (a loop back) or too close: out right, around, in from the left
  const ox = start.x + gap;
  const ix = end.x - gap;
  const between = (from.y + from.height < to.y || to.y + to.height < from.y) && Math.abs(start.y - end.y) > 1;
  const my = between ? (Math.max(from.y, to.y) + Math.min(from.y + from.height, to.y + to.height)) / 2 : Math.max(from.y + from.height, to.y + to.height) + gap;
  return [start, { x: ox, y: start.y }, { x: ox, y: my }, { x: ix, y: my }, { x: ix, y: end.y }, end];
}

/** Steps in reading order: phase column, then lane, then x, then y. */
export function readingOrder(doc: MapDoc): Step[] {
  const laneIndex = new Map(orderedRoles(doc).map((r, i) => [r.id, i]));
  const columns = phaseBoxes(doc);
  const colIndex = new Map(columns.map((c, i) => [c.phase ? c.phase.id : null, i]));
  const col = (s: Step) => colIndex.get(s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null) ?? 0;
  return Object.values(doc.steps).sort(
    (a, b) => col(a) - col(b) || (laneIndex.get(a.roleId) ?? 0) - (laneIndex.get(b.roleId) ?? 0) || a.x - b.x || a.y - b.y || a.id.localeCompare(b.id),
  );
}

/** Each step's lists (inputs, outputs, resources) as drawn with details, and the height they add. */
function detailsOf(doc: MapDoc, labels: SvgLabels) {
  const blocks = new Map<string, { label: string; lines: string[] }[]>();
  const extra = new Map<string, number>();
  for (const s of Object.values(doc.steps)) {
    const b = detailLines(s, detailsWidth(s), labels);
    if (b.length) {
      blocks.set(s.id, b);
      // room under the lists for the KPI badges and automation mark across the bottom edge
      extra.set(s.id, detailsHeight(b) + (hasMarks(s) ? MARKS_ROOM : 0));
    }
  }
  return { blocks, extra };
}

/** How much taller each step's card is drawn with details: for laying a map out to be exported with them. */
export function detailHeights(doc: MapDoc, labels: Partial<SvgLabels> = {}): Map<string, number> {
  return detailsOf(doc, { ...DEFAULT_LABELS, ...labels }).extra;
}

export function renderMapSvg(doc: MapDoc, options: SvgExportOptions = {}): SvgExport {
  const labels = { ...DEFAULT_LABELS, ...options.labels };
  const details = options.details === true;

  // details blocks first: they make steps taller, and so lanes
  const { blocks: detailBlocks, extra } = details
    ? detailsOf(doc, labels)
    : { blocks: new Map<string, { label: string; lines: string[] }[]>(), extra: new Map<string, number>() };
  const inPlace = details && options.laidOutForDetails === true;
  const { lanes, columns, positions } = inPlace ? geometryInPlace(doc, extra) : geometryFor(doc, extra);
  /** The card's own box; with details it is drawn `extra` taller. */
  const cardOf = (s: Step): Box => {
    const p = positions.get(s.id)!;
    const size = stepSize(s);
    return { x: p.x, y: p.y, width: size.width, height: size.height };
  };
  /** Where flows meet it: laid out for details, the middle of the full, taller card. */
  const boxOf = (s: Step): Box => {
    const b = cardOf(s);
    return inPlace ? { ...b, height: b.height + (extra.get(s.id) ?? 0) } : b;
  };

  // what is exported
  const wanted = options.stepIds?.filter((id) => doc.steps[id]) ?? [];
  const selection = wanted.length ? new Set(wanted) : null;
  const steps = Object.values(doc.steps)
    .filter((s) => !selection || selection.has(s.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  const flows = Object.values(doc.flows)
    .filter((f) => doc.steps[f.fromStepId] && doc.steps[f.toStepId] && (!selection || (selection.has(f.fromStepId) && selection.has(f.toStepId))))
    .sort((a, b) => a.id.localeCompare(b.id));
  const flowPts = new Map(flows.map((f) => [f.id, flowPoints(f, boxOf(doc.steps[f.fromStepId]!), boxOf(doc.steps[f.toStepId]!))]));

  // the drawn region, in canvas coordinates
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let minY = Infinity;
  for (const s of steps) {
    const b = boxOf(s);
    minX = Math.min(minX, b.x);
    maxX = Math.max(maxX, b.x + b.width);
    // an event's trigger marker sits on its top edge, half above it
    minY = Math.min(minY, b.y - (s.trigger ? TRIGGER_MARK.radius + 1 : 0));
    maxY = Math.max(maxY, b.y + cardOf(s).height + (extra.get(s.id) ?? 0));
  }
  for (const pts of flowPts.values()) {
    for (const p of pts) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  // notes on the canvas (all of them, or the annotations of the exported steps): the picture holds them whole
  const canvasNotes = placedNotes(doc, positions, selection);
  let notesTop = Infinity;
  let notesLeft = Infinity;
  for (const { box } of canvasNotes) {
    minX = Math.min(minX, box.x);
    maxX = Math.max(maxX, box.x + box.w);
    maxY = Math.max(maxY, box.y + box.h);
    notesTop = Math.min(notesTop, box.y - 12);
    notesLeft = Math.min(notesLeft, box.x - 12);
  }
  let contentLeft: number;
  let contentRight: number;
  let shownLanes: LaneBox[];
  if (!selection) {
    contentLeft = LANE_LEFT + LANE_HEADER_WIDTH;
    const lastCol = columns[columns.length - 1];
    contentRight = Math.max(lastCol ? lastCol.left + lastCol.width : 0, Number.isFinite(maxX) ? maxX + 40 : 0, contentLeft + 360);
    shownLanes = lanes;
  } else {
    contentLeft = minX - 40;
    contentRight = maxX + 40;
    const used = new Set(steps.map((s) => s.roleId));
    const idx = lanes.map((l, i) => (used.has(l.role.id) ? i : -1)).filter((i) => i >= 0);
    shownLanes = lanes.slice(Math.min(...idx), Math.max(...idx) + 1);
  }
  const regionLeft = Math.min(contentLeft - LANE_HEADER_WIDTH, notesLeft);
  const shownColumns = columns.filter((c) => c.left < contentRight && c.left + c.width > contentLeft);
  const hasHeader = shownColumns.length > 0;
  const lanesTop = shownLanes[0]?.top ?? 0;
  const lastLane = shownLanes[shownLanes.length - 1];
  const lanesBottom = lastLane ? lastLane.top + lastLane.height : Number.isFinite(maxY) ? maxY + 40 : 200;
  const regionTop = Math.min(lanesTop - (hasHeader ? PHASE_HEADER_HEIGHT : 0), notesTop);
  const regionBottom = Math.max(lanesBottom, Number.isFinite(maxY) ? maxY + 20 : lanesBottom);
  const regionWidth = contentRight - regionLeft;
  const regionHeight = regionBottom - regionTop;
  const number = options.formatNumber ?? plainNumber;
  const marks = marksIn(
    steps,
    shownColumns.map((c) => c.phase?.kpis ?? []),
  );

  let width = Math.ceil(regionWidth + 2 * MARGIN);
  const innerWidth = Math.min(width - 2 * MARGIN, Math.max(200, options.blockWidth ?? Infinity));
  let blocksRight = MARGIN * 2 + innerWidth;

  // title block
  const head: string[] = [];
  let y = MARGIN;
  if (options.titleBlock) {
    const title = fitText(options.titleBlock.title, innerWidth, 3 * 28, 22, 600, 28 / 22);
    head.push(textBlock(title, MARGIN, y, { weight: 600 }));
    y += title.lines.length * title.lineHeight + 4;
    if (options.titleBlock.subtitle) {
      const sub = fitText(options.titleBlock.subtitle, innerWidth, 3 * 18, 13, 400);
      head.push(textBlock(sub, MARGIN, y, { fill: MUTED }));
      y += sub.lines.length * sub.lineHeight;
    }
    y += 16;
  }
  const mapTop = y;
  y += regionHeight;

  // legend
  const legend: string[] = [];
  if (options.legend) {
    const roles = selection ? orderedRoles(doc).filter((r) => steps.some((s) => s.roleId === r.id)) : orderedRoles(doc);
    y += 16;
    legend.push(textBlock({ lines: [labels.roles], size: 12, lineHeight: 18 }, MARGIN, y, { weight: 600, fill: MUTED }));
    y += 22;
    let x = MARGIN;
    let rowHeight = 18;
    for (const role of roles) {
      const name = fitText(role.name, Math.max(60, innerWidth - 20), 200, 12, 400, 1.5);
      const nameW = Math.max(...name.lines.map((l) => textWidth(l, name.size)));
      const itemW = 12 + 6 + nameW + 20;
      if (x > MARGIN && x + itemW > MARGIN + innerWidth) {
        x = MARGIN;
        y += rowHeight + 6;
        rowHeight = 18;
      }
      legend.push(`<rect x="${num(x)}" y="${num(y + 3)}" width="12" height="12" rx="3" fill="${colour(role.color)}"/>`);
      legend.push(textBlock(name, x + 18, y, { fill: TEXT }));
      rowHeight = Math.max(rowHeight, name.lines.length * name.lineHeight);
      x += itemW;
    }
    y += rowHeight;
  }
  if (options.key) {
    const words = { ...KEY_WORDS.en, ...(options.key === true ? {} : options.key.labels) };
    const key = keyLegendSvg(steps, MARGIN, y + 16, innerWidth, words, MUTED, TEXT);
    if (key.svg) {
      legend.push(key.svg);
      y += 16 + key.height;
    }
  }
  if (options.legend || options.key) {
    // the key of the KPI badges and automation marks, only when the picture has some
    const key = marksLegendSvg(marks, MARGIN, y + 14, innerWidth, labels, MUTED, TEXT);
    if (key.svg) {
      legend.push(key.svg);
      y += 14 + key.height;
    }
  }

  // the value-stream timeline of the critical path
  let valueStream = '';
  if (options.valueStream) {
    const vs = options.valueStream === true ? {} : options.valueStream;
    const layout = valueStreamLayout(doc, mapFigures(doc), innerWidth, vs.labels?.untitled ?? labels.untitled);
    const vsLabels: ValueStreamLabels = {
      heading: 'Value stream (critical path)',
      leadTime: 'Lead time',
      work: 'Work',
      efficiency: 'Efficiency',
      ...vs.labels,
    };
    const time = vs.time ?? ((m: number) => formatMinutes(m, DURATION_UNIT));
    const percent = vs.percent ?? ((x: number) => `${Math.round(x * 100)} %`);
    y += 24;
    valueStream = valueStreamSvg(layout, MARGIN, y, vsLabels, time, percent);
    y += VS_HEADING_HEIGHT + layout.height;
    width = Math.max(width, Math.ceil(MARGIN * 2 + layout.width));
    blocksRight = Math.max(blocksRight, Math.ceil(MARGIN * 2 + layout.width));
  }

  // comments: numbered like the markers drawn on their steps and flows
  const notes = options.comments
    ? commentNotes(
        doc,
        { steps: readingOrder(doc).filter((s) => !selection || selection.has(s.id)), flows, wholeMap: !selection },
        { untitled: labels.untitled, onMap: labels.commentsOnMap },
      )
    : [];
  let commentList = '';
  if (notes.length) {
    const list = commentListSvg(notes, MARGIN, y + 20, innerWidth, { heading: labels.comments, anonymous: labels.anonymous }, options.formatDate ?? isoDay);
    commentList = list.svg;
    y += 20 + list.height;
  }
  const height = Math.ceil(y + MARGIN);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
  );
  out.push(`<title>${escapeXml(options.titleBlock?.title ?? doc.title)}</title>`);
  // text stays literal (no "->" turned into an arrow), as on the canvas
  const css = `${options.fontCss ?? ''}\ntext{font-feature-settings:'calt' 0;}`;
  out.push(`<style><![CDATA[\n${css.replace(/]]>/g, ']]]]><![CDATA[>')}\n]]></style>`);
  out.push('<defs>');
  out.push(
    `<marker id="lm-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z" fill="${EDGE}"/></marker>`,
  );
  if (flows.some((f) => f.message)) out.push(messageMarkerDefs(EDGE));
  for (const [id, body] of Object.entries(ICONS)) {
    out.push(
      `<symbol id="lm-${id}" viewBox="0 0 24 24" fill="none" stroke="${CHIP_TEXT}" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">${body}</symbol>`,
    );
  }
  if (marks.kpi || marks.auto || marks.partial) out.push(markSymbols());
  out.push('</defs>');
  if (options.background !== 'transparent') out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(...head);
  out.push(`<g transform="translate(${num(MARGIN - regionLeft)} ${num(mapTop - regionTop)})">`);

  // lanes: a band in a tint of the role colour, its name in the header column on the left
  out.push('<g>');
  for (const lane of shownLanes) out.push(laneSvg(lane, regionLeft, contentRight));
  out.push('</g>');

  // phase columns: a header across the top, a dashed divider on the right
  if (hasHeader) {
    out.push('<g>');
    for (const c of shownColumns) out.push(columnSvg(c, contentLeft, contentRight, lanesTop, lanesBottom, labels, number));
    out.push('</g>');
  }

  // flows under the steps
  out.push(`<g fill="none" stroke="${EDGE}" stroke-width="1.5">`);
  for (const f of flows)
    out.push(
      f.message
        ? // a message between parties, as BPMN draws one: dashed, an open circle where it leaves, an open arrowhead
          `<path class="lm-message" d="${roundedPath(flowPts.get(f.id)!)}" stroke-dasharray="${MESSAGE_DASH}" marker-start="url(#lm-message-start)" marker-end="url(#lm-message-end)"/>`
        : `<path d="${roundedPath(flowPts.get(f.id)!)}" marker-end="url(#lm-arrow)"/>`,
    );
  out.push('</g>');

  out.push(`<g fill="${TEXT}">`);
  const duration = options.formatDuration ?? formatDuration;
  for (const s of steps) out.push(stepSvg(s, cardOf(s), doc.roles[s.roleId], labels, detailBlocks.get(s.id), extra.get(s.id) ?? 0, duration));
  out.push('</g>');

  // KPI badges and automation marks across the cards' bottom edges, above the cards
  if (marks.kpi || marks.auto || marks.partial) {
    const levelName = (l: 'partial' | 'auto') => (l === 'auto' ? labels.automated : labels.partlyAutomated);
    out.push('<g>');
    for (const s of steps) {
      const b = cardOf(s);
      out.push(stepMarksSvg(s, b.x, b.y + b.height + (extra.get(s.id) ?? 0), b.width, number, labels, levelName));
    }
    out.push('</g>');
  }

  // flow labels above the steps, as on the canvas
  const chips = flows.filter((f) => f.label.trim());
  if (chips.length) {
    out.push(`<g fill="${LABEL_TEXT}">`);
    for (const f of chips) out.push(flowLabelSvg(f.label, midpoint(flowPts.get(f.id)!)));
    out.push('</g>');
  }
  out.push(
    notesSvg(canvasNotes, (id) => {
      const s = doc.steps[id];
      if (!s || (selection && !selection.has(id))) return null;
      const b = cardOf(s);
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    }),
  );
  for (const n of notes) {
    if (n.targetKind === 'step' && n.targetId) {
      const b = cardOf(doc.steps[n.targetId]!);
      out.push(commentMarkerSvg(n.number, { x: b.x + b.width - 2, y: b.y + 2 }));
    } else if (n.targetKind === 'flow' && n.targetId) {
      const mid = midpoint(flowPts.get(n.targetId)!);
      out.push(commentMarkerSvg(n.number, { x: mid.x + 14, y: mid.y - 16 }));
    }
  }
  out.push('</g>');
  out.push(...legend);
  if (valueStream) out.push(valueStream);
  if (commentList) out.push(commentList);
  out.push('</svg>');
  const tx = MARGIN - regionLeft;
  const ty = mapTop - regionTop;
  const frame: SvgFrame = {
    headerLeft: contentLeft - LANE_HEADER_WIDTH + tx,
    contentLeft: contentLeft + tx,
    contentRight: contentRight + tx,
    phasesTop: lanesTop - (hasHeader ? PHASE_HEADER_HEIGHT : 0) + ty,
    lanesTop: lanesTop + ty,
    mapBottom: regionBottom + ty,
    lanes: shownLanes.map((l) => ({ name: l.role.name, color: colour(l.role.color), top: l.top + ty, bottom: l.top + l.height + ty })),
    phases: shownColumns.map((c) => ({
      name: c.phase ? c.phase.name : labels.noPhase,
      left: Math.max(c.left, contentLeft) + tx,
      right: Math.min(c.left + c.width, contentRight) + tx,
      placeholder: !c.phase,
    })),
    blocksRight: Math.min(width, blocksRight),
    cards: [
      ...steps.map((s) => {
        const b = cardOf(s);
        const top = b.y - (s.trigger ? TRIGGER_MARK.radius + 1 : 0);
        return { x: b.x + tx, y: top + ty, width: b.width, height: b.y + b.height + (extra.get(s.id) ?? 0) - top };
      }),
      ...canvasNotes.map(({ box }) => ({ x: box.x + tx, y: box.y + ty, width: box.w, height: box.h })),
    ],
    lines: [...flowPts.values()].flatMap((pts) =>
      pts.slice(1).map((p, i) => {
        const a = pts[i]!;
        return { x: Math.min(a.x, p.x) + tx, y: Math.min(a.y, p.y) + ty, width: Math.abs(p.x - a.x), height: Math.abs(p.y - a.y) };
      }),
    ),
  };
  return { svg: out.join('\n'), width, height, frame };
}

/** A colour from the model (validated as #rrggbb), else the neutral one: never user text in an attribute unchecked. */
function colour(c: string | undefined): string {
  return c && /^#[0-9a-fA-F]{6}$/.test(c) ? c.toLowerCase() : NO_ROLE;
}

function laneSvg(lane: LaneBox, left: number, right: number): string {
  const c = colour(lane.role.color);
  const { top, height } = lane;
  const w = right - left;
  const name = fitText(lane.role.name, LANE_HEADER_WIDTH - 24, height - 36, 14, 600, 18 / 14);
  return [
    `<rect x="${num(left)}" y="${num(top)}" width="${num(w)}" height="${num(height)}" fill="${c}" fill-opacity="0.07"/>`,
    `<path d="M${num(left)} ${num(top + 0.5)}H${num(right)}M${num(left)} ${num(top + height - 0.5)}H${num(right)}" stroke="${c}" stroke-opacity="0.25"/>`,
    `<rect x="${num(left)}" y="${num(top)}" width="${LANE_HEADER_WIDTH}" height="${num(height)}" fill="${c}" fill-opacity="0.11"/>`,
    `<path d="M${num(left + LANE_HEADER_WIDTH - 0.5)} ${num(top)}V${num(top + height)}" stroke="${c}" stroke-opacity="0.33"/>`,
    `<rect x="${num(left + 12)}" y="${num(top + 12)}" width="18" height="4" rx="2" fill="${c}"/>`,
    textBlock(name, left + 12, top + 22, { weight: 600, fill: TEXT }),
  ].join('');
}

function columnSvg(
  c: PhaseBox,
  contentLeft: number,
  contentRight: number,
  top: number,
  bottom: number,
  labels: SvgLabels,
  number: (n: number) => string,
): string {
  const left = Math.max(c.left, contentLeft);
  const right = Math.min(c.left + c.width, contentRight);
  const w = right - left;
  const headTop = top - PHASE_HEADER_HEIGHT;
  // the phase's KPI badges right after its name, as in the canvas's header; the name takes the rest
  const marks = w >= 80 && c.phase ? phaseMarksSvg(c.phase.kpis ?? [], headTop + 3 + (PHASE_HEADER_HEIGHT - 3) / 2, (w - 28) * 0.6, number, labels) : null;
  const name = fitText(
    c.phase ? c.phase.name : labels.noPhase,
    Math.max(20, w - 28 - (marks?.width ? marks.width + 8 : 0)),
    PHASE_HEADER_HEIGHT - 8,
    13,
    600,
    16 / 13,
  );
  const parts = [
    `<rect x="${num(left)}" y="${num(headTop)}" width="${num(w)}" height="${PHASE_HEADER_HEIGHT}" fill="#fff"/>`,
    `<rect x="${num(left)}" y="${num(headTop)}" width="${num(w)}" height="3" fill="${c.phase ? '#8a94a6' : '#d0d4db'}"/>`,
    `<path d="M${num(left)} ${num(top - 0.5)}H${num(right)}" stroke="${LINE}"/>`,
  ];
  if (right === c.left + c.width) parts.push(`<path d="M${num(right - 0.5)} ${num(headTop)}V${num(bottom)}" stroke="#b9c0cc" stroke-dasharray="4 4"/>`);
  const textTop = headTop + 3 + (PHASE_HEADER_HEIGHT - 3 - name.lines.length * name.lineHeight) / 2;
  // a column cut to a sliver (a selection's edge) keeps its band but not an unreadable name
  if (w >= 80) parts.push(textBlock(name, left + 14, textTop, { weight: 600, fill: TEXT, italic: !c.phase }));
  if (marks?.width) parts.push(marks.draw(left + 14 + Math.max(...name.lines.map((l) => textWidth(l, name.size, 600))) + 8));
  return parts.join('');
}

function stepSvg(
  step: Step,
  b: Box,
  role: Role | undefined,
  labels: SvgLabels,
  blocks: { label: string; lines: string[] }[] | undefined,
  extra: number,
  duration: (d: NonNullable<Step['duration']>) => string,
): string {
  const c = colour(role?.color);
  const title = step.title.trim() ? step.title : labels.untitled;
  const placeholder = !step.title.trim();
  const { x, y, width: w, height: h } = b;
  const parts: string[] = [];
  const titleStyle = placeholder ? { fill: MUTED, italic: true } : {};
  if (step.kind === 'task' || step.kind === 'subprocess') {
    const total = h + extra;
    parts.push(`<rect x="${num(x + 0.5)}" y="${num(y + 0.5)}" width="${num(w - 1)}" height="${num(total - 1)}" rx="8" fill="#fff" stroke="${CARD_BORDER}"/>`);
    if (step.kind === 'subprocess') {
      // a sub-process (a map of its own): a second line inside the card and a boxed plus in its corner, as BPMN draws a call activity
      parts.push(`<rect x="${num(x + 3.5)}" y="${num(y + 3.5)}" width="${num(w - 7)}" height="${num(total - 7)}" rx="6" fill="none" stroke="${CARD_BORDER}"/>`);
      const mx = x + w - 17;
      const my = y + total - 16;
      parts.push(
        `<rect x="${num(mx)}" y="${num(my)}" width="11" height="11" rx="2" fill="#fff" stroke="${MUTED}"/><path d="M${num(mx + 5.5)} ${num(my + 3)}V${num(my + 8)}M${num(mx + 3)} ${num(my + 5.5)}H${num(mx + 8)}" stroke="${MUTED}" stroke-width="1.2"/>`,
      );
    }
    parts.push(
      `<path d="M${num(x + 4)} ${num(y + 1.1)}A8 8 0 0 0 ${num(x)} ${num(y + 8)}V${num(y + total - 8)}A8 8 0 0 0 ${num(x + 4)} ${num(y + total - 1.1)}Z" fill="${c}"/>`,
    );
    const chips = chipList(step, duration);
    const textW = w - 4 - 24;
    const chipRows = chipsRows(chips, textW);
    const chipsH = chipRows ? chipRows * 22 - 4 : 0;
    // the canvas's paddings; where the box is short (a duration chip is not in stepSize), tighter ones
    let pad = { top: 12, gap: 8, bottom: 10 };
    let fitted = fitText(title, textW, h - pad.top - pad.bottom - (chipsH ? chipsH + pad.gap : 0), 13, 400);
    if (fitted.size < 13) {
      pad = { top: 7, gap: 4, bottom: 5 };
      fitted = fitText(title, textW, h - pad.top - pad.bottom - (chipsH ? chipsH + pad.gap : 0), 13, 400);
    }
    parts.push(textBlock(fitted, x + 16, y + pad.top, titleStyle));
    if (chips.length) parts.push(chipsSvg(chips, x + 16, y + pad.top + fitted.lines.length * fitted.lineHeight + pad.gap, textW));
    if (blocks) parts.push(detailsSvg(blocks, x + 16, y + h, textW, false));
  } else if (isDiamond(step.kind)) {
    parts.push(
      `<polygon points="${num(x + w / 2)},${num(y + 1)} ${num(x + w - 1)},${num(y + h / 2)} ${num(x + w / 2)},${num(y + h - 1)} ${num(x + 1)},${num(y + h / 2)}" fill="#fff" stroke="${c}" stroke-width="2"/>`,
    );
    // a parallel split/join is BPMN's parallel gateway: a bold plus (alone when untitled, above the title otherwise);
    // an unnamed gateway is drawn as BPMN draws it, the diamond alone (files from other tools have many)
    const fitted = placeholder ? null : fitText(title, titleWidth(step), h - 40, 13, 600);
    if (step.kind === 'parallel') parts.push(parallelPlusSvg(parallelPlus(x, y, w, h, fitted?.lines.length ?? 0, fitted?.lineHeight ?? 0), c));
    if (fitted)
      parts.push(textBlock(fitted, x + w / 2, y + (h - fitted.lines.length * fitted.lineHeight) / 2, { ...titleStyle, weight: 600, anchor: 'middle' }));
    if (blocks) parts.push(detailsSvg(blocks, x + 6, y + h, w - 12, true));
  } else {
    // start (thin ring), event (BPMN's intermediate event: a double ring), end (thick ring)
    const sw = step.kind === 'end' ? 4 : step.kind === 'event' ? 1.5 : 2;
    parts.push(
      `<rect x="${num(x + sw / 2)}" y="${num(y + sw / 2)}" width="${num(w - sw)}" height="${num(h - sw)}" rx="${num((h - sw) / 2)}" fill="#fff" stroke="${c}" stroke-width="${sw}"/>`,
    );
    if (step.kind === 'event') {
      const i = sw / 2 + DOUBLE_RING_GAP + sw / 2 + sw / 2;
      parts.push(
        `<rect class="lm-inner-ring" x="${num(x + i)}" y="${num(y + i)}" width="${num(w - 2 * i)}" height="${num(h - 2 * i)}" rx="${num((h - 2 * i) / 2)}" fill="none" stroke="${c}" stroke-width="${sw}"/>`,
      );
    }
    // the same wrapping width as the canvas, so lines break at the same words
    // an unnamed event is drawn as BPMN draws it: the shape alone (files from other tools have many)
    if (!placeholder) {
      const fitted = fitText(title, titleWidth(step), h - 2 * sw - 6, 13, 400);
      parts.push(textBlock(fitted, x + w / 2, y + (h - fitted.lines.length * fitted.lineHeight) / 2, { ...titleStyle, anchor: 'middle' }));
    }
    parts.push(triggerMarkSvg(step, x, y, w, c));
    if (blocks) parts.push(detailsSvg(blocks, x + 6, y + h, w - 12, true));
  }
  return parts.join('');
}

interface Chip {
  icon: keyof typeof ICONS;
  text: string;
}

function chipList(step: Step, duration: (d: NonNullable<Step['duration']>) => string): Chip[] {
  const out: Chip[] = [];
  if (step.inputs.length) out.push({ icon: 'in', text: String(step.inputs.length) });
  if (step.outputs.length) out.push({ icon: 'out', text: String(step.outputs.length) });
  if (step.resources.length) out.push({ icon: 'res', text: String(step.resources.length) });
  if (step.duration) out.push({ icon: 'time', text: duration(step.duration) });
  return out;
}

const chipWidth = (chip: Chip) => 6 + 11 + 3 + textWidth(chip.text, 11) + 6;

/** How many rows the chips take in `width` (0 without chips). */
function chipsRows(chips: Chip[], width: number): number {
  let rows = chips.length ? 1 : 0;
  let x = 0;
  for (const chip of chips) {
    const w = chipWidth(chip);
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w + 4;
  }
  return rows;
}

function chipsSvg(chips: Chip[], left: number, top: number, width: number): string {
  const parts: string[] = [];
  let x = left;
  let y = top;
  for (const chip of chips) {
    const w = chipWidth(chip);
    if (x > left && x + w > left + width) {
      x = left;
      y += 22;
    }
    parts.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="18" rx="9" fill="${CHIP_BG}"/>`);
    parts.push(`<use xlink:href="#lm-${chip.icon}" x="${num(x + 6)}" y="${num(y + 3.5)}" width="11" height="11"/>`);
    parts.push(textBlock({ lines: [chip.text], size: 11, lineHeight: 18 }, x + 20, y, { fill: CHIP_TEXT }));
    x += w + 4;
  }
  return parts.join('');
}

function detailsSvg(blocks: { label: string; lines: string[] }[], left: number, top: number, width: number, boxed: boolean): string {
  const parts: string[] = [];
  const h = detailsHeight(blocks);
  if (boxed)
    parts.push(`<rect x="${num(left - 6)}" y="${num(top + 2)}" width="${num(width + 12)}" height="${num(h - 2)}" rx="6" fill="#fff" stroke="${CARD_BORDER}"/>`);
  else parts.push(`<path d="M${num(left)} ${num(top)}H${num(left + width)}" stroke="${LINE}"/>`);
  let y = top + 6;
  for (const b of blocks) {
    parts.push(textBlock({ lines: [b.label], size: 10, lineHeight: DETAIL_LABEL_LINE }, left, y, { weight: 600, fill: MUTED }));
    y += DETAIL_LABEL_LINE;
    parts.push(textBlock({ lines: b.lines, size: DETAIL_SIZE, lineHeight: DETAIL_LINE }, left, y, { fill: TEXT }));
    y += b.lines.length * DETAIL_LINE + 4;
  }
  return parts.join('');
}

function flowLabelSvg(label: string, at: Point): string {
  const fitted = fitText(label, 168, 16 * 4, 12, 600, 16 / 12);
  const textW = Math.max(...fitted.lines.map((l) => textWidth(l, fitted.size, 600)));
  const w = textW + 12;
  const h = fitted.lines.length * fitted.lineHeight + 4;
  return (
    `<rect x="${num(at.x - w / 2)}" y="${num(at.y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="4" fill="#fff" stroke="${CARD_BORDER}"/>` +
    textBlock(fitted, at.x, at.y - h / 2 + 2, { weight: 600, anchor: 'middle' })
  );
}
