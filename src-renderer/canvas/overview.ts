/**
 * The overview of a big map: below the zoom where a card's text can be read, the canvas stops
 * drawing thousands of React Flow elements and paints the whole map as one picture instead, on
 * a single <canvas> (OverviewLayer.tsx): lanes, phase columns with their names, steps as
 * plain boxes in their role's colour, flows as thin lines, and the marks a user looks for at
 * that distance (comparison colours, the critical path, the pain-point heat).
 *
 * This file is the drawing and the hit-testing, from the same nodes and edges React Flow gets,
 * so what the overview shows is what the cards show when zoomed in.
 */
import { isDiamond, isPill, stepSize, type MapGeometry } from '../../shared/model/geometry';
import type { MapDoc, Note, Point, StepKind } from '../../shared/model/types';
import { noteBox } from '../notes/noteNodes';
import { isDown, phaseHeaderSize, toScreen } from './frame';
import { LEGIBLE_ZOOM } from './viewport';
import type { FlowEdgeType } from './FlowEdge';
import { laneNodes, REMOVED_NODE_PREFIX, type CanvasNode, type StepNodeType } from './nodes';

/** Below this zoom a card's 13 px text is under 5 px on screen: nobody reads it there. */
export const OVERVIEW_ZOOM = LEGIBLE_ZOOM;
/**
 * From this many steps on a map is "big": React Flow gets only what is in and around the view
 * (windowing.ts), draws only what is visible, and the overview picture replaces the cards when
 * zoomed out. A smaller map is drawn whole at every zoom: a few hundred elements cost less than
 * the bookkeeping, and nothing pops in at the edges while panning.
 */
export const BIG_MAP_STEPS = 150;

export type Diff = 'added' | 'changed' | 'moved' | 'removed';

export type SceneStep = {
  id: string;
  kind: StepKind;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  title: string;
  diff: Diff | null;
  ghost: boolean;
};
/** `message`: a message between parties (drawn dashed). */
export type SceneFlow = { id: string; points: Point[]; diff: Diff | null; message?: boolean };
export type SceneBand = { x: number; y: number; w: number; h: number; color: string };
export type SceneColumn = { x: number; y: number; w: number; h: number; header: number; name: string | null };

export type Scene = {
  down: boolean;
  lanes: SceneBand[];
  columns: SceneColumn[];
  steps: SceneStep[];
  flows: SceneFlow[];
  /** Notes on the canvas, as small pale boxes (absent: none). */
  notes?: SceneBand[];
};

/** Per step and flow: what the overview paints over the plain drawing. */
export type Marks = {
  criticalSteps: ReadonlySet<string>;
  criticalFlows: ReadonlySet<string>;
  /** Pain-point heat 1..3 (only while the overlay is on). */
  heat: ReadonlyMap<string, number>;
  selected: ReadonlySet<string>;
};

export const NO_MARKS: Marks = { criticalSteps: new Set(), criticalFlows: new Set(), heat: new Map(), selected: new Set() };

const DIFFS: Diff[] = ['added', 'changed', 'moved', 'removed'];
const diffOf = (className: string | undefined): Diff | null => (className ? (DIFFS.find((d) => className.includes(`diff-${d}`)) ?? null) : null);

