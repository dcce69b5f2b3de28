/**
 * The overview picture of a big map (see overview.ts): one <canvas> the size of the pane, under
 * React Flow's layer (so the selected steps, drawn as cards, stay on top and can be dragged) and
 * repainted in the frame after the viewport moves. It takes no pointer events: clicks reach
 * React Flow's pane, and MapCanvas picks the step under them from the same scene.
 */
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { drawScene, type Marks, type Scene } from './overview';

function OverviewLayerView({ scene, marks }: { scene: Scene; marks: Marks }) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef({ scene, marks });
  latest.current = { scene, marks };
  const frame = useRef(0);

  useEffect(() => {
    const paint = () => {
      frame.current = 0;
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const { width, height, transform } = store.getState();
      if (!width || !height) return;
      const ratio = window.devicePixelRatio || 1;
      const w = Math.round(width * ratio);
      const h = Math.round(height * ratio);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      drawScene(ctx, latest.current.scene, transform, width, height, ratio, latest.current.marks);
    };
    const schedule = () => {
      if (!frame.current) frame.current = requestAnimationFrame(paint);
    };
    paint();
    let last: Pick<ReactFlowState, 'transform' | 'width' | 'height'> = store.getState();
    const stop = store.subscribe((s) => {
      if (s.transform !== last.transform || s.width !== last.width || s.height !== last.height) {
        last = s;
        schedule();
      }
    });
    return () => {
      stop();
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [store, scene, marks]);

  return <canvas ref={canvasRef} className="overview-layer" aria-hidden data-testid="overview" />;
}

export const OverviewLayer = memo(OverviewLayerView);
