/**
 * How the BPMN-like step kinds are drawn in pictures made without the canvas (the SVG export, and
 * through it PNG and print): a parallel split/join's bold plus, an event's double ring, the small
 * marker of what an event waits for or sends (envelope for a message, clock for a timer…), and a
 * message flow's open circle and open arrowhead. Simple SVG paths, no font or icon set; the canvas
 * draws the same marks with lucide icons (src-renderer/canvas/kinds/).
 *
 * The geometry is shared with the canvas's CSS (src-renderer/canvas/kinds/kinds.css): keep the
 * numbers here and there the same.
 */
import type { EventTrigger, Step } from '../model/types';

/** The trigger marker: a circle of this radius whose centre sits on the event's top edge, this far from its left end. */
export const TRIGGER_MARK = { radius: 10, left: 24, icon: 12 } as const;
/** Ink of the marker: the icon of an event that waits; the filled disc of one that sends (BPMN fills a throwing marker). */
export const MARK_INK = '#3a4452';
/** The gap between an event's two rings (BPMN's intermediate event), in px. */
export const DOUBLE_RING_GAP = 3;

/**
 * Each trigger's icon in a 24-unit box: `shape` is outlined (filled when the event sends),
 * `lines` are strokes drawn over it (white on a filled shape).
 */
export const TRIGGER_ICONS: Record<EventTrigger, { shape: string; lines?: string }> = {
  message: { shape: '<rect x="3" y="6" width="18" height="12" rx="1.5"/>', lines: '<path d="M3.5 7L12 13L20.5 7"/>' },
  timer: { shape: '<circle cx="12" cy="12" r="9"/>', lines: '<path d="M12 6.5V12L15.5 14"/>' },
  conditional: { shape: '<rect x="5" y="3.5" width="14" height="17" rx="1"/>', lines: '<path d="M8.5 8.5H15.5M8.5 12H15.5M8.5 15.5H15.5"/>' },
  signal: { shape: '<path d="M12 3.5L21 19.5H3Z"/>' },
  error: { shape: '<path d="M4 20L8.5 7.5L13.5 13L19.5 4L15.5 17.5L10.5 12Z"/>' },
  escalation: { shape: '<path d="M12 3.5L18.5 20L12 15L5.5 20Z"/>' },
  compensation: { shape: '<path d="M11.5 6.5L3.5 12L11.5 17.5ZM20.5 6.5L12.5 12L20.5 17.5Z"/>' },
  link: { shape: '<path d="M3.5 9H13V5L20.5 12L13 19V15H3.5Z"/>' },
  terminate: { shape: '<circle cx="12" cy="12" r="7.5"/>' },
  cancel: { shape: '<path d="M5.5 5.5L18.5 18.5M18.5 5.5L5.5 18.5"/>' },
  multiple: { shape: '<path d="M12 3.5L20.5 9.7L17.3 19.7H6.7L3.5 9.7Z"/>' },
};

/** Whether the marker is drawn filled: an event step that sends, an end (BPMN's end events throw), a terminate end. */
export function markFilled(step: Pick<Step, 'kind' | 'throwing' | 'trigger'>): boolean {
  return step.kind === 'end' || (step.kind === 'event' && !!step.throwing);
}

/** Where the trigger marker's centre is, for an event drawn in the box (x, y, w, h). */
export function triggerMarkCentre(x: number, y: number, w: number): { cx: number; cy: number } {
  return { cx: x + Math.min(TRIGGER_MARK.left, w / 2), cy: y };
}

const n = (v: number) => String(Math.round(v * 100) / 100);

/**
 * The trigger marker of a start, event or end step as SVG: a small disc on the box's top edge
 * (white ringed in the role colour for one that waits, filled dark for one that sends) holding
 * the trigger's icon. Empty for a step without a trigger.
 */
export function triggerMarkSvg(step: Pick<Step, 'kind' | 'trigger' | 'throwing'>, x: number, y: number, w: number, ring: string): string {
  if (!step.trigger || !(step.kind === 'start' || step.kind === 'event' || step.kind === 'end')) return '';
  const icon = TRIGGER_ICONS[step.trigger];
  const filled = markFilled(step);
  const { cx, cy } = triggerMarkCentre(x, y, w);
  const r = TRIGGER_MARK.radius;
  const s = TRIGGER_MARK.icon / 24;
  const ink = filled ? '#fff' : MARK_INK;
  // terminate and cancel have nothing to outline: the shape is the mark
  const solid = step.trigger === 'terminate';
  const shapeStyle = solid
    ? `fill="${ink}" stroke="none"`
    : filled && step.trigger !== 'cancel'
      ? `fill="${ink}" stroke="${ink}"`
      : `fill="none" stroke="${ink}"`;
  const lines = icon.lines ? `<g fill="none" stroke="${filled ? MARK_INK : ink}" stroke-width="${filled ? 2.2 : 1.8}">${icon.lines}</g>` : '';
  return (
    `<g class="lm-trigger" data-trigger="${step.trigger}"${filled ? ' data-throwing="true"' : ''}>` +
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${r}" fill="${filled ? MARK_INK : '#fff'}" stroke="${filled ? MARK_INK : ring}" stroke-width="1.5"/>` +
    `<g transform="translate(${n(cx - TRIGGER_MARK.icon / 2)} ${n(cy - TRIGGER_MARK.icon / 2)}) scale(${n(s)})" stroke-width="${step.trigger === 'cancel' ? 3 : 1.8}" stroke-linecap="round" stroke-linejoin="round">` +
    `<g ${shapeStyle}>${icon.shape}</g>${lines}</g></g>`
  );
}

/** A parallel split/join's bold plus inside its diamond: big when untitled, small above the title otherwise. */
export function parallelPlus(
  x: number,
  y: number,
  w: number,
  h: number,
  titleLines: number,
  lineHeight: number,
): { cx: number; cy: number; arm: number; width: number } {
  if (titleLines === 0) return { cx: x + w / 2, cy: y + h / 2, arm: Math.min(w, h) * 0.2, width: 5 };
  const textTop = (h - titleLines * lineHeight) / 2;
  return { cx: x + w / 2, cy: y + Math.max(14, textTop * 0.55), arm: 7, width: 3 };
}

export function parallelPlusSvg(p: { cx: number; cy: number; arm: number; width: number }, colour: string): string {
  return `<path class="lm-parallel-plus" d="M${n(p.cx - p.arm)} ${n(p.cy)}H${n(p.cx + p.arm)}M${n(p.cx)} ${n(p.cy - p.arm)}V${n(p.cy + p.arm)}" stroke="${colour}" stroke-width="${p.width}" stroke-linecap="round" fill="none"/>`;
}

/** The markers of a message flow (BPMN's message flow): an open circle where it leaves, an open arrowhead where it arrives. */
export function messageMarkerDefs(colour: string): string {
  return (
    `<marker id="lm-message-start" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><circle cx="5" cy="5" r="3.8" fill="#fff" stroke="${colour}" stroke-width="1.4"/></marker>` +
    `<marker id="lm-message-end" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="13" markerHeight="13" markerUnits="userSpaceOnUse" orient="auto"><path d="M1 1.5L11 6L1 10.5Z" fill="#fff" stroke="${colour}" stroke-width="1.4" stroke-linejoin="round"/></marker>`
  );
}

/** A message flow's dash pattern. */
export const MESSAGE_DASH = '6 4';
