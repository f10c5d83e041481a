import { writeKioskFile } from '../platform/kiosk-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import type { CliCommand } from './cli-command';
import type { MasterKeyInput } from '../app/master-keys';
import { readMasterKey } from './master-key-input';

/** The report is kept on the audit trail by its fingerprint; a folder that is not there must not lose the run's outcome. */
async function saveReport(path: string, pdf: Uint8Array): Promise<void> {
  try {
    await writeKioskFile(path, pdf);
  } catch (error) {
    throw new StrongroomError(
      ErrorCode.FileNotSaved,
      `The verification report could not be saved to ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). The run's results are recorded; print the report from the Verify screen, or give --report a folder that exists.`,
      { path },
    );
  }
}

const VERIFY_USAGE = 'verify MOUNT [MOUNT...] [--report FILE] [--seals S1,S2,...] [--physical-ok] [--new-seals N1,N2,...]';

export const verificationCommands: readonly CliCommand[] = [
  {
    words: ['verify'],
    usage: VERIFY_USAGE,
    summary:
      'Verify sticks (identity, separation, every byte, passphrase, generation, accounts, seeds, kept history, audit copy, and the physical checks: the bag serial read off each bag (--seals, in order) compared with the seal log, bag intact and location confirmed (--physical-ok); a check not given is "not checked" and leaves the stick incomplete). --new-seals logs the bags the sticks go into. Exit 0 only if every check passes.',
    options: {
      report: { type: 'string', form: 'the file to save the report PDF in' },
      seals: { type: 'string', form: 'the bag serials read off the bags, one per stick in order, separated by commas: --seals S-104,S-105' },
      'physical-ok': { type: 'boolean', default: false },
      'new-seals': { type: 'string', form: 'the serials of the new bags, one per stick in order, separated by commas: --new-seals S-210,S-211' },
    },
    positionals: { min: 1, max: 64, name: 'the mount points of the sticks to verify' },
    needsCustodian: true,
    async run(context) {
      const { app, io, json, args, options } = context;
      const seals = typeof options['seals'] === 'string' ? options['seals'].split(',').map((s) => s.trim()) : [];
      const newSeals = typeof options['new-seals'] === 'string' ? options['new-seals'].split(',').map((s) => s.trim()) : [];
      const physicalOk = options['physical-ok'] === true ? 'yes' : 'not-checked';
      const roles = await Promise.all(args.map(async (path) => (await app.media.find(path)).manifest?.role ?? null));
      // Passphrases in the usual order: the vault's first, then the seed store's, each only if needed.
      const passphrases: Partial<Record<MediumRole, MasterKeyInput>> = {};
      if (roles.includes('vault')) passphrases.vault = await readMasterKey(context, 'vault');
      if (roles.includes('seed')) passphrases.seed = await readMasterKey(context, 'seed');

      const run = app.verification.startRun();
      let failures = 0;
      const results = [];
      for (const [index, path] of args.entries()) {
        const role = roles[index] ?? 'vault';
        const result = await app.verification.verifyMedium(run.runId, path, passphrases[role] ?? '', {
          sealSerial: seals[index] || null,
          bagIntact: physicalOk,
          locationConfirmed: physicalOk,
          newSealSerial: newSeals[index] || null,
        });
        results.push(result);
        if (result.outcome !== 'passed') failures += 1;
        if (!json) {
          io.out(`${result.mediumId}: ${result.outcome.toUpperCase()}`);
          for (const check of result.checks) io.out(`  ${check.status === 'not-checked' ? 'open' : check.passed ? 'pass' : 'FAIL'}  ${check.name}: ${check.sentence}`);
        }
      }
      const report = await app.verification.finishRun(run.runId);
      if (typeof options['report'] === 'string') await saveReport(options['report'], report.pdf);
      if (json) io.out(JSON.stringify({ runId: run.runId, allPassed: failures === 0, reportFingerprint: report.fingerprint, media: results }, null, 2));
      else io.out(`${failures === 0 ? 'Every check passed' : `${failures} medium(s) failed or are incomplete`}. Report fingerprint ${report.fingerprint.slice(0, 16)}${typeof options['report'] === 'string' ? `, saved to ${options['report']}` : ''}.`);
      return failures === 0 ? 0 : 1;
    },
  },
  {
    words: ['due'],
    usage: 'due',
    summary: 'List media in service by the date their next verification is due; warn about too few replicas, lost sticks, pending writes and rotations, replicas behind, and a paper seed backup older than the seed store.',
    needsCustodian: false,
    run({ app, io, json }) {
      const schedule = app.verification.schedule();
      const alerts = app.overview.alerts();
      if (json) {
        io.out(JSON.stringify({ ...schedule, alerts }, null, 2));
        return 0;
      }
      if (schedule.due.length === 0) io.out('No medium is labelled yet.');
      for (const entry of schedule.due) {
        const when = entry.status === 'overdue' ? `OVERDUE by ${-entry.daysLeft} days` : entry.status === 'due-soon' ? `due in ${entry.daysLeft} days` : `due ${entry.nextDueAt.slice(0, 10)}`;
        io.out(`${entry.mediumId.padEnd(9)} ${entry.role.padEnd(5)} ${entry.locationKind.padEnd(7)} last verified ${entry.lastVerifiedAt?.slice(0, 10) ?? 'never'}  ${when}`);
      }
      for (const replica of schedule.replicas) for (const warning of replica.warnings) io.out(`WARNING: ${warning}`);
      for (const alert of alerts) io.out(`${alert.severity === 'act' ? 'ACT' : 'NOTE'}: ${alert.sentence}`);
      return 0;
    },
  },
];
