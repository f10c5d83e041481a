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
import { derivationMs, describePlan, type DerivationPlan } from './derivation-log';
import { argon2Figures, kdbxFigures, type KdbxFigures } from './kdf-bench';
import { median, mustSucceed, ratio, runProcess, seconds } from './measure';

/**
 * `npm run bench`: what a custodian waits for, on generated organisations of 10, 100, 1,000 and 5,000 accounts.
 * Prints a table and writes test-results/bench.json. Not a test: nothing passes or fails on a figure (targets are
 * printed beside them), and figures from a machine busy with other work are noisy; the load average is recorded.
 *
 *   npm run bench                        every figure at every size
 *   npm run bench -- --sizes 10,100 --reps 3
 *   npm run bench -- --argon2-candidates  only the race of Argon2 implementations (see argon2-candidates.ts)
 *   npm run bench -- --window-job        only the Argon2 figures and the job as the window runs it (to profile it)
 *   npm run bench -- --drive-detection   only the drive detection latency
 *   npm run bench -- --cpu-prof DIR      also writes a V8 CPU profile of every `strongroom` process of the job, and
 *                                        of the window's job (this process), to DIR (node test/bench/profile-summary.mjs DIR)
 */

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,5000' },
    reps: { type: 'string', default: '5' },
    out: { type: 'string', default: 'test-results/bench.json' },
    'argon2-candidates': { type: 'boolean', default: false },
    'window-job': { type: 'boolean', default: false },
    'drive-detection': { type: 'boolean', default: false },
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
    if (values['drive-detection']) {
      if (loopUnavailable) throw new Error(`--drive-detection needs loop devices (${loopUnavailable}).`);
      const detection = await driveDetectionFigures(reps);
      console.log(`Drive detection, loop image mounted → the app's drive watcher reports it: median ${seconds(detection.medianMs)} s (${detection.all.map((ms) => seconds(ms)).join(', ')} s; target < 1 s).`);
      await writeReport({ machine: { ...facts, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) }, reps, detection });
      return;
    }
    const argon2 = await argon2Figures(reps);
    console.log(`Argon2id ${256} MiB × 3 × 2 lanes: one derivation ${seconds(argon2.oneMs)} s, two side by side ${seconds(argon2.twoSideBySideMs)} s`);
    if (values['window-job']) {
      if (loopUnavailable) throw new Error('--window-job needs loop devices: the desks read the sticks through the drive enumerator.');
      const windowJobs = [];
      for (const count of sizes) windowJobs.push(await windowJob(count, { reps, cpuProfileDir: values['cpu-prof'] }));
      console.log(`\n${windowJobTable(sizes, argon2, windowJobs)}`);
      await writeReport({ machine: { ...facts, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) }, reps, argon2, windowJobs });
      return;
    }
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
      windowJobs.push(media === 'loop devices' ? await windowJob(count, { reps, cpuProfileDir: values['cpu-prof'] }) : null);
      const w = windowJobs.at(-1);
      if (w) console.log(`  custody job as the window runs it: ${seconds(w.totalMs)} s; later enrolment ${seconds(w.laterEnrolmentMs)} s; break-glass ${seconds(w.breakGlassMs)} s`);
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

type Argon2 = Awaited<ReturnType<typeof argon2Figures>>;
type Row = (name: string, target: string, cells: readonly string[]) => void;
const each = <T>(list: readonly T[], cell: (item: T, index: number) => string) => list.map(cell);
const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : `${seconds(ms)} s`);

