import { defineConfig } from 'vitest/config';

// Tests run under the project's Node 22 (the `node` devDependency), the same major Electron 45 bundles.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A test that leaves a loop device or FUSE mount behind would poison the next run: no retries hiding that.
    retry: 0,
  },
});
