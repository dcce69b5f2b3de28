/**
 * Web-first assertions for vitest + playwright-core: each one retries until the page agrees
 * or the time is up, like a person waiting for the screen to update.
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

const opts = { timeout: 10_000, interval: 50 };

export const ui = {
  visible: (l: Locator) => l.first().waitFor({ state: 'visible', timeout: opts.timeout }),
  hidden: (l: Locator) => l.first().waitFor({ state: 'hidden', timeout: opts.timeout }),
  count: (l: Locator, n: number) => expect.poll(() => l.count(), opts).toBe(n),
  texts: (l: Locator, texts: string[]) => expect.poll(() => l.allTextContents(), opts).toEqual(texts),
  value: (l: Locator, v: string) => expect.poll(() => l.inputValue(), opts).toBe(v),
  focused: (l: Locator) => expect.poll(() => l.evaluate((el) => el === document.activeElement), opts).toBe(true),
  contains: (l: Locator, text: string) => expect.poll(() => l.textContent(), opts).toContain(text),
  /** Polls any value (e.g. what the database holds) until it matches. */
  eventually: <T>(read: () => T | Promise<T>) => expect.poll(read, opts),
};
