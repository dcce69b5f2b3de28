/**
 * Full screen through the Fullscreen API where it is offered. It may be refused (headless, a
 * policy, no user gesture) or missing: the presentation then simply fills the window, and no
 * error is ever shown or thrown.
 */

/** Asks for full screen; `stillWanted` is checked when the answer comes (the user may have left already). */
export function enterFullscreen(stillWanted: () => boolean): void {
  const el = document.documentElement;
  if (document.fullscreenElement || !document.fullscreenEnabled || typeof el.requestFullscreen !== 'function') return;
  try {
    el.requestFullscreen({ navigationUI: 'hide' }).then(
      () => {
        if (!stillWanted()) leaveFullscreen();
      },
      () => undefined,
    );
  } catch {
    // an old engine that throws instead of rejecting: stay in the window
  }
}

export function leaveFullscreen(): void {
  if (!document.fullscreenElement || typeof document.exitFullscreen !== 'function') return;
  try {
    document.exitFullscreen().catch(() => undefined);
  } catch {
    // already leaving
  }
}

/**
 * Calls `onLeft` when full screen that was on is left by the browser's own means (Escape, F11,
 * the system's gesture), so the presentation ends with it.
 */
export function watchFullscreenExit(onLeft: () => void): () => void {
  let wasFull = !!document.fullscreenElement;
  const onChange = () => {
    const full = !!document.fullscreenElement;
    if (wasFull && !full) onLeft();
    wasFull = full;
  };
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}
