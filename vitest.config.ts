import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Test files that attach loop devices (found by their import of the loop-device support, so a new one joins by
 * itself). They run one at a time, after the rest: the kiosk under test lists every loop device of the machine,
 * and a device number freed by one file and taken by another's new stick mid-scan reads as a swapped stick (a
 * refusal the product is right to make, and no fault of the test that sees it).
 */
function loopDeviceTestFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(folder, name))
    .filter((file) => /support\/loop-device['"]/.test(readFileSync(file, 'utf8')));
}
const LOOP_DEVICE_TESTS = loopDeviceTestFiles('test');

// Tests run under the project's Node 22 (the `node` devDependency), the same major Electron 45 bundles.
export default defineConfig({
  test: {
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
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: LOOP_DEVICE_TESTS, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'loop-devices', include: LOOP_DEVICE_TESTS, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
