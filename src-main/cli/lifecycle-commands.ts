import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import { usageError } from './cli-options';
import type { CommandRuns } from './cli-command';
import { requiredOption, textOption } from './option-values';
import { printWriteJob } from './write-job-output';
import { readMasterKey } from './master-key-input';
import { printOutcome, reportWriteJob, subjectOf, subjectChangeRun } from './command-kit';
import { LOST_USAGE, RETIRE_USAGE, REPLACE_USAGE, SEAL_USAGE, WIPE_USAGE, PASSPHRASE_USAGE } from './lifecycle-command-specs';

export const lifecycleRuns: CommandRuns = {
  'medium lost': {
    run(context) {
      const id = subjectOf(context, `Usage: strongroom ${LOST_USAGE}`);
      const report = context.app.mediumLifecycle.reportLost(id, requiredOption(context, 'reason', LOST_USAGE));
      if (context.json) context.io.out(JSON.stringify({ mediumId: report.medium.mediumId, advice: report.advice, warning: report.warning }, null, 2));
      else {
        context.io.out(`${report.medium.mediumId} is recorded as lost. ${report.advice}`);
        if (report.warning) context.io.err(`WARNING: ${report.warning}`);
      }
      return 0;
    },
  },
  'medium retire': subjectChangeRun({
    unnamed: `Usage: strongroom ${RETIRE_USAGE}`,
    change: (context, target) => context.app.mediumLifecycle.retire(target, requiredOption(context, 'confirm', RETIRE_USAGE), requiredOption(context, 'reason', RETIRE_USAGE)),
    said: (record) => `${record.mediumId} is retired; its Strongroom files were removed.`,
  }),
  'medium replace': {
    async run(context) {
      const oldMediumId = subjectOf(context, `Usage: strongroom ${REPLACE_USAGE}`);
      const from = textOption(context, 'from');
      const out = await context.app.mediumLifecycle.replace({
        oldMediumId,
        newDevicePath: requiredOption(context, 'with', REPLACE_USAGE),
        reason: requiredOption(context, 'reason', REPLACE_USAGE),
        ...(from ? { fromDevicePath: from } : {}),
      });
      if (context.json) context.io.out(JSON.stringify({ replaced: out.replaced.mediumId, replacement: out.replacement.mediumId, job: out.job }, null, 2));
      else {
        if (out.job.jobId) printWriteJob(context, out.job);
        context.io.out(`${out.replacement.mediumId} replaces ${out.replaced.mediumId}.`);
      }
      return 0;
    },
  },
  'medium seal': subjectChangeRun({
    unnamed: `Usage: strongroom ${SEAL_USAGE}`,
    change: (context, id) => context.app.mediumLifecycle.recordSeal(id, requiredOption(context, 'serial', SEAL_USAGE), 'after-write'),
    said: (seal) => `${seal.mediumId} sealed in bag ${seal.serial}.`,
  }),
  'medium change-passphrase': {
    async run(context) {
      const role = requiredOption(context, 'role', PASSPHRASE_USAGE);
      if (role !== 'vault' && role !== 'seed') throw usageError(`--role takes vault or seed. Usage: strongroom ${PASSPHRASE_USAGE}`);
      const words = role === 'vault' ? 'vault' : 'seed';
      // A role under key cards is opened with k of its cards; the new key is a typed passphrase.
      const currentPassphrase = context.app.keys.scheme(role).kind === 'cards' ? await readMasterKey(context, role) : await context.passphrases.next(`Current ${words} master passphrase`);
      const newPassphrase = await context.passphrases.next(`New ${words} master passphrase`);
      // Typed twice and compared here, before anything is opened: a typo would lock every stick of the role.
      const newPassphraseAgain = await context.passphrases.next(`New ${words} master passphrase again`);
      const out = await context.app.mediumLifecycle.changePassphrase({ role: role as MediumRole, currentPassphrase, newPassphrase, newPassphraseAgain, leaveBehind: context.options['leave-behind'] === true });
      return reportWriteJob(context, out.job);
    },
  },
  'replicate': {
    async run(context) {
      const usage = 'replicate --from <device-or-mount> --to <device-or-mount>';
      const from = await context.app.media.locate(requiredOption(context, 'from', usage));
      const role = from.manifest?.role;
      if (!role) throw new StrongroomError(ErrorCode.MediumNotLabelled, 'The stick to copy from is not labelled. Choose a labelled vault or seed stick.');
      const job = await context.app.writeJobs.replicate(from.drive.devicePath, requiredOption(context, 'to', usage), role);
      return reportWriteJob(context, job);
    },
  },
  'wipe': subjectChangeRun({
    unnamed: `Usage: strongroom ${WIPE_USAGE}`,
    async change(context, target) {
    const medium = await context.app.media.locate(target);
    await context.app.media.wipe(medium.drive.devicePath, requiredOption(context, 'confirm', WIPE_USAGE));
    return { wiped: true };
  },
    said: () => 'Wiped. The stick can be labelled again.',
    indent: 0,
  }),
  'settings kept-generations': {
    run(context) {
      const value = context.args[0];
      if (!value || !/^\d+$/.test(value)) throw usageError('Usage: strongroom settings kept-generations N (a whole number from 2 to 20)');
      const kept = context.app.writeJobs.setKeptGenerations(Number(value));
      printOutcome(context, { keptGenerations: kept }, `Each stick keeps ${kept} generations from its next write on.`, 0);
      return 0;
    },
  },
};
