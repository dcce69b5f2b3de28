/**
 * Opening another map from inside the editor (a sub-process, a breadcrumb): edits of the map
 * on screen are stored first, then the other map opens in its place.
 */
import { createContext, useContext } from 'react';

export interface Navigation {
  /** Opens map `id` (null: the library). */
  openMap(id: string | null): void;
}

export const NavigationContext = createContext<Navigation>({ openMap: () => undefined });

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