/** The picture's content, in React Flow's (screen) coordinates, from the canvas's own nodes and edges. */
export function buildScene(doc: MapDoc, geometry: MapGeometry, nodes: readonly CanvasNode[] | null, edges: readonly FlowEdgeType[], noPhase: string): Scene {
  const down = isDown(doc);
  const lanes = laneNodes(doc, geometry).map((l) => ({ x: l.position.x, y: l.position.y, w: l.width!, h: l.height!, color: l.data.role.color }));
  const header = phaseHeaderSize(doc, geometry);
  const columns = geometry.columns.map((c) => {
    const at = toScreen(down, { x: c.left, y: -header });
    const across = geometry.bottom + header;
    return { x: at.x, y: at.y, w: down ? across : c.width, h: down ? c.width : across, header, name: c.phase ? c.phase.name : noPhase };
  });
  const steps: SceneStep[] = [];
  const byId = new Map<string, SceneStep>();
  for (const n of nodes ?? stepBoxes(doc, geometry)) {
    if (n.type !== 'step') continue;
    const s = n.data.step;
    const ghost = n.id.startsWith(REMOVED_NODE_PREFIX);
    const box: SceneStep = {
      id: n.id,
      kind: s.kind,
      x: n.position.x,
      y: n.position.y,
      w: n.width ?? 160,
      h: n.height ?? 60,
      color: n.data.role?.color ?? '#8a94a6',
      title: s.title,
      diff: diffOf(n.className),
      ghost,
    };
    steps.push(box);
    if (!ghost) byId.set(n.id, box);
  }
  const flows: SceneFlow[] = [];
  for (const e of edges) {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from || !to) continue;
    const out = down ? { x: from.x + from.w / 2, y: from.y + from.h } : { x: from.x + from.w, y: from.y + from.h / 2 };
    const into = down ? { x: to.x + to.w / 2, y: to.y } : { x: to.x, y: to.y + to.h / 2 };
    const route = e.data?.route;
    const near = (a: Point, b: Point) => Math.abs(a.x - b.x) <= 2 && Math.abs(a.y - b.y) <= 2;
    // the tidy-up's route while it still meets both steps (as FlowEdge draws it), else a plain elbow
    const points =
      route && route.length >= 2 && near(route[0]!, out) && near(route[route.length - 1]!, into)
        ? route
        : down
          ? [out, { x: out.x, y: (out.y + into.y) / 2 }, { x: into.x, y: (out.y + into.y) / 2 }, into]
          : [out, { x: (out.x + into.x) / 2, y: out.y }, { x: (out.x + into.x) / 2, y: into.y }, into];
    flows.push({ id: e.id, points, diff: diffOf(e.className), ...(e.data?.message ? { message: true } : {}) });
  }
  return { down, lanes, columns, steps, flows, notes: Object.values(doc.notes ?? {}).map((n) => noteBand(doc, n, geometry)) };
}

function noteBand(doc: MapDoc, n: Note, geometry: MapGeometry): SceneBand {
  const b = noteBox(doc, n, geometry);
  return { x: b.x, y: b.y, w: b.w, h: b.h, color: n.stepId ? '#ffffff' : '#fff7c2' };
}

/** The steps as plain boxes, straight from the map (for a picture that does not follow the selection). */
function stepBoxes(doc: MapDoc, geometry: MapGeometry): StepNodeType[] {
  const down = isDown(doc);
  return Object.values(doc.steps).map((s) => ({
    id: s.id,
    type: 'step',
    position: toScreen(down, geometry.positions.get(s.id)!),
    ...stepSize(s),
    data: { step: s, role: doc.roles[s.roleId], down },
  }));
}

/** The step under a point (React Flow coordinates), the topmost one drawn; removed ones are not things to pick. */
export function stepAt(scene: Scene, p: Point, slack = 0): SceneStep | null {
  for (let i = scene.steps.length - 1; i >= 0; i--) {
    const s = scene.steps[i]!;
    if (s.ghost) continue;
    if (p.x >= s.x - slack && p.x <= s.x + s.w + slack && p.y >= s.y - slack && p.y <= s.y + s.h + slack) return s;
  }
  return null;
}

/** The steps wholly or partly inside a rectangle (React Flow coordinates), as a box selection picks them. */
export function stepsIn(scene: Scene, r: { x: number; y: number; width: number; height: number }): string[] {
  return scene.steps.filter((s) => !s.ghost && s.x < r.x + r.width && s.x + s.w > r.x && s.y < r.y + r.height && s.y + s.h > r.y).map((s) => s.id);
}

const DIFF_COLOURS: Record<Diff, { fill: string; stroke: string }> = {
  added: { fill: '#ebfbee', stroke: '#2b8a3e' },
  changed: { fill: '#fff4e6', stroke: '#f59f00' },
  moved: { fill: '#ffffff', stroke: '#c5ccd6' },
  removed: { fill: '#fff5f5', stroke: '#c92a2a' },
};
const HEAT_FILLS = ['#ffffff', '#fff1cc', '#ffc48a', '#c92a2a'];
const CRITICAL = '#2f6fed';
const FLOW = '#7d8797';

/**
 * Paints the scene for a viewport ([x, y, zoom] as React Flow's transform) onto a context whose
 * canvas covers the pane (`width` x `height` CSS pixels, `ratio` device pixels per CSS pixel).
 * Only what overlaps the pane is painted.
 */
