/**
 * The minimap: the whole map in the corner, painted once per change on a <canvas> by the
 * overview's drawing (overview.ts), with the visible part outlined. React Flow's own minimap
 * draws one SVG element per node it knows, so it lost the steps the canvas no longer mounts
 * and cost 2,000 elements on a 2,000-step map. A click or a drag in it moves the view there;
 * the wheel zooms.
 */
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { memo, useEffect, useRef, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import { drawScene, NO_MARKS, type Scene } from './overview';
import { MIN_ZOOM } from './viewport';
import { usePref } from './viewPrefs';
import { useT } from '../i18n';
import { Map as MapIcon, X } from 'lucide-react';
import './miniMap.css';

const WIDTH = 200;
const HEIGHT = 140;
const PAD = 6;

type Box = { x: number; y: number; width: number; height: number };

/** The map's extent in React Flow coordinates. */
function extent(scene: Scene): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of [...scene.lanes, ...scene.columns, ...scene.steps]) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : { x: 0, y: 0, width: 1, height: 1 };
}

/** The minimap, or (hidden by the user, remembered) a button that brings it back. */
function MiniMapViewOuter({ scene, label }: { scene: Scene; label: string }) {
  const t = useT();
  const [hidden, setHidden] = usePref<boolean>('miniMapHidden', false);
  if (hidden)
    return (
      <Panel position="bottom-right" className="minimap-toggle-panel">
        <button type="button" className="minimap-show" title={t('viewUi.showMiniMap')} aria-label={t('viewUi.showMiniMap')} onClick={() => setHidden(false)}>
          <MapIcon size={16} aria-hidden />
        </button>
      </Panel>
    );
  return <MiniMapViewInner scene={scene} label={label} onHide={() => setHidden(true)} hideLabel={t('viewUi.hideMiniMap')} />;
}

/** `scene`: the map without flows or phase names (a grey tangle at this size). */
function MiniMapViewInner({ scene, label, onHide, hideLabel }: { scene: Scene; label: string; onHide(): void; hideLabel: string }) {
  const store = useStoreApi();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const fit = useRef({ scale: 1, x: 0, y: 0 });

  // the map, fitted into the box: painted once the canvas itself is on screen (it can wait a frame)
  useEffect(() => {
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(paint, { timeout: 200 }) : window.setTimeout(paint, 0);
    return () => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(idle) : window.clearTimeout(idle));
  }, [scene]); // eslint-disable-line react-hooks/exhaustive-deps

  function paint() {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = WIDTH * ratio;
    canvas.height = HEIGHT * ratio;
    const b = extent(scene);
    const scale = Math.min((WIDTH - 2 * PAD) / b.width, (HEIGHT - 2 * PAD) / b.height);
    const x = (WIDTH - b.width * scale) / 2 - b.x * scale;
    const y = (HEIGHT - b.height * scale) / 2 - b.y * scale;
    fit.current = { scale, x, y };
    drawScene(ctx, scene, [x, y, scale], WIDTH, HEIGHT, ratio, NO_MARKS);
    placeFrame();
  }

  // the visible part, outlined (moved without React on each frame of a pan)
  function placeFrame() {
    const el = frameRef.current;
    const { transform, width, height } = store.getState();
    if (!el || !width || !height) return;
    const [tx, ty, zoom] = transform;
    const { scale, x, y } = fit.current;
    const left = (-tx / zoom) * scale + x;
    const top = (-ty / zoom) * scale + y;
    const w = (width / zoom) * scale;
    const h = (height / zoom) * scale;
    const cl = Math.max(0, left);
    const ct = Math.max(0, top);
    el.style.transform = `translate(${cl}px, ${ct}px)`;
    el.style.width = `${Math.max(2, Math.min(WIDTH, left + w) - cl)}px`;
    el.style.height = `${Math.max(2, Math.min(HEIGHT, top + h) - ct)}px`;
  }
  useEffect(() => {
    let last = store.getState();
    return store.subscribe((s) => {
      if (s.transform !== last.transform || s.width !== last.width || s.height !== last.height) {
        last = s;
        placeFrame();
      }
    });
  }, [store]); // eslint-disable-line react-hooks/exhaustive-deps

  const toMap = (e: { clientX: number; clientY: number }) => {
    const r = canvasRef.current!.getBoundingClientRect();
    const { scale, x, y } = fit.current;
    return { x: (e.clientX - r.left - x) / scale, y: (e.clientY - r.top - y) / scale };
  };
  const centreAt = (e: { clientX: number; clientY: number }) => {
    const p = toMap(e);
    void flow.setCenter(p.x, p.y, { zoom: flow.getZoom() });
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    centreAt(e);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.buttons & 1) centreAt(e);
  };
  const onWheel = (e: ReactWheelEvent<HTMLDivElement>) => {
    const zoom = flow.getZoom() * Math.pow(2, -e.deltaY * 0.002);
    void flow.zoomTo(Math.max(MIN_ZOOM, Math.min(2.5, zoom)));
  };

  return (
    <Panel position="bottom-right" className="minimap nowheel">
      <div className="minimap-box" style={{ width: WIDTH, height: HEIGHT }} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onWheel={onWheel} aria-label={label} role="img">
        <canvas ref={canvasRef} style={{ width: WIDTH, height: HEIGHT }} />
        <div className="minimap-frame" ref={frameRef} />
      </div>
      <button type="button" className="minimap-hide" title={hideLabel} aria-label={hideLabel} onClick={onHide}>
        <X size={12} aria-hidden />
      </button>
    </Panel>
  );
}

export const MiniMapView = memo(MiniMapViewOuter);
