/**
 * Free text notes on the canvas (issue 13), and "same width" for steps.
 * Every edit is one command (one undo).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { cmd } from '../../shared/model/commands';
import { cardWidth, noteSize, stepSize } from '../../shared/model/geometry';
import { newId } from '../../shared/model/ids';
import type { MapDoc } from '../../shared/model/types';
import { geometryOf, isDown, toFrame } from '../canvas/frame';
import type { EditorStore } from '../store/editorStore';
import { noteBox, stepBox, type Box } from './noteNodes';
import { useNoteUi } from './noteUi';

const GAP = 24;

const overlaps = (a: Box, b: Box, gap = 8) => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/** Every card and note on screen (what a new note must not cover). */
function taken(doc: MapDoc): Box[] {
  const g = geometryOf(doc);
  const out: Box[] = [];
  for (const id of Object.keys(doc.steps)) {
    const b = stepBox(doc, id, g);
    if (b) out.push(b);
  }
  for (const n of Object.values(doc.notes ?? {})) out.push(noteBox(doc, n, g));
  return out;
}

/** The middle of the canvas's pane, in React Flow (screen) coordinates. */
function viewMiddle(flow: ReactFlowInstance | null): { x: number; y: number } {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!flow || !pane) return { x: 0, y: 0 };
  return flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
}

/** Adds a sticky note at `at` (a screen point; absent: the middle of the view), or an annotation attached to step `attachTo`. */
export function addNote(store: EditorStore, flow: ReactFlowInstance | null, opts: { at?: { x: number; y: number }; attachTo?: string } = {}): boolean {
  const { doc } = store.getState();
  if (!doc) return false;
  const g = geometryOf(doc);
  const down = isDown(doc);
  // room for three lines: the note grows downwards as it is written
  const size = noteSize({ text: 'a\nb\nc' });
  const boxes = taken(doc);
  const free = (b: Box) => !boxes.some((o) => overlaps(b, o));
  const id = newId();
  let ok: boolean;
  if (opts.attachTo) {
    const step = stepBox(doc, opts.attachTo, g);
    if (!step) return false;
    // beside and above its step: up and to the right first, then the other places around it
    const around: Box[] = [
      { x: step.x + step.w - GAP, y: step.y - size.height - GAP * 1.5, w: size.width, h: size.height },
      { x: step.x - size.width + GAP, y: step.y - size.height - GAP * 1.5, w: size.width, h: size.height },
      { x: step.x + step.w + GAP * 2, y: step.y - size.height / 2, w: size.width, h: size.height },
      { x: step.x + step.w / 2 - size.width / 2, y: step.y + step.h + GAP * 1.5, w: size.width, h: size.height },
    ];
    // inside its step's lane first: above a step in the top lane it would cover the phase names
    const lane = g.lanes.find((l) => l.role.id === doc.steps[opts.attachTo!]?.roleId);
    const inLane = (b: Box) => {
      if (!lane) return true;
      const [from, extent] = down ? [b.x, b.w] : [b.y, b.h];
      return from >= lane.top + 4 && from + extent <= lane.top + lane.height - 4;
    };
    let spot = around.find((b) => inLane(b) && free(b)) ?? around.find(free);
    for (let lift = 1; !spot && lift < 40; lift++) {
      const b = { ...around[0]!, y: around[0]!.y - lift * (size.height + GAP) };
      if (free(b)) spot = b;
    }
    spot ??= around[0]!;
    // stored in the frame, from the step's corner
    const off = toFrame(down, { x: spot.x - step.x, y: spot.y - step.y });
    ok = store.getState().run(cmd('addNote', { id, x: off.x, y: off.y, stepId: opts.attachTo }));
  } else {
    const p = opts.at ? (flow ? flow.screenToFlowPosition(opts.at) : opts.at) : viewMiddle(flow);
    // at the point (its top-left), or centred in the view; moved aside rather than over a card
    const start: Box = opts.at ? { x: p.x, y: p.y, w: size.width, h: size.height } : { x: p.x - size.width / 2, y: p.y - size.height / 2, w: size.width, h: size.height };
    let spot = free(start) ? start : undefined;
    for (let ring = 1; !spot && ring < 30; ring++) {
      for (const [dx, dy] of [
        [0, -1],
        [1, 0],
        [0, 1],
        [-1, 0],
        [1, -1],
        [-1, -1],
        [1, 1],
        [-1, 1],
      ] as const) {
        const b = { ...start, x: start.x + dx * ring * 40, y: start.y + dy * ring * 30 };
        if (free(b)) {
          spot = b;
          break;
        }
      }
    }
    spot ??= start;
    const at = toFrame(down, { x: spot.x, y: spot.y });
    ok = store.getState().run(cmd('addNote', { id, x: at.x, y: at.y }));
  }
  if (!ok) return false;
  store.getState().select({ steps: [], flows: [], notes: [id] });
  useNoteUi.getState().edit(id, true);
  return true;
}

/** The toolbar's and the N key's note: an annotation of the one selected step, else a sticky note in the view. */
export function addNoteHere(store: EditorStore, flow: ReactFlowInstance | null): boolean {
  const { selection } = store.getState();
  const one = selection.steps.length === 1 && selection.flows.length === 0 ? selection.steps[0] : undefined;
  return addNote(store, flow, one ? { attachTo: one } : {});
}

/** Opens the text field of the one selected note; false when no single note is selected. */
export function editSelectedNote(store: EditorStore): boolean {
  const { selection, doc, viewing } = store.getState();
  const ids = selection.notes ?? [];
  if (viewing || ids.length !== 1 || selection.steps.length + selection.flows.length > 0 || !doc?.notes?.[ids[0]!]) return false;
  useNoteUi.getState().edit(ids[0]!);
  return true;
}

/** Gives the selected steps the width of the widest of them (one undo). */
export function makeSameWidth(store: EditorStore): boolean {
  const { doc, selection } = store.getState();
  if (!doc) return false;
  const steps = selection.steps.map((id) => doc.steps[id]).filter((s) => s !== undefined);
  if (steps.length < 2) return false;
  const widest = Math.max(...steps.map((s) => stepSize(s).width));
  const widths: Record<string, number | null> = {};
  for (const s of steps) if (stepSize(s).width !== widest) widths[s.id] = widest > cardWidth({ kind: s.kind, title: s.title }) ? widest : null;
  if (Object.keys(widths).length === 0) return false;
  return store.getState().run(cmd('setStepWidths', { widths }));
}

/** Gives the selected steps their natural width again (one undo). */
export function resetWidths(store: EditorStore): boolean {
  const { doc, selection } = store.getState();
  if (!doc) return false;
  const ids = selection.steps.filter((id) => doc.steps[id]?.width !== undefined);
  if (ids.length === 0) return false;
  return store.getState().run(cmd('setStepWidths', { widths: Object.fromEntries(ids.map((id) => [id, null])) }));
}
