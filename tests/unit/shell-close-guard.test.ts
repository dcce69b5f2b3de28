/**
 * Flush before close: the window waits for the page to store its pending edits (at most 3 s),
 * then closes; a second close while waiting starts no second flush; a page that throws or never
 * answers still lets the window close.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCloseGuard, FLUSH_TIMEOUT_MS } from '../../src-main/shell/closeGuard';

/** A window whose close the guard can veto, counting real closes. */
function fakeWindow(flush: () => Promise<unknown>) {
  let closed = 0;
  const flushes = vi.fn(flush);
  const guard = createCloseGuard({ flush: flushes, close: () => requestClose() });
  /** What Electron does on a close request: emit `close`, close unless prevented. */
  function requestClose() {
    let prevented = false;
    guard.onClose({ preventDefault: () => (prevented = true) });
    if (!prevented) closed++;
  }
  return { requestClose, guard, flushes, closed: () => closed };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('closing the window', () => {
  it('asks the page to flush, then closes once the flush is done', async () => {
    let finish!: () => void;
    const win = fakeWindow(() => new Promise<void>((r) => (finish = r)));
    win.requestClose();
    expect(win.flushes).toHaveBeenCalledTimes(1);
    expect(win.closed()).toBe(0);
    expect(win.guard.state).toBe('flushing');
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(win.closed()).toBe(1);
    expect(win.guard.state).toBe('closing');
  });

  it('a second close while flushing starts no second flush and closes once', async () => {
    let finish!: () => void;
    const win = fakeWindow(() => new Promise<void>((r) => (finish = r)));
    win.requestClose();
    win.requestClose();
    win.requestClose();
    expect(win.flushes).toHaveBeenCalledTimes(1);
    expect(win.closed()).toBe(0);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(win.closed()).toBe(1);
  });

  it('a page that never answers still lets the window close after 3 s', async () => {
    const win = fakeWindow(() => new Promise(() => undefined));
    win.requestClose();
    await vi.advanceTimersByTimeAsync(FLUSH_TIMEOUT_MS - 1);
    expect(win.closed()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(win.closed()).toBe(1);
    expect(FLUSH_TIMEOUT_MS).toBe(3000);
  });

  it('a page whose flush rejects or throws still lets the window close at once', async () => {
    const rejecting = fakeWindow(() => Promise.reject(new Error('page crashed')));
    rejecting.requestClose();
    await vi.advanceTimersByTimeAsync(0);
    expect(rejecting.closed()).toBe(1);

    const throwing = fakeWindow(() => {
      throw new Error('webContents destroyed');
    });
    throwing.requestClose();
    await vi.advanceTimersByTimeAsync(0);
    expect(throwing.closed()).toBe(1);
  });

  it('a late flush after the timeout does not close twice', async () => {
    let finish!: () => void;
    const win = fakeWindow(() => new Promise<void>((r) => (finish = r)));
    win.requestClose();
    await vi.advanceTimersByTimeAsync(FLUSH_TIMEOUT_MS);
    expect(win.closed()).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(FLUSH_TIMEOUT_MS);
    expect(win.closed()).toBe(1);
  });

  it('a window already gone when the flush ends is not an error', async () => {
    const guard = createCloseGuard({
      flush: () => Promise.resolve(),
      close: () => {
        throw new Error('Object has been destroyed');
      },
    });
    guard.onClose({ preventDefault: () => undefined });
    await vi.advanceTimersByTimeAsync(0);
    expect(guard.state).toBe('closing');
  });
});
