import { addAccountWithTokens } from '../app/account-intake';
import { ACCOUNT_LIFECYCLES, type AccountLifecycle } from '../core/account';
import { ErrorCode, StrongroomError } from '../core/errors';
import { usageError } from './cli-options';
import type { CommandRuns } from './cli-command';
import { listOption, requiredOption, textOption } from './option-values';
import { printWriteJob } from './write-job-output';
import { readEnteredKey } from './master-key-input';
import { printOutcome, reportWriteJob, subjectOf } from './command-kit';
import { ADD_USAGE, ENROL_USAGE, MARK_USAGE } from './enrolment-command-specs';

export const enrolmentRuns: CommandRuns = {
  'accounts add': {
    run(context) {
      const ou = textOption(context, 'ou');
      const mfa = textOption(context, 'mfa');
      const account = addAccountWithTokens(context.app.accounts, context.app.tokens, {
        accountId: requiredOption(context, 'id', ADD_USAGE),
        name: requiredOption(context, 'name', ADD_USAGE),
        rootEmail: requiredOption(context, 'email', ADD_USAGE),
        ...(ou ? { organizationalUnit: ou } : {}),
        tokenIds: listOption(context.options['tokens']),
        ...(mfa === 'virtual' || mfa === 'hardware' ? { mfa } : {}),
        ...(context.options['removed-centrally'] === true ? { rootCredentialStatus: 'removed-centrally' as const } : {}),
      });
      const view = context.app.accounts.view(account);
      printOutcome(context, view, `Added ${view.name} (${view.accountId}).`);
      return 0;
    },
  },
  'accounts mark': {
    run(context) {
      const [accountId, lifecycle] = context.args;
      if (!accountId || !lifecycle || !(ACCOUNT_LIFECYCLES as readonly string[]).includes(lifecycle)) throw usageError(`Usage: strongroom ${MARK_USAGE}`);
      const account = context.app.accounts.markLifecycle(accountId, lifecycle as AccountLifecycle, requiredOption(context, 'reason', MARK_USAGE));
      const view = context.app.accounts.view(account);
      printOutcome(context, view, `${view.name} (${view.accountId}) is now ${view.lifecycle}.`);
      return 0;
    },
  },
  'enrol': {
    async run(context) {
      const { app, io } = context;
      const started = app.enrolment.start(requiredOption(context, 'account', ENROL_USAGE));
      try {
        io.out(`Enrolling ${started.accountName} (${started.accountId}).`);
        io.out(`1. Set this as the root password on AWS: ${app.enrolment.revealPassword(started.enrolmentId)}`);
        if (started.mfa.kind === 'virtual') {
          io.out('2. On AWS, assign a virtual MFA device and show its secret key.');
          const secret = await context.passphrases.next('MFA secret key from AWS');
          const { codes } = app.enrolment.setSeed(started.enrolmentId, secret);
          io.out(`3. Type these two codes into AWS: ${codes.current.code} then ${codes.next.code} (${codes.secondsLeft} s left; if AWS refuses them, run enrol again).`);
        } else {
          io.out(`2. Root's MFA is hardware: ${started.mfa.tokenSerial}. No seed is kept.`);
        }
        const answer = (await context.passphrases.next('Type yes once AWS accepted the password and the MFA device')).trim().toLowerCase();
        if (answer !== 'yes') throw new StrongroomError(ErrorCode.EnrolmentIncomplete, 'Nothing was written: AWS did not accept the enrolment (you did not type yes).');
        app.enrolment.confirmAwsAccepted(started.enrolmentId);
        // A first generation's passphrase is new: on a terminal typed twice and compared there, and handed to the
        // desk with its second typing, as the window does.
        const vaultPassphrase = await readEnteredKey(context, 'vault');
        const seedPassphrase = await readEnteredKey(context, 'seed');
        const vaultMedia = listOption(context.options['vault-media']);
        const seedMedia = listOption(context.options['seed-media']);
        const report = await app.enrolment.writeAsEntered({
          vaultPassphrase: vaultPassphrase.key,
          seedPassphrase: seedPassphrase.key,
          ...(vaultPassphrase.again !== undefined ? { vaultPassphraseAgain: vaultPassphrase.again } : {}),
          ...(seedPassphrase.again !== undefined ? { seedPassphraseAgain: seedPassphrase.again } : {}),
          ...(vaultMedia.length ? { vaultMedia } : {}),
          ...(seedMedia.length ? { seedMedia } : {}),
        });
        if (context.json) io.out(JSON.stringify({ enrolled: report.enrolled, job: report.job }, null, 2));
        const code = printWriteJob(context, report.job);
        if (!context.json) io.out(report.enrolled.includes(started.accountId) ? `${started.accountName} is enrolled.` : `${started.accountName} is NOT enrolled yet: its write is not on a stick of each role.`);
        return code;
      } catch (error) {
        // The enrolment lives in this process only; a password already set on AWS would be lost with it.
        if (app.enrolment.list().some((e) => e.enrolmentId === started.enrolmentId)) {
          io.err(`The enrolment of ${started.accountId} was not written and ends with this command. If the password was already set on AWS, reset it through the root email and enrol again.`);
          app.enrolment.cancel(started.enrolmentId);
        }
        throw error;
      }
    },
  },
  'writes list': {
    run(context) {
      const pending = context.app.writeJobs.pending();
      const recent = context.app.writeJobs.recent(10);
      if (context.json) {
        context.io.out(JSON.stringify({ pending, recent }, null, 2));
        return 0;
      }
      if (pending.length === 0) context.io.out('No write is pending.');
      for (const job of pending) printWriteJob(context, job);
      return 0;
    },
  },
  'writes retry': {
    async run(context) {
      const jobId = subjectOf(context, 'Usage: strongroom writes retry JOB (see strongroom writes list)');
      return reportWriteJob(context, await context.app.writeJobs.retry(jobId));
    },
  },
  'writes close': {
    run(context) {
      const jobId = subjectOf(context, 'Usage: strongroom writes close JOB --reason TEXT');
      // A closed job leaves sticks behind by choice: closing it succeeded, whatever its sticks hold.
      reportWriteJob(context, context.app.writeJobs.close(jobId, requiredOption(context, 'reason', 'writes close JOB --reason TEXT')));
      return 0;
    },
  },
};
