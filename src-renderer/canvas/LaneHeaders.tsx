/**
 * Lane names frozen at the left edge of the canvas (the top edge for a top-to-bottom map), as
 * a spreadsheet freezes its first column: drawn above the steps, on an opaque band, so a step
 * passing under a name never mixes its text with it. Each name scrolls with its lane across
 * the flow and stays put along it. The column keeps one screen width at every zoom
 * (LANE_COLUMN_WIDTH, also the CSS variable --lane-header-width on `.lane-headers`), its text
 * at its own size: readable however far the map is zoomed out; a name that does not fit its
 * lane's height wraps, and is shown whole in a tooltip.
 */
import { useStore } from '@xyflow/react';
import { memo, useMemo, type CSSProperties, type WheelEvent as ReactWheelEvent } from 'react';
import { LANE_HEADER_WIDTH } from '../../shared/model/geometry';
import type { MapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { laneNodes } from './nodes';
import { LANE_COLUMN_WIDTH } from './viewport';
import './laneHeaders.css';

/** The name takes the pointer (for its tooltip), so the wheel over it is handed on to the canvas under it. */
function forwardWheel(e: ReactWheelEvent<HTMLElement>) {
  const pane = e.currentTarget.closest('.react-flow')?.querySelector('.react-flow__pane');
  if (!pane) return;
  const n = e.nativeEvent;
  pane.dispatchEvent(
    new WheelEvent('wheel', {
      bubbles: true,
      cancelable: true,
      clientX: n.clientX,
      clientY: n.clientY,
      deltaX: n.deltaX,
      deltaY: n.deltaY,
      deltaMode: n.deltaMode,
      ctrlKey: n.ctrlKey,
      metaKey: n.metaKey,
      shiftKey: n.shiftKey,
    }),
  );
}

/** From the map itself, not from React Flow's nodes: a lane far off screen (or drawn in the overview picture) keeps its name. */
function LaneHeadersView({ doc, geometry }: { doc: MapDoc; geometry: MapGeometry }) {
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const lanes = useMemo(() => laneNodes(doc, geometry), [doc, geometry]);
  const W = LANE_COLUMN_WIDTH;
  return (
    <div className="lane-headers" aria-hidden style={{ '--lane-header-width': `${W}px` } as CSSProperties}>
      {lanes.map((lane) => {
        const { role, thickness, length, stepCount, down } = lane.data;
        // the column ends where the lane's own header area ends (it reaches back over the empty
        // margin before the lane when zoomed out), then is held at the edge once the map is panned past it
        const start = down ? lane.position.y * zoom + ty : lane.position.x * zoom + tx;
        const natural = start + Math.min(0, LANE_HEADER_WIDTH * zoom - W);
        const last = start + length * zoom - W;
        const at = Math.max(natural, Math.min(last, 0));
        const across = down ? lane.position.x * zoom + tx : lane.position.y * zoom + ty;
        const [left, top] = down ? [across, at] : [at, across];
        const size = thickness * zoom;
        const [width, height] = down ? [size, W] : [W, size];
        // as many lines of the name as the header holds (padding, swatch, count and gaps: 52 px), whole lines only
        const lines = Math.max(1, Math.floor(((down ? W : size) - 52) / 18));
        return (
          <div
            key={lane.id}
            className={`lane-header${down ? ' is-down' : ''}${size < 48 ? ' is-thin' : ''}`}
            data-lane-id={role.id}
            style={{
              width,
              height,
              transform: `translate(${left}px, ${top}px)`,
              borderColor: `${role.color}55`,
              background: `color-mix(in srgb, ${role.color} 11%, #fff)`,
            }}
          >
            <span className="lane-swatch" style={{ background: role.color }} />
            <span className="lane-name" translate="no" dir="auto" title={role.name} onWheel={forwardWheel} style={{ WebkitLineClamp: size < 48 ? 1 : lines }}>
              {role.name}
            </span>
            <span className="lane-count muted">{stepCount}</span>
          </div>
        );
      })}
    </div>
  );
}

export const LaneHeaders = memo(LaneHeadersView);
