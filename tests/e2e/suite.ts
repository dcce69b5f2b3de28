/**
 * One app per test file: launched before the first test, a screenshot of the screen when a
 * test fails, closed after the last. `const s = appSuite()` then `s.page`, `s.app`.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { launchApp, type App } from './harness';

export function appSuite(opts: { seed?: boolean } = {}) {
  const suite = {} as { app: App; page: Page };
  beforeAll(async () => {
    suite.app = await launchApp(opts);
    suite.page = suite.app.page;
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await suite.app.shot(`FAILED ${ctx.task.name}`);
  });
  afterAll(async () => {
    await suite.app?.close();
  });
  return suite;
}
