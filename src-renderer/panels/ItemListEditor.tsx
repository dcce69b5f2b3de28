/** Edits one ordered list of a step: inputs, outputs or resources. */
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { LIMITS } from '../../shared/model/types';

interface Props {
  /** Plural name shown as heading, e.g. "Inputs". */
  title: string;
  /** Singular, for accessible names: "input". */
  noun: string;
  items: string[];
  suggestions: string[];
  /** Returns whether the change was made (a refused one keeps what was typed). */
  onChange(items: string[]): boolean;
}

export function ItemListEditor({ title, noun, items, suggestions, onChange }: Props) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const move = (i: number, by: number) => {
    const next = [...items];
    const [it] = next.splice(i, 1);
    next.splice(i + by, 0, it!);
    onChange(next);
  };
  const cancelled = useRef(false);
  const add = () => {
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    const label = draft.trim();
    if (!label) return;
    if (items.includes(label) || onChange([...items, label])) setDraft('');
  };
  // something typed but not yet added is added when the field is left or goes away
  const pending = useRef({ add, draft });
  pending.current = { add, draft };
  useEffect(() => () => pending.current.add(), []);
  const offered = suggestions.filter((s) => !items.includes(s));
  return (
    <section className="item-list" aria-label={title}>
      <h3>
        {title} <span className="muted">{items.length || ''}</span>
      </h3>
      {items.length > 0 && (
        <ul>
          {items.map((item, i) => (
            <li key={`${i}:${item}`}>
              <span className="item-label">{item}</span>
              <button className="icon-button" aria-label={`Move ${noun} “${item}” up`} disabled={i === 0} onClick={() => move(i, -1)}>
                <ArrowUp size={13} />
              </button>
              <button className="icon-button" aria-label={`Move ${noun} “${item}” down`} disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                <ArrowDown size={13} />
              </button>
              <button className="icon-button" aria-label={`Remove ${noun} “${item}”`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
                <X size={13} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="item-add">
        <input
          aria-label={`New ${noun}`}
          placeholder={`Add ${noun}…`}
          list={listId}
          value={draft}
          maxLength={LIMITS.itemLabel}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={add}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            } else if (e.key === 'Escape') {
              // Escape drops what was typed instead of adding it
              cancelled.current = true;
              setDraft('');
            }
          }}
        />
        <button aria-label={`Add ${noun}`} onClick={add} disabled={!draft.trim()}>
          Add
        </button>
        <datalist id={listId}>
          {offered.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
    </section>
  );
}
