/**
 * Find a step (Ctrl/Cmd+F): searches titles, descriptions, inputs, outputs and resources as
 * typed, in any script (see shared/model/search.ts); Enter goes to the next match, Shift+Enter
 * to the previous one, each selected and brought into view; Escape closes.
 */
import { useReactFlow } from '@xyflow/react';
import { ChevronDown, ChevronUp, Search, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { findSteps } from '../../shared/model/search';
import { revealStep } from '../canvas/viewport';
import { formatNumber, useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';
import { LimitedInput } from '../components/limits/useTextLimit';

/** Opens the find bar on Ctrl/Cmd+F (instead of the browser's page search, which cannot see the canvas). */
export function useFindShortcut(open: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f' && !document.querySelector('[role="dialog"]')) {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
}

export function FindBar({ onClose, focusKey }: { onClose(): void; focusKey: number }) {
  const t = useT();
  const store = useEditorStore();
  const flow = useReactFlow();
  const doc = useEditor((s) => s.doc);
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => (doc ? findSteps(doc, query) : []), [doc, query]);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusKey]);

  const go = (index: number) => {
    if (!doc || matches.length === 0) return;
    const i = (index + matches.length) % matches.length;
    setAt(i);
    const step = matches[i]!;
    store.getState().select({ steps: [step.id], flows: [] });
    revealStep(flow, doc, step.id);
  };

  return (
    <div className="find-bar" role="search" aria-label={t('find.label')}>
      <Search size={15} aria-hidden />
      <LimitedInput
        ref={input}
        type="search"
        aria-label={t('find.field')}
        placeholder={t('find.placeholder')}
        value={query}
        maxLength={300}
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            go(e.shiftKey ? at - 1 : matches[at] && store.getState().selection.steps[0] === matches[at].id ? at + 1 : at);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <span className="find-count muted" aria-live="polite">
        {query.trim() === ''
          ? ''
          : matches.length === 0
            ? t('find.none')
            : t('find.position', { at: formatNumber(Math.min(at + 1, matches.length)), count: matches.length })}
      </span>
      <button className="icon-button" aria-label={t('find.previous')} disabled={matches.length === 0} onClick={() => go(at - 1)}>
        <ChevronUp size={15} />
      </button>
      <button className="icon-button" aria-label={t('find.next')} disabled={matches.length === 0} onClick={() => go(at + 1)}>
        <ChevronDown size={15} />
      </button>
      <button className="icon-button" aria-label={t('find.close')} onClick={onClose}>
        <X size={15} />
      </button>
    </div>
  );
}
