/** Edits one ordered list of a step: inputs, outputs or resources. */
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useId, useState } from 'react';
import { LIMITS } from '../../shared/model/types';

interface Props {
  /** Plural name shown as heading, e.g. "Inputs". */
  title: string;
  /** Singular, for accessible names: "input". */
  noun: string;
  items: string[];
  suggestions: string[];
  onChange(items: string[]): void;
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
  const add = () => {
    const label = draft.trim();
    if (!label) return;
    if (items.includes(label)) {
      setDraft('');
      return;
    }
    onChange([...items, label]);
    setDraft('');
  };
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
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
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
