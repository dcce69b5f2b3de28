/**
 * Rows as storage compares them: field by field, with an absent optional field equal to null.
 * Conditional writes (diff.ts, the repository) and rebasing on another editor's changes
 * (rebase.ts) both use these, so "changed" means the same thing on both sides.
 */
import type { MapDoc } from './types';

/** The tables of a map that hold records keyed by id. */
export const TABLES = ['roles', 'phases', 'steps', 'flows', 'comments', 'painPoints', 'notes'] as const;
export type Table = (typeof TABLES)[number];
export type RowOf<T extends Table> = NonNullable<MapDoc[T]>[string];

/**
 * Counters: two editors raising one (dot votes) both count. Storage never takes "already holds
 * the new value" as a repeat for them, and a rebase adds the other editor's increase to ours.
 */
export const ADDITIVE_FIELDS: ReadonlySet<string> = new Set(['votes']);

/** A field's value as compared and sent: `undefined` (an absent optional field) is null. */
export function fieldValue(row: object, key: string): unknown {
  const v = Object.hasOwn(row, key) ? (row as Record<string, unknown>)[key] : undefined;
  return v === undefined ? null : v;
}

/** Equality of two field values (plain JSON data). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The fields (other than `id`) whose values differ between two versions of a row. */
export function changedFields(before: object, after: object): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('id');
  return [...keys].filter((k) => !sameValue(fieldValue(before, k), fieldValue(after, k)));
}

/** The values of `keys` in `row`, absent ones as null: what a change expects to find stored. */
export function pickFields(row: object, keys: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k !== 'id') out[k] = fieldValue(row, k);
  return out;
}

/** `row` with `keys` taken from the whole row `from` (a field absent from `from` is removed). */
export function withFields<R extends object>(row: R, from: object, keys: Iterable<string>): R {
  const out = { ...row } as Record<string, unknown>;
  for (const k of keys) {
    if (k === 'id') continue;
    const v = Object.hasOwn(from, k) ? (from as Record<string, unknown>)[k] : undefined;
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as R;
}

/** A record's own entry for `id` (never one inherited from Object.prototype). */
export function own<V>(record: Record<string, V> | undefined, id: string | null | undefined): V | undefined {
  return record && typeof id === 'string' && Object.hasOwn(record, id) ? record[id] : undefined;
}

/** What a person calls a row (its title, name, text or label), short enough for a message; `fallback` when it has none. */
export function rowTitle(row: object | undefined, fallback: string): string {
  const r = (row ?? {}) as Partial<Record<'title' | 'name' | 'text' | 'label' | 'kind', unknown>>;
  const raw = [r.title, r.name, r.text, r.label, r.kind].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? '';
  return raw.length > 80 ? `${raw.slice(0, 79)}…` : raw || fallback;
}
