/**
 * The frame of a side panel of the editor (the lanes panel on the left, the details panel on
 * the right): a drag handle on its inner edge, also resizable with the arrow keys when focused
 * (a `separator` with its width as aria-valuenow), and a button that collapses it (the
 * toolbar's toggle brings it back). Its width is remembered on this computer (viewPrefs.ts),
 * clamped to what the window leaves the canvas; the canvas takes the rest.
 */
import { PanelLeftClose, PanelRightClose } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { usePref } from '../canvas/viewPrefs';
import './panelFrame.css';

/** What the canvas keeps at least, beside both panels. */
const CANVAS_ROOM = 360;
const STEP = 16;

export interface PanelSpec {
  /** Settings key. */
  id: 'lanes' | 'side';
  side: 'left' | 'right';
  initial: number;
  min: number;
  max: number;
}

export const LANES_PANEL: PanelSpec = { id: 'lanes', side: 'left', initial: 260, min: 200, max: 560 };
export const SIDE_PANEL: PanelSpec = { id: 'side', side: 'right', initial: 320, min: 260, max: 640 };

/** Whether a panel is shown, remembered (the toolbar's toggle and the panel's own button share it). */
export function usePanelShown(spec: PanelSpec) {
  return usePref<boolean>(`${spec.id}.shown`, true);
}

function useWindowWidth() {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const on = () => setWidth(window.innerWidth);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return width;
}

export function PanelFrame({
  spec,
  resizeLabel,
  collapseLabel,
  hint,
  onCollapse,
  children,
}: {
  spec: PanelSpec;
  resizeLabel: string;
  collapseLabel: string;
  hint: string;
  onCollapse(): void;
  children: ReactNode;
}) {
  const [stored, setStored] = usePref<number>(`${spec.id}.width`, spec.initial);
  const windowWidth = useWindowWidth();
  // never so wide that the canvas (and a default-width other panel) lose their room
  const max = Math.max(spec.min, Math.min(spec.max, Math.floor((windowWidth - CANVAS_ROOM) / 2)));
  const clamp = (w: number) => Math.round(Math.max(spec.min, Math.min(max, w)));
  const width = clamp(stored);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const sign = spec.side === 'left' ? 1 : -1;

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    setStored(clamp(drag.current.width + sign * (e.clientX - drag.current.x)));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    // the arrow towards the canvas widens the panel
    const by = { ArrowLeft: -sign * step, ArrowRight: sign * step }[e.key as 'ArrowLeft' | 'ArrowRight'];
    let next: number | null = by !== undefined ? width + by : null;
    if (e.key === 'Home') next = spec.min;
    if (e.key === 'End') next = max;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    setStored(clamp(next));
  };

  const Icon = spec.side === 'left' ? PanelLeftClose : PanelRightClose;
  return (
    <div className={`panel-frame is-${spec.side}`} data-panel={spec.id} style={{ width }}>
      {children}
      <button type="button" className="panel-collapse" title={collapseLabel} aria-label={collapseLabel} onClick={onCollapse}>
        <Icon size={15} aria-hidden />
      </button>
      <div
        className="panel-resizer"
        role="separator"
        aria-orientation="vertical"
        aria-label={resizeLabel}
        aria-valuenow={width}
        aria-valuemin={spec.min}
        aria-valuemax={max}
        title={hint}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        onDoubleClick={() => setStored(spec.initial)}
      />
    </div>
  );
}
