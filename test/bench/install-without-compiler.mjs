// Shows that a fresh `npm ci` of this project compiles nothing: the committed tree is installed into a temporary
// folder with every C and C++ compiler taken off the PATH, then the install is searched for object files and the
// Argon2 binary npm unpacked derives the reference key. `make` and Python stay: npm runs node-gyp for
// better-sqlite3 (it has a binding.gyp), which finds the bundled prebuild and compiles nothing, but still looks for
// both. Takes a few minutes; needs only the npm registry.
//
//   node test/bench/install-without-compiler.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const COMPILER = /^(cc|c\+\+|cpp|gcc|g\+\+|clang|clang\+\+|ld|as)(-[\d.]+)?$|^(x86_64|aarch64|i686|arm)-.*-(gcc|g\+\+|cc|c\+\+|ld|as)(-[\d.]+)?$/;

const work = mkdtempSync(join(tmpdir(), 'strongroom-no-compiler-'));
try {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || !existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (COMPILER.test(name) || existsSync(join(bin, name))) continue;
      symlinkSync(join(dir, name), join(bin, name));
    }
  }
  const path = bin;
  for (const tool of ['cc', 'gcc', 'g++', 'clang']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { env: { PATH: path } }).status === 0) throw new Error(`${tool} is still on the PATH`);
  }

  const project = join(work, 'project');
  mkdirSync(project);
  const archive = execFileSync('git', ['archive', 'HEAD'], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', project], { input: archive });

  console.log('npm ci with no C or C++ compiler on the PATH…');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--foreground-scripts'], {
    cwd: project,
    env: { ...process.env, PATH: path },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const log = `${install.stdout}\n${install.stderr}`;
  writeFileSync(join(tmpdir(), 'strongroom-npm-ci-without-compiler.log'), log);
  if (install.status !== 0) throw new Error(`npm ci failed (exit ${install.status}); see ${join(tmpdir(), 'strongroom-npm-ci-without-compiler.log')}`);

  const objects = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(file);
      else if (/\.(o|obj)$/.test(name)) objects.push(file);
    }
  };
  walk(join(project, 'node_modules'));
  if (objects.length > 0 || /CXX\(target\)|CC\(target\)/.test(log)) throw new Error(`something was compiled: ${objects.slice(0, 5).join(', ')}`);

  const derive =
    "import('@node-rs/argon2').then((a) => a.hashRaw(Buffer.from('password'), { algorithm: 2, memoryCost: 65536, timeCost: 2, " +
    "parallelism: 1, outputLen: 32, salt: Buffer.from('somesalt') })).then((h) => console.log(h.toString('hex')))";
  const key = execFileSync(join(project, 'node_modules', 'node', 'bin', 'node'), ['--input-type=module', '-e', derive], { cwd: project, encoding: 'utf8' }).trim();
  if (key !== '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7') throw new Error(`the installed Argon2 derived ${key}`);
  const scripts = log.split('\n').filter((line) => line.startsWith('> ') && line.includes('@')).map((line) => line.slice(2));
  console.log(`Installed without a compiler; no object file anywhere; the Argon2 binary derives the reference key.`);
  console.log(`Install scripts npm ran: ${scripts.join('; ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