function markdownTable(sizes: readonly number[], rows: readonly string[][]): string[] {
  const header = ['figure (median)', ...sizes.map((n) => `${n.toLocaleString('en')} accounts`), 'target'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

/**
 * What a job derives, counted at the key-derivation port in the window's run of the same job (derivation-log.ts,
 * the double test/unit/app-key-derivations.test.ts asserts with). The command-line job runs the same desks in
 * processes the port cannot be reached in, so its divisors come from the window's count at the same size.
 */
function derivationsCounted(argon2: Argon2, windowJobs: readonly (WindowJobFigures | null)[]) {
  const derivedIn = (pick: (w: WindowJobFigures) => readonly DerivationPlan[]) => windowJobs.map((w) => (w ? pick(w) : []));
  const plans = {
    job: derivedIn((w) => [w.totalDerivations]),
    later: derivedIn((w) => w.laterEnrolmentDerivations),
    breakGlass: derivedIn((w) => (w.derivations['break-glass'] ? [w.derivations['break-glass']] : [])),
  };
  const captionOf = (which: keyof typeof plans) => {
    const named = [...new Set(plans[which].flat().map(describePlan))];
    return named.length > 0 ? named.join(' / ') : 'counted in the window’s run';
  };
  /** The time the derivations of one size take; NaN where nothing was counted. */
  const costOf = (which: keyof typeof plans, index: number) => median((plans[which][index] ?? []).map((p) => derivationMs(p, argon2)));
  return { captionOf, costOf };
}

function windowRows(row: Row, argon2: Argon2, windowJobs: readonly (WindowJobFigures | null)[], jobs: readonly JobFigures[]): void {
  const { captionOf, costOf } = derivationsCounted(argon2, windowJobs);
  const windowPhases = [...new Set(windowJobs.flatMap((j) => (j ? Object.keys(j.phases) : [])))];
  // "deriving": the wall time in which at least one derivation was running, measured in the phase itself.
  for (const phase of windowPhases) {
    row(`window job: ${phase} (wall / CPU / deriving)`, '', each(windowJobs, (j) => (j ? `${s(j.phases[phase])} / ${s(j.cpuPhases[phase])} / ${s(j.derivations[phase]?.busyMs)}` : '–')));
  }
  row('window job total (label to verify)', '', each(windowJobs, (j) => s(j?.totalMs)));
  row('window job total with no derivation running', '', each(windowJobs, (j) => s(j ? j.totalMs - j.totalDerivations.busyMs : null)));
  row(`window job total ÷ its derivations (${captionOf('job')})`, '≤ 1.5×', each(windowJobs, (j, i) => ratio(j?.totalMs ?? NaN, costOf('job', i))));
  row('window later enrolment write (wall / CPU)', '', each(windowJobs, (j) => (j ? `${s(j.laterEnrolmentMs)} / ${s(j.laterEnrolmentCpuMs)}` : '–')));
  row('window later enrolment ÷ one derivation', '≤ 2×', each(windowJobs, (j) => ratio(j?.laterEnrolmentMs ?? NaN, argon2.oneMs)));
  row(`window later enrolment ÷ its derivations (${captionOf('later')})`, '', each(windowJobs, (j, i) => ratio(j?.laterEnrolmentMs ?? NaN, costOf('later', i))));
  row(`window break-glass ÷ its derivations (${captionOf('breakGlass')})`, '', each(windowJobs, (j, i) => ratio(j?.breakGlassMs ?? NaN, costOf('breakGlass', i))));
  row('window break-glass ÷ keepassxc-cli open', '≤ 1.3×', each(windowJobs, (w, i) => ratio(w?.breakGlassMs ?? NaN, jobs[i]?.keepassxcOpenOnStickMs ?? NaN)));
}

function argon2Note(argon2: Argon2): string {
  return `Argon2id 256 MiB, 3 passes, 2 lanes: one derivation ${seconds(argon2.oneMs)} s, two side by side ${seconds(argon2.twoSideBySideMs)} s.`;
}

/** `--window-job`: the window's rows alone. */
function windowJobTable(sizes: readonly number[], argon2: Argon2, windowJobs: readonly WindowJobFigures[]): string {
  const rows: string[][] = [];
  windowRows((name, target, cells) => rows.push([name, ...cells, target]), argon2, windowJobs, []);
  return [...markdownTable(sizes, rows), '', argon2Note(argon2), derivationNote(windowJobs)].join('\n');
}

function renderTable(f: {
  sizes: readonly number[];
  argon2: Argon2;
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
  const row: Row = (name, target, cells) => rows.push([name, ...cells, target]);
  row('vault.kdbx size', '', each(f.kdbx, (k) => `${k.fileKiB < 1024 ? `${k.fileKiB.toFixed(0)} KiB` : `${(k.fileKiB / 1024).toFixed(1)} MiB`}`));
  row('save vault.kdbx (in the app)', '', each(f.kdbx, (k) => s(k.saveMs)));
  row('open vault.kdbx (in the app)', '', each(f.kdbx, (k) => s(k.openInProcessMs)));
  row('open vault.kdbx (whole process)', '', each(f.kdbx, (k) => s(k.openProcessMs)));
  row('keepassxc-cli open (whole process)', '', each(f.kdbx, (k) => s(k.keepassxcOpenMs)));
  row('open ÷ keepassxc-cli, whole process', '≤ 1.2×', each(f.kdbx, (k) => ratio(k.openProcessMs, k.keepassxcOpenMs ?? NaN)));
  row('open ÷ keepassxc-cli, in the app', '≤ 1.2×', each(f.kdbx, (k) => ratio(k.openInProcessMs, k.keepassxcOpenMs ?? NaN)));
  const { captionOf, costOf } = derivationsCounted(f.argon2, f.windowJobs);
  const phaseNames = [...new Set(f.jobs.flatMap((j) => Object.keys(j.phases)))];
  for (const phase of phaseNames) row(`job: ${phase}`, '', each(f.jobs, (j) => s(j.phases[phase])));
  row('job total (without the start line)', '', each(f.jobs, (j) => s(j.totalMs)));
  row(`job total ÷ its derivations (${captionOf('job')})`, '≤ 1.5×', each(f.jobs, (j, i) => ratio(j.totalMs, costOf('job', i))));
  row('later enrolment write (whole process)', '', each(f.jobs, (j) => s(j.laterEnrolmentMs)));
  row('later enrolment ÷ one derivation', '≤ 2×', each(f.jobs, (j) => ratio(j.laterEnrolmentMs, f.argon2.oneMs)));
  row(`later enrolment ÷ its derivations (${captionOf('later')})`, '', each(f.jobs, (j, i) => ratio(j.laterEnrolmentMs, costOf('later', i))));
  row('break-glass (whole process)', '', each(f.jobs, (j) => s(j.breakGlassMs)));
  row('keepassxc-cli open of the stick’s vault', '', each(f.jobs, (j) => s(j.keepassxcOpenOnStickMs)));
  row('break-glass ÷ keepassxc-cli open', '≤ 1.3×', each(f.jobs, (j) => ratio(j.breakGlassMs, j.keepassxcOpenOnStickMs ?? NaN)));
  windowRows(row, f.argon2, f.windowJobs, f.jobs);
  row('paper seed backup (own process)', '< 10 s at 5,000', each(f.paper, (p) => s(p.ms)));
  row('paper seed backup, CPU time', '', each(f.paper, (p) => s(p.cpuMs)));
  row('paper seed backup peak memory', '< 500 MiB', each(f.paper, (p) => `${p.peakRssMiB.toFixed(0)} MiB`));
  row('paper seed backup pages / PDF size', '', each(f.paper, (p) => `${p.pages} / ${p.pdfMiB.toFixed(1)} MiB`));

  const notes = [
    argon2Note(f.argon2),
    `Sticks: ${f.media}. The job's phases are whole \`strongroom\` processes. ${derivationNote(f.windowJobs)}`,
    f.detection === 'later'
      ? 'Drive detection: measured once every size is done.'
      : f.detection
      ? `Drive detection, loop image mounted → the app's drive watcher reports it: median ${seconds(f.detection.medianMs)} s (${f.detection.all.map((ms) => seconds(ms)).join(', ')} s; target < 1 s).`
      : 'Drive detection: not measured (no loop devices here).',
  ];
  return [...markdownTable(f.sizes, rows), '', ...notes].join('\n');
}

/** What each phase derived, as counted in the window's run at the first size that has one. */
function derivationNote(windowJobs: readonly (WindowJobFigures | null)[]): string {
  const counted = windowJobs.find((w) => w !== null);
  if (!counted) return 'What each job derives is counted in the window’s run, which needs loop devices: not counted here, so no ratio to the derivations.';
  const phases = Object.entries(counted.derivations).filter(([name, plan]) => plan.count > 0 && name !== 'break-glass');
  const later = counted.laterEnrolmentDerivations[0];
  const breakGlass = counted.derivations['break-glass'];
  return (
    `Derivations counted at the key-derivation port (window, ${counted.accounts.toLocaleString('en')} accounts): ` +
    `the job derives ${counted.totalDerivations.count} (${phases.map(([name, plan]) => `${name}: ${describePlan(plan)}`).join('; ')})` +
    (later ? `; a later enrolment ${later.count} (${describePlan(later)})` : '') +
    (breakGlass ? `; break-glass ${breakGlass.count} (${describePlan(breakGlass)})` : '') +
    '. A pair side by side costs the measured time of two derivations at once, one alone the time of one.'
  );
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
