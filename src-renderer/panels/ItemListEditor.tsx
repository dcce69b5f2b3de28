/** Edits one ordered list of a step: inputs, outputs or resources. */
import { ArrowDown, ArrowUp, LogIn, LogOut, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { foldText } from '../../shared/model/search';
import { LIMITS, type ItemKind, type ItemParty } from '../../shared/model/types';
import { useT } from '../i18n';
import { LimitedInput } from '../components/limits/useTextLimit';

interface Props {
  /** Which list: its heading and the accessible names of its buttons come from `inspector.items.<kind>`. */
  kind: ItemKind;
  items: string[];
  suggestions: string[];
  /** Returns whether the change was made (a refused one keeps what was typed). */
  onChange(items: string[]): boolean;
  /** Inputs and outputs: the outside parties named for this list's items, and how to set one (null clears). */
  parties?: ItemParty[];
  partySuggestions?: string[];
  onParty?(item: string, party: string | null): void;
}

export function ItemListEditor({ kind, items, suggestions, onChange, parties, partySuggestions, onParty }: Props) {
  const t = useT();
  const title = t(`inspector.items.${kind}.title`);
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
              <span className="item-label" translate="no" dir="auto">
                {item}
              </span>
              {onParty && kind !== 'resources' && (
                <PartyField
                  kind={kind}
                  item={item}
                  party={parties?.find((p) => foldText(p.item) === foldText(item))?.party ?? ''}
                  suggestions={partySuggestions ?? []}
                  onParty={onParty}
                />
              )}
              <button className="icon-button" aria-label={t(`inspector.items.${kind}.moveUp`, { item })} disabled={i === 0} onClick={() => move(i, -1)}>
                <ArrowUp size={13} />
              </button>
              <button
                className="icon-button"
                aria-label={t(`inspector.items.${kind}.moveDown`, { item })}
                disabled={i === items.length - 1}
                onClick={() => move(i, 1)}
              >
                <ArrowDown size={13} />
              </button>
              <button
                className="icon-button"
                aria-label={t(`inspector.items.${kind}.remove`, { item })}
                onClick={() => onChange(items.filter((_, j) => j !== i))}
              >
                <X size={13} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="item-add">
        <LimitedInput
          aria-label={t(`inspector.items.${kind}.newLabel`)}
          placeholder={t(`inspector.items.${kind}.placeholder`)}
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
        <button aria-label={t(`inspector.items.${kind}.add`)} onClick={add} disabled={!draft.trim()}>
          {t('common.add')}
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

/**
 * Who outside the map an input comes from or an output goes to: a chip with the party (a click
 * edits it), or a small button to name one. Enter keeps, Escape drops, an empty field clears it.
 */
function PartyField({
  kind,
  item,
  party,
  suggestions,
  onParty,
}: {
  kind: 'inputs' | 'outputs';
  item: string;
  party: string;
  suggestions: string[];
  onParty(item: string, party: string | null): void;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(party);
  const listId = useId();
  const skip = useRef(false);
  const commit = () => {
    setEditing(false);
    if (skip.current) {
      skip.current = false;
      return;
    }
    const next = draft.trim();
    if (next !== party) onParty(item, next || null);
  };
  if (editing) {
    return (
      <span className="item-party-edit">
        <LimitedInput
          autoFocus
          aria-label={t('inspector.party.field', { item })}
          placeholder={t('inspector.party.placeholder')}
          list={listId}
          value={draft}
          maxLength={LIMITS.party}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.blur();
            } else if (e.key === 'Escape') {
              skip.current = true;
              e.currentTarget.blur();
            }
          }}
        />
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </span>
    );
  }
  const Icon = kind === 'inputs' ? LogIn : LogOut;
  const open = () => {
    setDraft(party);
    setEditing(true);
  };
  return party ? (
    <button className="item-party" aria-label={t('inspector.party.field', { item })} title={t('inspector.party.field', { item })} onClick={open}>
      <span translate="no" dir="auto">
        {t(kind === 'inputs' ? 'inspector.party.from' : 'inspector.party.to', { party })}
      </span>
    </button>
  ) : (
    <button
      className="icon-button item-party-add"
      aria-label={t(kind === 'inputs' ? 'inspector.party.markFrom' : 'inspector.party.markTo', { item })}
      title={t(kind === 'inputs' ? 'inspector.party.markFrom' : 'inspector.party.markTo', { item })}
      onClick={open}
    >
      <Icon size={13} />
    </button>
  );
}
