/** Keyboard shortcuts of the editor (see ShortcutsHelp for the list shown to users). */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorStore } from '../store/context';
import { addNextStep, deleteSelection, fitMap } from './actions';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function useEditorShortcuts({ onHelp }: { onHelp(): void }) {
  const store = useEditorStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('[role="dialog"]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !isTyping(e.target)) {
        e.preventDefault();
        if (e.shiftKey) store.getState().redo();
        else store.getState().undo();
        return;
      }
      if (mod && key === 'y' && !isTyping(e.target)) {
        e.preventDefault();
        store.getState().redo();
        return;
      }
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        addNextStep(store, 'task');
        return;
      }
      if (isTyping(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        deleteSelection(store);
      } else if (e.key === 'Escape') {
        store.getState().select({ steps: [], flows: [] });
      } else if (e.key === '?') {
        onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onHelp]);
}

/** Zoom shortcuts need the React Flow instance, so they live with the canvas. */
export function useZoomShortcuts() {
  const flow = useReactFlow();
  const store = useEditorStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || document.querySelector('[role="dialog"]') || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '+' || e.key === '=') void flow.zoomIn();
      else if (e.key === '-') void flow.zoomOut();
      else if (e.key === '0') fitMap(flow, store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flow, store]);
}
