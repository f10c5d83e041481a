import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import { usageError } from './cli-options';
import type { CliCommand } from './cli-command';
import { requiredOption, textOption } from './option-values';
import { printWriteJob } from './write-job-output';
import { readMasterKey } from './master-key-input';
import { printOutcome, reportWriteJob, subjectChangeCommand, subjectOf } from './command-kit';

const LOST_USAGE = 'medium lost ID --reason TEXT';
const RETIRE_USAGE = 'medium retire <device-or-mount> --confirm ID --reason TEXT';
const REPLACE_USAGE = 'medium replace OLD-ID --with <new-device-or-mount> [--from <twin-device-or-mount>] --reason TEXT';
const SEAL_USAGE = 'medium seal ID --serial BAG-SERIAL';
const WIPE_USAGE = 'wipe <device-or-mount> --confirm ID';
const PASSPHRASE_USAGE = 'medium change-passphrase --role vault|seed [--leave-behind]';

/** Sticks over their life: the same desk methods the Media screen calls. */
export const lifecycleCommands: readonly CliCommand[] = [
  {
    words: ['medium', 'lost'],
    usage: LOST_USAGE,
    summary: 'Report a stick lost or destroyed, without inserting it: it stops counting as a replica, and Strongroom says what to do next.',
    options: { reason: { type: 'string' } },
    positionals: { min: 1, max: 1, name: 'the medium id, such as VAULT-02' },
    needsCustodian: true,
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
  subjectChangeCommand({
    words: ['medium', 'retire'],
    usage: RETIRE_USAGE,
    summary: 'Take an inserted stick out of service: its Strongroom files are removed and it is recorded as retired (refused for the only stick in service holding the newest generation).',
    options: { confirm: { type: 'string' }, reason: { type: 'string' } },
    subject: 'the device or mount point of the stick',
    unnamed: `Usage: strongroom ${RETIRE_USAGE}`,
    change: (context, target) => context.app.mediumLifecycle.retire(target, requiredOption(context, 'confirm', RETIRE_USAGE), requiredOption(context, 'reason', RETIRE_USAGE)),
    said: (record) => `${record.mediumId} is retired; its Strongroom files were removed.`,
  }),
  {
    words: ['medium', 'replace'],
    usage: REPLACE_USAGE,
    summary: 'Label a new stick in place of one in service (same role and location, a new id) and copy the newest committed generation onto it from a twin; then the old one is recorded as replaced.',
    options: { with: { type: 'string' }, from: { type: 'string' }, reason: { type: 'string' } },
    positionals: { min: 1, max: 1, name: 'the medium id being replaced, such as VAULT-02' },
    needsCustodian: true,
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
  subjectChangeCommand({
    words: ['medium', 'seal'],
    usage: SEAL_USAGE,
    summary: 'Log the serial of the tamper-evident bag a stick was sealed in after a write; verification compares the serial on the bag with this log.',
    options: { serial: { type: 'string' } },
    subject: 'the medium id, such as VAULT-02',
    unnamed: `Usage: strongroom ${SEAL_USAGE}`,
    change: (context, id) => context.app.mediumLifecycle.recordSeal(id, requiredOption(context, 'serial', SEAL_USAGE), 'after-write'),
    said: (seal) => `${seal.mediumId} sealed in bag ${seal.serial}.`,
  }),
  {
    words: ['medium', 'change-passphrase'],
    usage: PASSPHRASE_USAGE,
    summary:
      'Re-encrypt the vault or the seed store under a new master passphrase, as one write over every stick of that role in service (--leave-behind: sticks not inserted keep the old one until updated). On standard input, one per line: the current passphrase, the new one, the new one again.',
    options: { role: { type: 'string' }, 'leave-behind': { type: 'boolean', default: false } },
    needsCustodian: true,
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
  {
    words: ['replicate'],
    usage: 'replicate --from <device-or-mount> --to <device-or-mount>',
    summary: 'Copy the newest generation from one stick to another of the same role (checked, staged, read back, committed).',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    needsCustodian: true,
    async run(context) {
      const usage = 'replicate --from <device-or-mount> --to <device-or-mount>';
      const from = await context.app.media.locate(requiredOption(context, 'from', usage));
      const role = from.manifest?.role;
      if (!role) throw new StrongroomError(ErrorCode.MediumNotLabelled, 'The stick to copy from is not labelled. Choose a labelled vault or seed stick.');
      const job = await context.app.writeJobs.replicate(from.drive.devicePath, requiredOption(context, 'to', usage), role);
      return reportWriteJob(context, job);
    },
  },
  subjectChangeCommand({
    words: ['wipe'],
    usage: WIPE_USAGE,
    summary: 'Remove Strongroom\'s files from a stick so it can be labelled again (refused for the only stick in service holding the newest generation).',
    options: { confirm: { type: 'string' } },
    subject: 'the device or mount point of the stick',
    unnamed: `Usage: strongroom ${WIPE_USAGE}`,
    async change(context, target) {
      const medium = await context.app.media.locate(target);
      await context.app.media.wipe(medium.drive.devicePath, requiredOption(context, 'confirm', WIPE_USAGE));
      return { wiped: true };
    },
    said: () => 'Wiped. The stick can be labelled again.',
    indent: 0,
  }),
  {
    words: ['settings', 'kept-generations'],
    usage: 'settings kept-generations N',
    summary: 'How many generations of its artefact each stick keeps (2 to 20, the current one included; 3 by default). Sticks follow at their next write.',
    positionals: { min: 1, max: 1, name: 'the number of generations to keep on each stick' },
    needsCustodian: true,
    run(context) {
      const value = context.args[0];
      if (!value || !/^\d+$/.test(value)) throw usageError('Usage: strongroom settings kept-generations N (a whole number from 2 to 20)');
      const kept = context.app.writeJobs.setKeptGenerations(Number(value));
      printOutcome(context, { keptGenerations: kept }, `Each stick keeps ${kept} generations from its next write on.`, 0);
      return 0;
    },
  },
];
