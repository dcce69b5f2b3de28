/**
 * Matching what a person types against titles, in any script: case-insensitive (Cyrillic
 * included), Unicode-normalised, «ё» found by «е» and the reverse (Russian text is written both
 * ways), extra spaces ignored, every word of the query required.
 */
import type { MapDoc, Step } from './types';

export function foldText(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** True when every word of `query` occurs in one of `texts` (an empty query matches everything). */
export function matchesQuery(query: string, ...texts: string[]): boolean {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const hay = foldText(texts.join('\n'));
  return words.every((w) => hay.includes(w));
}

/** Steps whose title, description or items match `query`, in reading order (phase, then left to right, then lane). */
export function findSteps(doc: MapDoc, query: string): Step[] {
  if (!foldText(query)) return [];
  const phaseOrder = (s: Step) => (s.phaseId ? (doc.phases[s.phaseId]?.order ?? 0) + 1 : 0);
  const roleOrder = (s: Step) => doc.roles[s.roleId]?.order ?? 0;
  return Object.values(doc.steps)
    .filter((s) => matchesQuery(query, s.title, s.description, ...s.inputs, ...s.outputs, ...s.resources))
    .sort((a, b) => phaseOrder(a) - phaseOrder(b) || a.x - b.x || roleOrder(a) - roleOrder(b) || a.y - b.y || (a.id < b.id ? -1 : 1));
}
