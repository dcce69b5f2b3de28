/**
 * The presentation's keys. They are read on the window before anything else sees them, so the
 * editor underneath never gets an arrow (it would move a step) or Delete; the editor's own
 * shortcuts are off anyway while a dialog (the presentation is one) is open.
 */
import { useEffect, useRef } from 'react';
import type { Presenter } from './usePresenter';

const NEXT = new Set(['ArrowRight', 'ArrowDown', ' ', 'PageDown', 'Enter']);
const BACK = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

export interface PresentationKeyActions {
  presenter: Presenter;
  leave(): void;
  /** Opens the comment box on the current step. */
  comment(): void;
  /** The comment box is open: keys belong to it, except Escape, which closes it. */
  composing: boolean;
  closeComposer(): void;
  toggleHints(): void;
  /** The SWOT board is shown over the map (S shows and hides it; Esc hides it). */
  swot: boolean;
  toggleSwot(): void;
}

export function usePresentationKeys(actions: PresentationKeyActions) {
  // one listener for the whole presentation; it reads the latest state through the ref
  const ref = useRef(actions);
  ref.current = actions;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = ref.current;
      const p = a.presenter;
      if (e.key === 'F5') {
        // no reload of the page in the browser build, whatever has the focus
        e.preventDefault();
        return;
      }
      if (a.composing) {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          a.closeComposer();
        }
        return;
      }
      // another dialog on top of the presentation owns its keys
      if (document.querySelectorAll('[role="dialog"]').length > 1) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key;
      // letters by the key's place too, so they work on a Russian layout (C is С, N is Т, O is Щ)
      const letter = /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : key.toLowerCase();
      let handled = true;
      if (a.swot && (key === 'Escape' || letter === 's')) a.toggleSwot();
      else if (letter === 's' && !e.shiftKey) a.toggleSwot();
      // the board is on screen: the walk waits under it
      else if (a.swot) handled = key === '?' ? (a.toggleHints(), true) : false;
      else if (key === 'Escape') {
        if (p.mode.kind === 'overview') p.closeOverview();
        else a.leave();
      } else if (key === '?') a.toggleHints();
      else if (key === 'Tab' || letter === 'o') p.toggleOverview();
      else if (p.mode.kind === 'overview') {
        if (key === 'ArrowRight' || key === 'ArrowDown' || key === 'PageDown' || key === ' ') p.turnPage(1);
        else if (key === 'ArrowLeft' || key === 'ArrowUp' || key === 'PageUp') p.turnPage(-1);
        else if (key === 'Home') p.showPage(0);
        else if (key === 'Enter') p.startAtPage();
        else handled = false;
      } else {
        const ways = p.walk.current ? (p.map.out.get(p.walk.current)?.length ?? 0) : 0;
        const decision = ways > 1;
        const digit = /^[1-9]$/.test(key) ? Number(key) : 0;
        if (digit && decision) p.choose(digit - 1);
        else if (decision && (key === 'ArrowDown' || key === 'ArrowUp')) p.moveHighlight(key === 'ArrowDown' ? 1 : -1);
        else if (decision && key === 'Enter') p.confirmHighlight();
        else if (NEXT.has(key)) p.next();
        else if (BACK.has(key)) p.back();
        else if (key === 'Home') p.first();
        else if (letter === 'n') p.nextNotShown();
        else if (letter === 'c') a.comment();
        else handled = false;
      }
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
