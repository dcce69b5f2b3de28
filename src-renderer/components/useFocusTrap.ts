/**
 * Keeps keyboard focus inside a modal dialog and gives it back when the dialog closes: Tab after
 * the last control goes to the first, Shift+Tab before the first goes to the last, and on close
 * focus returns to what had it when the dialog opened (the button or menu item that opened it).
 */
import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, iframe, [tabindex], [contenteditable="true"]';

/** The controls Tab reaches inside `root`, in order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLButtonElement).disabled &&
      !el.closest('[hidden], [inert]') &&
      !(el instanceof HTMLInputElement && el.type === 'hidden') &&
      el.getClientRects().length > 0 &&
      // of a group of radio buttons only the checked one (or the first) is a Tab stop
      !(el instanceof HTMLInputElement && el.type === 'radio' && el.name && !el.checked && root.querySelector(`input[type="radio"][name="${CSS.escape(el.name)}"]:checked`)),
  );
}

export function useFocusTrap(ref: RefObject<HTMLElement | null>): (e: KeyboardEvent) => void {
  // read while the dialog first renders, before it moves focus into itself
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    const node = ref.current;
    return () => {
      // once the dialog has gone (not on a remount that keeps it, as React's strict mode does)
      queueMicrotask(() => {
        if (node?.isConnected) return;
        if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus({ preventScroll: true });
      });
    };
  }, [ref, opener]);
  return (e) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const list = tabbables(ref.current);
    if (!list.length) {
      e.preventDefault();
      return;
    }
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const inside = ref.current.contains(document.activeElement);
    if (e.shiftKey && (document.activeElement === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  };
}
