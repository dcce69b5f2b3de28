import { defineConfig } from 'vitest/config';

/** `npm run docs:screenshot`: regenerates the README's picture (not part of `npm test`). */
export default defineConfig({
  test: { include: ['tests/docs/**/*.shot.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
