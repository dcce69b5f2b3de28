/**
 * Opening another map from inside the editor (a sub-process, a breadcrumb): edits of the map
 * on screen are stored first, then the other map opens in its place.
 */
import { createContext, useContext } from 'react';
import { api, ApiError } from '../api';

export interface Navigation {
  /** Opens map `id` (null: the library). */
  openMap(id: string | null): void;
}

export const NavigationContext = createContext<Navigation>({ openMap: () => undefined });

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
