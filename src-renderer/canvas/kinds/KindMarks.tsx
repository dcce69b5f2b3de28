/**
 * The marks of the BPMN-like kinds on the canvas: a parallel split/join's bold plus, and the small
 * marker of what a start, event or end waits for or sends (lucide icons; the exports draw the same
 * marks as plain SVG paths, shared/export/eventMarks.ts, at the same places).
 */
import { ArrowBigRight, Circle, Clock, FileText, Mail, Navigation2, Pentagon, Rewind, Triangle, X, Zap, type LucideIcon } from 'lucide-react';
import { markFilled, parallelPlus, TRIGGER_MARK } from '../../../shared/export/eventMarks';
import type { EventTrigger, Step } from '../../../shared/model/types';
import { useT } from '../../i18n';
import './kinds.css';

export const TRIGGER_LUCIDE: Record<EventTrigger, LucideIcon> = {
  message: Mail,
  timer: Clock,
  conditional: FileText,
  signal: Triangle,
  error: Zap,
  escalation: Navigation2,
  compensation: Rewind,
  link: ArrowBigRight,
  terminate: Circle,
  cancel: X,
  multiple: Pentagon,
};

/** The trigger's marker on the event's top edge: white ringed in the role's colour when it waits, dark and filled when it sends. */
export function TriggerMark({ step, color }: { step: Step; color: string }) {
  const t = useT();
  if (!step.trigger || !(step.kind === 'start' || step.kind === 'event' || step.kind === 'end')) return null;
  const Icon = TRIGGER_LUCIDE[step.trigger];
  const filled = markFilled(step);
  const name = t(`common.triggers.${step.trigger}`);
  const label = filled ? t('kinds.sendsTrigger', { trigger: name }) : t('kinds.waitsForTrigger', { trigger: name });
  return (
    <span
      className={`step-trigger${filled ? ' is-throwing' : ''}`}
      style={{ borderColor: filled ? undefined : color, left: TRIGGER_MARK.left - TRIGGER_MARK.radius }}
      title={label}
      role="img"
      aria-label={label}
      data-trigger={step.trigger}
    >
      <Icon
        size={TRIGGER_MARK.icon}
        strokeWidth={2.2}
        fill={step.trigger === 'terminate' || (filled && step.trigger !== 'cancel') ? 'currentColor' : 'none'}
        aria-hidden
      />
    </span>
  );
}

/** The parallel gateway's plus inside the diamond (a 100 × 100 viewBox stretched to the card): big alone, small above a title. */
export function ParallelPlus({ width, height, lines, color }: { width: number; height: number; lines: number; color: string }) {
  const p = parallelPlus(0, 0, width, height, lines, 18);
  return (
    <svg className="parallel-plus" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden>
      <path
        d={`M${p.cx - p.arm} ${p.cy}H${p.cx + p.arm}M${p.cx} ${p.cy - p.arm}V${p.cy + p.arm}`}
        stroke={color}
        strokeWidth={p.width}
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}

/** The id of a message flow's markers (one pair per flow, as the selected flow's arrowhead). */
export const messageMarkerId = (flowId: string, end: 'start' | 'end') => `flow-message-${end}-${flowId.replace(/[^\w-]/g, '_')}`;

/** A message flow's open circle (where it leaves) and open arrowhead (where it arrives), kept at their size on screen. */
export function MessageMarkers({ flowId }: { flowId: string }) {
  return (
    <defs>
      <marker
        id={messageMarkerId(flowId, 'start')}
        className="flow-message-marker"
        markerWidth={12}
        markerHeight={12}
        viewBox="-6 -6 12 12"
        markerUnits="userSpaceOnUse"
        orient="auto"
        refX={-4}
        refY={0}
      >
        <circle cx={0} cy={0} r={4} />
      </marker>
      <marker
        id={messageMarkerId(flowId, 'end')}
        className="flow-message-marker"
        markerWidth={16}
        markerHeight={16}
        viewBox="-12 -8 16 16"
        markerUnits="userSpaceOnUse"
        orient="auto"
        refX={0}
        refY={0}
      >
        <path d="M-10,-5 L0,0 L-10,5 Z" strokeLinejoin="round" />
      </marker>
    </defs>
  );
}

/** The toolbar's icon of an event: a double ring (BPMN's intermediate event), drawn as lucide draws its icons. */
export function EventIcon({ size = 17 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
      <circle cx={12} cy={12} r={10} />
      <circle cx={12} cy={12} r={6.5} />
    </svg>
  );
}
