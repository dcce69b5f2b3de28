/**
 * The overview picture of a big map (see overview.ts): one <canvas> the size of the pane, under
 * React Flow's layer (so the selected steps, drawn as cards, stay on top and can be dragged). It
 * takes no pointer events: clicks reach React Flow's pane, and MapCanvas picks the step under
 * them from the same scene.
 *
 * Painting thousands of boxes and lines costs the software rasteriser several milliseconds, so
 * the picture is painted into a cache a little larger than the pane, and a frame of a pan or a
 * zoom only redraws that cache moved and scaled (a millisecond or two). The cache is painted
 * afresh when the view leaves it, when the zoom has changed by more than a third, and once the
 * view is at rest, so the picture is sharp again as soon as the hand stops.
 */
import { useStoreApi } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { drawScene, type Marks, type Scene } from './overview';

/** The cache reaches this share of the pane beyond each edge. */
const MARGIN = 0.25;
/** Painted afresh once the view has not moved for this long. */
const REST_MS = 140;

/** `tx`, `ty`: the cache's own transform (the view's plus the margin); `view`: the transform it was painted for. */
type Cached = { canvas: HTMLCanvasElement; tx: number; ty: number; zoom: number; width: number; height: number; view: readonly [number, number, number] };

function OverviewLayerView({ scene, marks }: { scene: Scene; marks: Marks }) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cache = useRef<Cached | null>(null);

  useEffect(() => {
    let frame = 0;
    let rest = 0;
    const offscreen = document.createElement('canvas');

    /** The whole cache painted for the current view (the pane plus the margin). */
    const repaint = () => {
      const { width, height, transform } = store.getState();
      const ratio = window.devicePixelRatio || 1;
      const mx = Math.round(width * MARGIN);
      const my = Math.round(height * MARGIN);
      const w = width + 2 * mx;
      const h = height + 2 * my;
      if (offscreen.width !== Math.round(w * ratio) || offscreen.height !== Math.round(h * ratio)) {
        offscreen.width = Math.round(w * ratio);
        offscreen.height = Math.round(h * ratio);
      }
      const ctx = offscreen.getContext('2d');
      if (!ctx) return;
      const [tx, ty, zoom] = transform;
      drawScene(ctx, scene, [tx + mx, ty + my, zoom], w, h, ratio, marks);
      cache.current = { canvas: offscreen, tx: tx + mx, ty: ty + my, zoom, width: w, height: h, view: transform };
    };

    /** The pane's picture from the cache, moved and scaled to the current view; false if it does not cover it well. */
    const blit = (force: boolean) => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      const c = cache.current;
      if (!canvas || !ctx || !c) return false;
      const { width, height, transform } = store.getState();
      const [tx, ty, zoom] = transform;
      const s = zoom / c.zoom;
      // where the cache's top-left corner lands on the pane, and its size there
      const left = tx - c.tx * s;
      const top = ty - c.ty * s;
      const covers = left <= 0.5 && top <= 0.5 && left + c.width * s >= width - 0.5 && top + c.height * s >= height - 0.5;
      if (!force && (!covers || s < 0.75 || s > 1.33)) return false;
      const ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.imageSmoothingEnabled = s !== 1;
      ctx.drawImage(c.canvas, left, top, c.width * s, c.height * s);
      return true;
    };

    const paint = (sharp: boolean) => {
      frame = 0;
      const { width, height } = store.getState();
      if (!width || !height) return;
      if (sharp || !blit(false)) {
        repaint();
        blit(true);
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => paint(false));
      window.clearTimeout(rest);
      rest = window.setTimeout(() => {
        // at rest: sharp again if the picture shown was scaled (a moved one is as sharp as painted)
        const c = cache.current;
        if (!c || c.view[2] !== store.getState().transform[2]) requestAnimationFrame(() => paint(true));
      }, REST_MS);
    };

    paint(true);
    let last = store.getState();
    const stop = store.subscribe((s) => {
      if (s.transform !== last.transform || s.width !== last.width || s.height !== last.height) {
        last = s;
        schedule();
      }
    });
    return () => {
      stop();
      if (frame) cancelAnimationFrame(frame);
      window.clearTimeout(rest);
      cache.current = null;
    };
  }, [store, scene, marks]);

  return <canvas ref={canvasRef} className="overview-layer" aria-hidden data-testid="overview" />;
}

export const OverviewLayer = memo(OverviewLayerView);
