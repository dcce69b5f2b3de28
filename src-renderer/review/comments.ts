/**
 * Review comments, outside React: adding one through the editor store (the Comments tab, the
 * canvas and the presentation mode all go through `addComment`), threads as the panel lists
 * them, what a comment is about in words, and times as people read them.
 */
import { cmd } from '../../shared/model/commands';
import { newId } from '../../shared/model/ids';
import { LIMITS, type CommentTarget, type MapComment, type MapDoc } from '../../shared/model/types';
import { currentLanguage, formatDate, t } from '../i18n';
import { useSettings } from '../settings/settingsStore';
import type { EditorStore } from '../store/editorStore';

export interface NewComment {
  targetKind: CommentTarget;
  /** The step or flow id; null (or anything) for the map. */
  targetId: string | null;
  text: string;
  /** Any comment of the thread to reply to (the reply joins that thread and reopens it). */
  parentId?: string | null;
}

export type AddCommentFailure = 'noAuthor' | 'empty' | 'tooLong' | 'targetGone' | 'failed';

/** `error` is a sentence in the interface's language, ready to show. */
export type AddCommentResult = { ok: true; id: string } | { ok: false; reason: AddCommentFailure; error: string };

function fail(reason: AddCommentFailure): AddCommentResult {
  const error = reason === 'tooLong' ? t('comments.errors.tooLong', { max: LIMITS.comment }) : t(`comments.errors.${reason}`);
  return { ok: false, reason, error };
}

/**
 * Adds a comment (or a reply) as the user named in Settings, now, as one undoable command.
 * Nothing changes when it fails; the result says why in words.
 */
export function addComment(store: EditorStore, c: NewComment): AddCommentResult {
  const author = useSettings.getState().authorName.trim();
  if (!author) return fail('noAuthor');
  const text = c.text.trim();
  if (!text) return fail('empty');
  if (text.length > LIMITS.comment) return fail('tooLong');
  const doc = store.getState().doc;
  if (!doc) return fail('failed');
  if (c.parentId ? !doc.comments[c.parentId] : !targetExists(doc, c.targetKind, c.targetId)) return fail('targetGone');
  const id = newId();
  const ok = store.getState().run(
    cmd('addComment', {
      id,
      targetKind: c.targetKind,
      targetId: c.targetKind === 'map' ? null : c.targetId,
      parentId: c.parentId ?? null,
      author: author.slice(0, LIMITS.author),
      text,
      at: new Date().toISOString(),
    }),
  );
  return ok ? { ok: true, id } : fail('failed');
}

function targetExists(doc: MapDoc, kind: CommentTarget, id: string | null): boolean {
  if (kind === 'map') return true;
  if (!id) return false;
  return kind === 'step' ? !!doc.steps[id] : !!doc.flows[id];
}

/** A thread: its first comment (which carries the resolved state) and the replies, oldest first. */
export interface Thread {
  root: MapComment;
  replies: MapComment[];
  open: boolean;
  /** The time of its newest comment. */
  lastAt: string;
}

/** Every thread of the map: open ones first, then the most recently active first. */
export function threadsOf(doc: MapDoc): Thread[] {
  const replies = new Map<string, MapComment[]>();
  const roots: MapComment[] = [];
  for (const c of Object.values(doc.comments)) {
    if (!c.parentId) roots.push(c);
    else replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  }
  const byTime = (a: MapComment, b: MapComment) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  const threads = roots.map((root) => {
    const rs = (replies.get(root.id) ?? []).sort(byTime);
    return { root, replies: rs, open: !root.resolvedAt, lastAt: rs.length ? rs[rs.length - 1]!.createdAt : root.createdAt };
  });
  return threads.sort((a, b) => Number(b.open) - Number(a.open) || b.lastAt.localeCompare(a.lastAt) || a.root.id.localeCompare(b.root.id));
}

/** The number of comments in open threads, per step and per flow (the canvas markers). */
export function openCommentCounts(doc: MapDoc): { steps: Map<string, number>; flows: Map<string, number> } {
  const steps = new Map<string, number>();
  const flows = new Map<string, number>();
  for (const c of Object.values(doc.comments)) {
    const root = c.parentId ? doc.comments[c.parentId] : c;
    if (!root || root.resolvedAt || !c.targetId) continue;
    const into = c.targetKind === 'step' ? steps : c.targetKind === 'flow' ? flows : null;
    into?.set(c.targetId, (into.get(c.targetId) ?? 0) + 1);
  }
  return { steps, flows };
}

/** What a comment is about, in words: the step's title, "From → To", or "The map". */
export function targetLabel(doc: MapDoc, kind: CommentTarget, id: string | null): string {
  if (kind === 'map') return t('comments.target.map');
  const stepTitle = (stepId: string) => {
    const s = doc.steps[stepId];
    return s ? s.title.trim() || t('common.untitledStep') : t('comments.target.gone');
  };
  if (kind === 'step') return id && doc.steps[id] ? stepTitle(id) : t('comments.target.gone');
  const f = id ? doc.flows[id] : undefined;
  if (!f) return t('comments.target.gone');
  return t('comments.target.flow', { from: stepTitle(f.fromStepId), to: stepTitle(f.toStepId) });
}

/** What a new comment would be about: the one selected step or flow, else the map. */
export function selectionTarget(doc: MapDoc, selection: { steps: string[]; flows: string[] }): { kind: CommentTarget; id: string | null } {
  if (selection.steps.length === 1 && doc.steps[selection.steps[0]!]) return { kind: 'step', id: selection.steps[0]! };
  if (selection.steps.length === 0 && selection.flows.length === 1 && doc.flows[selection.flows[0]!]) return { kind: 'flow', id: selection.flows[0]! };
  return { kind: 'map', id: null };
}

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();

/** "just now", "5 min ago", "3 hours ago", "yesterday"; past a week the date itself. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return '—';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45 && seconds > -45) return t('comments.justNow');
  const lng = currentLanguage();
  let rtf = rtfCache.get(lng);
  if (!rtf) rtfCache.set(lng, (rtf = new Intl.RelativeTimeFormat(lng, { numeric: 'auto', style: 'short' })));
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return rtf.format(-hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 7) return rtf.format(-days, 'day');
  return formatDate(iso);
}
