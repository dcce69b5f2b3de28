/**
 * The view's own settings, remembered on this computer across reloads (localStorage): the
 * minimap shown or hidden, each side panel's width and whether it is collapsed. Not part of
 * the map, not undoable.
 */
import { useCallback, useState } from 'react';

const PREFIX = 'lanemap.view.';

export function readPref<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (raw === null) return fallback;
    const value = JSON.parse(raw) as unknown;
    return typeof value === typeof fallback ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

export function writePref<T>(key: string, value: T) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or refused: the setting lasts until the page is reloaded
  }
}

/** A value kept in the view's settings: `[value, set]`, like useState. */
export function usePref<T extends string | number | boolean>(key: string, fallback: T): [T, (next: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => readPref(key, fallback));
  const set = useCallback(
    (next: T | ((prev: T) => T)) =>
      setValue((prev) => {
        const v = typeof next === 'function' ? (next)(prev) : next;
        writePref(key, v);
        return v;
      }),
    [key],
  );
  return [value, set];
}
