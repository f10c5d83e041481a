import { basename } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import { readKioskTextFile } from '../platform/kiosk-files';
import type { CliContext, CommandRuns } from './cli-command';
import { readMasterKey } from './master-key-input';
import { listOption, requiredOption } from './option-values';
import { presentSecondCustodian, printOutcome, listingRun } from './command-kit';
import { printWriteJob } from './write-job-output';
import { CODE_USAGE } from './custody-command-specs';

/** An account listing is text of a few megabytes at most; anything far bigger is the wrong file. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const required = requiredOption;
const list = listOption;

/**
 * Reads an account file and imports it, after printing what it would change about accounts already here: such
 * changes are applied only with --apply; without it nothing is imported and `unconfirmed` says why.
 */
async function importReviewed(context: CliContext, file: string, unconfirmed: string) {
  const text = await readKioskTextFile(file, MAX_IMPORT_BYTES);
  const preview = context.app.accounts.preview(text);
  if (!context.json) {
    for (const p of preview.parsed.problems) context.io.err(p.message);
    if (preview.parsed.incompleteBecause) context.io.err(`NOTE: ${preview.parsed.incompleteBecause}`);
    for (const change of preview.diff.changes.filter((c) => c.kind !== 'new')) context.io.out(`  ${change.kind.padEnd(14)} ${change.sentence}`);
  }
  if (preview.needsConfirmation && context.options['apply'] !== true) throw new StrongroomError(ErrorCode.ImportNeedsReview, unconfirmed);
  return context.app.accounts.import(text, {
    skipProblemRows: context.options['skip-problem-rows'] === true,
    fileName: basename(file),
    ...(preview.needsConfirmation ? { confirmedDiff: preview.diff.digest } : {}),
  });
}

