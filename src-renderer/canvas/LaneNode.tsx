/**
 * A role's lane: a full-length band (a row, or a column when the map reads top to bottom); its
 * name stays in view while the map is panned along the flow.
 */
import { useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { LANE_HEADER_WIDTH, LANE_LEFT } from '../../shared/model/geometry';
import type { LaneNodeType } from './nodes';

function LaneNodeView({ data }: NodeProps<LaneNodeType>) {
  const offset = useStore((s) => {
    const scrolled = (data.down ? -s.transform[1] : -s.transform[0]) / s.transform[2];
    return Math.max(0, Math.min(data.length - LANE_HEADER_WIDTH, scrolled - LANE_LEFT));
  });
  const [w, h] = data.down ? [data.thickness, data.length] : [data.length, data.thickness];
  const header = data.down
    ? { transform: `translateY(${offset}px)`, height: LANE_HEADER_WIDTH, width: '100%' }
    : { transform: `translateX(${offset}px)`, width: LANE_HEADER_WIDTH, height: '100%' };
  return (
    <div
      className={`lane${data.down ? ' is-down' : ''}`}
      style={{ width: w, height: h, background: `${data.role.color}12`, borderColor: `${data.role.color}40` }}
      data-lane-id={data.role.id}
    >
      <div className="lane-header" style={{ ...header, borderColor: `${data.role.color}55`, background: `${data.role.color}1c` }}>
        <span className="lane-swatch" style={{ background: data.role.color }} />
        <span className="lane-name" translate="no">
          {data.role.name}
        </span>
        <span className="lane-count muted">{data.stepCount}</span>
      </div>
    </div>
  );
}

export const LaneNode = memo(LaneNodeView);
