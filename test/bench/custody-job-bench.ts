import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupAllSticks, makeStick } from '../support/loop-device';
import { BENCH_SEED_PASSPHRASE, BENCH_VAULT_PASSPHRASE, benchAccounts, provisioningCsv } from './bench-data';
import { interleaved, median, mustSucceed, runProcess } from './measure';

/**
 * The whole custody job a custodian runs for a new organisation, through the `strongroom` command line exactly as
 * README shows it (so this keeps measuring the same thing however the app layer behind it is arranged): label two
 * vault and two seed sticks, provision every account, print the paper seed backup and both emergency sheets, and
 * verify all four sticks. Real loop-device sticks (exFAT over FUSE) where the machine allows, practice folders
 * otherwise. Then a later enrolment write (one more account onto the four sticks, once per repetition, each a new
 * account), and break-glass on those sticks, against keepassxc-cli opening the vault on the same stick.
 */

export type MediaKind = 'loop devices' | 'practice folders';

export interface JobFigures {
  readonly accounts: number;
  readonly media: MediaKind;
  /** Wall time of each phase, in the order run, milliseconds. */
  readonly phases: Record<string, number>;
  readonly totalMs: number;
  /** One more account enrolled onto the four sticks that already hold a generation: median over the repetitions. */
  readonly laterEnrolmentMs: number;
  readonly breakGlassMs: number;
  readonly keepassxcOpenOnStickMs: number | null;
  readonly all: Record<string, number[]>;
}

const STICK_MIB = 160;
const NAMES = ['vault-1', 'vault-2', 'seed-1', 'seed-2'] as const;
const SECOND_CUSTODIAN = 'Ruth Ndlovu';

export interface JobOptions {
  readonly media: MediaKind;
  readonly reps: number;
  readonly keepassxc: boolean;
  readonly cliBin: string;
  /** Where each `strongroom` process writes its V8 CPU profile (`--cpu-prof`), named by its phase; none when absent. */
  readonly cpuProfileDir?: string | undefined;
}

