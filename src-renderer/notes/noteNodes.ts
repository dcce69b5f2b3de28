/**
 * Notes as React Flow nodes: where each is drawn on screen, the box of the step an annotation is
 * attached to (for its dotted line), and what a drag of notes becomes in the map's frame.
 */
import type { Node } from '@xyflow/react';
import { noteSize, stepSize, type MapGeometry } from '../../shared/model/geometry';
import { notePlace } from '../../shared/model/notes';
import type { MapDoc, Note } from '../../shared/model/types';
import { isDown, toFrame, toScreen } from '../canvas/frame';
import { t } from '../i18n';

export const NOTE_NODE_PREFIX = 'note:';
export const isNoteNode = (id: string) => id.startsWith(NOTE_NODE_PREFIX);
export const noteIdOf = (nodeId: string) => nodeId.slice(NOTE_NODE_PREFIX.length);

export type Box = { x: number; y: number; w: number; h: number };
/** `step`: the box of the step an annotation is attached to, on screen. */
export type NoteNodeData = { note: Note; step: (Box & { id: string; title: string }) | null };
export type NoteNodeType = Node<NoteNodeData, 'note'>;

/** A note's box on screen (its top-left is its place in the frame, drawn upright in either direction). */
export function noteBox(doc: MapDoc, note: Note, g: Pick<MapGeometry, 'positions'>): Box {
  const at = toScreen(isDown(doc), notePlace(doc, note, g));
  const size = noteSize(note);
  return { x: at.x, y: at.y, w: size.width, h: size.height };
}

/** The box of a step on screen. */
export function stepBox(doc: MapDoc, stepId: string, g: Pick<MapGeometry, 'positions'>): Box | null {
  const s = Object.hasOwn(doc.steps, stepId) ? doc.steps[stepId] : undefined;
  const p = g.positions.get(stepId);
  if (!s || !p) return null;
  const at = toScreen(isDown(doc), p);
  const size = stepSize(s);
  return { x: at.x, y: at.y, w: size.width, h: size.height };
}

type Entry = { note: Note; step: NoteNodeData['step']; x: number; y: number; selected: boolean; language: string; node: NoteNodeType };

/** Builds the notes' nodes, keeping each node object while its note, its step's box and its selection stay the same. */
export function createNoteBuilder() {
  let entries = new Map<string, Entry>();
  return (doc: MapDoc, g: MapGeometry, selected: readonly string[] | undefined, language: string): NoteNodeType[] => {
    const notes = doc.notes;
    if (!notes) {
      entries = new Map();
      return [];
    }
    const on = new Set(selected ?? []);
    const next = new Map<string, Entry>();
    const out: NoteNodeType[] = [];
    for (const n of Object.values(notes)) {
      const box = noteBox(doc, n, g);
      const sb = n.stepId ? stepBox(doc, n.stepId, g) : null;
      const step = sb && n.stepId ? { ...sb, id: n.stepId, title: doc.steps[n.stepId]!.title } : null;
      const old = entries.get(n.id);
      const same =
        old &&
        old.note === n &&
        old.x === box.x &&
        old.y === box.y &&
        old.selected === on.has(n.id) &&
        old.language === language &&
        (old.step === step || (old.step && step && old.step.x === step.x && old.step.y === step.y && old.step.w === step.w && old.step.h === step.h && old.step.title === step.title));
      const entry: Entry = same ? old : { note: n, step, x: box.x, y: box.y, selected: on.has(n.id), language, node: noteNode(n, box, step, on.has(n.id)) };
      next.set(n.id, entry);
      out.push(entry.node);
    }
    entries = next;
    return out;
  };
}

function noteNode(n: Note, box: Box, step: NoteNodeData['step'], selected: boolean): NoteNodeType {
  const text = n.text.trim() ? (n.text.length > 120 ? `${n.text.slice(0, 119)}…` : n.text) : t('notes.empty');
  return {
    id: NOTE_NODE_PREFIX + n.id,
    type: 'note',
    position: { x: box.x, y: box.y },
    width: box.w,
    height: box.h,
    data: { note: n, step },
    selected,
    deletable: false,
    connectable: false,
    zIndex: 2,
    domAttributes: { 'aria-roledescription': t('notes.sticky') },
    ariaLabel: step ? t('notes.annotationLabel', { title: step.title || t('editor.untitled'), text }) : t('notes.label', { text }),
  };
}

/**
 * The notes among dragged nodes, as `moveSteps`'s `notes`: a sticky note's new place in the
 * frame; an annotation's new place relative to its step (unchanged when its step was dragged with it).
 */
export function noteMovesFromDrag(doc: MapDoc, g: Pick<MapGeometry, 'positions'>, dragged: readonly Node[]): { id: string; x: number; y: number }[] {
  const draggedSteps = new Set(dragged.filter((n) => n.type === 'step').map((n) => n.id));
  const out: { id: string; x: number; y: number }[] = [];
  for (const node of dragged) {
    if (node.type !== 'note') continue;
    const id = noteIdOf(node.id);
    const note = doc.notes && Object.hasOwn(doc.notes, id) ? doc.notes[id]! : undefined;
    if (!note) continue;
    if (note.stepId && draggedSteps.has(note.stepId)) continue;
    const at = toFrame(isDown(doc), node.position);
    const base = note.stepId ? g.positions.get(note.stepId) : undefined;
    const x = Math.round(at.x - (base?.x ?? 0));
    const y = Math.round(at.y - (base?.y ?? 0));
    if (x !== note.x || y !== note.y) out.push({ id, x, y });
  }
  return out;
}

/** The notes overlapping a rectangle on screen (for windowing a big map). */
export function notesIn(doc: MapDoc, g: Pick<MapGeometry, 'positions'>, r: { x: number; y: number; width: number; height: number }): Set<string> {
  const out = new Set<string>();
  for (const n of Object.values(doc.notes ?? {})) {
    const b = noteBox(doc, n, g);
    if (b.x <= r.x + r.width && b.x + b.w >= r.x && b.y <= r.y + r.height && b.y + b.h >= r.y) out.add(n.id);
  }
  return out;
}
