/**
 * The review panels' screen state, kept in the renderer (not in the map): which comments are
 * listed, which thread is picked, whether the pain point overlay is on, and requests from the
 * canvas or the keyboard to show a side panel tab and focus the comment box.
 */
import { create } from 'zustand';

export type CommentFilter = 'open' | 'resolved' | 'all';
/** The side panel tabs a review action can ask for (see editor/SidePanel.tsx). */
export type ReviewTab = 'comments' | 'painPoints' | 'inspector' | 'check';

interface ReviewUiState {
  filter: CommentFilter;
  /** The thread (first comment's id) picked on the canvas or in the list. */
  activeThreadId: string | null;
  overlay: boolean;
  /** Bumped to ask the editor to show `tab` (and the side panel). */
  tabRequest: { tab: ReviewTab; seq: number } | null;
  /** The Comments tab should focus its box (set by a shortcut, cleared once done). */
  focusPending: boolean;
  setFilter(filter: CommentFilter): void;
  setActiveThread(id: string | null): void;
  toggleOverlay(on?: boolean): void;
  showTab(tab: ReviewTab, opts?: { focusComposer?: boolean }): void;
  focusDone(): void;
}

export const useReviewUi = create<ReviewUiState>((set, get) => ({
  filter: 'open',
  activeThreadId: null,
  overlay: false,
  tabRequest: null,
  focusPending: false,
  setFilter: (filter) => set({ filter }),
  setActiveThread: (activeThreadId) => set({ activeThreadId }),
  toggleOverlay: (on) => set({ overlay: on ?? !get().overlay }),
  showTab(tab, opts) {
    set({ tabRequest: { tab, seq: (get().tabRequest?.seq ?? 0) + 1 }, focusPending: opts?.focusComposer === true });
  },
  focusDone: () => set({ focusPending: false }),
}));
