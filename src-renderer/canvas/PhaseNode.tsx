/** A phase column: a header across the top of all lanes (kept in view when panning down) and a divider. */
import { useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { PHASE_HEADER_HEIGHT } from '../../shared/model/geometry';
import type { PhaseNodeType } from './nodes';

function PhaseNodeView({ data, positionAbsoluteY }: NodeProps<PhaseNodeType>) {
  const offset = useStore((s) => Math.max(0, Math.min(data.height - PHASE_HEADER_HEIGHT, -s.transform[1] / s.transform[2] - positionAbsoluteY)));
  return (
    <div
      className={`phase-column${data.phase ? '' : ' is-unassigned'}`}
      style={{ width: data.width, height: data.height }}
      data-phase-id={data.phase?.id ?? ''}
    >
      <div className="phase-header" style={{ transform: `translateY(${offset}px)`, height: PHASE_HEADER_HEIGHT }}>
        <span className="phase-name" title={data.phase?.name}>
          {data.phase ? data.phase.name : 'No phase'}
        </span>
        <span className="phase-count muted">{data.stepCount}</span>
      </div>
    </div>
  );
}

export const PhaseNode = memo(PhaseNodeView);
