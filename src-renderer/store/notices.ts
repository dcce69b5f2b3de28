/** Short messages for the user (errors, confirmations), shown as toasts. */
import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface NoticeState {
  notices: Notice[];
  push(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

let next = 1;

export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  push(kind, text) {
    const id = next++;
    set({ notices: [...get().notices.slice(-3), { id, kind, text }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 3500);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));

export const notify = {
  error: (text: string) => useNotices.getState().push('error', text),
  info: (text: string) => useNotices.getState().push('info', text),
};
