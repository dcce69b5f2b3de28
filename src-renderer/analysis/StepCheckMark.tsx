/**
 * A step's open problems and warnings on the canvas: a small mark at the card's bottom-right
 * corner, outside the box (its size is shared with layout and export). A click shows the Check
 * tab with the step selected.
 */
import { AlertTriangle, CircleAlert } from 'lucide-react';
import type { RuleId } from '../../shared/analysis/checks';
import { useT } from '../i18n';
import { useEditorStore } from '../store/context';
import { useReviewUi } from '../review/reviewUi';
import { useStepMark } from './analysisUi';

export function StepCheckMark({ stepId }: { stepId: string }) {
  const t = useT();
  const store = useEditorStore();
  const mark = useStepMark(stepId);
  if (!mark) return null;
  const rules = mark.rules.map((r) => t(`check.rules.${r as RuleId}.title`)).join(', ');
  const label = t('check.marker', { rules });
  const Icon = mark.severity === 'problem' ? CircleAlert : AlertTriangle;
  return (
    <button
      type="button"
      className={`check-marker nodrag nopan severity-${mark.severity}`}
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        store.getState().select({ steps: [stepId], flows: [] });
        useReviewUi.getState().showTab('check');
      }}
    >
      <Icon size={12} aria-hidden />
    </button>
  );
}