export const custodyRuns: CommandRuns = {
  'accounts import': {
    async run(context) {
      const file = context.args[0]!;
      const outcome = await importReviewed(context, file, 'Nothing was imported: the import changes accounts already here (listed above). Run the same command with --apply to apply them.');
      if (context.json) {
        context.io.out(JSON.stringify({ added: outcome.added, updated: outcome.updated, skippedLines: outcome.skippedLines, problems: outcome.parsed.problems, changes: outcome.diff.changes, completeListing: outcome.parsed.completeListing }, null, 2));
      } else {
        context.io.out(`Imported ${outcome.added} new and ${outcome.updated} updated accounts${outcome.skippedLines.length ? `; left out lines ${outcome.skippedLines.join(', ')}` : ''}.`);
        const suspended = outcome.parsed.accounts.filter((a) => a.notices.includes('suspended')).map((a) => a.account.accountId);
        if (suspended.length) context.io.out(`Suspended in AWS: ${suspended.join(', ')}.`);
        if (outcome.parsed.seedCount > 0) context.io.out(`The file holds ${outcome.parsed.seedCount} MFA seeds in plain text: destroy it once they are in the seed store.`);
      }
      return 0;
    },
  },
  'accounts list': listingRun({
    read: (app) => app.accounts.views(),
    empty: 'No accounts yet. Import them with: strongroom accounts import FILE',
    line: (a) =>
    `${a.accountId}  ${a.name.padEnd(30)}  ${a.rootEmail.padEnd(36)}  ${a.lifecycle}${a.awsStatus && a.awsStatus !== 'ACTIVE' ? `  AWS: ${a.awsStatus}` : ''}${a.enrolledAt ? `  enrolled ${a.enrolledAt.slice(0, 10)}` : '  not enrolled'}${a.rotation ? `  rotation ${a.rotation.status} since ${a.rotation.startedAt.slice(0, 10)}` : ''}`,
  }),
  'provision': {
    async run(context) {
      const file = required(context, 'accounts');
      const vaultMedia = list(required(context, 'vault-media'));
      const seedMedia = list(required(context, 'seed-media'));
      const outcome = await importReviewed(context, file, 'Nothing was provisioned: the file changes accounts already here (listed above). Run the same command with --apply to apply them.');
      const rows = outcome.parsed.accounts.flatMap((row) => (row.seed ? [{ line: row.line, accountId: row.account.accountId, seed: row.seed }] : []));
      if (rows.length === 0) throw new StrongroomError(ErrorCode.EnrolmentIncomplete, `No row of ${basename(file)} has an MFA seed: nothing to provision.`);
      // A first generation's passphrase is new: typed twice on a terminal, since a typo would lock the file for ever.
      const isNew = (role: MediumRole) => context.app.keys.isFirstKey(role);
      const vaultPassphrase = isNew('vault') ? await context.passphrases.readNew('Vault master passphrase') : await context.passphrases.next('Vault master passphrase');
      const seedPassphrase = isNew('seed') ? await context.passphrases.readNew('Seed master passphrase') : await context.passphrases.next('Seed master passphrase');
      const result = await context.app.enrolment.provision(rows, { vaultPassphrase, seedPassphrase, vaultMedia, seedMedia });
      const provisioned = result.rows.filter((r) => r.outcome === 'provisioned').length;
      if (context.json) {
        context.io.out(JSON.stringify({ provisioned, rows: result.rows, job: result.job }, null, 2));
      } else {
        for (const row of result.rows) (row.outcome === 'provisioned' ? context.io.out : context.io.err)(row.sentence);
        context.io.out(`Provisioned ${provisioned} accounts with new root passwords.`);
        if (result.job) printWriteJob(context, result.job);
        context.io.out(`${basename(file)} holds MFA seeds in plain text. It is yours to destroy now: delete it and empty any trash or backup that holds it.`);
        if (provisioned > 0) context.io.out("The new root passwords are set on AWS through each account's password reset; retrieve each one with strongroom breakglass.");
      }
      if (!result.job) return 0;
      return result.job.status === 'complete' || result.job.status === 'nothing-to-write' ? 0 : 1;
    },
  },
  'breakglass': {
    async run(context) {
      const accountId = required(context, 'account').trim();
      const vault = required(context, 'vault');
      const seeds = typeof context.options['seeds'] === 'string' ? context.options['seeds'] : undefined;
      const token = typeof context.options['token'] === 'string' ? context.options['token'].trim() : undefined;
      const reason = required(context, 'reason');
      const custodian = context.custodian!;
      const seedCustodian = presentSecondCustodian(context, 'seed-custodian', 'Break-glass');
      const vaultPassphrase = await readMasterKey(context, 'vault');
      // The seed passphrase is asked for only when its stick is used: a token-only account never needs it.
      const seedHalf = seeds === undefined ? {} : { seedDevicePath: seeds, seedPassphrase: await readMasterKey(context, 'seed') };
      const view = await context.app.breakGlass.openFor({
        accountId, reason, vaultDevicePath: vault, vaultPassphrase, vaultCustodian: custodian, seedCustodian, ...seedHalf, ...(token ? { tokenId: token } : {}),
      });
      try {
        const password = context.app.breakGlass.revealPassword(view.sessionId);
        const codes = view.hasCode ? context.app.breakGlass.code(view.sessionId) : null;
        const pendingPassword = context.app.breakGlass.revealPendingPassword(view.sessionId);
        const pendingCodes = context.app.breakGlass.pendingCode(view.sessionId);
        if (context.json) {
          context.io.out(
            JSON.stringify(
              {
                accountId,
                name: view.accountName,
                rootEmail: view.rootEmail,
                signInUrl: view.signInUrl,
                password,
                code: codes?.current.code ?? null,
                secondsLeft: codes?.secondsLeft ?? null,
                nextCode: codes?.next.code ?? null,
                tokens: view.tokens,
                warnings: view.warnings,
                vaultGeneration: view.vaultGeneration,
                seedGeneration: view.seedGeneration,
                rotation: view.rotation ? { ...view.rotation, pendingPassword, pendingCode: pendingCodes?.current.code ?? null } : null,
              },
              null,
              2,
            ),
          );
        } else {
          for (const warning of view.warnings) context.io.err(`WARNING: ${warning}`);
          if (view.rotation) context.io.err(`ROTATION PENDING: ${view.rotation.advice}`);
          context.io.out(`Account:  ${view.accountName} (${accountId})`);
          context.io.out(`Sign in:  ${view.signInUrl}  as root user ${view.rootEmail}`);
          if (pendingPassword) context.io.out(`New password (try first): ${pendingPassword}`);
          context.io.out(`${pendingPassword ? 'Current password:         ' : 'Password: '}${password}`);
          if (pendingCodes) context.io.out(`New MFA device code (try first): ${pendingCodes.current.code}  (${pendingCodes.secondsLeft} s left; next ${pendingCodes.next.code})`);
          if (codes) context.io.out(`MFA code: ${codes.current.code}  (${codes.secondsLeft} s left; next ${codes.next.code})`);
          for (const t of view.tokens) {
            context.io.out(`${t.status === 'taken' ? 'MFA token: ' : 'Also:      '}${t.sentence}${t.status === 'in-safe' ? ` To take it out as well, add --token ${t.tokenId}.` : ''}`);
          }
          if (!codes && !view.tokens.some((t) => t.status === 'taken')) context.io.err('WARNING: no MFA device is in hand for this sign-in (see above).');
        }
      } finally {
        context.app.breakGlass.close(view.sessionId);
      }
      return 0;
    },
  },
  'code': {
    async run(context) {
      const accountId = required(context, 'account', CODE_USAGE);
      const seedDevicePath = required(context, 'seeds', CODE_USAGE);
      const secondCustodian = presentSecondCustodian(context, 'second-custodian', 'Showing an MFA code', CODE_USAGE);
      const seedPassphrase = await readMasterKey(context, 'seed');
      const shown = await context.app.mfaCode.show({ accountId, seedDevicePath, seedPassphrase, secondCustodian });
      for (const warning of shown.warnings) context.io.err(`WARNING: ${warning}`);
      const { codes } = shown;
      if (context.json) context.io.out(JSON.stringify({ accountId, code: codes.current.code, secondsLeft: codes.secondsLeft, nextCode: codes.next.code }));
      else context.io.out(`${codes.current.code}  (${codes.secondsLeft} s left)`);
      return 0;
    },
  },
  'passphrase suggest': {
    async run({ app, io, json }) {
      const { passphrase, words } = await app.keys.suggestPassphrase('cli');
      printOutcome({ io, json }, { passphrase, words }, passphrase, 0);
      return 0;
    },
  },
  'passphrase check': {
    async run({ app, io, json, passphrases }) {
      const passphrase = await passphrases.next('Passphrase to check');
      const strength = await app.accounts.assessPassphrase(passphrase);
      if (json) io.out(JSON.stringify(strength));
      else {
        io.out(
          strength.acceptable
            ? `${strength.words}: strong enough for a master passphrase.`
            : `${strength.words}: too weak for a master passphrase. Use at least ${strength.minimumLength} characters that are hard to guess.`,
        );
        if (strength.warning) io.out(strength.warning);
        for (const suggestion of strength.suggestions) io.out(`- ${suggestion}`);
      }
      return strength.acceptable ? 0 : 1;
    },
  },
  'export-seeds-csv': {
    async run(context) {
      const sourceDevicePath = required(context, 'seeds');
      const targetDevicePath = required(context, 'to');
      const plaintextAcknowledged = context.options['i-understand-plaintext'] === true;
      const secondCustodian = presentSecondCustodian(context, 'second-custodian', 'The plaintext seed export');
      const seedPassphrase = plaintextAcknowledged ? await readMasterKey(context, 'seed') : '';
      const saved = await context.app.seedCsvExport.export({ sourceDevicePath, targetDevicePath, seedPassphrase, plaintextAcknowledged, secondCustodian });
      printOutcome(context, saved, `Wrote ${saved.accounts} seeds (generation ${saved.generation}) in PLAINTEXT to ${saved.path} on ${saved.mediumId}. Keep that stick sealed; delete the file when it is no longer needed.`, 0);
      for (const warning of saved.warnings) context.io.err(`WARNING: ${warning}`);
      return 0;
    },
  },
};
