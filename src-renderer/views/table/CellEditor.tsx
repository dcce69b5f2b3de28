/**
 * Editing one cell of the step table in place: a text box for titles, durations, lists and
 * descriptions (it grows to show all of a long text), a filtered list for kind, role and
 * phase. The editor says how the edit ended — saved and moving on, or cancelled — and the grid
 * moves and takes the keyboard back.
 *
 * The editor's own keyboard shortcuts blur a text field on Escape before the field sees the
 * key, so a blur only saves a moment later, when no Escape came with it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { foldText } from '../../../shared/model/search';
import { LIMITS } from '../../../shared/model/types';
import type { TableColumn } from '../../../shared/views/table';
import { useT } from '../../i18n';
import { LimitedInput, LimitedTextarea } from '../../components/limits/useTextLimit';

/** How an edit ended: the move after it (rows, columns), or null when it was cancelled. */
export type EditEnd = { dRow: number; dCol: number } | null;

const MAX_LENGTH: Partial<Record<TableColumn, number>> = {
  title: LIMITS.title,
  description: LIMITS.description,
  duration: 60,
  wait: 60,
  // a list of items: every item at its limit, and a separator between
  inputs: LIMITS.itemsPerList * (LIMITS.itemLabel + 2),
  outputs: LIMITS.itemsPerList * (LIMITS.itemLabel + 2),
  resources: LIMITS.itemsPerList * (LIMITS.itemLabel + 2),
};