export function drawScene(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  transform: readonly [number, number, number],
  width: number,
  height: number,
  ratio: number,
  marks: Marks = NO_MARKS,
) {
  const [tx, ty, zoom] = transform;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
  // the pane in map coordinates, for culling
  const vx = -tx / zoom;
  const vy = -ty / zoom;
  const vw = width / zoom;
  const vh = height / zoom;
  const inView = (x: number, y: number, w: number, h: number) => x < vx + vw && x + w > vx && y < vy + vh && y + h > vy;
  const px = 1 / zoom; // one screen pixel in map units

  for (const l of scene.lanes) {
    if (!inView(l.x, l.y, l.w, l.h)) continue;
    ctx.fillStyle = `${l.color}12`;
    ctx.fillRect(l.x, l.y, l.w, l.h);
    ctx.fillStyle = `${l.color}40`;
    ctx.fillRect(l.x, l.y, l.w, px);
    ctx.fillRect(l.x, l.y + l.h - px, l.w, px);
  }
  for (const c of scene.columns) {
    if (!inView(c.x, c.y, c.w, c.h)) continue;
    ctx.fillStyle = '#b9c0cc';
    if (scene.down) ctx.fillRect(c.x, c.y + c.h - px, c.w, px);
    else ctx.fillRect(c.x + c.w - px, c.y, px, c.h);
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    if (scene.down) ctx.fillRect(c.x, c.y, c.header, c.h);
    else ctx.fillRect(c.x, c.y, c.w, c.header);
  }

  // flows: one path for the plain ones, then the coloured ones on top
  const plain = new Path2D();
  const special: { path: Path2D; colour: string; width: number; dashed?: boolean }[] = [];
  for (const f of scene.flows) {
    const pts = f.points;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const p of pts) {
      if (p.x < minX) minX = p.x;
      if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.y > maxY) maxY = p.y;
    }
    if (!inView(minX, minY, maxX - minX + 1, maxY - minY + 1)) continue;
    const critical = marks.criticalFlows.has(f.id);
    const path = critical || f.diff === 'added' || f.diff === 'changed' || f.message ? new Path2D() : plain;
    path.moveTo(pts[0]!.x, pts[0]!.y);
    for (let i = 1; i < pts.length; i++) path.lineTo(pts[i]!.x, pts[i]!.y);
    if (path !== plain)
      special.push({
        path,
        colour: critical ? CRITICAL : f.diff && f.diff !== 'moved' && f.diff !== 'removed' ? DIFF_COLOURS[f.diff].stroke : FLOW,
        width: critical || f.diff ? 2.5 : 1.2,
        dashed: f.message,
      });
  }
  ctx.lineJoin = 'round';
  ctx.strokeStyle = FLOW;
  ctx.lineWidth = Math.max(1.2 * px, 1);
  // far out, thousands of flows would hide the steps: they fade back
  ctx.globalAlpha = zoom < 0.1 ? 0.35 : 0.8;
  ctx.stroke(plain);
  ctx.globalAlpha = 1;
  for (const s of special) {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = Math.max(s.width * px, s.width > 2 ? 2 : 1);
    // a message between parties: dashed, as on the cards' canvas
    ctx.setLineDash(s.dashed ? [7 * Math.max(px, 1), 5 * Math.max(px, 1)] : []);
    ctx.stroke(s.path);
  }
  ctx.setLineDash([]);

  // notes: small pale boxes
  for (const n of scene.notes ?? []) {
    if (!inView(n.x, n.y, n.w, n.h)) continue;
    ctx.fillStyle = n.color;
    ctx.fillRect(n.x, n.y, n.w, n.h);
    ctx.fillStyle = '#d9c96a';
    ctx.fillRect(n.x, n.y, n.w, Math.max(px, 1));
  }

  // steps: a white (or heat / comparison) box edged in the role's colour
  const edge = Math.max(1.5 * px, 2);
  for (const s of scene.steps) {
    if (!inView(s.x, s.y, s.w, s.h)) continue;
    if (s.w * zoom < 5 && !s.diff && !marks.criticalSteps.has(s.id) && !marks.selected.has(s.id) && !marks.heat.has(s.id)) {
      // a few pixels: a dot in the role's colour is all one sees (and 2,000 of them paint in a few ms)
      ctx.globalAlpha = s.ghost ? 0.6 : 1;
      ctx.fillStyle = s.color;
      ctx.fillRect(s.x, s.y, s.w, s.h);
      continue;
    }
    const diff = s.diff ? DIFF_COLOURS[s.diff] : null;
    const heat = marks.heat.get(s.id) ?? 0;
    ctx.globalAlpha = s.ghost ? 0.6 : 1;
    ctx.fillStyle = heat ? HEAT_FILLS[heat]! : (diff?.fill ?? '#ffffff');
    ctx.strokeStyle = diff && s.diff !== 'moved' ? diff.stroke : s.color;
    ctx.lineWidth = diff && s.diff !== 'moved' ? Math.max(3 * px, 2.5) : edge;
    ctx.setLineDash(s.ghost ? [6 * px, 4 * px] : []);
    ctx.beginPath();
    shape(ctx, s);
    ctx.fill();
    ctx.stroke();
    if (s.w * zoom >= 24) kindMark(ctx, s, px);
    if (s.kind === 'task' || s.kind === 'subprocess') {
      // the card's coloured left edge, as on the canvas
      ctx.fillStyle = s.color;
      ctx.fillRect(s.x, s.y, Math.max(4, 2 * px), s.h);
    }
    if (marks.criticalSteps.has(s.id) || marks.selected.has(s.id)) {
      ctx.strokeStyle = marks.selected.has(s.id) ? '#3b5bdb' : CRITICAL;
      ctx.lineWidth = Math.max(3 * px, 3);
      ctx.setLineDash([]);
      ctx.beginPath();
      const m = 3 * px;
      ctx.rect(s.x - m, s.y - m, s.w + 2 * m, s.h + 2 * m);
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);

  // phase names, at a size one can read whatever the zoom (the cards' text is not), on a band
  // held at the pane's edge while the columns run on past it, as the cards' headers are
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const BAND = 22;
  for (const c of scene.columns) {
    if (!c.name) continue;
    const left = c.x * zoom + tx;
    const top = c.y * zoom + ty;
    const w = c.w * zoom;
    const h = c.h * zoom;
    if (left > width || top > height || left + w < 0 || top + h < 0) continue;
    ctx.save();
    if (scene.down) {
      // a row per phase: its name on a band at the left
      const x = Math.max(left, 0);
      const bh = Math.min(h, height);
      if (bh < 14) {
        ctx.restore();
        continue;
      }
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fillRect(x, top, BAND * 5, h);
      ctx.beginPath();
      ctx.rect(x, top, BAND * 5, h);
      ctx.clip();
      ctx.fillStyle = '#3a4452';
      ctx.fillText(c.name, x + 6, Math.max(top, 0) + Math.min(h, height) / 2, BAND * 5 - 12);
    } else {
      const y = Math.max(top, 0);
      if (w < 30) {
        ctx.restore();
        continue;
      }
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fillRect(left, y, w, BAND);
      ctx.fillStyle = '#b9c0cc';
      ctx.fillRect(left, y + BAND - 1, w, 1);
      ctx.beginPath();
      ctx.rect(left, y, w - 1, BAND);
      ctx.clip();
      ctx.fillStyle = '#3a4452';
      ctx.fillText(c.name, Math.max(left, 0) + 8, y + BAND / 2, Math.max(0, w - 16));
    }
    ctx.restore();
  }
}

