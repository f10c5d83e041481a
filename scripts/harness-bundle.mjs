// The bundle `npm run harness` runs: test/harness/serve.ts built with esbuild into node_modules/.cache (never part
// of the app). The browser e2e of the harness builds and starts this same file, so what it tests is what runs.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const HARNESS_BUNDLE = join(root, 'node_modules', '.cache', 'strongroom', 'harness.mjs');

export async function bundleHarness() {
  mkdirSync(dirname(HARNESS_BUNDLE), { recursive: true });
  await build({
    entryPoints: [join(root, 'test', 'harness', 'serve.ts')],
    outfile: HARNESS_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return HARNESS_BUNDLE;
}
