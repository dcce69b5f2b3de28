/**
 * Opening another map from inside the editor (a sub-process, a breadcrumb): edits of the map
 * on screen are stored first, then the other map opens in its place.
 */
import { createContext, useContext } from 'react';
import { ApiError } from '../api';
import { libraryApi as api } from '../team/current';

export interface Crumb {
  id: string;
  title: string;
}

export interface Navigation {
  /**
   * Opens map `id` (null: the library). `down`: into a sub-process of the map on screen (it
   * joins the trail); `up`: back to a map of the trail.
   */
  openMap(id: string | null, how?: 'down' | 'up'): void;
  /** The maps the user came down through to the one on screen, outermost first (empty when opened from the library). */
  trail: Crumb[];
}

export const NavigationContext = createContext<Navigation>({ openMap: () => undefined, trail: [] });

/** The trail after opening `id`: one level deeper from `current`, or cut back to where `id` stands. */
export function nextTrail(trail: Crumb[], current: Crumb | null, id: string | null, how: 'down' | 'up' | undefined): Crumb[] {
  if (id === null) return [];
  const at = trail.findIndex((c) => c.id === id);
  if (at >= 0) return trail.slice(0, at);
  if (how === 'down' && current) return [...trail, current];
  return [];
}

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}

/**
 * True when the library says map `id` does not exist (deleted since a sub-process step or a
 * breadcrumb pointed at it, e.g. in another window). Any other failure is not taken as "gone":
 * opening the map then tells what went wrong.
 */
export async function mapIsGone(id: string): Promise<boolean> {
  try {
    await api['maps:parents']({ id });
    return false;
  } catch (e) {
    return e instanceof ApiError && e.code === 'not-found';
  }
}
