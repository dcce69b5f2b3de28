/**
 * The title being typed in the inspector, shown on the step's card at once: the field commits
 * to the map after a pause in typing (one undo step per burst, see CommitField), and until then
 * only the card that is being retitled redraws, with the text as typed. Its size follows at the
 * commit.
 */
import { create } from 'zustand';

type LiveTitle = { stepId: string | null; title: string; set(stepId: string | null, title?: string): void };

export const useLiveTitleStore = create<LiveTitle>((set) => ({
  stepId: null,
  title: '',
  set: (stepId, title = '') => set({ stepId, title }),
}));

/** The title typed for this step but not committed yet, or null. */
export const useLiveTitle = (stepId: string): string | null => useLiveTitleStore((s) => (s.stepId === stepId ? s.title : null));
