/**
 * Web-first assertions for vitest + playwright-core: each one retries until the page agrees
 * or the time is up, like a person waiting for the screen to update.
 */
import type { Locator, Page } from 'playwright-core';
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
  /**
   * Drags like a hand: press, a small first move (the canvas starts a drag on it and counts
   * from there), then glide to the target and release.
   */
  async drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 4, from.y + 1);
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
  },
  /** Waits until the canvas stops moving (zoom and pan animations have finished). */
  async settled(page: Page) {
    const transform = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    let last = '';
    for (let i = 0; i < 100; i++) {
      const now = await transform();
      if (now === last) return;
      last = now;
      await page.waitForTimeout(120);
    }
  },
  /** Polls any value (e.g. what the database holds) until it matches. */
  eventually: <T>(read: () => T | Promise<T>) => expect.poll(read, opts),
};
