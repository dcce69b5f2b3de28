/**
 * A text field that edits a document value: typing is kept locally and committed after a
 * short pause, on blur and on Enter (single line), so every keystroke is not an undo step
 * but nothing typed is lost if the app closes a moment later. Near its limit it shows a
 * counter, and says so when typed or pasted text is cut (limits/useTextLimit.tsx).
 */
import { useEffect, useRef, useState } from 'react';
import { useTextLimit } from './limits/useTextLimit';

interface Props {
  id?: string;
  label: string;
  value: string;
  onCommit(value: string): void;
  multiline?: boolean;
  /** One line of text shown wrapped over as many lines as it needs (a name in a narrow panel): Enter commits, line breaks become spaces. */
  wrap?: boolean;
  maxLength: number;
  placeholder?: string;
  className?: string;
  /** Refuse an empty value (restores the last one). */
  required?: boolean;
  rows?: number;
  /** Each keystroke's text before it is committed, then null once committed or left (e.g. to show it live elsewhere). */
  onDraft?(value: string | null): void;
}

const PAUSE_MS = 400;

export function CommitField({ id, label, value, onCommit, multiline, wrap, maxLength, placeholder, className, required, rows, onDraft }: Props) {
  const [draft, setDraft] = useState(value);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const limit = useTextLimit(maxLength, draft);
  const latest = useRef({ value, onCommit, draft, onDraft });
  latest.current = { value, onCommit, draft, onDraft };

  useEffect(() => {
    if (!dirty.current) setDraft(value);
  }, [value]);

  /** `final`: the user left the field (blur, Enter, unmount), not just paused typing. */
  const commit = (final = true) => {
    clearTimeout(timer.current);
    if (!dirty.current) return;
    const { draft: d, value: v, onCommit: fn } = latest.current;
    if (required && !d.trim()) {
      // an emptied name is still being retyped: only give the old one back when the user leaves
      if (!final) return;
      dirty.current = false;
      setDraft(v);
      return;
    }
    dirty.current = false;
    if (d !== v) fn(d);
    latest.current.onDraft?.(null);
  };

  // commit what was typed if the field goes away (selection changed, panel closed)
  useEffect(() => () => commit(), []); // eslint-disable-line react-hooks/exhaustive-deps

  const common = {
    id,
    dir: 'auto',
    'aria-label': label,
    value: draft,
    maxLength,
    placeholder,
    className,
    onChange: (e: { target: { value: string } }) => {
      dirty.current = true;
      setDraft(e.target.value);
      onDraft?.(e.target.value);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(false), PAUSE_MS);
    },
    onBlur: () => commit(),
    ...limit.fieldProps,
  };
  const field = wrap ? (
    <textarea
      {...common}
      className={`${className ?? ''} wrap-field`.trim()}
      rows={1}
      onChange={(e) => common.onChange({ target: { value: e.target.value.replace(/[\r\n]+/g, ' ') } })}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
    />
  ) : multiline ? (
    <textarea {...common} rows={rows ?? 3} />
  ) : (
    <input
      {...common}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
  return (
    <>
      {field}
      {limit.note}
    </>
  );
}