export async function custodyJob(count: number, options: JobOptions): Promise<JobFigures> {
  const work = await mkdtemp(join(tmpdir(), 'strongroom-bench-job-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['STRONGROOM_MEDIA_ROOT'];
  const mounts: Record<(typeof NAMES)[number], string> = { 'vault-1': '', 'vault-2': '', 'seed-1': '', 'seed-2': '' };
  try {
    if (options.media === 'loop devices') {
      env['STRONGROOM_ALLOW_LOOP_DEVICES'] = '1';
      for (const name of NAMES) {
        const stick = await makeStick({ sizeMiB: STICK_MIB, fs: 'exfat', label: name.toUpperCase().replace('-', '') });
        mounts[name] = stick.mounts[0]!;
      }
    } else {
      env['STRONGROOM_MEDIA_ROOT'] = join(work, 'media');
      for (const name of NAMES) {
        mounts[name] = join(work, 'media', name);
        await mkdir(mounts[name], { recursive: true });
      }
    }
    const home = join(work, 'home');
    const csv = join(work, 'accounts.csv');
    await writeFile(csv, provisioningCsv(count));
    const both = `${BENCH_VAULT_PASSPHRASE}\n${BENCH_SEED_PASSPHRASE}\n`;
    let profiled = 0;
    const nodeFlags = (what: string): string[] => {
      if (options.cpuProfileDir === undefined) return [];
      profiled += 1;
      const name = `${count}-${String(profiled).padStart(2, '0')}-${what.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`;
      return ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, '--cpu-prof-name', name];
    };
    const strongroom = async (what: string, args: readonly string[], input = '') =>
      mustSucceed(
        await runProcess(process.execPath, [...nodeFlags(what), options.cliBin, '--home', home, '--custodian', 'Bench Custodian', '--allow-network', 'benchmark on a lab machine', ...args], { input, env }),
        `strongroom ${what}`,
      ).ms;

    // Two-person control: the bench custodian registers themself on the fresh kiosk, then the second custodian.
    for (const name of ['Bench Custodian', SECOND_CUSTODIAN]) await strongroom('custodians add', ['custodians', 'add', name]);
    const phases: Record<string, number> = {};
    phases['command-line start (no work)'] = await strongroom('passphrase suggest', ['passphrase', 'suggest']);
    let label = 0;
    for (const [name, location] of [['vault-1', 'onsite: Safe 1'], ['vault-2', 'offsite: Bank box'], ['seed-1', 'onsite: Safe 2'], ['seed-2', 'offsite: Bank box']] as const) {
      label += await strongroom('label', ['label', mounts[name], '--role', name.startsWith('vault') ? 'vault' : 'seed', '--location', location]);
    }
    phases['label 4 sticks'] = label;
    phases['provision'] = await strongroom('provision', ['provision', '--accounts', csv, '--vault-media', `${mounts['vault-1']},${mounts['vault-2']}`, '--seed-media', `${mounts['seed-1']},${mounts['seed-2']}`], both);
    phases['paper seed backup'] = await strongroom('print seed-backup', ['print', 'seed-backup', '--second-custodian', SECOND_CUSTODIAN, '--seeds', mounts['seed-1'], '--out', join(mounts['seed-1'], 'STRONGROOM', 'seed-backup-g1.pdf')], `${BENCH_SEED_PASSPHRASE}\n`);
    phases['emergency sheets'] =
      (await strongroom('print emergency-sheet', ['print', 'emergency-sheet', '--role', 'vault', '--out', join(mounts['vault-1'], 'STRONGROOM', 'emergency-sheet.pdf')])) +
      (await strongroom('print emergency-sheet', ['print', 'emergency-sheet', '--role', 'seed', '--out', join(mounts['seed-1'], 'STRONGROOM', 'emergency-sheet.pdf')]));
    // The bags the sticks were sealed in after the write, logged so verification can compare the serials read off them.
    const seals = ['S-0001', 'S-0002', 'S-0003', 'S-0004'];
    for (const [index, mediumId] of ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02'].entries()) await strongroom('medium seal', ['medium', 'seal', mediumId, '--serial', seals[index]!]);
    const verify = await runProcess(process.execPath, [...nodeFlags('verify'), options.cliBin, '--home', home, '--custodian', 'Bench Custodian', '--allow-network', 'benchmark on a lab machine', 'verify', mounts['vault-1'], mounts['vault-2'], mounts['seed-1'], mounts['seed-2'], '--seals', seals.join(','), '--physical-ok'], { input: both, env });
    // Every check runs whatever the outcome, so the time stands; a check that fails is shown, not hidden.
    if (verify.code !== 0) console.log(`  verify did not pass every check (exit ${verify.code}):\n${verify.stdout.split('\n').filter((l) => l.includes('FAIL') || l.includes('open ')).join('\n')}`);
    phases['verify 4 sticks'] = mustSucceed({ ...verify, code: verify.code === 1 ? 0 : verify.code }, 'strongroom verify').ms;
    const totalMs = Object.entries(phases).reduce((sum, [name, ms]) => (name.startsWith('command-line start') ? sum : sum + ms), 0);

    // Later enrolment: each repetition adds one account the provisioning table did not hold and enrols it (stdin:
    // its MFA seed, `yes` once AWS took the codes, then both passes). Only the enrol process is timed.
    const laterEnrolments: number[] = [];
    for (const extra of benchAccounts(count + options.reps).slice(count)) {
      await strongroom('accounts add', ['accounts', 'add', '--id', extra.accountId, '--name', extra.name, '--email', extra.email]);
      const media = ['--vault-media', `${mounts['vault-1']},${mounts['vault-2']}`, '--seed-media', `${mounts['seed-1']},${mounts['seed-2']}`];
      const enrol = await runProcess(process.execPath, [...nodeFlags('enrol'), options.cliBin, '--home', home, '--custodian', 'Bench Custodian', '--allow-network', 'benchmark on a lab machine', 'enrol', '--account', extra.accountId, ...media], { input: `${extra.seedBase32}\nyes\n${both}`, env });
      // Its standard output holds the new root password: a failure shows standard error alone.
      if (enrol.code !== 0) throw new Error(`strongroom enrol failed (exit ${enrol.code}): ${enrol.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      laterEnrolments.push(enrol.ms);
    }

    const accountId = benchAccounts(1)[0]!.accountId;
    const vaultFile = join(mounts['vault-1'], 'STRONGROOM', 'vault.kdbx');
    const contestants: Record<string, () => Promise<unknown>> = {
      'break-glass': () =>
        strongroom('breakglass', ['breakglass', '--json', '--account', accountId, '--vault', mounts['vault-2'], '--seeds', mounts['seed-2'], '--reason', 'Benchmark drill', '--seed-custodian', SECOND_CUSTODIAN], both),
    };
    if (options.keepassxc) {
      contestants['keepassxc-cli open'] = async () =>
        mustSucceed(await runProcess('keepassxc-cli', ['db-info', '-q', vaultFile], { input: `${BENCH_VAULT_PASSPHRASE}\n` }), 'keepassxc-cli db-info');
    }
    const all = await interleaved(options.reps, contestants);
    return {
      accounts: count,
      media: options.media,
      phases,
      totalMs,
      laterEnrolmentMs: median(laterEnrolments),
      breakGlassMs: median(all['break-glass']!),
      keepassxcOpenOnStickMs: options.keepassxc ? median(all['keepassxc-cli open']!) : null,
      all: { ...all, 'later enrolment': laterEnrolments },
    };
  } finally {
    await cleanupAllSticks();
    await rm(work, { recursive: true, force: true });
  }
}
