/**
 * "Tidy up": lay the whole map out in the worker, then apply it as one undoable edit with the
 * steps gliding to their new places. Slow layouts show progress; failures change nothing.
 */
import { create } from 'zustand';
import { cmd } from '../../shared/model/commands';
import type { EditorStore } from '../store/editorStore';
import { notify } from '../store/notices';
import { requestLayout } from './layoutClient';

/** Whether a tidy-up is running and whether it has been long enough to show it. */
export const useTidyState = create<{ running: boolean; visible: boolean }>(() => ({ running: false, visible: false }));

const SHOW_PROGRESS_AFTER_MS = 300;
const GLIDE_MS = 420;

export async function tidyUp(store: EditorStore): Promise<void> {
  const doc = store.getState().doc;
  if (!doc || useTidyState.getState().running) return;
  if (Object.keys(doc.steps).length === 0) {
    notify.info('There is nothing to tidy up yet.');
    return;
  }
  useTidyState.setState({ running: true, visible: false });
  const timer = setTimeout(() => useTidyState.setState({ visible: true }), SHOW_PROGRESS_AFTER_MS);
  try {
    const reply = await requestLayout(doc);
    if (!reply.ok) {
      notify.error(`Tidy up failed: ${reply.message}. Nothing was moved.`);
      return;
    }
    if (store.getState().doc !== doc) {
      notify.info('The map changed while it was being tidied up. Press Tidy up again.');
      return;
    }
    const canvas = document.querySelector('.react-flow');
    canvas?.classList.add('is-tidying');
    store.getState().run(cmd('tidyUp', reply.args));
    setTimeout(() => canvas?.classList.remove('is-tidying'), GLIDE_MS);
    for (const w of reply.warnings) notify.info(w);
  } finally {
    clearTimeout(timer);
    useTidyState.setState({ running: false, visible: false });
  }
}
