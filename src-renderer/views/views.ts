/**
 * The views of one map (issue 10, part 3): the canvas, and the same map as a step table, a RACI
 * matrix, a SIPOC, the resources by role and (issue 17) the SWOT board. Every view edits the one model through the same
 * commands. The view last shown is remembered per map (on this computer).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { create } from 'zustand';

export const MAP_VIEWS = ['map', 'table', 'raci', 'sipoc', 'resources', 'swot'] as const;
export type MapView = (typeof MAP_VIEWS)[number];

const KEY = (mapId: string) => `lanemap.view.${mapId}`;

function remembered(mapId: string): MapView {
  try {
    const v = localStorage.getItem(KEY(mapId));
    return (MAP_VIEWS as readonly string[]).includes(v ?? '') ? (v as MapView) : 'map';
  } catch {
    return 'map';
  }
}

/** Asks the editor to show a view (e.g. the map, to reveal a step a finding is about). */
const requests = create<{ seq: number; view: MapView; shown: MapView }>(() => ({ seq: 0, view: 'map', shown: 'map' }));

/** Shows `view`; true when another one was shown (what it shows is drawn on the next frames). */
export function requestView(view: MapView): boolean {
  const other = requests.getState().shown !== view;
  requests.setState((s) => ({ seq: s.seq + 1, view }));
  return other;
}

/** The map's current view and a setter that remembers it. */
export function useMapView(mapId: string): [MapView, (v: MapView) => void] {
  const [view, setView] = useState<MapView>(() => remembered(mapId));
  const [forMap, setForMap] = useState(mapId);
  if (forMap !== mapId) {
    setForMap(mapId);
    setView(remembered(mapId));
  }
  const choose = useCallback(
    (v: MapView) => {
      setView(v);
      try {
        if (v === 'map') localStorage.removeItem(KEY(mapId));
        else localStorage.setItem(KEY(mapId), v);
      } catch {
        // storage refused (private mode, full): the view is still shown, just not remembered
      }
    },
    [mapId],
  );
  useEffect(() => requests.setState({ shown: view }), [view]);
  // requests made by other parts of the editor
  const seq = requests((s) => s.seq);
  const seen = useRef(seq);
  useEffect(() => {
    if (seq === seen.current) return;
    seen.current = seq;
    choose(requests.getState().view);
  }, [seq, choose]);
  return [view, choose];
}
