/** Takes docs/lanemap.png, the picture in the README: the sample map with a step selected. */
import path from 'node:path';
import { test } from 'vitest';
import { launchApp } from '../e2e/harness';

test('README screenshot', async () => {
  const app = await launchApp();
  const { page } = app;
  await page.getByRole('button', { name: /^Open / }).click();
  await page.locator('.react-flow__node-step', { hasText: 'Qualify the lead' }).click();
  await page.getByLabel('Step title').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.resolve('docs/lanemap.png') });
  await app.close();
});
