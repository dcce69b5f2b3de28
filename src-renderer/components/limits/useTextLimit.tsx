/**
 * Limits said, not silent: a text field with a `maxLength` shows a counter once its text nears
 * the limit (from 80 % of it, "287 / 300", in a polite live region) and, when typed, pasted or
 * dropped text is cut to the limit, a notice beside it ("Cut to 300 characters: …").
 *
 * `useTextLimit(max, value)` gives the handlers to spread on the field and the note to render
 * beside it; `LimitedInput` and `LimitedTextarea` are drop-in `<input>` / `<textarea>` that do
 * both (and show text in any script the right way round: `dir="auto"`).
 */
import {
  useEffect,
  useId,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type TextareaHTMLAttributes,
} from 'react';
import { useT } from '../../i18n';
import './limits.css';

/** From this share of the limit on, the counter shows. */
export const COUNTER_FROM = 0.8;

type Field = HTMLInputElement | HTMLTextAreaElement;

/** The length the field's text would have after inserting `text` in place of its selection (before the browser cuts it). */
export function lengthAfterInsert(field: Field, text: string): number {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  // a textarea keeps line breaks as "\n" whatever the clipboard had
  const inserted = field instanceof HTMLTextAreaElement ? text.replace(/\r\n?/g, '\n') : text.replace(/[\r\n]+/g, '');
  return field.value.length - (end - start) + inserted.length;
}

export interface TextLimit {
  /** Spread on the field (merge with its own handlers through `merge`). */
  fieldProps: {
    onPaste(e: ClipboardEvent<Field>): void;
    onDrop(e: DragEvent<Field>): void;
    onBeforeInput(e: FormEvent<Field>): void;
    'aria-describedby': string;
  };
  /** The counter and notice, to render beside the field. */
  note: ReactNode;
}

export function useTextLimit(max: number, value: string): TextLimit {
  const t = useT();
  const id = useId();
  const [cut, setCut] = useState(false);
  const near = value.length >= Math.ceil(max * COUNTER_FROM);
  // the notice goes once the text is shorter than the limit again
  useEffect(() => {
    if (value.length < max) setCut(false);
  }, [value, max]);
  const check = (field: Field, text: string) => {
    if (text && lengthAfterInsert(field, text) > max) setCut(true);
  };
  return {
    fieldProps: {
      onPaste: (e) => check(e.currentTarget, e.clipboardData.getData('text/plain')),
      onDrop: (e) => check(e.currentTarget, e.dataTransfer.getData('text/plain')),
      onBeforeInput: (e) => check(e.currentTarget, (e.nativeEvent as InputEvent).data ?? ''),
      'aria-describedby': id,
    },
    note: (
      <span className="limit-note" id={id} role="status" aria-live="polite">
        {cut && <span className="limit-cut">{t('limits.cut', { count: max })}</span>}
        {near && (
          <span className={value.length >= max ? 'limit-counter full' : 'limit-counter'} aria-label={t('limits.counterLabel', { n: value.length, max })}>
            {t('limits.counter', { n: value.length, max })}
          </span>
        )}
      </span>
    ),
  };
}

/** Calls both handlers (the field's own and the limit's). */
function both<E>(a: ((e: E) => void) | undefined, b: (e: E) => void) {
  return (e: E) => {
    a?.(e);
    b(e);
  };
}

/** The limit's props merged into a field's props (handlers chained, descriptions joined). */
export function withLimit<P extends { onPaste?: unknown; onDrop?: unknown; onBeforeInput?: unknown; 'aria-describedby'?: string }>(
  props: P,
  limit: TextLimit,
): P {
  const f = limit.fieldProps;
  return {
    ...props,
    onPaste: both(props.onPaste as never, f.onPaste),
    onDrop: both(props.onDrop as never, f.onDrop),
    onBeforeInput: both(props.onBeforeInput as never, f.onBeforeInput),
    'aria-describedby': [props['aria-describedby'], f['aria-describedby']].filter(Boolean).join(' '),
  };
}

/** What React takes as a field's value: a string, a number or (for a multiple select) a list. */
type FieldValue = string | number | readonly string[] | undefined | null;
const asText = (v: FieldValue): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(',') : String(v));

/** The text a controlled or uncontrolled field holds now (an uncontrolled one is followed through its input events). */
function useFieldText(value: FieldValue, defaultValue: FieldValue): [string, (e: FormEvent<Field>) => void] {
  const [own, setOwn] = useState(asText(defaultValue));
  const controlled = value !== undefined;
  return [controlled ? asText(value) : own, (e) => !controlled && setOwn(e.currentTarget.value)];
}

/** Without a `maxLength` (a column that has none), the field is a plain one with `dir="auto"`. */
type InputProps = InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };
type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> };

/** An `<input>` with a limit that says so (counter near it, notice when text is cut). */
export function LimitedInput(props: InputProps) {
  const [text, follow] = useFieldText(props.value, props.defaultValue);
  const limit = useTextLimit(props.maxLength ?? Infinity, text);
  return (
    <>
      <input dir="auto" {...withLimit(props, limit)} onInput={both(props.onInput, follow)} />
      {limit.note}
    </>
  );
}

/** A `<textarea>` with a limit that says so (counter near it, notice when text is cut). */
export function LimitedTextarea(props: TextareaProps) {
  const [text, follow] = useFieldText(props.value, props.defaultValue);
  const limit = useTextLimit(props.maxLength ?? Infinity, text);
  return (
    <>
      <textarea dir="auto" {...withLimit(props, limit)} onInput={both(props.onInput, follow)} />
      {limit.note}
    </>
  );
}
