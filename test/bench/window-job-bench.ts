import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { registerCustodians } from '../support/custodians';
import { cleanupAllSticks, makeStick } from '../support/loop-device';
import { BENCH_SEED_PASSPHRASE, BENCH_VAULT_PASSPHRASE, benchAccounts, provisioningCsv } from './bench-data';

/**
 * The custody job as the window runs it: one long-lived process, one StrongroomApp, calling the desk methods the
 * window's handlers call, on the same loop-device sticks as the command-line job (custody-job-bench.ts). No
 * process start, no module load between steps: what is left is the work itself, to set beside the derivations it
 * needs. Wall and CPU (user + system) time of each phase; CPU is distorted less by other work on the machine.
 */

export interface WindowJobFigures {
  readonly accounts: number;
  /** Wall time of each phase, in the order run, milliseconds. */
  readonly phases: Record<string, number>;
  readonly cpuPhases: Record<string, number>;
  /** Label to verify, without break-glass (the same phases as the command-line job's total). */
  readonly totalMs: number;
  readonly breakGlassMs: number;
}

const STICK_MIB = 160;
const CUSTODIAN = 'Bench Custodian';
const SECOND_CUSTODIAN = 'Ruth Ndlovu';

export async function windowJob(count: number): Promise<WindowJobFigures> {
  const home = await mkdtemp(join(tmpdir(), 'strongroom-bench-window-'));
  const app = new StrongroomApp({ home, env: { ...process.env, STRONGROOM_ALLOW_LOOP_DEVICES: '1', STRONGROOM_MEDIA_ROOT: undefined } });
  const phases: Record<string, number> = {};
  const cpuPhases: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const value = await work();
    phases[name] = (phases[name] ?? 0) + performance.now() - start;
    const used = process.cpuUsage(cpu);
    cpuPhases[name] = (cpuPhases[name] ?? 0) + (used.user + used.system) / 1000;
    return value;
  };
  try {
    const sticks: Record<'vault1' | 'vault2' | 'seed1' | 'seed2', string> = { vault1: '', vault2: '', seed1: '', seed2: '' };
    for (const name of Object.keys(sticks) as (keyof typeof sticks)[]) {
      sticks[name] = (await makeStick({ sizeMiB: STICK_MIB, fs: 'exfat', label: name.toUpperCase() })).mounts[0]!;
    }
    registerCustodians(app, CUSTODIAN, SECOND_CUSTODIAN);
    app.session.signIn(CUSTODIAN);
    app.airGap.allowWithNetwork('benchmark on a lab machine');

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
    const totalMs = Object.values(phases).reduce((sum, ms) => sum + ms, 0);
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
    return { accounts: count, phases, cpuPhases, totalMs, breakGlassMs: phases['break-glass']! };
  } finally {
    app.close();
    await cleanupAllSticks();
    await rm(home, { recursive: true, force: true });
  }
}
