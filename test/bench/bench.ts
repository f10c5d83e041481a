import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanupAllSticks, loopDevicesUnavailableReason } from '../support/loop-device';
import { argon2Candidates, type CandidateFigure } from './argon2-candidates';
import { custodyJob, type JobFigures, type MediaKind } from './custody-job-bench';
import { driveDetectionFigures } from './drive-detection-bench';
import { windowJob, type WindowJobFigures } from './window-job-bench';
import { argon2Figures, kdbxFigures, type KdbxFigures } from './kdf-bench';
import { mustSucceed, ratio, runProcess, seconds } from './measure';

/**
 * `npm run bench`: what a custodian waits for, on generated organisations of 10, 100, 1,000 and 5,000 accounts.
 * Prints a table and writes test-results/bench.json. Not a test: nothing passes or fails on a figure (targets are
 * printed beside them), and figures from a machine busy with other work are noisy; the load average is recorded.
 *
 *   npm run bench                        every figure at every size
 *   npm run bench -- --sizes 10,100 --reps 3
 *   npm run bench -- --argon2-candidates  only the race of Argon2 implementations (see argon2-candidates.ts)
 *   npm run bench -- --cpu-prof DIR      also writes a V8 CPU profile of every `strongroom` process of the job to DIR
 */

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,5000' },
    reps: { type: 'string', default: '5' },
    out: { type: 'string', default: 'test-results/bench.json' },
    'argon2-candidates': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
const reps = Math.max(1, Number(values.reps));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes whole numbers, e.g. 10,100,1000,5000');

const here = dirname(fileURLToPath(import.meta.url));
const cliBin = join(process.cwd(), 'bin', 'strongroom.js');

function toolVersion(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0] ?? null;
  } catch {
    return null;
  }
}

function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    keepassxc: toolVersion('keepassxc-cli', ['--version']),
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

async function paperBackup(count: number) {
  const run = mustSucceed(await runProcess(process.execPath, [join(here, 'seed-backup-child.mjs'), String(count)]), 'paper seed backup');
  return JSON.parse(run.stdout.trim()) as { ms: number; cpuMs: number; peakRssMiB: number; pages: number; pdfMiB: number };
}

function printCandidates(figures: readonly CandidateFigure[]): void {
  console.log('\nArgon2id, 256 MiB, 3 passes, 2 lanes, one interleaved run:');
  for (const f of figures) {
    console.log(`  ${f.name.padEnd(16)} ${f.medianMs === null ? f.note.padStart(9) : `${seconds(f.medianMs)} s`.padStart(9)}  ${f.cpuMs === null ? '' : `(CPU ${seconds(f.cpuMs)} s)`.padEnd(15)} ${f.kind}`);
  }
}

