/**
 * Keeps the node and edge objects that did not change between two renders of the canvas.
 * React Flow redraws a node only when its object is a new one; rebuilding every node on each
 * selection or edit made a click on a 2,000-step map cost about a second.
 */

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Same keys, and each value identical — or, for plain objects and arrays down to `depth` levels, alike. */
export function alike(a: unknown, b: unknown, depth = 2): boolean {
  if (Object.is(a, b)) return true;
  if (depth <= 0) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => alike(v, b[i], depth - 1));
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && alike(a[k], b[k], depth - 1));
}

/** `next`, with each element that is alike the previous one of the same id replaced by that previous object. */
export function keepUnchanged<T extends { id: string }>(prev: readonly T[], next: T[]): T[] {
  const before = new Map(prev.map((x) => [x.id, x]));
  let same = prev.length === next.length;
  const out = next.map((x, i) => {
    const p = before.get(x.id);
    const kept = p !== undefined && alike(p, x) ? p : x;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  // nothing changed at all: the very same array, so nothing downstream runs again
  return same ? (prev as T[]) : out;
}

/** Every own key of `next` holds the very same value in `prev` (which may carry more: React Flow's `measured`, `dragging`). */
function carries(prev: object, next: object): boolean {
  const p = prev as Record<string, unknown>;
  for (const [k, v] of Object.entries(next)) if (p[k] !== v) return false;
  return true;
}

/**
 * The canvas's nodes for a new render: a node whose built object did not change keeps the
 * object React Flow has (with its measurements) — an identity check per key, so a click on a
 * 2,000-step map costs microseconds here; a changed node takes the measurements of the old one.
 */
export function adoptNodes<T extends { id: string; measured?: unknown }>(prev: readonly T[], next: T[]): T[] {
  const before = new Map(prev.map((x) => [x.id, x]));
  let same = prev.length === next.length;
  const out = next.map((x, i) => {
    const p = before.get(x.id);
    let kept = x;
    if (p !== undefined) {
      if (p === x || carries(p, x)) kept = p;
      else {
        const candidate = p.measured ? { ...x, measured: p.measured } : x;
        kept = alike(p, candidate) ? p : candidate;
      }
    }
    if (kept !== prev[i]) same = false;
    return kept;
  });
  return same ? (prev as T[]) : out;
}
