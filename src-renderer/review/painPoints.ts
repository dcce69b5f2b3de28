/**
 * Pain points as the Pain points tab and the canvas overlay show them: votes per step, the
 * heat level of a step (none → pale amber → deep red), the list sorted by votes, and the
 * commands behind the buttons (each one undoable).
 */
import { cmd } from '../../shared/model/commands';
import { newId } from '../../shared/model/ids';
import { PAIN_KINDS, type MapDoc, type PainKind, type PainPoint } from '../../shared/model/types';
import type { EditorStore } from '../store/editorStore';

export interface StepPain {
  total: number;
  byKind: Partial<Record<PainKind, PainPoint>>;
}

const painCache = new WeakMap<MapDoc, Map<string, StepPain>>();

/** Votes per marked step (computed once per document, so each step on the canvas can ask cheaply). */
export function painByStep(doc: MapDoc): Map<string, StepPain> {
  let out = painCache.get(doc);
  if (out) return out;
  out = new Map();
  for (const p of Object.values(doc.painPoints)) {
    if (!doc.steps[p.stepId]) continue;
    const entry = out.get(p.stepId) ?? { total: 0, byKind: {} };
    entry.total += p.votes;
    entry.byKind[p.kind] = p;
    out.set(p.stepId, entry);
  }
  painCache.set(doc, out);
  return out;
}

/** The heat scale's steps, as the legend names them: 0 none, 1 for 1–2 votes, 2 for 3–5, 3 for 6 and more. */
export const HEAT_LEVELS = [0, 1, 2, 3] as const;
export type HeatLevel = (typeof HEAT_LEVELS)[number];
export function heatLevel(votes: number): HeatLevel {
  return votes <= 0 ? 0 : votes <= 2 ? 1 : votes <= 5 ? 2 : 3;
}

/** Every mark, the most voted first (then by step title, then kind, so the order is stable). */
export function marksByVotes(doc: MapDoc): PainPoint[] {
  return Object.values(doc.painPoints)
    .filter((p) => doc.steps[p.stepId])
    .sort(
      (a, b) =>
        b.votes - a.votes ||
        (doc.steps[a.stepId]?.title ?? '').localeCompare(doc.steps[b.stepId]?.title ?? '') ||
        PAIN_KINDS.indexOf(a.kind) - PAIN_KINDS.indexOf(b.kind) ||
        a.id.localeCompare(b.id),
    );
}

/** One more vote for `kind` on a step (the first vote creates the mark). */
export function votePain(store: EditorStore, stepId: string, kind: PainKind): boolean {
  return store.getState().run(cmd('markPainPoint', { id: newId(), stepId, kind, at: new Date().toISOString() }));
}

/** One vote back (the mark goes with its last vote). */
export function unvotePain(store: EditorStore, id: string): boolean {
  return store.getState().run(cmd('unvotePainPoint', { id }));
}
