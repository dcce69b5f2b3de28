/**
 * Steps numbered in reading order (phase column, lane, left to right: `readingOrder`), and each
 * step's next steps by number with their branch labels: what the CSV's "No." and "Next steps"
 * columns and the process document's step table say, so the two agree.
 */
import { readingOrder } from '../export/svg';
import type { MapDoc, Step } from '../model/types';

export interface NextStep {
  /** The next step's number among the numbered steps; absent when it is not among them. */
  number?: number;
  step: Step;
  /** The flow's label ("Yes", «Нет»); '' when none. */
  label: string;
  /** A message between parties rather than the work passing on. */
  message: boolean;
}

export interface Numbered {
  /** The steps in reading order (only those asked for, when `only` is given). */
  steps: Step[];
  number: Map<string, number>;
}

/** `only`: number just these steps (1, 2, 3… among them); absent or empty: every step. */
export function numberSteps(doc: MapDoc, only?: readonly string[]): Numbered {
  const keep = only?.length ? new Set(only) : null;
  const steps = readingOrder(doc).filter((s) => !keep || keep.has(s.id));
  return { steps, number: new Map(steps.map((s, i) => [s.id, i + 1])) };
}

/** Where each step goes next: its outgoing flows, by the next step's number (unnumbered ones last). */
export function nextStepsOf(doc: MapDoc, numbered: Numbered): Map<string, NextStep[]> {
  const out = new Map<string, NextStep[]>();
  for (const f of Object.values(doc.flows)) {
    const to = doc.steps[f.toStepId];
    if (!to || !doc.steps[f.fromStepId]) continue;
    const list = out.get(f.fromStepId) ?? [];
    const n = numbered.number.get(to.id);
    list.push({ ...(n !== undefined ? { number: n } : {}), step: to, label: f.label.trim(), message: f.message === true });
    out.set(f.fromStepId, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.step.id.localeCompare(b.step.id));
  return out;
}

/**
 * Next steps as one cell: "3 (Yes); 5 (No)"; a message flow says so («7 (сообщение)»); a step
 * outside the numbered ones by its title in quotes.
 */
export function nextStepsText(list: readonly NextStep[] | undefined, words: { message: string; untitled: string }, quote: (s: string) => string): string {
  if (!list?.length) return '';
  return list
    .map((n) => {
      const what = n.number !== undefined ? String(n.number) : quote(n.step.title.trim() || words.untitled);
      const notes = [n.label, n.message ? words.message : ''].filter(Boolean).join(', ');
      return notes ? `${what} (${notes})` : what;
    })
    .join('; ');
}

/** Quotes as the language writes them: “…” / «…». */
export function quoteIn(lang: 'en' | 'ru'): (s: string) => string {
  return lang === 'ru' ? (s) => `«${s}»` : (s) => `“${s}”`;
}
