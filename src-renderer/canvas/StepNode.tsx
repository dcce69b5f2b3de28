/** A step on the canvas, drawn by kind: task card, decision and parallel diamonds, round start / event / end. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { ArrowDownToLine, ArrowUpFromLine, Clock, Pin, SquarePlus, Wrench } from 'lucide-react';
import { memo } from 'react';
import { isDiamond, stepSize, titleWidth, wrapLines } from '../../shared/model/geometry';
import { formatDuration, useT } from '../i18n';
import type { StepNodeType } from './nodes';
import { StepReviewMarks, useStepHeat } from '../review/StepMarks';
import { StepCheckMark } from '../analysis/StepCheckMark';
import { useOnCriticalPath } from '../analysis/analysisUi';
import { StepOptimiseMarks } from '../optimise/kpi/KpiBadges';
import { useLiveTitle } from './liveTitle';
import './stepHandles.css';
import { ParallelPlus, TriggerMark } from './kinds/KindMarks';

function Title({ text: committed, stepId, event = false }: { text: string; stepId: string; event?: boolean }) {
  const t = useT();
  // what is being typed in the inspector shows at once (committed after a pause in typing)
  const text = useLiveTitle(stepId) ?? committed;
  if (text)
    return (
      <span className="step-title" translate="no" dir="auto">
        {text}
      </span>
    );
  // an unnamed event or gateway is the shape alone, as BPMN draws it (imported files have many); a task says it wants a name
  return event ? <span className="step-title placeholder" aria-hidden /> : <span className="step-title placeholder">{t('common.untitledStep')}</span>;
}

function Chips({ step }: { step: StepNodeType['data']['step'] }) {
  const t = useT();
  const { inputs, outputs, resources, duration } = step;
  if (!inputs.length && !outputs.length && !resources.length && !duration) return null;
  return (
    <div className="step-chips">
      {inputs.length > 0 && (
        <span className="chip" title={t('editor.chipInputs', { items: inputs.join(', ') })}>
          <ArrowDownToLine size={11} aria-hidden /> {inputs.length}
        </span>
      )}
      {outputs.length > 0 && (
        <span className="chip" title={t('editor.chipOutputs', { items: outputs.join(', ') })}>
          <ArrowUpFromLine size={11} aria-hidden /> {outputs.length}
        </span>
      )}
      {resources.length > 0 && (
        <span className="chip" title={t('editor.chipResources', { items: resources.join(', ') })}>
          <Wrench size={11} aria-hidden /> {resources.length}
        </span>
      )}
      {duration && (
        <span className="chip" title={t('editor.chipDuration')}>
          <Clock size={11} aria-hidden /> {formatDuration(duration)}
        </span>
      )}
    </div>
  );
}

/** The sub-process marker (as BPMN's call activity): a small plus at the card's corner. */
function SubprocessMark({ linked }: { linked: boolean }) {
  const t = useT();
  return (
    <span className="step-subprocess-mark" title={linked ? t('hierarchy.doubleClickHint') : t('hierarchy.notLinked')}>
      <SquarePlus size={13} aria-hidden />
    </span>
  );
}

function StepNodeView({ data, selected }: NodeProps<StepNodeType>) {
  const t = useT();
  const { step, role } = data;
  const size = stepSize(step);
  const color = role?.color ?? '#8a94a6';
  // review marks sit outside the box; the pain point overlay only recolours it
  // a parallel split shows its plus alone until a title is typed (the inspector's, before it is committed)
  const live = useLiveTitle(step.id);
  const heat = useStepHeat(step.id) + (useOnCriticalPath('step', step.id) ? ' on-critical-path' : '');
  const handles = (
    <>
      {step.pinned && (
        <span className="step-pin" title={t('editor.pinned')}>
          <Pin size={11} aria-hidden />
        </span>
      )}
      <StepReviewMarks stepId={step.id} pinned={step.pinned} />
      <StepCheckMark stepId={step.id} />
      <StepOptimiseMarks step={step} />
      <Handle type="target" position={data.down ? Position.Top : Position.Left} aria-label={t('editor.connectInto')} />
      <Handle type="source" position={data.down ? Position.Bottom : Position.Right} aria-label={t('editor.connectFrom')} />
    </>
  );
  if (isDiamond(step.kind)) {
    // a parallel split/join (BPMN's parallel gateway): the decision's diamond with a bold plus, alone when untitled
    const parallel = step.kind === 'parallel';
    const shown = (parallel ? live : null) ?? step.title;
    return (
      <div
        className={`step step-decision${parallel ? ' step-parallel' : ''}${parallel && !shown ? ' is-untitled' : ''}${selected ? ' is-selected' : ''}${heat}`}
        style={{ width: size.width, height: size.height }}
        data-step-id={step.id}
      >
        <svg className="diamond" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden>
          <polygon points="50,1 99,50 50,99 1,50" style={{ stroke: color }} />
        </svg>
        {parallel && (
          <ParallelPlus width={size.width} height={size.height} lines={step.title ? wrapLines(step.title, titleWidth(step), 600) : 0} color={color} />
        )}
        {(!parallel || step.title) && (
          <div className="decision-text">
            <Title text={step.title} stepId={step.id} event />
          </div>
        )}
        {handles}
      </div>
    );
  }
  if (step.kind === 'start' || step.kind === 'event' || step.kind === 'end') {
    // an event (BPMN's intermediate event) has a double ring (kinds.css); any of the three a trigger marker
    return (
      <div
        className={`step step-${step.kind}${selected ? ' is-selected' : ''}${heat}`}
        style={{ width: size.width, height: size.height, borderColor: color }}
        data-step-id={step.id}
      >
        <Title text={step.title} stepId={step.id} event />
        <TriggerMark step={step} color={color} />
        {handles}
      </div>
    );
  }
  const sub = step.kind === 'subprocess';
  return (
    <div
      className={`step step-task${sub ? ' step-subprocess' : ''}${sub && !step.linkedMapId ? ' is-unlinked' : ''}${selected ? ' is-selected' : ''}${heat}`}
      style={{ width: size.width, height: size.height, borderLeftColor: color }}
      data-step-id={step.id}
    >
      <Title text={step.title} stepId={step.id} />
      <Chips step={step} />
      {sub && <SubprocessMark linked={!!step.linkedMapId} />}
      {handles}
    </div>
  );
}

export const StepNode = memo(StepNodeView);
