// `node test/bench/profile-summary.mjs DIR [--top N]`: where each profiled process of the benchmark spent its wall
// time (`npm run bench -- --cpu-prof DIR`), one line per process, in milliseconds. "waiting" is V8's idle time:
// the process waits for a key derivation on libuv's threads, a child process, the disk or a pipe. The window's job
// runs in the benchmark's own process; its profile comes with the span of each phase (window-N.phases.json), and
// is split by phase as well. `--top N` also lists the N functions with the most self time of each line, outside
// waiting.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const COLUMNS = ['waiting', 'module load', 'strength lists', 'spawn', 'gc', 'pdf', 'sqlite', 'other js'];

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '0' } } });
const dir = positionals[0];
const top = Number(values.top);
if (!dir || !Number.isInteger(top) || top < 0) {
  console.error('usage: node test/bench/profile-summary.mjs DIR [--top N]   (DIR as given to npm run bench -- --cpu-prof DIR)');
  process.exit(2);
}

/** The column a sample belongs to, judged by its whole stack: the frame it stopped in and every caller. */
function column(stack) {
  const names = stack.map((frame) => frame.functionName);
  const urls = stack.map((frame) => frame.url);
  if (names[0] === '(idle)') return 'waiting';
  if (names[0] === '(garbage collector)') return 'gc';
  if (names.includes('spawn')) return 'spawn';
  // The passphrase strength estimator's dictionaries and the word list, unpacked when the CLI starts.
  if (urls.some((url) => /zxcvbn|diceware|lastnames/.test(url))) return 'strength lists';
  if (urls.some((url) => /pdfkit|fontkit|restructure|linebreak|node:zlib/.test(url))) return 'pdf';
  const loading = names.some((n) => /compileSourceTextModule|wrapSafe|loadCJSModule|getModuleJobForImport|evaluate/.test(n));
  if (loading && !names.includes('runCli')) return 'module load';
  if (urls.some((url) => url.includes('better-sqlite3'))) return 'sqlite';
  return 'other js';
}

/** Every sample of a profile: when it was taken (ms from the profile's start), for how long, and its stack's column. */
function samplesOf(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byNode = new Map();
  let at = 0;
  return profile.samples.map((id, index) => {
    if (!byNode.has(id)) {
      const stack = [];
      for (let node = id; node !== undefined; node = parents.get(node)) stack.push(nodes.get(node).callFrame);
      const frame = stack[0];
      byNode.set(id, { column: column(stack), self: `${frame.functionName || '(anonymous)'} ${frame.url ? basename(frame.url) : ''}:${frame.lineNumber + 1}` });
    }
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    at += ms;
    return { at, ms, ...byNode.get(id) };
  });
}

function line(name, wall, samples) {
  const totals = Object.fromEntries(COLUMNS.map((c) => [c, 0]));
  const self = new Map();
  for (const sample of samples) {
    totals[sample.column] += sample.ms;
    if (sample.column !== 'waiting') self.set(sample.self, (self.get(sample.self) ?? 0) + sample.ms);
  }
  console.log([name.padEnd(34), wall.toFixed(0).padStart(8), ...COLUMNS.map((c) => totals[c].toFixed(0).padStart(15))].join(''));
  for (const [frame, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${''.padEnd(6)}${ms.toFixed(0).padStart(6)} ms  ${frame}`);
}

console.log(['process'.padEnd(34), 'wall'.padStart(8), ...COLUMNS.map((name) => name.padStart(15))].join(''));
for (const name of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
  const profile = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const samples = samplesOf(profile);
  line(name.replace('.cpuprofile', ''), (profile.endTime - profile.startTime) / 1000, samples);
  const phasesFile = join(dir, name.replace(/\.cpuprofile$/, '.phases.json'));
  if (!existsSync(phasesFile)) continue;
  for (const phase of JSON.parse(readFileSync(phasesFile, 'utf8'))) {
    line(`  ${phase.name}`, phase.toMs - phase.fromMs, samples.filter((s) => s.at > phase.fromMs && s.at <= phase.toMs));
  }
}