async function main(): Promise<void> {
  const facts = machine();
  console.log(`Strongroom benchmark: ${facts.cpu}, ${facts.cores} cores, ${facts.memoryGiB} GiB; Node ${facts.node}; ${facts.keepassxc ?? 'no keepassxc-cli'}`);
  console.log(`Load average at start: ${facts.loadAverageAtStart.join(' ')} (figures from a busy machine run slow)`);
  if (values['argon2-candidates']) {
    const figures = await argon2Candidates(reps);
    printCandidates(figures);
    await writeReport({ machine: facts, argon2Candidates: figures });
    return;
  }

  const keepassxc = facts.keepassxc !== null;
  const loopUnavailable = await loopDevicesUnavailableReason();
  const media: MediaKind = loopUnavailable === null ? 'loop devices' : 'practice folders';
  if (loopUnavailable) console.log(`Sticks: practice folders (${loopUnavailable}).`);
  const work = await mkdtemp(join(tmpdir(), 'strongroom-bench-'));
  try {
    const argon2 = await argon2Figures(reps);
    console.log(`Argon2id ${256} MiB × 3 × 2 lanes: one derivation ${seconds(argon2.oneMs)} s, two side by side ${seconds(argon2.twoSideBySideMs)} s`);
    const kdbx: KdbxFigures[] = [];
    const jobs: JobFigures[] = [];
    const paper: Awaited<ReturnType<typeof paperBackup>>[] = [];
    const windowJobs: (WindowJobFigures | null)[] = [];
    for (const count of sizes) {
      console.log(`\n— ${count} accounts`);
      kdbx.push(await kdbxFigures(count, reps, work, join(here, 'open-vault-child.mjs'), keepassxc));
      console.log(`  vault.kdbx: save ${seconds(kdbx.at(-1)!.saveMs)} s, open ${seconds(kdbx.at(-1)!.openInProcessMs)} s (process ${seconds(kdbx.at(-1)!.openProcessMs)} s), keepassxc-cli ${seconds(kdbx.at(-1)!.keepassxcOpenMs ?? NaN)} s`);
      paper.push(await paperBackup(count));
      console.log(`  paper seed backup: ${seconds(paper.at(-1)!.ms)} s, peak ${paper.at(-1)!.peakRssMiB.toFixed(0)} MiB, ${paper.at(-1)!.pages} pages`);
      jobs.push(await custodyJob(count, { media, reps, keepassxc, cliBin, cpuProfileDir: values['cpu-prof'] }));
      console.log(`  custody job on ${media}: ${seconds(jobs.at(-1)!.totalMs)} s; later enrolment ${seconds(jobs.at(-1)!.laterEnrolmentMs)} s; break-glass ${seconds(jobs.at(-1)!.breakGlassMs)} s`);
      // The window's job needs real sticks: the desks read them through the drive enumerator, as the kiosk does.
      windowJobs.push(media === 'loop devices' ? await windowJob(count) : null);
      if (windowJobs.at(-1)) console.log(`  custody job as the window runs it: ${seconds(windowJobs.at(-1)!.totalMs)} s; break-glass ${seconds(windowJobs.at(-1)!.breakGlassMs)} s`);
      // The table so far, printed and written after every size, so a run cut short still leaves its figures.
      const sofar = renderTable({ sizes: sizes.slice(0, jobs.length), argon2, kdbx, jobs, windowJobs, paper, detection: 'later', media });
      console.log(`\n${sofar}`);
      await writeReport({ machine: { ...facts, loadAverageNow: loadavg().map((l) => Number(l.toFixed(2))) }, media, reps, argon2, kdbx, paper, jobs, windowJobs, table: sofar, partial: true });
    }
    const detection = loopUnavailable === null ? await driveDetectionFigures(reps) : null;
    const table = renderTable({ sizes, argon2, kdbx, jobs, windowJobs, paper, detection, media });
    console.log(`\n${table}`);
    await writeReport({ machine: { ...facts, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) }, media, reps, argon2, kdbx, paper, jobs, windowJobs, detection, table });
  } finally {
    await cleanupAllSticks();
    await rm(work, { recursive: true, force: true });
  }
}

