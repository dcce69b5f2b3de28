/**
 * Which phase column each step belongs to, exactly as the canvas's geometry
 * (`phaseBoxes` in shared/model/geometry.ts) decides it, so the layout fills the same columns
 * the user sees.
 */
import { orderedPhases } from '../model/geometry';
import type { MapDoc, Phase } from '../model/types';

export { orderedPhases };

export interface PhaseSlots {
  /**
   * The columns left to right: `null` is the leading "no phase" column (present only while a
   * map with phases has steps without a known phase). A map without phases has one free
   * column, `undefined`, and its steps' x stays absolute.
   */
  columns: (Phase | null | undefined)[];
  /** Column index of every step. */
  index: Map<string, number>;
}

/**
 * The column of every step. Rule for a step without a (known) phase in a map with phases: it
 * sits in a first "no phase" column, in front of all phases, as the canvas draws it (adding
 * phases to a drawn map leaves it in place). Deterministic and independent of positions.
 */
export function phaseSlots(doc: Pick<MapDoc, 'phases' | 'steps'>): PhaseSlots {
  const phases = orderedPhases(doc);
  const index = new Map<string, number>();
  if (phases.length === 0) {
    for (const id of Object.keys(doc.steps)) index.set(id, 0);
    return { columns: [undefined], index };
  }
  const known = (s: { phaseId: string | null }): boolean => !!s.phaseId && !!doc.phases[s.phaseId];
  const hasNull = Object.values(doc.steps).some((s) => !known(s));
  const columns: (Phase | null)[] = hasNull ? [null, ...phases] : phases;
  const position = new Map(phases.map((p, i) => [p.id, i + (hasNull ? 1 : 0)]));
  for (const s of Object.values(doc.steps)) index.set(s.id, known(s) ? position.get(s.phaseId!)! : 0);
  return { columns, index };
}
