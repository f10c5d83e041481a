import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useKeyDerivation } from '../../src-main/artefacts/kdbx-crypto';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { registerCustodians } from '../support/custodians';
import { cleanupAllSticks, makeStick } from '../support/loop-device';
import { BENCH_SEED_PASSPHRASE, BENCH_VAULT_PASSPHRASE, benchAccounts, provisioningCsv } from './bench-data';
import { addPlans, planOf, TimedCountingKeyDerivation, type DerivationPlan } from './derivation-log';
import { median } from './measure';

/**
 * The custody job as the window runs it: one long-lived process, one StrongroomApp, calling the desk methods the
 * window's handlers call, on the same loop-device sticks as the command-line job (custody-job-bench.ts). No
 * process start, no module load between steps: what is left is the work itself, to set beside the derivations it
 * needs. Wall and CPU (user + system) time of each phase; CPU is distorted less by other work on the machine.
 * Every derivation goes through a counting port (derivation-log.ts), so each phase also reports what it derived
 * and how long a derivation was running in it: the rest of its wall time is the job's own work.
 */

export interface WindowJobFigures {
  readonly accounts: number;
  /** Wall time of each phase, in the order run, milliseconds. */
  readonly phases: Record<string, number>;
  readonly cpuPhases: Record<string, number>;
  /** What each phase derived, counted at the key-derivation port. */
  readonly derivations: Record<string, DerivationPlan>;
  /** Label to verify, without break-glass (the same phases as the command-line job's total). */
  readonly totalMs: number;
  /** The derivations of those phases together. */
  readonly totalDerivations: DerivationPlan;
  /** One more account enrolled onto the four sticks, as the window's enrolment screen does: median over the repetitions. */
  readonly laterEnrolmentMs: number;
  readonly laterEnrolmentCpuMs: number;
  /** What each repetition of the later enrolment derived (they should agree; the table says so when they do not). */
  readonly laterEnrolmentDerivations: readonly DerivationPlan[];
  readonly breakGlassMs: number;
  readonly all: { readonly laterEnrolmentMs: readonly number[] };
  /** Where the V8 CPU profile of the job was written, with --cpu-prof. */
  readonly cpuProfile: string | null;
}

export interface WindowJobOptions {
  readonly reps: number;
  /**
   * Profiles the job (this process, from label to break-glass) into DIR/window-<count>.cpuprofile, with each
   * step's start and end in DIR/window-<count>.phases.json (milliseconds from the profile's start).
   */
  readonly cpuProfileDir?: string | undefined;
}

const STICK_MIB = 160;
const CUSTODIAN = 'Bench Custodian';
const SECOND_CUSTODIAN = 'Ruth Ndlovu';

