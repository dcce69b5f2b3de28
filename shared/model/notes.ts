/**
 * Notes on the canvas (sticky notes and annotations of steps) and the width a user gives steps:
 * the commands, and where a note stands. A note's `x`, `y` are in the map's frame; an
 * annotation's are relative to its step's top-left corner (see `Note`).
 */
import type { Draft } from 'immer';
import { CommandError } from './commandError';
import { mapGeometry, NOTE_MAX_WIDTH, NOTE_MIN_WIDTH, type MapGeometry } from './geometry';
import { LIMITS, type MapDoc, type Note } from './types';

type D = Draft<MapDoc>;


function mustNote(doc: D, id: string) {
  const n = doc.notes && Object.hasOwn(doc.notes, id) ? doc.notes[id] : undefined;
  if (!n) throw new CommandError('This note is no longer on the map.');
  return n;
}

function mustStepOf(doc: D, id: string) {
  const s = Object.hasOwn(doc.steps, id) ? doc.steps[id] : undefined;
  if (!s) throw new CommandError(`There is no step ${id} in this map.`);
  return s;
}

function cleanText(text: string): string {
  if (text.length > LIMITS.note) throw new CommandError(`A note holds at most ${LIMITS.note} characters.`);
  return text;
}

function cleanWidth(width: number | undefined | null): number | undefined {
  if (width === undefined || width === null) return undefined;
  if (!Number.isFinite(width)) throw new CommandError('A note\'s width is a number of pixels.');
  return Math.round(Math.max(NOTE_MIN_WIDTH, Math.min(NOTE_MAX_WIDTH, width)));
}

const coord = (v: number) => {
  if (!Number.isFinite(v)) throw new CommandError('A note\'s place is a pair of numbers.');
  return Math.round(Math.max(-1e7, Math.min(1e7, v)));
};

/** Where a note stands in the map's frame (an annotation: its step's place plus its offset). */
export function notePlace(doc: Pick<MapDoc, 'steps'>, note: Note, g: Pick<MapGeometry, 'positions'>): { x: number; y: number } {
  if (note.stepId) {
    const p = g.positions.get(note.stepId);
    if (p) return { x: p.x + note.x, y: p.y + note.y };
  }
  return { x: note.x, y: note.y };
}

/** Annotations of `stepIds` made sticky notes standing where they are drawn now (their step is going). */
export function freeAnnotations(doc: D, stepIds: Set<string>) {
  const notes = Object.values(doc.notes ?? {}).filter((n) => n.stepId && stepIds.has(n.stepId));
  if (notes.length === 0) return;
  const g = mapGeometry(doc);
  for (const n of notes) {
    const at = notePlace(doc, n, g);
    n.x = at.x;
    n.y = at.y;
    delete n.stepId;
  }
}

export const noteHandlers = {
  /** Adds a note: a sticky note at x, y (the map's frame), or an annotation of `stepId` at x, y from the step's corner. */
  addNote(doc: D, a: { id: string; x: number; y: number; text?: string; width?: number; stepId?: string }) {
    if (doc.notes && Object.hasOwn(doc.notes, a.id)) throw new CommandError('A note with this id already exists.');
    if (Object.keys(doc.notes ?? {}).length >= LIMITS.notes) throw new CommandError(`A map holds at most ${LIMITS.notes} notes.`);
    if (a.stepId !== undefined) mustStepOf(doc, a.stepId);
    const note: Note = { id: a.id, text: cleanText(a.text ?? ''), x: coord(a.x), y: coord(a.y) };
    const width = cleanWidth(a.width);
    if (width !== undefined) note.width = width;
    if (a.stepId !== undefined) note.stepId = a.stepId;
    doc.notes ??= {};
    doc.notes[a.id] = note;
  },
  editNote(doc: D, a: { id: string; text: string }) {
    mustNote(doc, a.id).text = cleanText(a.text);
  },
  /** New places for notes (x, y as the note keeps them: relative to its step for an annotation). */
  moveNotes(doc: D, a: { moves: { id: string; x: number; y: number }[] }) {
    for (const m of a.moves) {
      const n = mustNote(doc, m.id);
      n.x = coord(m.x);
      n.y = coord(m.y);
    }
  },
  /** A note's width on screen (null: the usual width). */
  resizeNote(doc: D, a: { id: string; width: number | null }) {
    const n = mustNote(doc, a.id);
    const width = cleanWidth(a.width);
    if (width === undefined) delete n.width;
    else n.width = width;
  },
  deleteNotes(doc: D, a: { ids: string[] }) {
    for (const id of a.ids) if (doc.notes && Object.hasOwn(doc.notes, id)) delete doc.notes[id];
    if (doc.notes && Object.keys(doc.notes).length === 0) delete doc.notes;
  },
  /** Attaches a note to a step (it becomes its annotation) or detaches it (null): it stays where it is drawn. */
  attachNote(doc: D, a: { id: string; stepId: string | null }) {
    const n = mustNote(doc, a.id);
    if ((n.stepId ?? null) === a.stepId) return;
    if (a.stepId !== null) mustStepOf(doc, a.stepId);
    const g = mapGeometry(doc);
    const at = notePlace(doc, n, g);
    if (a.stepId === null) {
      delete n.stepId;
      n.x = at.x;
      n.y = at.y;
    } else {
      const p = g.positions.get(a.stepId)!;
      n.stepId = a.stepId;
      n.x = Math.round(at.x - p.x);
      n.y = Math.round(at.y - p.y);
    }
  },
};
