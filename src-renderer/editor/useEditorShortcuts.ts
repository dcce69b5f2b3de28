/** Keyboard shortcuts of the editor (see ShortcutsHelp for the list shown to users). */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorStore } from '../store/context';
import { tidyUp } from '../layout/tidyUp';
import { addNextStep, deleteSelection, fitMap, nudgeSelection } from './actions';
import { useClipboardShortcuts } from './clipboard';
import { noteKeys } from '../notes/noteKeys';
import { kindKeys } from '../canvas/kinds/kindKeys';

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password']);

/** True where keys edit text (so Delete, Ctrl+Z... belong to the field); lists, boxes and pickers don't. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el instanceof HTMLInputElement && TEXT_INPUTS.has(el.type);
}

export function useEditorShortcuts({ onHelp, onExport }: { onHelp(): void; onExport(): void }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  useClipboardShortcuts();
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
      if (mod && !e.shiftKey && key === 'e') {
        e.preventDefault();
        // a field being typed in (the map title) is saved first, so the export sees it
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        onExport();
        return;
      }
      if (mod && e.shiftKey && key === 'l') {
        e.preventDefault();
        void tidyUp(store);
        return;
      }
      if (mod && key === 'y' && !isTyping(e.target)) {
        e.preventDefault();
        store.getState().redo();
        return;
      }
      // a comment box posts on Ctrl/Cmd+Enter itself (review/CommentComposer.tsx)
      if (mod && e.key === 'Enter' && !(e.target instanceof Element && e.target.closest('[data-submit-on-ctrl-enter]'))) {
        // captured before React Flow's own Enter handling, which would toggle the selection
        e.preventDefault();
        e.stopPropagation();
        addNextStep(store, flow, 'task', { branch: e.altKey });
        return;
      }
      if (isTyping(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      // a grid of a view (the RACI matrix…) takes arrows, Delete and Escape for its cells: they
      // must not nudge or delete the steps selected on the canvas
      if (e.target instanceof Element && e.target.closest('[data-own-keys]')) return;
      const arrow = ARROWS[e.key];
      if (arrow && (store.getState().selection.steps.length > 0 || (store.getState().selection.notes?.length ?? 0) > 0)) {
        e.preventDefault();
        e.stopPropagation();
        nudgeSelection(store, arrow[0] * (e.shiftKey ? 50 : 10), arrow[1] * (e.shiftKey ? 50 : 10));
        return;
      }
      if (noteKeys(e, store, flow)) return;
      if (kindKeys(e, store, flow)) return;
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        deleteSelection(store, { heal: !e.shiftKey });
      } else if (e.key === 'Escape') {
        store.getState().select({ steps: [], flows: [] });
      } else if (e.key === '?') {
        onHelp();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store, flow, onHelp, onExport]);
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
