/**
 * Map titles a person can tell apart in the library: a map imported again, or made again from a
 * template, whose title is already there gets "… (2)", then "(3)"… Titles are compared as
 * Find compares them (`foldText`: case-insensitive in any script, «ё» as «е», extra spaces
 * ignored), and the title limit is kept by cutting the base, never the number.
 */
import { foldText } from './search';
import { LIMITS } from './types';

/** True when two titles would read as the same in the library. */
export function sameTitle(a: string, b: string): boolean {
  return foldText(a) === foldText(b);
}

/** `title`, or `title (n)` with the smallest n ≥ 2 that no title in `taken` has (within `max` characters). */
export function distinctTitle(title: string, taken: Iterable<string>, max: number = LIMITS.mapTitle): string {
  const folded = new Set<string>();
  for (const t of taken) folded.add(foldText(t));
  const whole = title.slice(0, max);
  if (!folded.has(foldText(whole))) return whole;
  // "Title (2)" imported again is "Title (3)", not "Title (2) (2)"
  const base = title.replace(/\s*\((\d{1,6})\)\s*$/, '').trimEnd() || title;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, Math.max(0, max - suffix.length)).trimEnd()}${suffix}`;
    if (!folded.has(foldText(candidate))) return candidate;
  }
}

/**
 * For each wanted title (e.g. the detailed processes a landscape links to), the library's map with
 * that title (the most recently changed one when several have it), if any.
 */
export function mapsTitled<K extends string>(
  wanted: Record<K, string>,
  library: readonly { id: string; title: string; updatedAt: string }[],
): Partial<Record<K, { id: string; title: string }>> {
  const byTitle = new Map<string, { id: string; title: string; updatedAt: string }>();
  for (const m of library) {
    const key = foldText(m.title);
    const seen = byTitle.get(key);
    if (!seen || m.updatedAt > seen.updatedAt) byTitle.set(key, m);
  }
  const found: Partial<Record<K, { id: string; title: string }>> = {};
  for (const [key, title] of Object.entries(wanted) as [K, string][]) {
    const m = byTitle.get(foldText(title));
    if (m) found[key] = { id: m.id, title: m.title };
  }
  return found;
}

interface TemplateLike {
  id: string;
  language: string | null;
  doc: { title: string };
  links: Record<string, string>;
}

/** A landscape template's sub-process steps and the templates of their detailed maps, in the landscape's language (step id → template). */
export function linkedTemplates<T extends TemplateLike>(all: readonly T[], template: T): Record<string, T> {
  const found: Record<string, T> = {};
  for (const [stepId, base] of Object.entries(template.links)) {
    const child = all.find((t) => t.id === (template.language ? `${base}.${template.language}` : base));
    if (child) found[stepId] = child;
  }
  return found;
}
