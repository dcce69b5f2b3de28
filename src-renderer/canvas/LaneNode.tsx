/**
 * A role's lane: a full-length band (a row, or a column when the map reads top to bottom).
 * Its name is drawn by LaneHeaders, above the steps, frozen at the edge of the canvas.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LaneNodeType } from './nodes';

function LaneNodeView({ data }: NodeProps<LaneNodeType>) {
  const [w, h] = data.down ? [data.thickness, data.length] : [data.length, data.thickness];
  return (
    <div
      className={`lane${data.down ? ' is-down' : ''}`}
      style={{ width: w, height: h, background: `${data.role.color}12`, borderColor: `${data.role.color}40` }}
      data-lane-id={data.role.id}
    />
  );
}

export const LaneNode = memo(LaneNodeView);
