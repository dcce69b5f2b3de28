/**
 * A box to write a comment or a reply and post it (button or Ctrl/Cmd+Enter). Used by the
 * Comments tab and the presentation mode. When no author name is set yet, it asks for one
 * right here, once, and keeps it in Settings.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { LIMITS, type CommentTarget } from '../../shared/model/types';
import { useT } from '../i18n';
import { useSettings } from '../settings/settingsStore';
import { useEditorStore } from '../store/context';
import { addComment } from './comments';
import { LimitedInput, LimitedTextarea } from '../components/limits/useTextLimit';

export interface CommentComposerProps {
  /** What a new thread is about; ignored for a reply (it joins `parentId`'s thread). */
  target: { kind: CommentTarget; id: string | null };
  parentId?: string;
  /** After a successful post, with the new comment's id. */
  onDone?(id: string): void;
  /** Escape in the box, or the Cancel button (shown only when given). */
  onCancel?(): void;
  autoFocus?: boolean;
  /** Changing it focuses the box again (e.g. a keyboard shortcut asked for it). */
  focusKey?: number;
  placeholder?: string;
  className?: string;
}

export function CommentComposer({ target, parentId, onDone, onCancel, autoFocus, focusKey, placeholder, className }: CommentComposerProps) {
  const t = useT();
  const store = useEditorStore();
  const authorName = useSettings((s) => s.authorName);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();
  const needsName = !authorName.trim();

  useEffect(() => {
    if (autoFocus) box.current?.focus();
    // only on mount
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const seenFocusKey = useRef(focusKey);
  useEffect(() => {
    if (focusKey === seenFocusKey.current) return;
    seenFocusKey.current = focusKey;
    box.current?.focus();
  }, [focusKey]);

  async function post() {
    if (busy) return;
    setError('');
    if (needsName) {
      const typed = name.trim();
      if (!typed) {
        setError(t('comments.errors.noAuthor'));
        return;
      }
      setBusy(true);
      const saved = await useSettings.getState().update({ authorName: typed });
      setBusy(false);
      if (!saved) return;
    }
    const result = addComment(store, { targetKind: target.kind, targetId: target.id, text, parentId });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setText('');
    onDone?.(result.id);
  }

  return (
    <form
      className={`comment-composer${className ? ` ${className}` : ''}`}
      // Ctrl/Cmd+Enter in this box posts rather than adding the next step (see useEditorShortcuts)
      data-submit-on-ctrl-enter
      onSubmit={(e) => {
        e.preventDefault();
        void post();
      }}
    >
      {needsName && (
        <label className="field comment-author">
          <span>{t('comments.authorLabel')}</span>
          <LimitedInput type="text" value={name} maxLength={LIMITS.author} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </label>
      )}
      <LimitedTextarea
        ref={box}
        value={text}
        rows={parentId ? 2 : 3}
        maxLength={LIMITS.comment}
        placeholder={placeholder ?? t(parentId ? 'comments.replyPlaceholder' : 'comments.placeholder')}
        aria-label={placeholder ?? t(parentId ? 'comments.replyPlaceholder' : 'comments.placeholder')}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (error) setError('');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void post();
          } else if (e.key === 'Escape' && onCancel) {
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      {error && (
        <p className="comment-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer-actions">
        <span className="muted comment-hint">{t('comments.postHint')}</span>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="primary" disabled={busy || !text.trim()}>
          {t(parentId ? 'comments.reply' : 'comments.post')}
        </button>
      </div>
    </form>
  );
}
