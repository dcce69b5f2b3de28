/**
 * "Show on the map" from a SWOT note: its steps selected, the map view shown and, once the
 * canvas is open, the steps brought into view — panned at the current zoom when they fit,
 * else fitted (never magnified past 100%).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { stepSize } from '../../../shared/model/geometry';
import type { MapDoc } from '../../../shared/model/types';
import { isDown, toScreen, geometryOf } from '../../canvas/frame';
import { MIN_ZOOM } from '../../canvas/viewport';
import { useEditorStore } from '../../store/context';
import { whenCanvasOpens } from '../table/showOnMap';
import { requestView } from '../views';

const MARGIN = 48;

export function revealSteps(flow: ReactFlowInstance, doc: MapDoc, stepIds: string[]) {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const positions = geometryOf(doc).positions;
  const boxes = stepIds.flatMap((id) => {
    const s = doc.steps[id];
    const p = positions.get(id);
    if (!s || !p) return [];
    const at = toScreen(isDown(doc), p);
    const size = stepSize(s);
    return [{ x: at.x, y: at.y, right: at.x + size.width, bottom: at.y + size.height }];
  });
  if (!pane || boxes.length === 0) return;
  const box = {
    x: Math.min(...boxes.map((b) => b.x)),
    y: Math.min(...boxes.map((b) => b.y)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
  const { x, y, zoom } = flow.getViewport();
  const inView = box.x * zoom + x >= 0 && box.y * zoom + y >= 0 && box.right * zoom + x <= pane.width && box.bottom * zoom + y <= pane.height;
  if (inView) return;
  const fits = (box.right - box.x) * zoom + 2 * MARGIN <= pane.width && (box.bottom - box.y) * zoom + 2 * MARGIN <= pane.height;
  const fitted = Math.max(MIN_ZOOM, Math.min(1, pane.width / (box.right - box.x + 2 * MARGIN), pane.height / (box.bottom - box.y + 2 * MARGIN)));
  void flow.setCenter((box.x + box.right) / 2, (box.y + box.bottom) / 2, { zoom: fits ? zoom : fitted, duration: 250 });
}

/** Selects the steps, shows the map view and brings them into view. */
export function useShowSteps(): (stepIds: string[]) => void {
  const store = useEditorStore();
  const flow = useReactFlow();
  return useCallback(
    (stepIds: string[]) => {
      const doc = store.getState().doc;
      const ids = stepIds.filter((id) => doc?.steps[id]);
      if (ids.length === 0) return;
      store.getState().select({ steps: ids, flows: [] });
      requestView('map');
      whenCanvasOpens(() => {
        const now = store.getState().doc;
        if (now) revealSteps(flow, now, ids);
      });
    },
    [store, flow],
  );
}
