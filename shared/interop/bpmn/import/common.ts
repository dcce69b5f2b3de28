/**
 * Small parts of the BPMN import: reading moddle elements safely, ids, the summary's counts.
 * Pure; no I/O.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { IdSchema } from '../../../model/schema';
import type { SummaryLine } from '../import';

/** `el` is of BPMN type `type` ('bpmn:Task') or a subtype of it. */
export function isA(el: unknown, type: string): boolean {
  if (!el || typeof el !== 'object') return false;
  const own = (el as { $type?: unknown }).$type;
  if (typeof own !== 'string') return false;
  // the answer depends on the element's type only: remembered (moddle's own walk up the types is slow over 20,000 elements)
  const key = `${own}|${type}`;
  const known = kinship.get(key);
  if (known !== undefined) return known;
  const f = (el as { $instanceOf?: (t: string) => boolean }).$instanceOf;
  const answer = typeof f === 'function' && f.call(el, type);
  if (kinship.size < 10_000) kinship.set(key, answer);
  return answer;
}
const kinship = new Map<string, boolean>();

/** The element's type as the file names it, without the BPMN prefix: 'userTask'; another namespace keeps its prefix: 'signavio:signavioMetaData'. */
export function typeName(el: ModdleElement): string {
  const t = String(el.$type ?? 'unknown');
  const i = t.indexOf(':');
  const prefix = i >= 0 ? t.slice(0, i) : '';
  const local = i >= 0 ? t.slice(i + 1) : t;
  const name = local.charAt(0).toLowerCase() + local.slice(1);
  return prefix === 'bpmn' || prefix === '' ? name : `${prefix}:${local}`;
}

/** A list property (absent: empty). */
export function list(el: ModdleElement | undefined, prop: string): ModdleElement[] {
  const v = el?.[prop];
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as ModdleElement[]) : [];
}

/** A single element property (absent or not an element: undefined). */
export function one(el: ModdleElement | undefined, prop: string): ModdleElement | undefined {
  const v = el?.[prop];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as ModdleElement) : undefined;
}

/** A string property, '' when absent. */
export function str(el: ModdleElement | undefined, prop: string): string {
  const v = el?.[prop];
  return typeof v === 'string' ? v : '';
}

/** A name written for a narrow BPMN box ("Invoice&#10;received") as one line; cut to `max` characters. */
export function cleanName(name: string, max: number): { text: string; cut: boolean } {
  const text = name.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return { text, cut: false };
  return { text: `${text.slice(0, max - 1).trimEnd()}…`, cut: true };
}

/** Text cut to `max` characters (with …), line breaks kept. */
export function cutText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Ids valid for Lanemap, unique within one import: the file's own where they fit, else made from them. */
export class IdMaker {
  private used = new Set<string>();
  private n = 0;

  /** Marks an id as taken (ids that came from Lanemap's own data). */
  claim(id: string): boolean {
    if (this.used.has(id) || !IdSchema.safeParse(id).success) return false;
    this.used.add(id);
    return true;
  }

  /** The first of `wanted` that is a valid, unused id; else one made from the first. */
  make(...wanted: (string | undefined)[]): string {
    for (const w of wanted) if (w && this.claim(w)) return w;
    const base = (wanted.find(Boolean) ?? 'id').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 48) || 'id';
    for (;;) {
      const id = `${base}_${++this.n}`;
      if (this.claim(id)) return id;
    }
  }
}

/** Counts for the summary, by BPMN element type and what it became (or why it was not kept). */
export class Tally {
  private counts = new Map<string, SummaryLine>();

  add(element: string, became: string | undefined, reason?: string, count = 1): void {
    const key = `${element}\u0000${became ?? ''}\u0000${reason ?? ''}`;
    const line = this.counts.get(key);
    if (line) line.count += count;
    else this.counts.set(key, { element, count, ...(became ? { became } : {}), ...(reason ? { reason } : {}) });
  }

  lines(): SummaryLine[] {
    const all = [...this.counts.values()];
    // kept first, then not kept; each by count, largest first
    return all.sort((a, b) => Number(!a.became) - Number(!b.became) || b.count - a.count || (a.element < b.element ? -1 : a.element > b.element ? 1 : 0));
  }
}

/** A box in the BPMN drawing (diagram interchange). */
export interface DiBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxOf(shape: ModdleElement | undefined): DiBox | undefined {
  const b = one(shape, 'bounds');
  if (!b) return undefined;
  const x = Number(b.x);
  const y = Number(b.y);
  const width = Number(b.width);
  const height = Number(b.height);
  if (![x, y, width, height].every((v) => Number.isFinite(v) && Math.abs(v) < 1e7)) return undefined;
  return { x, y, width: Math.max(0, width), height: Math.max(0, height) };
}
