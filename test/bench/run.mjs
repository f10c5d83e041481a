// `npm run bench`: builds the CLI (the custody job runs it), bundles the benchmark's TypeScript with esbuild, and
// runs it on this Node. The bundles sit in test-results/bench/, two folders below the project like dist/main/,
// so the fonts and node_modules are found from there as the app finds them.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const built = spawnSync(process.execPath, ['scripts/build.mjs', '--main-only'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
await build({
  entryPoints: {
    bench: 'test/bench/bench.ts',
    'open-vault-child': 'test/bench/open-vault-child.ts',
    'seed-backup-child': 'test/bench/seed-backup-child.ts',
  },
  outdir: 'test-results/bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['test-results/bench/bench.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
