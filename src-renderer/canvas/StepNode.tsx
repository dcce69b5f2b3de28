/** A step on the canvas, drawn by kind: task card, decision diamond, round start / end. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { ArrowDownToLine, ArrowUpFromLine, Clock, Pin, Wrench } from 'lucide-react';
import { memo } from 'react';
import { stepSize } from '../../shared/model/geometry';
import type { Duration } from '../../shared/model/types';
import type { StepNodeType } from './nodes';

const UNIT: Record<Duration['unit'], string> = { min: 'min', h: 'h', d: 'd' };

function Title({ text }: { text: string }) {
  return text ? <span className="step-title">{text}</span> : <span className="step-title placeholder">Untitled step</span>;
}

function Chips({ step }: { step: StepNodeType['data']['step'] }) {
  const { inputs, outputs, resources, duration } = step;
  if (!inputs.length && !outputs.length && !resources.length && !duration) return null;
  return (
    <div className="step-chips">
      {inputs.length > 0 && (
        <span className="chip" title={`Inputs: ${inputs.join(', ')}`}>
          <ArrowDownToLine size={11} aria-hidden /> {inputs.length}
        </span>
      )}
      {outputs.length > 0 && (
        <span className="chip" title={`Outputs: ${outputs.join(', ')}`}>
          <ArrowUpFromLine size={11} aria-hidden /> {outputs.length}
        </span>
      )}
      {resources.length > 0 && (
        <span className="chip" title={`Resources: ${resources.join(', ')}`}>
          <Wrench size={11} aria-hidden /> {resources.length}
        </span>
      )}
      {duration && (
        <span className="chip" title="Duration">
          <Clock size={11} aria-hidden /> {duration.value} {UNIT[duration.unit]}
        </span>
      )}
    </div>
  );
}

function StepNodeView({ data, selected }: NodeProps<StepNodeType>) {
  const { step, role } = data;
  const size = stepSize(step);
  const color = role?.color ?? '#8a94a6';
  const handles = (
    <>
      {step.pinned && (
        <span className="step-pin" title="Kept in place on tidy-up">
          <Pin size={11} aria-hidden />
        </span>
      )}
      <Handle type="target" position={data.down ? Position.Top : Position.Left} aria-label="Connect into this step" />
      <Handle type="source" position={data.down ? Position.Bottom : Position.Right} aria-label="Connect from this step" />
    </>
  );
  if (step.kind === 'decision') {
    return (
      <div className={`step step-decision${selected ? ' is-selected' : ''}`} style={{ width: size.width, height: size.height }} data-step-id={step.id}>
        <svg className="diamond" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden>
          <polygon points="50,1 99,50 50,99 1,50" style={{ stroke: color }} />
        </svg>
        <div className="decision-text">
          <Title text={step.title} />
        </div>
        {handles}
      </div>
    );
  }
  if (step.kind === 'start' || step.kind === 'end') {
    return (
      <div
        className={`step step-${step.kind}${selected ? ' is-selected' : ''}`}
        style={{ width: size.width, height: size.height, borderColor: color }}
        data-step-id={step.id}
      >
        <Title text={step.title} />
        {handles}
      </div>
    );
  }
  return (
    <div
      className={`step step-task${selected ? ' is-selected' : ''}`}
      style={{ width: size.width, height: size.height, borderLeftColor: color }}
      data-step-id={step.id}
    >
      <Title text={step.title} />
      <Chips step={step} />
      {handles}
    </div>
  );
}

export const StepNode = memo(StepNodeView);
