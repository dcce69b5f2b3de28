/**
 * The canvas's notes in the SVG export (and so in PNG and the CLI's export): a sticky note as a
 * pale yellow card with its text wrapped as on the canvas, an annotation as an open bracket on
 * the side facing its step with a dotted line to it. Every piece of text escaped.
 */
import { NOTE_LINE_HEIGHT, NOTE_MAX_LINES, NOTE_PADDING, noteSize } from '../model/geometry';
import { notePlace } from '../model/notes';
import type { MapDoc, Note, Point } from '../model/types';
import { num, textBlock, wrapText } from './text';

export type NoteBox = { x: number; y: number; w: number; h: number };

/** Which side of a note faces its step. */
export function facingSide(note: NoteBox, step: NoteBox): 'left' | 'right' | 'top' | 'bottom' {
  if (step.x >= note.x + note.w) return 'right';
  if (step.x + step.w <= note.x) return 'left';
  return step.y + step.h / 2 < note.y + note.h / 2 ? 'top' : 'bottom';
}

/** The dotted line of an annotation: from the middle of the note's side facing the step to the nearest point of the step. */
export function noteConnector(note: NoteBox, step: NoteBox): { side: ReturnType<typeof facingSide>; from: Point; to: Point } {
  const side = facingSide(note, step);
  const from =
    side === 'left'
      ? { x: note.x, y: note.y + note.h / 2 }
      : side === 'right'
        ? { x: note.x + note.w, y: note.y + note.h / 2 }
        : side === 'top'
          ? { x: note.x + note.w / 2, y: note.y }
          : { x: note.x + note.w / 2, y: note.y + note.h };
  const to = { x: Math.max(step.x, Math.min(step.x + step.w, from.x)), y: Math.max(step.y, Math.min(step.y + step.h, from.y)) };
  return { side, from, to };
}

/** Right-to-left text (Hebrew, Arabic…) by its first strong letter, as dir="auto" decides. */
export function isRtl(text: string): boolean {
  const m = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(text);
  return !!m && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(m[0]);
}

export const STICKY_FILL = '#fff7c2';
export const STICKY_STROKE = '#e9d97a';
const NOTE_TEXT = '#3a3320';
const BRACKET = '#7d8797';

/** The notes to draw (all, or the annotations of the exported steps) and their boxes in the export's coordinates. */
export function placedNotes(doc: MapDoc, positions: Map<string, Point>, shown: ReadonlySet<string> | null): { note: Note; box: NoteBox }[] {
  const out: { note: Note; box: NoteBox }[] = [];
  for (const n of Object.values(doc.notes ?? {}).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (shown && !(n.stepId && shown.has(n.stepId))) continue;
    const at = notePlace(doc, n, { positions });
    const size = noteSize(n);
    out.push({ note: n, box: { x: at.x, y: at.y, w: size.width, h: size.height } });
  }
  return out;
}

/** The SVG of placed notes; `stepBox` gives the box of an annotation's step. */
export function notesSvg(notes: { note: Note; box: NoteBox }[], stepBox: (stepId: string) => NoteBox | null): string {
  if (notes.length === 0) return '';
  const out: string[] = ['<g class="lm-notes">'];
  for (const { note, box } of notes) {
    const step = note.stepId ? stepBox(note.stepId) : null;
    const attrs = `data-note-id="${note.id}"`;
    if (step) {
      const c = noteConnector(box, step);
      out.push(`<g ${attrs}>`);
      out.push(`<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" fill="#fff" fill-opacity="0.85"/>`);
      out.push(`<path d="${bracketPath(box, c.side)}" fill="none" stroke="${BRACKET}" stroke-width="2"/>`);
      out.push(
        `<line class="lm-note-link" x1="${num(c.from.x)}" y1="${num(c.from.y)}" x2="${num(c.to.x)}" y2="${num(c.to.y)}" stroke="${BRACKET}" stroke-width="1.5" stroke-dasharray="2 4" stroke-linecap="round"/>`,
      );
    } else {
      out.push(`<g ${attrs}>`);
      out.push(`<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" rx="4" fill="${STICKY_FILL}" stroke="${STICKY_STROKE}"/>`);
    }
    out.push(noteText(note.text, box));
    out.push('</g>');
  }
  out.push('</g>');
  return out.join('\n');
}

/** The note's text wrapped in its width, as many lines as the canvas shows (the last one ends with … when cut). */
function noteText(text: string, box: NoteBox): string {
  if (!text.trim()) return '';
  const inner = box.w - 2 * NOTE_PADDING - 4;
  let lines = wrapText(text, inner, 13, 400);
  if (lines.length > NOTE_MAX_LINES) lines = [...lines.slice(0, NOTE_MAX_LINES - 1), `${lines[NOTE_MAX_LINES - 1]!.slice(0, -1)}…`];
  const rtl = isRtl(text);
  const block = textBlock({ lines, size: 13, lineHeight: NOTE_LINE_HEIGHT }, rtl ? box.x + box.w - NOTE_PADDING : box.x + NOTE_PADDING, box.y + NOTE_PADDING, { fill: NOTE_TEXT });
  return rtl ? block.replace('<text ', '<text direction="rtl" ') : block;
}

function bracketPath(b: NoteBox, side: 'left' | 'right' | 'top' | 'bottom'): string {
  const arm = 10;
  const [l, r, t, bo] = [b.x, b.x + b.w, b.y, b.y + b.h].map(num);
  switch (side) {
    case 'left':
      return `M${num(b.x + arm)} ${t}H${l}V${bo}H${num(b.x + arm)}`;
    case 'right':
      return `M${num(b.x + b.w - arm)} ${t}H${r}V${bo}H${num(b.x + b.w - arm)}`;
    case 'top':
      return `M${l} ${num(b.y + arm)}V${t}H${r}V${num(b.y + arm)}`;
    default:
      return `M${l} ${num(b.y + b.h - arm)}V${bo}H${r}V${num(b.y + b.h - arm)}`;
  }
}
