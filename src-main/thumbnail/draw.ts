/**
 * The library card's picture of a map, drawn in the backend from the map's geometry
 * (`mapGeometry`, the canvas's own): lane bands in tints of their role colours, phase columns,
 * flows as thin lines, steps as small boxes in their role colours. No text: it is a picture to
 * recognise a map by, at most THUMBNAIL.width × THUMBNAIL.height CSS pixels (of a map much longer
 * than that box, its start at a readable scale filling the box across its lanes), drawn at
 * THUMBNAIL.density device pixels each, as a PNG of a few kilobytes that a page shows at once,
 * whatever the size of the map (a 2,000-step map is as cheap to show as a 20-step one).
 *
 * Big enough boxes are drawn as the canvas draws steps (a white card with its role's bar, a
 * diamond, a pill); small ones as plain boxes in the role colour.
 */
import { LANE_HEADER_WIDTH, LANE_LEFT, LANE_MIN_HEIGHT, PHASE_HEADER_HEIGHT, frameSize, mapGeometry, type SizeFn } from '../../shared/model/geometry';
import { flowPoints } from '../../shared/export/svg';
import type { MapDoc, Point, Step } from '../../shared/model/types';
import { encodePng } from './png';

/** The largest picture, in CSS pixels, and how many device pixels each is drawn with. */
export const THUMBNAIL = { width: 320, height: 180, density: 2 } as const;
/**
 * The drawing's own version: a cached picture drawn by another version of this file is drawn
 * again. Raise it whenever what this file draws changes.
 */
export const THUMBNAIL_STYLE = 4;

/** In a top-to-bottom map the phase names sit in a column on the left (src-renderer/canvas/frame.ts). */
const PHASE_HEADER_DOWN = 150;

