/**
 * Turns a layout (absolute x, as the layout engine computes it) into the document's terms:
 * x relative to each step's phase column, column widths, and routes moved with the columns.
 * Also checks the laid-out map with the same geometry the canvas draws it with.
 */
import { applyCommand, cmd, type CommandArgs } from './commands';
import { mapGeometry, stepSize } from './geometry';
import { isOrthogonal } from './routePath';
import type { MapDoc, Point } from './types';

/** What the engine returns (see shared/layout): absolute x, lane-relative y, absolute routes. */
export interface EngineLayout {
  steps: Record<string, { x: number; y: number }>;
  routes: Record<string, Point[] | undefined>;
  phaseColumns: { phaseId: string; left: number; right: number }[];
}

/** The document with every step's x made absolute (the engine knows nothing of columns). */
export function withAbsoluteX(doc: MapDoc): MapDoc {
  const { positions } = mapGeometry(doc);
  const steps: MapDoc['steps'] = {};
  for (const s of Object.values(doc.steps)) steps[s.id] = { ...s, x: positions.get(s.id)!.x };
  return { ...doc, steps };
}

/**
 * The `tidyUp` command's arguments for an engine layout. In a map with phases each step goes
 * in the column its new place lies in (so a step without a phase gets the phase the engine
 * placed it in), columns keep the engine's widths, and everything shifts so the first
 * column starts at 0 as the canvas expects.
 */
export function tidyUpArgs(doc: MapDoc, layout: EngineLayout): CommandArgs<'tidyUp'> {
  const cols = layout.phaseColumns;
  if (cols.length === 0) return { steps: layout.steps, routes: layout.routes };
  const origin = cols[0]!.left;
  const steps: CommandArgs<'tidyUp'>['steps'] = {};
  for (const [id, p] of Object.entries(layout.steps)) {
    const step = doc.steps[id];
    if (!step) continue;
    const centre = p.x + stepSize(step).width / 2;
    let k = cols.findIndex((c) => centre < c.right);
    if (k < 0) k = cols.length - 1;
    steps[id] = { x: p.x - cols[k]!.left, y: p.y, phaseId: cols[k]!.phaseId };
  }
  const phaseWidths: Record<string, number> = {};
  cols.forEach((c, k) => {
    const next = cols[k + 1];
    phaseWidths[c.phaseId] = next ? next.left - c.left : c.right - c.left;
  });
  const routes: Record<string, Point[] | undefined> = {};
  for (const [id, r] of Object.entries(layout.routes)) routes[id] = r?.map((pt) => ({ x: pt.x - origin, y: pt.y }));
  return { steps, routes, phaseWidths };
}

export interface TidyCheck {
  /** Problems that make the layout unusable (steps outside their lane or column, overlaps). */
  problems: string[];
  /** Flows whose route does not fit (they are drawn by the canvas instead). */
  badRoutes: string[];
}

/** Checks a laid-out document as the canvas will draw it. */
export function checkLayout(doc: MapDoc, gap = 0): TidyCheck {
  const g = mapGeometry(doc);
  const problems: string[] = [];
  const boxes = Object.values(doc.steps).map((s) => ({ s, ...g.positions.get(s.id)!, ...stepSize(s) }));
  const laneOf = new Map(g.lanes.map((l) => [l.role.id, l]));
  const colOf = new Map(g.columns.map((c) => [c.phase?.id ?? null, c]));
  for (const b of boxes) {
    const lane = laneOf.get(b.s.roleId);
    if (!lane || b.y < lane.top || b.y + b.height > lane.top + lane.height) problems.push(`“${b.s.title}” is outside its lane`);
    if (g.columns.length) {
      const col = colOf.get(b.s.phaseId && doc.phases[b.s.phaseId] ? b.s.phaseId : null);
      if (!col || b.x < col.left || b.x + b.width > col.left + col.width) problems.push(`“${b.s.title}” is outside its phase`);
    }
  }
  // overlaps: sweep by x so large maps stay fast
  boxes.sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.x < a.x + a.width + gap; j++) {
      const b = boxes[j]!;
      if (a.y < b.y + b.height + gap && b.y < a.y + a.height + gap) problems.push(`“${a.s.title}” overlaps “${b.s.title}”`);
    }
  }
  const badRoutes: string[] = [];
  for (const f of Object.values(doc.flows)) {
    if (!f.route) continue;
    const from = doc.steps[f.fromStepId];
    const to = doc.steps[f.toStepId];
    if (!from || !to) continue;
    const a = g.positions.get(from.id)!;
    const b = g.positions.get(to.id)!;
    const start = { x: a.x + stepSize(from).width, y: a.y + stepSize(from).height / 2 };
    const end = { x: b.x, y: b.y + stepSize(to).height / 2 };
    const first = f.route[0]!;
    const last = f.route[f.route.length - 1]!;
    const meets = Math.hypot(first.x - start.x, first.y - start.y) <= 1.5 && Math.hypot(last.x - end.x, last.y - end.y) <= 1.5;
    if (!meets || !isOrthogonal(f.route)) badRoutes.push(f.id);
  }
  return { problems, badRoutes };
}

/** Applies an engine layout to a document: the tidied document and what is wrong with it. */
export function tidiedDoc(doc: MapDoc, layout: EngineLayout): { doc: MapDoc; args: CommandArgs<'tidyUp'>; check: TidyCheck } {
  const args = tidyUpArgs(doc, layout);
  let next = applyCommand(doc, cmd('tidyUp', args));
  let check = checkLayout(next);
  if (check.badRoutes.length) {
    // a route that does not fit is left to the canvas rather than drawn wrong
    for (const id of check.badRoutes) args.routes[id] = undefined;
    next = applyCommand(doc, cmd('tidyUp', args));
    check = { ...checkLayout(next), badRoutes: check.badRoutes };
  }
  return { doc: next, args, check };
}
