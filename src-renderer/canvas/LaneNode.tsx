/** A role's lane: a full-width band; its name stays in view while the map is panned sideways. */
import { useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { LANE_HEADER_WIDTH, LANE_LEFT } from '../../shared/model/geometry';
import type { LaneNodeType } from './nodes';

function LaneNodeView({ data }: NodeProps<LaneNodeType>) {
  // keep the header at the left edge of the view when the lane's own start is scrolled away
  const offset = useStore((s) => Math.max(0, Math.min(data.width - LANE_HEADER_WIDTH, -s.transform[0] / s.transform[2] - LANE_LEFT)));
  return (
    <div
      className="lane"
      style={{ width: data.width, height: data.height, background: `${data.role.color}12`, borderColor: `${data.role.color}40` }}
      data-lane-id={data.role.id}
    >
      <div
        className="lane-header"
        style={{ transform: `translateX(${offset}px)`, width: LANE_HEADER_WIDTH, borderRightColor: `${data.role.color}55`, background: `${data.role.color}1c` }}
      >
        <span className="lane-swatch" style={{ background: data.role.color }} />
        <span className="lane-name">{data.role.name}</span>
        <span className="lane-count muted">{data.stepCount}</span>
      </div>
    </div>
  );
}

export const LaneNode = memo(LaneNodeView);
