/**
 * Calls to the app's backend from inside a page, for the browser tests (tests/e2e/harness.ts)
 * and the browser benches (bench/bridge.ts). It imports nothing of the backend, so the benches'
 * type stripping can load it.
 */
import type { Page } from 'playwright-core';

/**
 * A call to the app's backend over the bridge, made from inside the page with the page's own
 * token (as another window of the app would make it). Fails with the backend's message.
 */
export function callApp(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ name, input }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="lanemap-token"]')!.content;
      const res = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lanemap-token': token },
        body: JSON.stringify(input),
      });
      const reply = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error!.message);
      return reply.value;
    },
    { name, input },
  );
}
