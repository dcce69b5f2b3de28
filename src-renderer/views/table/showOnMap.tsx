/**
 * "Show on the map" from the table: the step is selected, the map view is shown and, once its
 * canvas is open, the step is brought into view. The editor may provide how the view is
 * switched (`ShowOnMapProvider value={() => setView('map')}`); without it the map view is
 * requested (views.ts `requestView`).
 */
import { useReactFlow } from '@xyflow/react';
import { createContext, useCallback, useContext } from 'react';
import { revealStep } from '../../canvas/viewport';
import { useEditorStore } from '../../store/context';
import { requestView } from '../views';

const ShowOnMapContext = createContext<(() => void) | null>(null);

/** Lets the editor switch to the map view itself. */
export const ShowOnMapProvider = ShowOnMapContext.Provider;

/**
 * Waits (a few seconds at most) for the canvas to be on screen with its steps drawn, then calls
 * `then` two frames later: by then the canvas has set its opening viewport and its pan and zoom
 * are ready to move (a move asked for earlier would be lost).
 */
export function whenCanvasOpens(then: () => void, framesLeft = 240) {
  requestAnimationFrame(() => {
    if (document.querySelector('.react-flow__viewport .react-flow__node')) requestAnimationFrame(() => requestAnimationFrame(then));
    else if (framesLeft > 0) whenCanvasOpens(then, framesLeft - 1);
  });
}

export function useShowOnMap(): (stepId: string) => void {
  const toMap = useContext(ShowOnMapContext);
  const store = useEditorStore();
  const flow = useReactFlow();
  return useCallback(
    (stepId: string) => {
      if (!store.getState().doc?.steps[stepId]) return;
      store.getState().select({ steps: [stepId], flows: [] });
      if (toMap) toMap();
      else requestView('map');
      whenCanvasOpens(() => {
        const doc = store.getState().doc;
        if (doc?.steps[stepId]) revealStep(flow, doc, stepId);
      });
    },
    [toMap, store, flow],
  );
}
