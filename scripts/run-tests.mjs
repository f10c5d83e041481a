// `npm test`: lint, type-check, build, then every vitest suite (unit, integration, e2e), and one closing line
// `N passed, N failed, N skipped` that CI reads. Each static check counts as one test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { runOnOwnNode } from '../bin/own-node.mjs';

// An older Node on the PATH (run outside npm, which puts node_modules/.bin first) would crash test workers.
runOnOwnNode({ whatToDo: 'Run npm ci, then npm test.', exitCode: 1 });

const node = process.execPath;
const bin = (name) => `node_modules/${name}`;
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(label, command, args) {
  process.stdout.write(`\n== ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
  return result.status === 0;
}

step('lint (ESLint, layer boundaries)', node, [bin('eslint/bin/eslint.js'), '.', '--max-warnings=0']);
step('type-check main, shell, tests', node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json']);
step('type-check renderer', node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.renderer.json']);
step('build', node, ['scripts/build.mjs']);
step('Electron security settings of the built app (Electronegativity)', node, ['scripts/check-electron-security.mjs']);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
process.stdout.write('\n== vitest: unit, integration, e2e\n');
const filter = process.argv.slice(2);
const vitest = spawnSync(node, [bin('vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filter], {
  stdio: 'inherit',
  env: process.env,
});
const failuresBeforeVitest = failures.length;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  skipped += summary.numPendingTests + summary.numTodoTests;
  // A file that fails to load has no failed tests of its own but must still fail the run.
  for (const file of summary.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed')) {
      failed += 1;
      failures.push(`${file.name}: ${String(file.message ?? 'failed to run').split('\n')[0]}`);
    }
    for (const test of file.assertionResults ?? []) if (test.status === 'failed') failures.push(test.fullName);
  }
  // A worker that crashes (a native module on the wrong Node, a segfault) leaves its tests "pending" in the report
  // and the report itself "successful"; vitest's exit status still says the run failed, so the count must too.
  if (vitest.status !== 0 && failures.length === failuresBeforeVitest) {
    failed += 1;
    failures.push(`vitest exited with status ${vitest.status ?? vitest.signal} although no test failed: an error outside the tests (see "Unhandled Errors" above)`);
  }
} else {
  failed += 1;
  failures.push('vitest produced no report');
}

if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failed === 0 ? 0 : 1;
