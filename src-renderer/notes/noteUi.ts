/** Which note is being written in place on the canvas (screen state, not in the map). */
import { create } from 'zustand';

interface NoteUiState {
  /** The note whose text field is open, or null. */
  editing: string | null;
  /** Set when the note was just added: cancelling its first text takes it away again. */
  fresh: boolean;
  edit(id: string | null, fresh?: boolean): void;
}

export const useNoteUi = create<NoteUiState>((set) => ({
  editing: null,
  fresh: false,
  edit(id, fresh = false) {
    set({ editing: id, fresh: id !== null && fresh });
  },
}));
