/**
 * A phase: a column with its header across the top of all lanes (a row with its header on the
 * left when the map reads top to bottom). The header stays in view when panning across lanes.
 */
import { useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../i18n';
import type { PhaseNodeType } from './nodes';
import { PhaseKpiBadges } from '../optimise/kpi/PhaseKpis';

/** Room kept for the name and its badges when it follows the view along a column. */
const NAME_ROOM = 260;

function PhaseNodeView({ data, positionAbsoluteX, positionAbsoluteY }: NodeProps<PhaseNodeType>) {
  const t = useT();
  const offset = useStore((s) => {
    const scrolled = data.down ? -s.transform[0] / s.transform[2] - positionAbsoluteX : -s.transform[1] / s.transform[2] - positionAbsoluteY;
    return Math.max(0, Math.min(data.thickness - data.header, scrolled));
  });
  // and along the flow the name stays at the visible start of a column wider than the view
  const along = useStore((s) => {
    const start = data.down ? -s.transform[1] / s.transform[2] - positionAbsoluteY : -s.transform[0] / s.transform[2] - positionAbsoluteX;
    return Math.round(Math.max(0, Math.min(data.length - NAME_ROOM, start)));
  });
  const [w, h] = data.down ? [data.thickness, data.length] : [data.length, data.thickness];
  const header = data.down
    ? { transform: `translateX(${offset}px)`, width: data.header, height: '100%' }
    : { transform: `translateY(${offset}px)`, height: data.header, width: '100%' };
  return (
    <div
      className={`phase-column${data.phase ? '' : ' is-unassigned'}${data.down ? ' is-down' : ''}`}
      style={{ width: w, height: h }}
      data-phase-id={data.phase?.id ?? ''}
    >
      <div className="phase-header" style={{ ...header, ...(data.down ? { paddingTop: 10 + along } : { paddingLeft: 14 + along }) }}>
        {data.phase ? (
          <span className="phase-name" title={data.phase.name} translate="no" dir="auto">
            {data.phase.name}
          </span>
        ) : (
          <span className="phase-name">{t('common.noPhase')}</span>
        )}
        {data.phase && <PhaseKpiBadges phase={data.phase} />}
        <span className="phase-count muted">{data.stepCount}</span>
      </div>
    </div>
  );
}

export const PhaseNode = memo(PhaseNodeView);
