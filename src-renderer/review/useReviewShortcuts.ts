/**
 * Review shortcuts: `C` (or Ctrl/Cmd+Alt+M) opens the Comments tab with its box focused, on
 * the selected step (or the map); `P` (or Ctrl/Cmd+Alt+P) turns the pain point overlay on or off.
 * Letters only act when no text is being typed and no dialog is open.
 */
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useReviewUi, type ReviewTab } from './reviewUi';

/** The letter `latin`, on a Latin layout by its character, on another (Russian) by its key's place. */
function isLetter(e: KeyboardEvent, latin: string): boolean {
  const key = e.key.toLowerCase();
  return key === latin || (!/^[a-z]$/.test(key) && e.code === `Key${latin.toUpperCase()}`);
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range', 'color'].includes(el.type);
}

export function useReviewShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      const mod = e.ctrlKey || e.metaKey;
      // with Alt held, e.key is a special character on macOS: the physical key decides
      const chord = mod && e.altKey && !e.shiftKey;
      const plain = !mod && !e.altKey && !e.shiftKey && !isTyping(e.target);
      if ((chord && e.code === 'KeyM') || (plain && isLetter(e, 'c') && !e.repeat)) {
        e.preventDefault();
        useReviewUi.getState().showTab('comments', { focusComposer: true });
      } else if ((chord && e.code === 'KeyP') || (plain && isLetter(e, 'p') && !e.repeat)) {
        e.preventDefault();
        useReviewUi.getState().toggleOverlay();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Calls `open` whenever a review action asks for a side panel tab (the editor owns which tab shows). */
export function useReviewTabRequests(open: (tab: ReviewTab) => void) {
  const request = useReviewUi((s) => s.tabRequest);
  // a request made while another map was open is not for this one
  const seen = useRef(request);
  useEffect(() => {
    if (!request || request === seen.current) return;
    seen.current = request;
    open(request.tab);
  }, [request]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** The review shortcuts for the list shown by `?` (`mod`: Ctrl, or ⌘ on a Mac). */
export function reviewShortcuts(t: TFunction, mod: string): [string, string][] {
  return [
    [`C, ${mod}+Alt+M`, t('comments.shortcut')],
    [`${mod}+Enter`, t('comments.postShortcut')],
    [`P, ${mod}+Alt+P`, t('painPoints.shortcut')],
  ];
}
