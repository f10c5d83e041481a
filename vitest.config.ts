import { defineConfig } from 'vitest/config';

// Tests run under the project's Node 22 (the `node` devDependency), the same major Electron 45 bundles.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // A bound for a hung test, not a speed target (those are in `npm run bench`): the longest custody scenarios
    // take half a minute on a loaded two-core machine, so the bound leaves room for a slower one.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // A browser step under a fully loaded machine can take seconds; a poll that gives up after the default second
    // fails a correct screen. Still a bound: a screen that never shows the expected state fails.
    expect: { poll: { timeout: 15_000 } },
    // A test that leaves a loop device or FUSE mount behind would poison the next run: no retries hiding that.
    retry: 0,
  },
});