function shape(ctx: CanvasRenderingContext2D, s: SceneStep) {
  if (isDiamond(s.kind)) {
    ctx.moveTo(s.x + s.w / 2, s.y);
    ctx.lineTo(s.x + s.w, s.y + s.h / 2);
    ctx.lineTo(s.x + s.w / 2, s.y + s.h);
    ctx.lineTo(s.x, s.y + s.h / 2);
    ctx.closePath();
  } else if (isPill(s.kind)) {
    ctx.roundRect(s.x, s.y, s.w, s.h, Math.min(s.w, s.h) / 2);
  } else ctx.rect(s.x, s.y, s.w, s.h);
}

/** Inside the shape, where it is big enough to see: a parallel split's plus, an event's inner ring. */
function kindMark(ctx: CanvasRenderingContext2D, s: SceneStep, px: number) {
  if (s.kind === 'parallel') {
    const arm = Math.min(s.w, s.h) * 0.2;
    const cx = s.x + s.w / 2;
    const cy = s.y + s.h / 2;
    ctx.lineWidth = Math.max(4, 2 * px);
    ctx.beginPath();
    ctx.moveTo(cx - arm, cy);
    ctx.lineTo(cx + arm, cy);
    ctx.moveTo(cx, cy - arm);
    ctx.lineTo(cx, cy + arm);
    ctx.stroke();
  } else if (s.kind === 'event') {
    const i = Math.max(4.5, 3 * px);
    ctx.beginPath();
    ctx.roundRect(s.x + i, s.y + i, s.w - 2 * i, s.h - 2 * i, Math.max(0, Math.min(s.w, s.h) / 2 - i));
    ctx.stroke();
  }
}
