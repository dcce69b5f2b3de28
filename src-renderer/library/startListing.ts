/**
 * The library's list of maps asked for as the page starts, beside the settings, rather than
 * after the first screen is drawn: the library shows its cards one round trip sooner. Taken
 * once, by the library's first load; later loads ask again (the list may have changed).
 */
import type { MapSummary } from '../../shared/model/types';
import { libraryApi as api } from '../team/current';

let early: Promise<MapSummary[]> | null = null;

export function startListing() {
  early = api['maps:list']({});
  // a failure is reported by the load that takes it
  early.catch(() => undefined);
}

export function takeListing(): Promise<MapSummary[]> | null {
  const p = early;
  early = null;
  return p;
}
