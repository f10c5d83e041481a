import { addAccountWithTokens } from '../app/account-intake';
import { ACCOUNT_LIFECYCLES, type AccountLifecycle } from '../core/account';
import { ErrorCode, StrongroomError } from '../core/errors';
import { usageError } from './cli-options';
import type { CliCommand } from './cli-command';
import { listOption, requiredOption, textOption } from './option-values';
import { printWriteJob } from './write-job-output';
import { readEnteredKey } from './master-key-input';
import { printOutcome, reportWriteJob, subjectOf } from './command-kit';

const ADD_USAGE = 'accounts add --id ID --name NAME --email EMAIL [--ou OU] [--tokens TOKEN-07,...] [--mfa virtual|hardware] [--removed-centrally]';
const ENROL_USAGE = 'enrol --account ID [--vault-media M1,...] [--seed-media M2,...]';
const MARK_USAGE = `accounts mark ID ${ACCOUNT_LIFECYCLES.join('|')} --reason TEXT`;

/** Accounts and enrolment from the command line: the same desk methods the Accounts screen calls. */
export const enrolmentCommands: readonly CliCommand[] = [
  {
    words: ['accounts', 'add'],
    usage: ADD_USAGE,
    summary:
      "Add one account by hand (as on the Accounts screen). --tokens names inventory tokens registered on its root user; root's MFA is then those tokens only (no seed kept) unless --mfa virtual says a virtual MFA seed is kept too. --mfa hardware without --tokens: tokens are registered later (strongroom tokens assign).",
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      ou: { type: 'string' },
      tokens: { type: 'string', form: 'a comma-separated list of token ids such as TOKEN-07,TOKEN-08', accepts: (v) => v.split(',').every((id) => /^\s*TOKEN-\d{2,4}\s*$/i.test(id)) },
      mfa: { type: 'string', form: 'virtual (a virtual MFA seed is kept) or hardware (only hardware tokens)', accepts: (v) => v === 'virtual' || v === 'hardware' },
      'removed-centrally': { type: 'boolean', default: false },
    },
    needsCustodian: true,
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
  {
    words: ['accounts', 'mark'],
    usage: MARK_USAGE,
    summary: 'Record where an account stands: closed or removed-centrally retires its credentials at the next write (break-glass stops serving them, verification stops expecting them); active brings them back.',
    options: { reason: { type: 'string' } },
    positionals: { min: 2, max: 2, name: 'the account id and its state (active, suspended, pending-closure, closed, removed-centrally, left-organisation)' },
    needsCustodian: true,
    run(context) {
      const [accountId, lifecycle] = context.args;
      if (!accountId || !lifecycle || !(ACCOUNT_LIFECYCLES as readonly string[]).includes(lifecycle)) throw usageError(`Usage: strongroom ${MARK_USAGE}`);
      const account = context.app.accounts.markLifecycle(accountId, lifecycle as AccountLifecycle, requiredOption(context, 'reason', MARK_USAGE));
      const view = context.app.accounts.view(account);
      printOutcome(context, view, `${view.name} (${view.accountId}) is now ${view.lifecycle}.`);
      return 0;
    },
  },
  {
    words: ['enrol'],
    usage: ENROL_USAGE,
    summary:
      'Enrol one account as on the Accounts screen: prints the new root password to set on AWS, reads the MFA secret AWS shows, prints the two codes to type into AWS, waits for "yes", then writes both passphrases\' files to every chosen stick. On standard input, one per line: the MFA secret (virtual MFA only), yes, the vault passphrase, the seed passphrase.',
    options: { account: { type: 'string' }, 'vault-media': { type: 'string' }, 'seed-media': { type: 'string' } },
    needsCustodian: true,
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
  {
    words: ['writes', 'list'],
    usage: 'writes list',
    summary: 'List write jobs still pending on some stick, and the last few jobs, stick by stick.',
    needsCustodian: true,
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
  {
    words: ['writes', 'retry'],
    usage: 'writes retry JOB',
    summary: 'Write the sticks a pending job still lacks, with the same generation (the same bytes): no passphrase needed.',
    positionals: { min: 1, max: 1, name: 'the job id (see strongroom writes list)' },
    needsCustodian: true,
    async run(context) {
      const jobId = subjectOf(context, 'Usage: strongroom writes retry JOB (see strongroom writes list)');
      return reportWriteJob(context, await context.app.writeJobs.retry(jobId));
    },
  },
  {
    words: ['writes', 'close'],
    usage: 'writes close JOB --reason TEXT',
    summary: 'End a pending job without the sticks it still lacks; they stay behind, to be updated later by copying.',
    options: { reason: { type: 'string' } },
    positionals: { min: 1, max: 1, name: 'the job id (see strongroom writes list)' },
    needsCustodian: true,
    run(context) {
      const jobId = subjectOf(context, 'Usage: strongroom writes close JOB --reason TEXT');
      // A closed job leaves sticks behind by choice: closing it succeeded, whatever its sticks hold.
      reportWriteJob(context, context.app.writeJobs.close(jobId, requiredOption(context, 'reason', 'writes close JOB --reason TEXT')));
      return 0;
    },
  },
];