// colours of src-renderer/styles.css, as the SVG export uses them
type Rgb = readonly [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const CARD_BORDER: Rgb = rgb('#d5d9e0');
const EDGE: Rgb = rgb('#7d8797');
const PHASE_BAR: Rgb = rgb('#8a94a6');
const NO_PHASE_BAR: Rgb = rgb('#d0d4db');
const DIVIDER: Rgb = rgb('#b9c0cc');
const LINE: Rgb = rgb('#e3e6eb');
const NO_ROLE = '#8a94a6';

function rgb(hex: string): Rgb {
  const c = /^#[0-9a-fA-F]{6}$/.test(hex) ? hex : NO_ROLE;
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

export interface Thumbnail {
  png: Buffer;
  /** In device pixels (THUMBNAIL.density per CSS pixel). */
  width: number;
  height: number;
}

/** RGB pixels on white, with shapes filled by their exact coverage of each pixel (smooth edges, no blur). */
class Raster {
  readonly width: number;
  readonly height: number;
  readonly px: Uint8Array;
  private readonly cover: Float32Array;
  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.px = new Uint8Array(width * height * 3).fill(255);
    this.cover = new Float32Array(width + 2);
  }

  private blend(i: number, c: Rgb, a: number) {
    const p = this.px;
    p[i] = p[i]! + (c[0] - p[i]!) * a;
    p[i + 1] = p[i + 1]! + (c[1] - p[i + 1]!) * a;
    p[i + 2] = p[i + 2]! + (c[2] - p[i + 2]!) * a;
  }

  /** An axis-aligned rectangle (device pixels), edges partly covering their pixels. */
  rect(x: number, y: number, w: number, h: number, c: Rgb, alpha = 1) {
    const x0 = Math.max(0, x);
    const y0 = Math.max(0, y);
    const x1 = Math.min(this.width, x + w);
    const y1 = Math.min(this.height, y + h);
    if (x1 <= x0 || y1 <= y0) return;
    for (let py = Math.floor(y0); py < y1; py++) {
      const cy = Math.min(y1, py + 1) - Math.max(y0, py);
      for (let px = Math.floor(x0); px < x1; px++) {
        const a = alpha * cy * (Math.min(x1, px + 1) - Math.max(x0, px));
        if (a > 0.002) this.blend((py * this.width + px) * 3, c, a);
      }
    }
  }

  /** A convex polygon (device pixels): four samples down each pixel, exact coverage across it. */
  polygon(points: Point[], c: Rgb, alpha = 1) {
    let top = Infinity;
    let bottom = -Infinity;
    for (const p of points) {
      top = Math.min(top, p.y);
      bottom = Math.max(bottom, p.y);
    }
    const SUB = 4;
    for (let py = Math.max(0, Math.floor(top)); py < Math.min(this.height, Math.ceil(bottom)); py++) {
      let lo = this.width;
      let hi = -1;
      for (let k = 0; k < SUB; k++) {
        const sy = py + (k + 0.5) / SUB;
        let x0 = Infinity;
        let x1 = -Infinity;
        for (let i = 0; i < points.length; i++) {
          const a = points[i]!;
          const b = points[(i + 1) % points.length]!;
          if ((a.y <= sy && b.y > sy) || (b.y <= sy && a.y > sy)) {
            const x = a.x + ((sy - a.y) / (b.y - a.y)) * (b.x - a.x);
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
          }
        }
        x0 = Math.max(0, x0);
        x1 = Math.min(this.width, x1);
        if (!(x1 > x0)) continue;
        for (let px = Math.floor(x0); px < x1; px++) {
          this.cover[px] = this.cover[px]! + (Math.min(x1, px + 1) - Math.max(x0, px)) / SUB;
          lo = Math.min(lo, px);
          hi = Math.max(hi, px);
        }
      }
      for (let px = lo; px <= hi; px++) {
        const a = alpha * Math.min(1, this.cover[px]!);
        this.cover[px] = 0;
        if (a > 0.002) this.blend((py * this.width + px) * 3, c, a);
      }
    }
  }

  /** A straight line `w` device pixels wide. */
  line(a: Point, b: Point, w: number, c: Rgb, alpha = 1) {
    const h = w / 2;
    if (Math.abs(a.y - b.y) < 0.01) this.rect(Math.min(a.x, b.x) - h, a.y - h, Math.abs(b.x - a.x) + w, w, c, alpha);
    else if (Math.abs(a.x - b.x) < 0.01) this.rect(a.x - h, Math.min(a.y, b.y) - h, w, Math.abs(b.y - a.y) + w, c, alpha);
    else {
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      const nx = ((b.y - a.y) / len) * h;
      const ny = (-(b.x - a.x) / len) * h;
      this.polygon(
        [
          { x: a.x + nx, y: a.y + ny },
          { x: b.x + nx, y: b.y + ny },
          { x: b.x - nx, y: b.y - ny },
          { x: a.x - nx, y: a.y - ny },
        ],
        c,
        alpha,
      );
    }
  }
}

/** A rectangle with rounded corners (radius `r`) as a convex polygon. */
function roundedRect(x: number, y: number, w: number, h: number, r: number): Point[] {
  r = Math.max(0, Math.min(r, w / 2, h / 2));
  if (r < 0.5) {
    return [
      { x, y },
      { x: x + w, y },
      { x: x + w, y: y + h },
      { x, y: y + h },
    ];
  }
  const out: Point[] = [];
  const corners = [
    { cx: x + w - r, cy: y + r, from: -Math.PI / 2 },
    { cx: x + w - r, cy: y + h - r, from: 0 },
    { cx: x + r, cy: y + h - r, from: Math.PI / 2 },
    { cx: x + r, cy: y + r, from: Math.PI },
  ];
  for (const { cx, cy, from } of corners) {
    for (let i = 0; i <= 4; i++) {
      const t = from + (i / 4) * (Math.PI / 2);
      out.push({ x: cx + r * Math.cos(t), y: cy + r * Math.sin(t) });
    }
  }
  return out;
}

const diamond = (x: number, y: number, w: number, h: number): Point[] => [
  { x: x + w / 2, y },
  { x: x + w, y: y + h / 2 },
  { x: x + w / 2, y: y + h },
  { x, y: y + h / 2 },
];

/** The picture of `doc`: the whole map fitted into THUMBNAIL's box with its proportions kept, or the start of a much longer one. */
export function drawThumbnail(doc: MapDoc): Thumbnail {
  const down = doc.direction === 'down';
  // each step measured once (its title's wrapping decides its height)
  const base = frameSize(doc.direction);
  const sizes = new Map<Step, { width: number; height: number }>();
  const size: SizeFn = (s) => {
    let v = sizes.get(s as Step);
    if (!v) sizes.set(s as Step, (v = base(s)));
    return v;
  };
  const g = mapGeometry(doc, size);
  const steps = Object.values(doc.steps);

  // the region the SVG export draws, in the map's own frame (x along the flow, y across the lanes)
  const contentLeft = LANE_LEFT + LANE_HEADER_WIDTH;
  let right = Math.max(g.right, contentLeft + 360);
  let bottom = g.bottom;
  for (const s of steps) {
    const p = g.positions.get(s.id)!;
    const { width, height } = size(s);
    right = Math.max(right, p.x + width + 40);
    bottom = Math.max(bottom, p.y + height + 20);
  }
  const head = g.columns.length === 0 ? 0 : down ? PHASE_HEADER_DOWN : PHASE_HEADER_HEIGHT;
  // (a map without lanes is drawn as tall as one empty lane)
  const frame = { left: LANE_LEFT, top: -head, width: right - LANE_LEFT, height: Math.max(bottom, LANE_MIN_HEIGHT) + head };
  const screenW = down ? frame.height : frame.width;
  const screenH = down ? frame.width : frame.height;
  const maxW = THUMBNAIL.width * THUMBNAIL.density;
  const maxH = THUMBNAIL.height * THUMBNAIL.density;
  const roomAcross = down ? maxW : maxH;
  const roomAlong = down ? maxH : maxW;
  const fitted = Math.min(maxW / screenW, maxH / screenH);
  // a map much longer than the card (its whole would be a strip under a quarter of the card's height,
  // or under half of it with its steps shrunk to specks):
  // its start, at a readable scale (at most half the canvas's size), filling the card across its lanes
  // (a top-to-bottom map stands up in a landscape card: it is drawn whole, stretched across its lanes)
  const strip = frame.height * fitted;
  const start = !down && (strip < roomAcross / 4 || (strip < roomAcross / 2 && fitted < 0.12));
  let scale = fitted;
  // a very long map would be a sliver: across its lanes it is stretched to at least a quarter
  // of the box, so its lanes still read as bands (along the flow it keeps the scale)
  let across = Math.min(roomAcross / frame.height, Math.max(fitted, roomAcross / 4 / frame.height));
  if (start) scale = across = Math.min(roomAcross / frame.height, 1);
  const alongPx = start ? roomAlong : Math.round(frame.width * scale);
  const acrossPx = Math.round(frame.height * across);
  const width = Math.max(1, Math.min(maxW, down ? acrossPx : alongPx));
  const height = Math.max(1, Math.min(maxH, down ? alongPx : acrossPx));
  const r = new Raster(width, height);

  /** A box of the frame on the picture, in device pixels. */
  const box = (x: number, y: number, w: number, h: number) => {
    const fx = (x - frame.left) * scale;
    const fy = (y - frame.top) * across;
    return down ? { x: fy, y: fx, w: h * across, h: w * scale } : { x: fx, y: fy, w: w * scale, h: h * across };
  };
  const point = (p: Point): Point => {
    const fx = (p.x - frame.left) * scale;
    const fy = (p.y - frame.top) * across;
    return down ? { x: fy, y: fx } : { x: fx, y: fy };
  };
  const hair = 1; // device pixel

  // lanes: a tinted band, a stronger tint under the lane's name, its colour bar, thin edges
  for (const lane of g.lanes) {
    const c = rgb(lane.role.color);
    const band = box(frame.left, lane.top, frame.width, lane.height);
    r.rect(band.x, band.y, band.w, band.h, c, 0.07);
    const header = box(frame.left, lane.top, LANE_HEADER_WIDTH, lane.height);
    r.rect(header.x, header.y, header.w, header.h, c, 0.11);
    const bar = box(frame.left + 12, lane.top + 12, 18, 4);
    if (bar.w >= 1.5) r.rect(bar.x, bar.y, bar.w, bar.h, c);
    const edge = box(frame.left, lane.top, frame.width, 0);
    if (down) r.rect(edge.x, edge.y, hair, edge.h, c, 0.25);
    else r.rect(edge.x, edge.y, edge.w, hair, c, 0.25);
  }

  // phase columns: the header's bar, a divider at the right edge
  for (const col of g.columns) {
    const left = Math.max(col.left, contentLeft);
    const colRight = Math.min(col.left + col.width, right);
    if (colRight <= left) continue;
    const bar = box(left, -head, colRight - left, 3);
    r.rect(bar.x, bar.y, Math.max(bar.w, hair), Math.max(bar.h, hair), col.phase ? PHASE_BAR : NO_PHASE_BAR);
    const under = box(left, 0, colRight - left, 0);
    if (down) r.rect(under.x, under.y, hair, under.h, LINE);
    else r.rect(under.x, under.y, under.w, hair, LINE);
    if (colRight === col.left + col.width) {
      const divider = box(colRight, -head, 0, frame.height);
      if (down) r.rect(divider.x, divider.y, divider.w, hair, DIVIDER, 0.8);
      else r.rect(divider.x, divider.y, hair, divider.h, DIVIDER, 0.8);
    }
  }

  // flows under the steps, as thin lines
  const frameBox = (s: Step) => {
    const p = g.positions.get(s.id)!;
    const { width: w, height: h } = size(s);
    return { x: p.x, y: p.y, width: w, height: h };
  };
  const flowWidth = Math.max(hair, 1.5 * scale);
  // on a map drawn small, flows would hide the steps under a grey mesh: the smaller, the fainter
  const flowAlpha = Math.max(0.12, Math.min(0.7, scale * 4));
  for (const f of Object.values(doc.flows)) {
    const from = doc.steps[f.fromStepId];
    const to = doc.steps[f.toStepId];
    if (!from || !to) continue;
    const pts = flowPoints(f, frameBox(from), frameBox(to)).map(point);
    for (let i = 1; i < pts.length; i++) r.line(pts[i - 1]!, pts[i]!, flowWidth, EDGE, flowAlpha);
  }

  // steps: shaped like the canvas's cards when a one-line card (56 px) is drawn 8 device pixels
  // or more across, else (for the whole picture alike) plain boxes in their role colours
  const shaped = 56 * scale >= 8;
  for (const s of steps) {
    const c = rgb(doc.roles[s.roleId]?.color ?? NO_ROLE);
    const b = frameBox(s);
    const { x, y, w, h } = box(b.x, b.y, b.width, b.height);
    // beyond the picture (the start of a long map is drawn)
    if (x >= width || y >= height) continue;
    if (!shaped || Math.min(w, h) < 4) {
      r.rect(x, y, Math.max(w, hair), Math.max(h, hair), c, 0.9);
      continue;
    }
    const line = Math.max(hair, 2 * scale);
    if (s.kind === 'decision' || s.kind === 'parallel') {
      r.polygon(diamond(x, y, w, h), c);
      r.polygon(diamond(x + line * 1.4, y + line * 1.4, w - line * 2.8, h - line * 2.8), WHITE);
      if (s.kind === 'parallel') {
        // BPMN's parallel gateway: a bold plus in the diamond
        const arm = Math.min(w, h) * 0.2;
        const bar = Math.max(hair, line * 1.5);
        r.rect(x + w / 2 - arm, y + h / 2 - bar / 2, 2 * arm, bar, c);
        r.rect(x + w / 2 - bar / 2, y + h / 2 - arm, bar, 2 * arm, c);
      }
    } else if (s.kind === 'start' || s.kind === 'event' || s.kind === 'end') {
      const stroke = s.kind === 'end' ? line * 2 : s.kind === 'event' ? Math.max(hair, line * 0.75) : line;
      r.polygon(roundedRect(x, y, w, h, h / 2), c);
      r.polygon(roundedRect(x + stroke, y + stroke, w - 2 * stroke, h - 2 * stroke, h / 2 - stroke), WHITE);
      if (s.kind === 'event') {
        // BPMN's intermediate event: a second, inner ring
        const i = stroke * 3;
        r.polygon(roundedRect(x + i, y + i, w - 2 * i, h - 2 * i, h / 2 - i), c);
        r.polygon(roundedRect(x + i + stroke, y + i + stroke, w - 2 * i - 2 * stroke, h - 2 * i - 2 * stroke, h / 2 - i - stroke), WHITE);
      }
    } else {
      const radius = 8 * scale;
      r.polygon(roundedRect(x, y, w, h, radius), CARD_BORDER);
      r.polygon(roundedRect(x + hair, y + hair, w - 2 * hair, h - 2 * hair, radius - hair), WHITE);
      // the role's bar down the card's leading edge, as on the canvas
      r.rect(x, y + radius / 2, Math.max(hair, 4 * scale), h - radius, c);
      if (s.kind === 'subprocess') {
        const inset = Math.max(hair * 2, 3.5 * scale);
        r.polygon(roundedRect(x + inset, y + inset, w - 2 * inset, h - 2 * inset, radius), CARD_BORDER, 0.9);
        r.polygon(roundedRect(x + inset + hair, y + inset + hair, w - 2 * inset - 2 * hair, h - 2 * inset - 2 * hair, radius), WHITE);
        r.rect(x, y + radius / 2, Math.max(hair, 4 * scale), h - radius, c);
      }
    }
  }

  return { png: encodePng(width, height, r.px), width, height };
}