export async function windowJob(count: number, options: WindowJobOptions): Promise<WindowJobFigures> {
  const home = await mkdtemp(join(tmpdir(), 'strongroom-bench-window-'));
  const counter = new TimedCountingKeyDerivation();
  const restoreKeyDerivation = useKeyDerivation(counter);
  const app = new StrongroomApp({ home, env: { ...process.env, STRONGROOM_ALLOW_LOOP_DEVICES: '1', STRONGROOM_MEDIA_ROOT: undefined } });
  const phases: Record<string, number> = {};
  const cpuPhases: Record<string, number> = {};
  const derivations: Record<string, DerivationPlan> = {};
  const timed = async (label: string, work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; derived: DerivationPlan }> => {
    const spansBefore = counter.spans.length;
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (profileStartedAt !== null) profiledSpans.push({ name: label, fromMs: start - profileStartedAt, toMs: start + ms - profileStartedAt });
    return { ms, cpuMs: (used.user + used.system) / 1000, derived: planOf(counter.spans.slice(spansBefore)) };
  };
  const phase = async (name: string, work: () => Promise<unknown>): Promise<void> => {
    const { ms, cpuMs, derived } = await timed(name, work);
    phases[name] = ms;
    cpuPhases[name] = cpuMs;
    derivations[name] = derived;
  };
  let profiler: Session | null = null;
  let cpuProfile: string | null = null;
  // Each timed step's place in the profile, so profile-summary.mjs can split the one profile by phase.
  let profileStartedAt: number | null = null;
  const profiledSpans: { name: string; fromMs: number; toMs: number }[] = [];
  try {
    const sticks: Record<'vault1' | 'vault2' | 'seed1' | 'seed2', string> = { vault1: '', vault2: '', seed1: '', seed2: '' };
    for (const name of Object.keys(sticks) as (keyof typeof sticks)[]) {
      sticks[name] = (await makeStick({ sizeMiB: STICK_MIB, fs: 'exfat', label: name.toUpperCase() })).mounts[0]!;
    }
    registerCustodians(app, CUSTODIAN, SECOND_CUSTODIAN);
    app.session.signIn(CUSTODIAN);
    app.airGap.allowWithNetwork('benchmark on a lab machine');
    if (options.cpuProfileDir !== undefined) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      profileStartedAt = performance.now();
    }

    await phase('label 4 sticks', async () => {
      for (const [devicePath, role, kind, note] of [
        [sticks.vault1, 'vault', 'onsite', 'Safe 1'],
        [sticks.vault2, 'vault', 'offsite', 'Bank box'],
        [sticks.seed1, 'seed', 'onsite', 'Safe 2'],
        [sticks.seed2, 'seed', 'offsite', 'Bank box'],
      ] as const) {
        await app.media.label({ devicePath, role, location: { kind, note } });
      }
    });
    await phase('provision', async () => {
      const imported = app.accounts.import(provisioningCsv(count), { skipProblemRows: false, fileName: 'accounts.csv' });
      const rows = imported.parsed.accounts.flatMap((row) => (row.seed ? [{ line: row.line, accountId: row.account.accountId, seed: row.seed }] : []));
      const result = await app.enrolment.provision(rows, {
        vaultPassphrase: BENCH_VAULT_PASSPHRASE,
        seedPassphrase: BENCH_SEED_PASSPHRASE,
        vaultMedia: [sticks.vault1, sticks.vault2],
        seedMedia: [sticks.seed1, sticks.seed2],
      });
      const provisioned = result.rows.filter((r) => r.outcome === 'provisioned').length;
      if (provisioned !== count) throw new Error(`the window's provision wrote ${provisioned} of ${count} accounts`);
    });
    await phase('paper seed backup', async () => {
      const document = await app.print.prepareSeedBackup({ devicePath: sticks.seed1, passphrase: BENCH_SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
      await app.print.saveToFile(document.documentId, join(sticks.seed1, 'STRONGROOM', 'seed-backup-g1.pdf'));
    });
    await phase('emergency sheets', async () => {
      for (const [role, stick] of [['vault', sticks.vault1], ['seed', sticks.seed1]] as const) {
        const document = await app.print.prepareEmergencySheet({ role, paper: 'A4', passphrase: { kind: 'write-in' }, contacts: [] });
        await app.print.saveToFile(document.documentId, join(stick, 'STRONGROOM', 'emergency-sheet.pdf'));
      }
    });
    const seals = ['S-0001', 'S-0002', 'S-0003', 'S-0004'];
    for (const [index, mediumId] of ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02'].entries()) app.mediumLifecycle.recordSeal(mediumId, seals[index]!, 'after-write');
    await phase('verify 4 sticks', async () => {
      const run = app.verification.startRun();
      for (const [index, [path, passphrase]] of ([
        [sticks.vault1, BENCH_VAULT_PASSPHRASE],
        [sticks.vault2, BENCH_VAULT_PASSPHRASE],
        [sticks.seed1, BENCH_SEED_PASSPHRASE],
        [sticks.seed2, BENCH_SEED_PASSPHRASE],
      ] as const).entries()) {
        await app.verification.verifyMedium(run.runId, path, passphrase, { sealSerial: seals[index]!, bagIntact: 'yes', locationConfirmed: 'yes', newSealSerial: null });
      }
      await app.verificationReports.finish(run.runId);
    });
    const jobPhases = Object.keys(phases);
    const totalMs = jobPhases.reduce((sum, name) => sum + phases[name]!, 0);
    const totalDerivations = addPlans(jobPhases.map((name) => derivations[name]!));

    // Later enrolment, as the enrolment screen runs it: each repetition adds an account the provisioning table did
    // not hold, and times what the custodian waits through (start, password shown, seed entered, AWS confirmed, the
    // write onto the four sticks), as the command-line job times its `enrol` process. Adding the account is not timed.
    const laterEnrolments: { ms: number; cpuMs: number; derived: DerivationPlan }[] = [];
    for (const extra of benchAccounts(count + options.reps).slice(count)) {
      app.accounts.add({ accountId: extra.accountId, name: extra.name, rootEmail: extra.email });
      laterEnrolments.push(
        await timed(`later enrolment ${laterEnrolments.length + 1}`, async () => {
          const started = app.enrolment.start(extra.accountId);
          app.enrolment.revealPassword(started.enrolmentId);
          app.enrolment.setSeed(started.enrolmentId, extra.seedBase32);
          app.enrolment.confirmAwsAccepted(started.enrolmentId);
          const report = await app.enrolment.writeAsEntered({
            vaultPassphrase: BENCH_VAULT_PASSPHRASE,
            seedPassphrase: BENCH_SEED_PASSPHRASE,
            vaultMedia: [sticks.vault1, sticks.vault2],
            seedMedia: [sticks.seed1, sticks.seed2],
          });
          if (!report.enrolled.includes(extra.accountId)) throw new Error(`the window's later enrolment of ${extra.accountId} did not reach a stick of each role (job ${report.job.status})`);
        }),
      );
    }

    await phase('break-glass', async () => {
      const view = await app.breakGlass.openFor({
        accountId: benchAccounts(1)[0]!.accountId,
        reason: 'Benchmark drill',
        vaultDevicePath: sticks.vault2,
        seedDevicePath: sticks.seed2,
        vaultPassphrase: BENCH_VAULT_PASSPHRASE,
        seedPassphrase: BENCH_SEED_PASSPHRASE,
        vaultCustodian: CUSTODIAN,
        seedCustodian: SECOND_CUSTODIAN,
      });
      app.breakGlass.close(view.sessionId);
    });
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      await mkdir(options.cpuProfileDir!, { recursive: true });
      cpuProfile = join(options.cpuProfileDir!, `window-${count}.cpuprofile`);
      await writeFile(cpuProfile, JSON.stringify(profile));
      await writeFile(cpuProfile.replace(/\.cpuprofile$/, '.phases.json'), JSON.stringify(profiledSpans));
    }
    return {
      accounts: count,
      phases,
      cpuPhases,
      derivations,
      totalMs,
      totalDerivations,
      laterEnrolmentMs: median(laterEnrolments.map((e) => e.ms)),
      laterEnrolmentCpuMs: median(laterEnrolments.map((e) => e.cpuMs)),
      laterEnrolmentDerivations: laterEnrolments.map((e) => e.derived),
      breakGlassMs: phases['break-glass']!,
      all: { laterEnrolmentMs: laterEnrolments.map((e) => e.ms) },
      cpuProfile,
    };
  } finally {
    profiler?.disconnect();
    app.close();
    restoreKeyDerivation();
    await cleanupAllSticks();
    await rm(home, { recursive: true, force: true });
  }
}