function renderTable(f: {
  sizes: readonly number[];
  argon2: Awaited<ReturnType<typeof argon2Figures>>;
  kdbx: readonly KdbxFigures[];
  jobs: readonly JobFigures[];
  /** The same job in one long-lived app, as the window runs it; null where there are no loop devices. */
  windowJobs: readonly (WindowJobFigures | null)[];
  paper: readonly { ms: number; cpuMs: number; peakRssMiB: number; pages: number; pdfMiB: number }[];
  /** Null where no loop devices are; 'later' in a table printed before the run reached the detection phase. */
  detection: { medianMs: number; all: number[] } | null | 'later';
  media: MediaKind;
}): string {
  const rows: string[][] = [];
  const row = (name: string, target: string, cells: readonly string[]) => rows.push([name, ...cells, target]);
  const each = <T>(list: readonly T[], cell: (item: T) => string) => list.map(cell);
  const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : `${seconds(ms)} s`);
  row('vault.kdbx size', '', each(f.kdbx, (k) => `${k.fileKiB < 1024 ? `${k.fileKiB.toFixed(0)} KiB` : `${(k.fileKiB / 1024).toFixed(1)} MiB`}`));
  row('save vault.kdbx (in the app)', '', each(f.kdbx, (k) => s(k.saveMs)));
  row('open vault.kdbx (in the app)', '', each(f.kdbx, (k) => s(k.openInProcessMs)));
  row('open vault.kdbx (whole process)', '', each(f.kdbx, (k) => s(k.openProcessMs)));
  row('keepassxc-cli open (whole process)', '', each(f.kdbx, (k) => s(k.keepassxcOpenMs)));
  row('open ÷ keepassxc-cli, whole process', '≤ 1.2×', each(f.kdbx, (k) => ratio(k.openProcessMs, k.keepassxcOpenMs ?? NaN)));
  row('open ÷ keepassxc-cli, in the app', '≤ 1.2×', each(f.kdbx, (k) => ratio(k.openInProcessMs, k.keepassxcOpenMs ?? NaN)));
  const phaseNames = [...new Set(f.jobs.flatMap((j) => Object.keys(j.phases)))];
  for (const phase of phaseNames) row(`job: ${phase}`, '', each(f.jobs, (j) => s(j.phases[phase])));
  row('job total (without the start line)', '', each(f.jobs, (j) => s(j.totalMs)));
  // What the phases must derive, each key once per file (test/unit/app-key-derivations.test.ts): provision saves
  // the vault and the seed store side by side, the backup opens the seed store, verify opens one file per role.
  row('job total ÷ its derivations (2 side by side + 3)', '≤ 1.5×', each(f.jobs, (j) => ratio(j.totalMs, f.argon2.twoSideBySideMs + 3 * f.argon2.oneMs)));
  row('later enrolment write (whole process)', '', each(f.jobs, (j) => s(j.laterEnrolmentMs)));
  // A later write opens each role's newest generation and saves the next: two pairs side by side.
  row('later enrolment ÷ one derivation', '≤ 2×', each(f.jobs, (j) => ratio(j.laterEnrolmentMs, f.argon2.oneMs)));
  row('later enrolment ÷ its derivations (2 pairs side by side)', '', each(f.jobs, (j) => ratio(j.laterEnrolmentMs, 2 * f.argon2.twoSideBySideMs)));
  row('break-glass (whole process)', '', each(f.jobs, (j) => s(j.breakGlassMs)));
  row('keepassxc-cli open of the stick’s vault', '', each(f.jobs, (j) => s(j.keepassxcOpenOnStickMs)));
  row('break-glass ÷ keepassxc-cli open', '≤ 1.3×', each(f.jobs, (j) => ratio(j.breakGlassMs, j.keepassxcOpenOnStickMs ?? NaN)));
  const windowPhases = [...new Set(f.windowJobs.flatMap((j) => (j ? Object.keys(j.phases) : [])))];
  for (const phase of windowPhases) row(`window job: ${phase} (wall / CPU)`, '', each(f.windowJobs, (j) => (j ? `${s(j.phases[phase])} / ${s(j.cpuPhases[phase])}` : '–')));
  row('window job total (label to verify)', '', each(f.windowJobs, (j) => s(j?.totalMs)));
  row('window job total ÷ its derivations (2 side by side + 3)', '≤ 1.5×', each(f.windowJobs, (j) => ratio(j?.totalMs ?? NaN, f.argon2.twoSideBySideMs + 3 * f.argon2.oneMs)));
  row('window break-glass ÷ its derivations (2 side by side)', '', each(f.windowJobs, (j) => ratio(j?.breakGlassMs ?? NaN, f.argon2.twoSideBySideMs)));
  row('window break-glass ÷ keepassxc-cli open', '≤ 1.3×', each(f.jobs.map((j, i) => [j, f.windowJobs[i]] as const), ([j, w]) => ratio(w?.breakGlassMs ?? NaN, j.keepassxcOpenOnStickMs ?? NaN)));
  row('paper seed backup (own process)', '< 10 s at 5,000', each(f.paper, (p) => s(p.ms)));
  row('paper seed backup, CPU time', '', each(f.paper, (p) => s(p.cpuMs)));
  row('paper seed backup peak memory', '< 500 MiB', each(f.paper, (p) => `${p.peakRssMiB.toFixed(0)} MiB`));
  row('paper seed backup pages / PDF size', '', each(f.paper, (p) => `${p.pages} / ${p.pdfMiB.toFixed(1)} MiB`));

  const header = ['figure (median)', ...f.sizes.map((n) => `${n.toLocaleString('en')} accounts`), 'target'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const notes = [
    `Argon2id 256 MiB, 3 passes, 2 lanes: one derivation ${seconds(f.argon2.oneMs)} s, two side by side ${seconds(f.argon2.twoSideBySideMs)} s.`,
    `Sticks: ${f.media}. The job's phases are whole \`strongroom\` processes; the job derives 5 keys, once per file per phase: provision saves vault.kdbx and seeds.kdbx side by side, the paper backup opens seeds.kdbx, verify opens one vault.kdbx and one seeds.kdbx (each stick's file is byte for byte its replica's).`,
    f.detection === 'later'
      ? 'Drive detection: measured once every size is done.'
      : f.detection
      ? `Drive detection, loop image mounted → the app's drive watcher reports it: median ${seconds(f.detection.medianMs)} s (${f.detection.all.map((ms) => seconds(ms)).join(', ')} s; target < 1 s).`
      : 'Drive detection: not measured (no loop devices here).',
  ];
  return [...lines, '', ...notes].join('\n');
}

async function writeReport(report: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
  console.log(`\nWrote ${values.out}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: detaching the benchmark's sticks before stopping.`);
    void cleanupAllSticks().finally(() => process.exit(130));
  });
}

await main();
