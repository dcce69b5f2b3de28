/**
 * Review comments in an exported picture (`renderMapSvg(doc, { comments: true })`): a numbered
 * marker on each step or flow with open comments, and under the map the numbered list of those
 * threads (author, date, text; replies indented). Resolved threads are left out: the picture
 * shows what is still to be settled. All user text goes through `textBlock`, which escapes it.
 */
import type { Flow, MapComment, MapDoc, Point, Step } from '../model/types';
import { escapeXml, fitText, num, textBlock } from './text';

export interface CommentNote {
  /** 0 for the comments on the whole map (listed first, no marker). */
  number: number;
  title: string;
  targetKind: MapComment['targetKind'];
  targetId: string | null;
  threads: { root: MapComment; replies: MapComment[] }[];
}

const MARKER_FILL = '#e8590c';
const TEXT = '#1c2430';
const MUTED = '#6b7483';
const RULE = '#e3e6eb';
const MARKER_R = 10;

/** The day of an ISO time, e.g. "2026-03-14" (a translated export passes its own format). */
export function isoDay(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '';
}

/**
 * The open threads of the exported part of the map, by what they are about: the map itself
 * first (whole-map exports only), then steps in reading order, then flows in the order of
 * their first step; each of these numbered 1, 2, 3...
 */
export function commentNotes(
  doc: MapDoc,
  shown: { steps: Step[]; flows: Flow[]; wholeMap: boolean },
  words: { untitled: string; onMap: string },
): CommentNote[] {
  const threads = new Map<string, { root: MapComment; replies: MapComment[] }[]>();
  const byTime = (a: MapComment, b: MapComment) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  const all = Object.values(doc.comments);
  for (const root of all.filter((c) => !c.parentId && !c.resolvedAt).sort(byTime)) {
    const key = `${root.targetKind}:${root.targetId ?? ''}`;
    const replies = all.filter((c) => c.parentId === root.id).sort(byTime);
    threads.set(key, [...(threads.get(key) ?? []), { root, replies }]);
  }
  const notes: CommentNote[] = [];
  const title = (s: Step | undefined) => (s?.title.trim() ? s.title : words.untitled);
  const mapThreads = threads.get('map:');
  if (shown.wholeMap && mapThreads) notes.push({ number: 0, title: words.onMap, targetKind: 'map', targetId: null, threads: mapThreads });
  let n = 0;
  for (const s of shown.steps) {
    const ts = threads.get(`step:${s.id}`);
    if (ts) notes.push({ number: ++n, title: title(s), targetKind: 'step', targetId: s.id, threads: ts });
  }
  const stepRank = new Map(shown.steps.map((s, i) => [s.id, i]));
  const flows = [...shown.flows].sort(
    (a, b) => (stepRank.get(a.fromStepId) ?? 0) - (stepRank.get(b.fromStepId) ?? 0) || (stepRank.get(a.toStepId) ?? 0) - (stepRank.get(b.toStepId) ?? 0),
  );
  for (const f of flows) {
    const ts = threads.get(`flow:${f.id}`);
    const label = f.label.trim() ? ` (${f.label.trim()})` : '';
    // "->", not an arrow character: the embedded Inter subsets have no U+2192
    if (ts)
      notes.push({
        number: ++n,
        title: `${title(doc.steps[f.fromStepId])} -> ${title(doc.steps[f.toStepId])}${label}`,
        targetKind: 'flow',
        targetId: f.id,
        threads: ts,
      });
  }
  return notes;
}

/** A numbered dot centred on `at` (a step's top-right corner, a flow's middle). */
export function commentMarkerSvg(number: number, at: Point): string {
  const label = String(number);
  const size = label.length > 2 ? 9 : 11;
  return (
    `<g class="lm-comment-marker"><circle cx="${num(at.x)}" cy="${num(at.y)}" r="${MARKER_R}" fill="${MARKER_FILL}" stroke="#fff" stroke-width="2"/>` +
    `<text x="${num(at.x)}" y="${num(at.y + 0.36 * size)}" font-size="${size}" font-weight="600" fill="#fff" text-anchor="middle">${escapeXml(label)}</text></g>`
  );
}

/** The numbered list, `width` wide from (`x`, `top`); returns its markup and height. */
export function commentListSvg(
  notes: CommentNote[],
  x: number,
  top: number,
  width: number,
  words: { heading: string; anonymous: string },
  formatDate: (iso: string) => string,
): { svg: string; height: number } {
  const out: string[] = ['<g class="lm-comments">'];
  let y = top;
  out.push(`<path d="M${num(x)} ${num(y + 0.5)}H${num(x + width)}" stroke="${RULE}"/>`);
  y += 12;
  out.push(textBlock({ lines: [words.heading], size: 14, lineHeight: 20 }, x, y, { weight: 600, fill: TEXT }));
  y += 28;
  const indent = 2 * MARKER_R + 8;
  const comment = (c: MapComment, left: number) => {
    const w = Math.max(80, x + width - left);
    const date = formatDate(c.createdAt);
    const meta = fitText(date ? `${c.author || words.anonymous} · ${date}` : c.author || words.anonymous, w, 1000, 11, 600, 16 / 11);
    out.push(textBlock(meta, left, y, { weight: 600, fill: MUTED }));
    y += meta.lines.length * meta.lineHeight;
    const text = fitText(c.text, w, 100_000, 12, 400, 17 / 12);
    out.push(textBlock(text, left, y, { fill: TEXT }));
    y += text.lines.length * text.lineHeight + 6;
  };
  for (const note of notes) {
    if (note.number > 0) out.push(commentMarkerSvg(note.number, { x: x + MARKER_R, y: y + 10 }));
    const title = fitText(note.title, Math.max(80, width - indent), 1000, 13, 600, 20 / 13);
    out.push(textBlock(title, x + indent, y, { weight: 600, fill: TEXT }));
    y += title.lines.length * title.lineHeight + 4;
    for (const th of note.threads) {
      comment(th.root, x + indent);
      for (const r of th.replies) comment(r, x + indent + 18);
    }
    y += 8;
  }
  out.push('</g>');
  return { svg: out.join(''), height: y - top };
}
