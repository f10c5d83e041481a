// `node test/bench/profile-summary.mjs DIR`: where each profiled `strongroom` process of the benchmark's custody job
// (`npm run bench -- --cpu-prof DIR`) spent its wall time, one line per process, in milliseconds. "waiting" is V8's
// idle time: the process waits for a key derivation on libuv's threads, a child process, the disk or a pipe.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const COLUMNS = ['waiting', 'module load', 'strength lists', 'spawn', 'gc', 'pdf', 'sqlite', 'other js'];

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node test/bench/profile-summary.mjs DIR   (DIR as given to npm run bench -- --cpu-prof DIR)');
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

function summarise(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byNode = new Map();
  const totals = Object.fromEntries(COLUMNS.map((name) => [name, 0]));
  profile.samples.forEach((id, index) => {
    if (!byNode.has(id)) {
      const stack = [];
      for (let at = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at).callFrame);
      byNode.set(id, column(stack));
    }
    totals[byNode.get(id)] += (profile.timeDeltas[index] ?? 0) / 1000;
  });
  return { wall: (profile.endTime - profile.startTime) / 1000, totals };
}

console.log(['process'.padEnd(34), 'wall'.padStart(8), ...COLUMNS.map((name) => name.padStart(15))].join(''));
for (const name of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
  const { wall, totals } = summarise(join(dir, name));
  console.log([name.replace('.cpuprofile', '').padEnd(34), wall.toFixed(0).padStart(8), ...COLUMNS.map((c) => totals[c].toFixed(0).padStart(15))].join(''));
}