export function TextCellEditor(props: {
  column: TableColumn;
  /** The text the box starts with: the cell's, or what was typed to start editing. */
  initial: string;
  /** The cell's text before the edit: leaving it unchanged saves nothing. */
  original: string;
  label: string;
  hint: string;
  /** Saves the text; returns a problem to show (the editor stays open) or null. */
  onCommit(text: string): string | null;
  onEnd(end: EditEnd): void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  // set once the edit has ended, so a late blur or the unmount does not save it again
  const done = useRef(false);
  const latest = useRef({ text, props });
  latest.current = { text, props };

  useLayoutEffect(() => {
    const el = ref.current!;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
    // an editor wider than its cell near the right edge: scroll it into view
    el.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, []);

  // grow with the text (up to a limit, then scroll)
  useLayoutEffect(() => {
    const el = ref.current!;
    el.style.height = '0px';
    el.style.height = `${Math.min(el.scrollHeight + 2, 240)}px`;
  }, [text]);

  // switching views or maps while editing keeps what was typed
  useEffect(
    () => () => {
      if (done.current) return;
      done.current = true;
      const { text: t, props: p } = latest.current;
      if (t !== p.original) p.onCommit(t);
    },
    [],
  );

  const finish = (end: EditEnd) => {
    if (done.current) return;
    if (end) {
      const problem = text === props.original ? null : props.onCommit(text);
      if (problem) {
        setError(problem);
        ref.current?.focus({ preventScroll: true });
        return;
      }
    }
    done.current = true;
    props.onEnd(end);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      done.current = true;
      props.onEnd(null);
    } else if (e.key === 'Enter' && e.altKey) {
      // a new line, as in Excel
      e.preventDefault();
      const el = e.currentTarget;
      el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
      setText(el.value);
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      finish({ dRow: e.shiftKey ? -1 : 1, dCol: 0 });
    } else if (e.key === 'Tab') {
      e.preventDefault();
      finish({ dRow: 0, dCol: e.shiftKey ? -1 : 1 });
    }
  };

  return (
    <div className="table-editor" translate="yes" onMouseDown={(e) => e.stopPropagation()}>
      <LimitedTextarea
        ref={ref}
        className={`table-editor-text is-${props.column}`}
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        aria-describedby="table-editor-hint"
        value={text}
        maxLength={MAX_LENGTH[props.column]}
        rows={1}
        spellCheck={props.column === 'title' || props.column === 'description'}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // after the key that caused it (Escape cancels; see the file's comment)
          setTimeout(() => finish({ dRow: 0, dCol: 0 }), 0);
        }}
      />
      {error ? (
        <p className="table-editor-error" role="alert" id="table-editor-hint">
          {error}
        </p>
      ) : (
        <p className="table-editor-hint" id="table-editor-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

export interface ListOption {
  /** An id (a kind, role or phase), '' for "no phase", or null for "create one named by the filter". */
  value: string | null;
  label: string;
  color?: string;
}

export function ListCellEditor(props: {
  label: string;
  options: ListOption[];
  current: string;
  /** Text typed to open the list (filters it). */
  initialFilter: string;
  /** The option offered to create a lane or phase named by the filter (none for kinds). */
  createLabel?: (name: string) => string;
  onPick(value: string | null, filter: string): string | null;
  onEnd(end: EditEnd): void;
}) {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [filter, setFilter] = useState(props.initialFilter);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const shown = useMemo(() => {
    const f = foldText(filter);
    const list = f ? props.options.filter((o) => foldText(o.label).includes(f)) : props.options;
    const exact = props.options.some((o) => foldText(o.label) === f);
    return props.createLabel && f && !exact ? [...list, { value: null, label: props.createLabel(filter.trim()) }] : list;
  }, [filter, props.options, props.createLabel]); // eslint-disable-line react-hooks/exhaustive-deps
  // the current value, or (opened by typing) the first match
  const [active, setActive] = useState(() =>
    props.initialFilter
      ? 0
      : Math.max(
          0,
          props.options.findIndex((o) => o.value === props.current),
        ),
  );
  const index = Math.min(active, shown.length - 1);
  const [above, setAbove] = useState(false);

  useLayoutEffect(() => {
    inputRef.current?.focus({ preventScroll: true });
    boxRef.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // open upwards when there is no room below (the last rows of the table)
    const box = boxRef.current?.getBoundingClientRect();
    const pane = boxRef.current?.closest('.table-scroll')?.getBoundingClientRect();
    if (box && pane && box.bottom > pane.bottom && box.top - pane.top > pane.bottom - box.top) setAbove(true);
  }, []);
  useEffect(() => {
    boxRef.current?.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const pick = (i: number, end: EditEnd) => {
    const o = shown[i];
    if (!o || done.current) return;
    const problem = props.onPick(o.value, filter.trim());
    if (problem) {
      setError(problem);
      return;
    }
    done.current = true;
    props.onEnd(end);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = shown.length;
      if (n) setActive((index + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(index, { dRow: e.shiftKey ? -1 : 1, dCol: 0 });
    } else if (e.key === 'Tab') {
      e.preventDefault();
      pick(index, { dRow: 0, dCol: e.shiftKey ? -1 : 1 });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      done.current = true;
      props.onEnd(null);
    }
  };
  const listId = 'table-editor-list';

  return (
    <div className={`table-editor table-list${above ? ' is-above' : ''}`} translate="yes" ref={boxRef} onMouseDown={(e) => e.stopPropagation()}>
      <LimitedInput
        ref={inputRef}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[index] ? `${listId}-${index}` : undefined}
        aria-label={props.label}
        placeholder={t('tableView.listFilter')}
        value={filter}
        maxLength={LIMITS.roleName}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() =>
          setTimeout(() => {
            if (done.current) return;
            done.current = true;
            props.onEnd(null);
          }, 0)
        }
      />
      <ul role="listbox" id={listId} aria-label={props.label}>
        {shown.map((o, i) => (
          <li
            key={`${o.value}:${i}`}
            id={`${listId}-${i}`}
            data-index={i}
            role="option"
            aria-selected={i === index}
            className={`${i === index ? 'is-active' : ''}${o.value === null ? ' is-create' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(i, { dRow: 0, dCol: 0 });
            }}
            onMouseEnter={() => setActive(i)}
          >
            {o.color && <span className="table-dot" style={{ background: o.color }} aria-hidden />}
            <span translate={o.value === null ? undefined : 'no'}>{o.label}</span>
          </li>
        ))}
        {shown.length === 0 && <li className="table-list-empty">{t('tableView.nothingFound')}</li>}
      </ul>
      {error && (
        <p className="table-editor-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
