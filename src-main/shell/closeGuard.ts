/**
 * Flush before close: when the window is asked to close, the page gets a chance to store what
 * is still on its way (at most `timeoutMs`), then the window closes. A second close while
 * waiting does not start another flush, and a page that throws or never answers still lets
 * the window close.
 */

export interface CloseGuardOptions {
  /** Asks the page to store pending edits (`window.__lanemapFlush`); may reject or never settle. */
  flush(): Promise<unknown>;
  /** Closes the window for real (the guard lets that close through). */
  close(): void;
  timeoutMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export type CloseGuardState = 'open' | 'flushing' | 'closing';

export interface CloseGuard {
  /** Handler for the window's `close` event. */
  onClose(event: { preventDefault(): void }): void;
  readonly state: CloseGuardState;
}

export const FLUSH_TIMEOUT_MS = 3000;

export function createCloseGuard(opts: CloseGuardOptions): CloseGuard {
  const timeoutMs = opts.timeoutMs ?? FLUSH_TIMEOUT_MS;
  const setTimer = opts.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let state: CloseGuardState = 'open';

  const finish = (timer: unknown) => {
    if (state !== 'flushing') return;
    clearTimer(timer);
    state = 'closing';
    try {
      opts.close();
    } catch {
      // the window is already gone: nothing left to close
    }
  };

  return {
    get state() {
      return state;
    },
    onClose(event) {
      if (state === 'closing') return;
      event.preventDefault();
      if (state === 'flushing') return;
      state = 'flushing';
      const timer = setTimer(() => finish(timer), timeoutMs);
      let flushing: Promise<unknown>;
      try {
        flushing = Promise.resolve(opts.flush());
      } catch {
        flushing = Promise.resolve();
      }
      void flushing.then(
        () => finish(timer),
        () => finish(timer),
      );
    },
  };
}
