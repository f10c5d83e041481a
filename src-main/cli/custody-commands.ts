import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { toAccountView } from '../app/handlers/custody-handlers';
import type { CustodyWriteReport } from '../app/custody-writer';
import { protect } from '../artefacts/strongroom-kdbx';
import { openSeedFile } from '../artefacts/seed-file';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MEDIUM_DIR, ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import { DEFAULT_DICEWARE_WORDS, estimatePassphraseStrength, generateDicewarePassphrase, MIN_MASTER_PASSPHRASE_LENGTH } from '../core/passphrase-policy';
import { generateRootPassword } from '../core/password-generator';
import { twoConsecutiveCodes } from '../core/totp';
import { openStickRoot, readStickFile } from '../platform/stick-files';
import type { CliCommand, CliContext } from './cli-command';
import { FORMS, usageError } from './cli-options';

function list(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
}

function required(context: CliContext, name: string): string {
  const value = context.options[name];
  if (typeof value !== 'string' || value.trim() === '') throw usageError(`--${name} is needed.`, { option: `--${name}` });
  return value;
}

async function readImportFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new StrongroomError(ErrorCode.ImportUnreadable, `The file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

function reportWrite(context: CliContext, report: CustodyWriteReport): void {
  for (const [label, role] of [['Vault', report.vault], ['Seed store', report.seed]] as const) {
    context.io.out(`${label}: generation ${role.generation} with ${role.accounts} accounts written to ${role.written.map((w) => w.mediumId).join(', ')} (read back and verified).`);
    for (const behind of role.replicasBehind) {
      context.io.out(`  ${behind.mediumId} (${behind.location}) still holds generation ${behind.generation}: bring it in and update it.`);
    }
  }
}

const PROVISION_USAGE = 'provision --accounts FILE.csv --vault-media M1[,M2...] --seed-media M3[,M4...]';
const BREAKGLASS_USAGE = 'breakglass --account ID --vault MOUNT --seeds MOUNT --reason TEXT [--seed-custodian NAME]';

export const custodyCommands: readonly CliCommand[] = [
  {
    words: ['accounts', 'import'],
    usage: 'accounts import FILE [--skip-problem-rows]',
    summary: 'Import accounts from `aws organizations list-accounts` JSON or the account CSV; nothing is imported while any row has a problem unless you skip those rows.',
    options: { 'skip-problem-rows': { type: 'boolean', default: false } },
    positionals: { min: 1, max: 1, name: 'the file to import' },
    needsCustodian: true,
    async run(context) {
      const file = context.args[0]!;
      const text = await readImportFile(file);
      const preview = context.app.accounts.preview(text);
      if (!context.json) for (const p of preview.problems) context.io.err(`line ${p.line}: ${p.message}`);
      const outcome = context.app.accounts.import(text, { skipProblemRows: context.options['skip-problem-rows'] === true, fileName: basename(file) });
      if (context.json) context.io.out(JSON.stringify({ added: outcome.added, updated: outcome.updated, skippedLines: outcome.skippedLines, problems: preview.problems }, null, 2));
      else {
        context.io.out(`Imported ${outcome.added} new and ${outcome.updated} updated accounts${outcome.skippedLines.length ? `; left out lines ${outcome.skippedLines.join(', ')}` : ''}.`);
        const suspended = preview.accounts.filter((a) => a.notices.includes('suspended')).map((a) => a.account.accountId);
        if (suspended.length) context.io.out(`Suspended in AWS: ${suspended.join(', ')}.`);
        if (preview.seedCount > 0) context.io.out(`The file holds ${preview.seedCount} MFA seeds in plain text: destroy it once they are in the seed store.`);
      }
      return 0;
    },
  },
  {
    words: ['accounts', 'list'],
    usage: 'accounts list',
    summary: 'List the accounts under custody (no secrets).',
    needsCustodian: false,
    run({ app, io, json }) {
      const accounts = app.accounts.list().map(toAccountView);
      if (json) io.out(JSON.stringify(accounts, null, 2));
      else {
        if (accounts.length === 0) io.out('No accounts yet. Import them with: strongroom accounts import FILE');
        for (const a of accounts) {
          io.out(`${a.accountId}  ${a.name.padEnd(30)}  ${a.rootEmail.padEnd(36)}  ${a.rootCredentialStatus}${a.awsStatus !== 'ACTIVE' ? `  AWS: ${a.awsStatus}` : ''}${a.enrolledAt ? `  enrolled ${a.enrolledAt.slice(0, 10)}` : '  not enrolled'}`);
        }
      }
      return 0;
    },
  },
  {
    words: ['provision'],
    usage: PROVISION_USAGE,
    summary: 'Bulk custody: import the CSV, generate a root password for every custodied account with a seed, and write vault and seed media.',
    options: {
      accounts: { type: 'string', form: 'the account CSV file' },
      'vault-media': { type: 'string', ...FORMS.list },
      'seed-media': { type: 'string', ...FORMS.list },
      'skip-problem-rows': { type: 'boolean', default: false },
    },
    needsCustodian: true,
    async run(context) {
      const file = required(context, 'accounts');
      const vaultMedia = list(required(context, 'vault-media'));
      const seedMedia = list(required(context, 'seed-media'));
      const text = await readImportFile(file);
      const outcome = context.app.accounts.import(text, { skipProblemRows: context.options['skip-problem-rows'] === true, fileName: basename(file) });
      const rows = outcome.parsed.accounts.filter((row) => row.seed && row.account.rootCredentialStatus === 'custodied');
      if (rows.length === 0) throw new StrongroomError(ErrorCode.EnrolmentIncomplete, `No row of ${basename(file)} has an MFA seed: nothing to provision.`);
      // A first generation's passphrase is new: typed twice on a terminal, since a typo would lock the file for ever.
      const isNew = (role: MediumRole) => context.app.catalog.media.newestGeneration(ROLE_ARTEFACT[role]) === 0;
      const vaultPassphrase = isNew('vault') ? await context.passphrases.readNew('Vault master passphrase') : await context.passphrases.next('Vault master passphrase');
      const seedPassphrase = isNew('seed') ? await context.passphrases.readNew('Seed master passphrase') : await context.passphrases.next('Seed master passphrase');
      const passwords = new Map(rows.map((row) => [row.account.accountId, protect(generateRootPassword(context.app.random))]));
      const seeds = new Map(rows.map((row) => [row.account.accountId, row.seed!]));
      const report = await context.app.custodyWriter.write({ passwords, seeds }, { vaultPassphrase, seedPassphrase, vaultMedia, seedMedia });
      const at = context.app.clock.now().toISOString();
      context.app.accounts.markEnrolled([...passwords.keys()], at);
      context.app.session.record({
        action: 'accounts.provisioned',
        subject: basename(file),
        details: { accounts: rows.length, vaultGeneration: report.vault.generation, seedGeneration: report.seed.generation },
      });
      if (context.json) context.io.out(JSON.stringify({ provisioned: rows.length, vault: report.vault, seed: report.seed }, null, 2));
      else {
        context.io.out(`Provisioned ${rows.length} accounts with new root passwords.`);
        reportWrite(context, report);
        context.io.out(`${basename(file)} holds MFA seeds in plain text. It is yours to destroy now: delete it and empty any trash or backup that holds it.`);
        context.io.out('The new root passwords are set on AWS through each account\'s password reset; retrieve each one with strongroom breakglass.');
      }
      return 0;
    },
  },
  {
    words: ['breakglass'],
    usage: BREAKGLASS_USAGE,
    summary: 'Print one account\'s root password and current MFA code, from a vault stick and a seed stick (two passphrases).',
    options: {
      account: { type: 'string', ...FORMS.accountId },
      vault: { type: 'string', form: 'the mount point or device of a vault stick' },
      seeds: { type: 'string', form: 'the mount point or device of a seed stick' },
      reason: { type: 'string', form: 'a sentence saying why root access is needed' },
      'seed-custodian': { type: 'string', form: 'the name of the custodian who typed the seed passphrase' },
    },
    needsCustodian: true,
    async run(context) {
      const accountId = required(context, 'account').trim();
      const vault = required(context, 'vault');
      const seeds = required(context, 'seeds');
      const reason = required(context, 'reason');
      const vaultPassphrase = await context.passphrases.next('Vault master passphrase');
      const seedPassphrase = await context.passphrases.next('Seed master passphrase');
      const custodian = context.custodian!;
      const seedCustodian = typeof context.options['seed-custodian'] === 'string' ? context.options['seed-custodian'] : custodian;
      const view = await context.app.breakGlass.openFor({
        accountId, reason, vaultDevicePath: vault, seedDevicePath: seeds, vaultPassphrase, seedPassphrase, vaultCustodian: custodian, seedCustodian,
      });
      try {
        const password = context.app.breakGlass.revealPassword(view.sessionId);
        const codes = context.app.breakGlass.code(view.sessionId);
        if (context.json) {
          context.io.out(JSON.stringify({ accountId, name: view.accountName, rootEmail: view.rootEmail, signInUrl: view.signInUrl, password, code: codes.current.code, secondsLeft: codes.secondsLeft, nextCode: codes.next.code, warnings: view.warnings }, null, 2));
        } else {
          for (const warning of view.warnings) context.io.err(`WARNING: ${warning}`);
          context.io.out(`Account:  ${view.accountName} (${accountId})`);
          context.io.out(`Sign in:  ${view.signInUrl}  as root user ${view.rootEmail}`);
          context.io.out(`Password: ${password}`);
          context.io.out(`MFA code: ${codes.current.code}  (${codes.secondsLeft} s left; next ${codes.next.code})`);
        }
      } finally {
        context.app.breakGlass.close(view.sessionId);
      }
      return 0;
    },
  },
  {
    words: ['code'],
    usage: 'code --account ID --seeds MOUNT',
    summary: 'Print only the current MFA code for an account, from a seed stick (seed passphrase).',
    options: { account: { type: 'string', ...FORMS.accountId }, seeds: { type: 'string', form: 'the mount point or device of a seed stick' } },
    needsCustodian: true,
    async run(context) {
      const accountId = required(context, 'account').trim();
      const medium = await context.app.media.find(required(context, 'seeds'));
      if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, 'The seed stick has no mounted partition. Reinsert it.');
      context.app.airGap.requireIsolation('show an MFA code');
      const passphrase = await context.passphrases.next('Seed master passphrase');
      // The stick is untrusted: no links followed, ordinary files only, no larger than any seed store.
      const stick = await openStickRoot(medium.home.mountpoint, `the seed stick ${medium.manifest?.mediumId ?? medium.drive.devicePath}`);
      const bytes = await readStickFile(stick, `${MEDIUM_DIR}/${ROLE_ARTEFACT.seed}`, 'artefact').catch((error: unknown) => {
        if (error instanceof StrongroomError && error.code === ErrorCode.MediumFileMissing) {
          throw new StrongroomError(ErrorCode.MediumNotLabelled, 'There is no seeds.kdbx on this stick. Insert a seed stick.');
        }
        throw error;
      });
      const opened = await openSeedFile(bytes, protect(passphrase));
      const entry = opened.entries.find((e) => e.accountId === accountId);
      if (!entry) throw new StrongroomError(ErrorCode.AccountNotInArtefact, `Account ${accountId} is not in this seed store (generation ${opened.generation}).`);
      const codes = twoConsecutiveCodes(entry.seed, context.app.clock.now());
      context.app.session.record({ action: 'mfa.code-shown', subject: accountId, details: { seedGeneration: opened.generation, via: 'cli' } });
      if (context.json) context.io.out(JSON.stringify({ accountId, code: codes.current.code, secondsLeft: codes.secondsLeft, nextCode: codes.next.code }));
      else context.io.out(`${codes.current.code}  (${codes.secondsLeft} s left)`);
      return 0;
    },
  },
  {
    words: ['passphrase', 'suggest'],
    usage: 'passphrase suggest',
    summary: 'Print seven random words (EFF list) to use as a master passphrase; write them by hand, never in a file.',
    needsCustodian: true,
    run({ app, io, json }) {
      const passphrase = generateDicewarePassphrase(app.random);
      app.session.record({ action: 'passphrase.suggested', subject: 'kiosk', details: { words: DEFAULT_DICEWARE_WORDS, via: 'cli' } });
      io.out(json ? JSON.stringify({ passphrase, words: DEFAULT_DICEWARE_WORDS }) : passphrase);
      return 0;
    },
  },
  {
    words: ['passphrase', 'check'],
    usage: 'passphrase check',
    summary: 'Rate a master passphrase typed on the terminal (or one line on stdin); exit 1 when it is too weak.',
    needsCustodian: false,
    async run({ app, io, json, passphrases }) {
      const passphrase = await passphrases.next('Passphrase to check');
      const context = app.accounts.list().flatMap((a) => [a.name, a.rootEmail]);
      const strength = estimatePassphraseStrength(passphrase, context);
      if (json) io.out(JSON.stringify({ ...strength, minimumLength: MIN_MASTER_PASSPHRASE_LENGTH }));
      else {
        io.out(strength.acceptable ? 'Strong enough for a master passphrase.' : `Too weak for a master passphrase: use at least ${MIN_MASTER_PASSPHRASE_LENGTH} characters that are hard to guess.`);
        if (strength.warning) io.out(strength.warning);
        for (const suggestion of strength.suggestions) io.out(`- ${suggestion}`);
      }
      return strength.acceptable ? 0 : 1;
    },
  },
  {
    words: ['export-seeds-csv'],
    usage: 'export-seeds-csv --seeds MOUNT --to MOUNT --i-understand-plaintext',
    summary: 'Write the seed table as PLAINTEXT CSV onto a seed stick (never anywhere else); seed passphrase.',
    options: {
      seeds: { type: 'string', form: 'the mount point or device of the seed stick to read' },
      to: { type: 'string', form: 'the mount point or device of the seed stick to write the CSV on' },
      'i-understand-plaintext': { type: 'boolean', default: false },
    },
    needsCustodian: true,
    async run(context) {
      const sourceDevicePath = required(context, 'seeds');
      const targetDevicePath = required(context, 'to');
      const plaintextAcknowledged = context.options['i-understand-plaintext'] === true;
      const seedPassphrase = plaintextAcknowledged ? await context.passphrases.next('Seed master passphrase') : '';
      const saved = await context.app.seedCsvExport.export({ sourceDevicePath, targetDevicePath, seedPassphrase, plaintextAcknowledged });
      if (context.json) context.io.out(JSON.stringify(saved));
      else context.io.out(`Wrote ${saved.accounts} seeds (generation ${saved.generation}) in PLAINTEXT to ${saved.path} on ${saved.mediumId}. Keep that stick sealed; delete the file when it is no longer needed.`);
      return 0;
    },
  },
];
