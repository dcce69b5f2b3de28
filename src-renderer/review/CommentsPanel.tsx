/**
 * The Comments tab: a box for a comment on what is selected (or on the map), then the threads,
 * open ones first, filtered (open / resolved / all). Each thread says what it is about; a click
 * selects that step or flow and brings it into view. Every change is an undoable command.
 */
import { useReactFlow } from '@xyflow/react';
import { CheckCircle2, MessageSquare, Pencil, RotateCcw, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { cmd } from '../../shared/model/commands';
import { LIMITS, type MapComment, type MapDoc } from '../../shared/model/types';
import { revealStep } from '../canvas/viewport';
import { formatDate, useLanguage, useT } from '../i18n';
import { useSettings } from '../settings/settingsStore';
import { useEditor, useEditorStore } from '../store/context';
import { CommentComposer } from './CommentComposer';
import { relativeTime, selectionTarget, targetLabel, threadsOf, type Thread } from './comments';
import { useReviewUi, type CommentFilter } from './reviewUi';
import { LimitedTextarea } from '../components/limits/useTextLimit';

const FILTERS: CommentFilter[] = ['open', 'resolved', 'all'];

/** Re-renders every half minute so "5 min ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function CommentsPanel() {
  const t = useT();
  useLanguage();
  const doc = useEditor((s) => s.doc)!;
  const selection = useEditor((s) => s.selection);
  const filter = useReviewUi((s) => s.filter);
  const focusPending = useReviewUi((s) => s.focusPending);
  const activeId = useReviewUi((s) => s.activeThreadId);
  const now = useNow();
  const threads = useMemo(() => threadsOf(doc), [doc]);
  const target = selectionTarget(doc, selection);
  const shown = threads.filter((th) => filter === 'all' || (filter === 'open') === th.open);
  const newBox = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusPending) return;
    newBox.current?.querySelector('textarea')?.focus();
    useReviewUi.getState().focusDone();
  }, [focusPending]);
  const counts = { open: threads.filter((th) => th.open).length, resolved: threads.filter((th) => !th.open).length, all: threads.length };

  return (
    <div className="side-panel review-panel comments-panel">
      <section ref={newBox} className="comment-new" aria-label={t('comments.newOn', { target: targetLabel(doc, target.kind, target.id) })}>
        <p className="comment-new-target muted">{t('comments.newOn', { target: targetLabel(doc, target.kind, target.id) })}</p>
        <CommentComposer target={target} onDone={(id) => useReviewUi.getState().setActiveThread(id)} />
      </section>
      <div className="comment-filter" role="radiogroup" aria-label={t('comments.filter.label')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={filter === f}
            className={filter === f ? 'is-active' : ''}
            onClick={() => useReviewUi.getState().setFilter(f)}
          >
            {t(`comments.filter.${f}`)} <span className="count">{counts[f]}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted comment-empty">{t(`comments.empty.${filter}`)}</p>
      ) : (
        <ul className="comment-threads">
          {shown.map((th) => (
            <ThreadView key={th.root.id} thread={th} doc={doc} now={now} active={th.root.id === activeId} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ThreadView({ thread, doc, now, active }: { thread: Thread; doc: MapDoc; now: number; active: boolean }) {
  const t = useT();
  const store = useEditorStore();
  const flow = useReactFlow();
  const [replying, setReplying] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  const { root } = thread;
  const label = targetLabel(doc, root.targetKind, root.targetId);

  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  /** Selects what the thread is about and brings it into view. */
  function reveal() {
    useReviewUi.getState().setActiveThread(root.id);
    const d = store.getState().doc;
    if (!d || !root.targetId) return;
    if (root.targetKind === 'step' && d.steps[root.targetId]) {
      store.getState().select({ steps: [root.targetId], flows: [] });
      revealStep(flow, d, root.targetId);
    } else if (root.targetKind === 'flow' && d.flows[root.targetId]) {
      store.getState().select({ steps: [], flows: [root.targetId] });
      revealStep(flow, d, d.flows[root.targetId]!.fromStepId);
    }
  }

  function setResolved(resolved: boolean) {
    store.getState().run(cmd('resolveComment', { id: root.id, resolved, by: useSettings.getState().authorName.trim(), at: new Date().toISOString() }));
  }

  return (
    <li
      ref={ref}
      className={`comment-thread${thread.open ? '' : ' is-resolved'}${active ? ' is-active' : ''}`}
      data-thread-id={root.id}
      aria-label={t('comments.thread', { target: label })}
    >
      <button type="button" className="comment-target" onClick={reveal} title={label}>
        <MessageSquare size={13} aria-hidden />{' '}
        <span translate="no" dir="auto">
          {label}
        </span>
      </button>
      <CommentView comment={root} now={now} />
      {thread.replies.length > 0 && (
        <ul className="comment-replies" aria-label={t('comments.replies', { count: thread.replies.length })}>
          {thread.replies.map((r) => (
            <li key={r.id}>
              <CommentView comment={r} now={now} />
            </li>
          ))}
        </ul>
      )}
      {!thread.open && (
        <p className="comment-resolved muted">
          {root.resolvedBy
            ? t('comments.resolvedBy', { name: root.resolvedBy, time: relativeTime(root.resolvedAt!, now) })
            : t('comments.resolvedNoName', { time: relativeTime(root.resolvedAt!, now) })}
        </p>
      )}
      {replying ? (
        <CommentComposer
          target={{ kind: root.targetKind, id: root.targetId }}
          parentId={root.id}
          autoFocus
          onDone={() => setReplying(false)}
          onCancel={() => setReplying(false)}
          className="is-reply"
        />
      ) : (
        <div className="comment-thread-actions">
          <button type="button" onClick={() => setReplying(true)}>
            {t('comments.reply')}
          </button>
          {thread.open ? (
            <button type="button" onClick={() => setResolved(true)}>
              <CheckCircle2 size={14} aria-hidden /> {t('comments.resolve')}
            </button>
          ) : (
            <button type="button" onClick={() => setResolved(false)}>
              <RotateCcw size={14} aria-hidden /> {t('comments.reopen')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function CommentView({ comment, now }: { comment: MapComment; now: number }) {
  const t = useT();
  const store = useEditorStore();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.text);

  function save() {
    if (draft.trim() === comment.text) setEditing(false);
    else if (store.getState().run(cmd('editComment', { id: comment.id, text: draft }))) setEditing(false);
  }

  return (
    <article className="comment" data-comment-id={comment.id}>
      <header className="comment-head">
        <span className="comment-author-name" translate="no" dir="auto">
          {comment.author || t('comments.anonymous')}
        </span>
        <time className="muted" dateTime={comment.createdAt} title={formatDate(comment.createdAt)}>
          {relativeTime(comment.createdAt, now)}
        </time>
        {!editing && (
          <span className="comment-tools">
            <button
              type="button"
              className="icon"
              title={t('comments.edit')}
              aria-label={t('comments.edit')}
              onClick={() => {
                setDraft(comment.text);
                setEditing(true);
              }}
            >
              <Pencil size={13} aria-hidden />
            </button>
            <button
              type="button"
              className="icon"
              title={t('comments.delete')}
              aria-label={t('comments.delete')}
              onClick={() => store.getState().run(cmd('deleteComment', { id: comment.id }))}
            >
              <Trash2 size={13} aria-hidden />
            </button>
          </span>
        )}
      </header>
      {editing ? (
        <form
          className="comment-edit"
          data-submit-on-ctrl-enter
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <LimitedTextarea
            value={draft}
            rows={3}
            maxLength={LIMITS.comment}
            aria-label={t('comments.edit')}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                save();
              } else if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(false);
              }
            }}
          />
          <div className="comment-composer-actions">
            <button type="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={!draft.trim()}>
              {t('comments.save')}
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text" translate="no" dir="auto">
          {comment.text}
        </p>
      )}
    </article>
  );
}
