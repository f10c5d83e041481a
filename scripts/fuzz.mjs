// `npm run fuzz`: every fuzz property of test/fuzz/ (the same ones `npm test` runs a few hundred times) with
// 10,000 runs each, then the number of runs each parser of outside input got. Exit code 1 if any property failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const runs = process.env.STRONGROOM_FUZZ_RUNS ?? '10000';
mkdirSync('test-results', { recursive: true });
const report = 'test-results/fuzz-runs.jsonl';
rmSync(report, { force: true });

const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/fuzz', '--reporter=default'], {
  stdio: 'inherit',
  env: { ...process.env, STRONGROOM_FUZZ_RUNS: runs, STRONGROOM_FUZZ_REPORT: report },
});

const byParser = new Map();
if (existsSync(report)) {
  for (const line of readFileSync(report, 'utf8').split('\n').filter(Boolean)) {
    const { parser, runs: done, failed } = JSON.parse(line);
    const entry = byParser.get(parser) ?? { properties: 0, runs: 0, fewest: Infinity, failed: 0 };
    entry.properties += 1;
    entry.runs += done;
    if (failed) entry.failed += 1;
    entry.fewest = Math.min(entry.fewest, done);
    byParser.set(parser, entry);
  }
}
const width = Math.max(6, ...[...byParser.keys()].map((p) => p.length));
process.stdout.write(`\nFuzz runs per parser (${runs} asked per property):\n`);
for (const [parser, { properties, runs: total, fewest, failed }] of [...byParser].sort((a, b) => a[0].localeCompare(b[0]))) {
  const outcome = failed > 0 ? `, ${failed} FAILED` : '';
  process.stdout.write(`  ${parser.padEnd(width)}  ${String(total).padStart(7)} runs over ${properties} properties (fewest ${fewest}${outcome})\n`);
}
const total = [...byParser.values()].reduce((sum, e) => sum + e.runs, 0);
process.stdout.write(`  ${'total'.padEnd(width)}  ${String(total).padStart(7)} runs\n`);
process.exitCode = result.status === 0 ? 0 : 1;
