/**
 * "Tidy up": lay the whole map out in the worker, then apply it as one undoable edit with the
 * steps gliding to their new places. Slow layouts show progress; failures change nothing.
 */
import { create } from 'zustand';
import { cmd } from '../../shared/model/commands';
import type { Direction, MapDoc } from '../../shared/model/types';
import type { EditorStore } from '../store/editorStore';
import { t } from '../i18n';
import { describeLayoutWarning } from '../i18n/errors';
import { notify } from '../store/notices';
import { requestLayout } from './layoutClient';

/** Whether a tidy-up is running and whether it has been long enough to show it. */
export const useTidyState = create<{ running: boolean; visible: boolean }>(() => ({ running: false, visible: false }));

const SHOW_PROGRESS_AFTER_MS = 300;
const GLIDE_MS = 420;

/**
 * Tidies the open map; with `direction`, also turns it to read left to right or top to
 * bottom (lanes become columns), as the same single undoable edit.
 */
export async function tidyUp(store: EditorStore, direction?: Direction): Promise<void> {
  const current = store.getState().doc;
  if (!current || useTidyState.getState().running) return;
  const turn = direction !== undefined && direction !== (current.direction ?? 'right');
  if (Object.keys(current.steps).length === 0) {
    if (turn) store.getState().run(cmd('tidyUp', { steps: {}, routes: {}, direction }));
    else notify.info(t('notices.nothingToTidy'));
    return;
  }
  // the layout is computed for the direction the map will have
  const doc: MapDoc = turn ? { ...current, direction } : current;
  useTidyState.setState({ running: true, visible: false });
  const timer = setTimeout(() => useTidyState.setState({ visible: true }), SHOW_PROGRESS_AFTER_MS);
  try {
    const reply = await requestLayout(doc);
    if (!reply.ok) {
      // the engine's reason is technical: kept for the developer console
      console.warn('[lanemap] tidy up failed:', reply.message);
      notify.error(t('notices.tidyFailed'));
      return;
    }
    if (store.getState().doc !== current) {
      notify.info(t('notices.changedWhileTidying'));
      return;
    }
    const canvas = document.querySelector('.react-flow');
    canvas?.classList.add('is-tidying');
    store.getState().run(cmd('tidyUp', turn ? { ...reply.args, direction } : reply.args));
    setTimeout(() => canvas?.classList.remove('is-tidying'), GLIDE_MS);
    for (const w of reply.warnings) notify.info(describeLayoutWarning(w));
  } finally {
    clearTimeout(timer);
    useTidyState.setState({ running: false, visible: false });
  }
}
