/**
 * At a decision, each branch's number on the map, at the top-left corner of the step it leads
 * to: the same number as on the card and the key that takes it (the branches in drawing order,
 * see walk.ts). Drawn over React Flow's viewport like the lane names, so it follows the camera.
 */
import { useStore } from '@xyflow/react';
import type { MapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { useT } from '../i18n';
import type { Branch } from './walk';
import { stepRect } from './framing';

const SIZE = 34;

export function BranchMarks({ doc, geometry, branches, highlight }: { doc: MapDoc; geometry: MapGeometry; branches: Branch[]; highlight: number | null }) {
  const t = useT();
  const [tx, ty, zoom] = useStore((s) => s.transform);
  if (branches.length < 2) return null;
  const seen = new Map<string, number>();
  return (
    <div className="pres-branch-marks">
      {branches.slice(0, 9).map((b, i) => {
        const rect = stepRect(doc, geometry, b.to);
        if (!rect) return null;
        // two flows into one step: their numbers side by side
        const twin = seen.get(b.to) ?? 0;
        seen.set(b.to, twin + 1);
        const x = rect.x * zoom + tx - SIZE / 2 + twin * (SIZE + 4);
        const y = rect.y * zoom + ty - SIZE / 2;
        return (
          <span
            key={b.flowId}
            className={`pres-branch-mark${highlight === i ? ' is-highlighted' : ''}`}
            data-step-id={b.to}
            title={t('presentationMore.branchMark', { n: i + 1 })}
            style={{ transform: `translate(${x}px, ${y}px)` }}
          >
            {i + 1}
          </span>
        );
      })}
    </div>
  );
}
