/**
 * Whether the open map is being presented, and from which step. Outside React so that the
 * toolbar button and F5 can start it from a key or click handler, which must also ask for full
 * screen there and then (browsers grant it only inside the user's gesture).
 */
import { create } from 'zustand';
import { enterFullscreen, leaveFullscreen } from './fullscreen';

interface PresentationState {
  active: boolean;
  /** The step to start at; null: the map's first step. */
  startAt: string | null;
  open(startAt?: string | null): void;
  close(): void;
}

export const usePresentation = create<PresentationState>((set, get) => ({
  active: false,
  startAt: null,
  open(startAt = null) {
    if (get().active) return;
    set({ active: true, startAt });
    enterFullscreen(() => get().active);
  },
  close() {
    if (!get().active) return;
    set({ active: false, startAt: null });
    leaveFullscreen();
  },
}));
