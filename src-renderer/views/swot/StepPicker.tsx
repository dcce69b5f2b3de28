/**
 * Which steps a SWOT note is about: a small box under the note with a search over the steps'
 * titles (any case, «ё» as «е») and the steps as a list to tick. ↑ ↓ choose, Enter or Space
 * links or unlinks the step (one `linkSwotNote` each, so each is undone on its own), Esc or a
 * click outside closes it.
 */
import { Check } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { matchesQuery } from '../../../shared/model/search';
import type { MapDoc } from '../../../shared/model/types';
import { stepsInReadingOrder } from '../../../shared/views/raci';
import { useT } from '../../i18n';

/** Steps listed at once: a 2,000-step map is searched, not scrolled. */
const SHOWN = 60;

export function StepPicker({ doc, selected, onChange, onClose }: { doc: MapDoc; selected: string[]; onChange(stepIds: string[]): void; onClose(): void }) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ordered = useMemo(() => stepsInReadingOrder(doc).filter((s) => s.kind !== 'start' && s.kind !== 'end'), [doc]);
  const found = useMemo(() => ordered.filter((s) => matchesQuery(query, s.title)), [ordered, query]);
  const shown = found.slice(0, SHOWN);
  const current = Math.min(at, Math.max(0, shown.length - 1));
  const chosen = new Set(selected);
  const untitled = t('common.untitledStep');

  useEffect(() => inputRef.current?.focus(), []);
  // a click outside closes it
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (boxRef.current && !boxRef.current.contains(e.target as Node)) closeRef.current();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, []);
  useEffect(() => {
    boxRef.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const toggle = (stepId: string) => onChange(chosen.has(stepId) ? selected.filter((s) => s !== stepId) : [...selected, stepId]);

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setAt(Math.max(0, Math.min(shown.length - 1, current + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' || (e.key === ' ' && e.target !== inputRef.current)) {
      e.preventDefault();
      const step = shown[current];
      if (step) toggle(step.id);
    } else if (e.key === 'Tab') {
      // the box holds the search and the Done button only
      const done = boxRef.current?.querySelector<HTMLButtonElement>('.swot-picker-done');
      e.preventDefault();
      (document.activeElement === done ? inputRef.current : done)?.focus();
    }
  };

  return (
    <div className="swot-picker" role="dialog" aria-label={t('swotView.picker.title')} ref={boxRef} onKeyDown={onKeyDown} onDragStart={(e) => e.preventDefault()}>
      <p className="swot-picker-title">{t('swotView.picker.title')}</p>
      <input
        ref={inputRef}
        type="search"
        className="swot-picker-search"
        aria-label={t('swotView.picker.search')}
        placeholder={t('swotView.picker.search')}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={shown[current] ? `${id}-${current}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(0);
        }}
      />
      {ordered.length === 0 ? (
        <p className="swot-picker-empty">{t('swotView.picker.noSteps')}</p>
      ) : shown.length === 0 ? (
        <p className="swot-picker-empty">{t('swotView.picker.none', { query })}</p>
      ) : (
        <ul className="swot-picker-list" role="listbox" id={`${id}-list`} aria-multiselectable="true" aria-label={t('swotView.picker.title')}>
          {shown.map((s, i) => (
            <li
              key={s.id}
              id={`${id}-${i}`}
              data-index={i}
              role="option"
              aria-selected={chosen.has(s.id)}
              className={`${i === current ? 'is-current' : ''}${chosen.has(s.id) ? ' is-chosen' : ''}`}
              onPointerDown={(e) => e.preventDefault()}
              onClick={() => {
                setAt(i);
                toggle(s.id);
              }}
            >
              <span className="swot-picker-tick" aria-hidden="true">
                {chosen.has(s.id) && <Check size={13} />}
              </span>
              <span className="swot-picker-step" translate="no">
                {s.title.trim() || untitled}
              </span>
              <span className="swot-picker-role" translate="no">
                {doc.roles[s.roleId]?.name ?? ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {found.length > shown.length && <p className="swot-picker-more">{t('swotView.picker.more', { count: found.length - shown.length })}</p>}
      <div className="swot-picker-foot">
        <span className="swot-picker-hint">{t('swotView.picker.hint')}</span>
        <button type="button" className="swot-picker-done primary" onClick={onClose}>
          {t('swotView.picker.done')}
        </button>
      </div>
    </div>
  );
}
