/**
 * Mounted by the editor: F5 presents the open map from its first step, Shift+F5 from the
 * selected step; the presentation is drawn while it is on, and the editor gets the focus back
 * when it ends. F5 never reloads the page here (the browser build), and does nothing while a
 * text field or a dialog has the keyboard.
 */
import { useEffect, useRef } from 'react';
import { useEditor, useEditorStore } from '../store/context';
import { Presentation } from './Presentation';
import { usePresentation } from './presentationState';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range', 'color', 'submit', 'reset'].includes(el.type);
}

/** Starts the presentation (from a click or a key: full screen is asked for right there). */
export function startPresentation(fromStepId: string | null = null) {
  usePresentation.getState().open(fromStepId);
}

export function PresentationHost() {
  const store = useEditorStore();
  const active = usePresentation((s) => s.active);
  const hasDoc = useEditor((s) => s.doc !== null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F5' || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      if (usePresentation.getState().active || isTyping(e.target) || document.querySelector('[role="dialog"]')) return;
      const { selection } = store.getState();
      startPresentation(e.shiftKey && selection.steps.length === 1 ? selection.steps[0]! : null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  useEffect(() => {
    if (active) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return;
    }
    const el = returnFocus.current;
    returnFocus.current = null;
    if (el?.isConnected) el.focus();
  }, [active]);

  // the map closed (back to the library): no presentation of nothing
  useEffect(() => () => usePresentation.getState().close(), []);
  useEffect(() => {
    if (!hasDoc) usePresentation.getState().close();
  }, [hasDoc]);

  return active && hasDoc ? <Presentation /> : null;
}
