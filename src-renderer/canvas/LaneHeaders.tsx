/**
 * Lane names frozen at the left edge of the canvas (the top edge for a top-to-bottom map), as
 * a spreadsheet freezes its first column: drawn above the steps, on an opaque band, so a step
 * passing under a name never mixes its text with it. Each name scrolls with its lane across
 * the flow and stays put along it; it zooms with the map.
 */
import { useStore } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { LANE_HEADER_WIDTH } from '../../shared/model/geometry';
import type { MapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { laneNodes } from './nodes';

/** From the map itself, not from React Flow's nodes: a lane far off screen (or drawn in the overview picture) keeps its name. */
function LaneHeadersView({ doc, geometry }: { doc: MapDoc; geometry: MapGeometry }) {
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const lanes = useMemo(() => laneNodes(doc, geometry), [doc, geometry]);
  return (
    <div className="lane-headers" aria-hidden>
      {lanes.map((lane) => {
        const { role, thickness, length, stepCount, down } = lane.data;
        // where the lane's name would be, then held at the edge once the map is panned past it
        const start = down ? lane.position.y * zoom + ty : lane.position.x * zoom + tx;
        const last = start + (length - LANE_HEADER_WIDTH) * zoom;
        const at = Math.max(start, Math.min(last, 0));
        const across = down ? lane.position.x * zoom + tx : lane.position.y * zoom + ty;
        const [left, top] = down ? [across, at] : [at, across];
        const [width, height] = down ? [thickness, LANE_HEADER_WIDTH] : [LANE_HEADER_WIDTH, thickness];
        return (
          <div
            key={lane.id}
            className={`lane-header${down ? ' is-down' : ''}`}
            data-lane-id={role.id}
            style={{
              width,
              height,
              transform: `translate(${left}px, ${top}px) scale(${zoom})`,
              borderColor: `${role.color}55`,
              background: `color-mix(in srgb, ${role.color} 11%, #fff)`,
            }}
          >
            <span className="lane-swatch" style={{ background: role.color }} />
            <span className="lane-name" translate="no" dir="auto">
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
