import { FORMS } from './cli-options';
import type { CliCommandSpec } from './cli-command';
import { SECOND_CUSTODIAN_OPTION, listingSpec } from './command-kit';

export const PROVISION_USAGE = 'provision --accounts FILE.csv --vault-media M1[,M2...] --seed-media M3[,M4...] [--apply]';

export const BREAKGLASS_USAGE = 'breakglass --account ID --vault MOUNT [--seeds MOUNT] [--token TOKEN-07] --reason TEXT --seed-custodian NAME';

export const CODE_USAGE = 'code --account ID --seeds MOUNT --second-custodian NAME';

export const custodyCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['accounts', 'import'],
    usage: 'accounts import FILE [--skip-problem-rows] [--apply]',
    summary: 'Import accounts from `aws organizations list-accounts` JSON or the account CSV. Changes to accounts already here (renamed, e-mail or state changed, missing from a whole listing) are listed and applied only with --apply.',
    options: { 'skip-problem-rows': { type: 'boolean', default: false }, apply: { type: 'boolean', default: false } },
    positionals: { min: 1, max: 1, name: 'the file to import' },
    needsCustodian: true,
  },
  listingSpec({
    words: ['accounts', 'list'],
    summary: 'List the accounts under custody (no secrets).',
  }),
  {
    words: ['provision'],
    usage: PROVISION_USAGE,
    summary: 'Bulk custody: import the CSV, and give every account not yet enrolled a generated root password and its seed, written to vault and seed media in one write job. Enrolled accounts are never changed; closed and centrally removed ones are skipped.',
    options: {
      accounts: { type: 'string', form: 'the account CSV file' },
      'vault-media': { type: 'string', ...FORMS.list },
      'seed-media': { type: 'string', ...FORMS.list },
      'skip-problem-rows': { type: 'boolean', default: false },
      apply: { type: 'boolean', default: false },
    },
    needsCustodian: true,
  },
  {
    words: ['breakglass'],
    usage: BREAKGLASS_USAGE,
    summary:
      "Print one account's root password, from a vault stick, and its MFA: the current code from a seed stick (--seeds, the second passphrase), and/or a hardware token taken from the safe and checked out to you (--token, or by default the account's first token in the safe when no --seeds is given). A token-only account needs no seed stick.",
    options: {
      account: { type: 'string', ...FORMS.accountId },
      vault: { type: 'string', form: 'the mount point or device of a vault stick' },
      seeds: { type: 'string', form: 'the mount point or device of a seed stick' },
      token: { type: 'string', form: 'a token id such as TOKEN-07', accepts: (v) => /^\s*TOKEN-\d{2,4}\s*$/i.test(v) },
      reason: { type: 'string', form: 'a sentence saying why root access is needed' },
      'seed-custodian': SECOND_CUSTODIAN_OPTION,
    },
    needsCustodian: true,
  },
  {
    words: ['code'],
    usage: CODE_USAGE,
    summary: 'Print only the current MFA code for an account, from a seed stick (seed passphrase; two custodians).',
    options: { account: { type: 'string', ...FORMS.accountId }, seeds: { type: 'string', form: 'the mount point or device of a seed stick' }, 'second-custodian': SECOND_CUSTODIAN_OPTION },
    needsCustodian: true,
  },
  {
    words: ['passphrase', 'suggest'],
    usage: 'passphrase suggest',
    summary: 'Print seven random words (EFF list) to use as a master passphrase; write them by hand, never in a file.',
    needsCustodian: true,
  },
  {
    words: ['passphrase', 'check'],
    usage: 'passphrase check',
    summary: 'Rate a master passphrase typed on the terminal (or one line on stdin); exit 1 when it is too weak.',
    needsCustodian: false,
  },
  {
    words: ['export-seeds-csv'],
    usage: 'export-seeds-csv --seeds MOUNT --to MOUNT --second-custodian NAME --i-understand-plaintext',
    summary: 'Write the seed table as PLAINTEXT CSV onto a seed stick (never anywhere else); seed passphrase.',
    options: {
      seeds: { type: 'string', form: 'the mount point or device of the seed stick to read' },
      to: { type: 'string', form: 'the mount point or device of the seed stick to write the CSV on' },
      'i-understand-plaintext': { type: 'boolean', default: false },
      'second-custodian': SECOND_CUSTODIAN_OPTION,
    },
    needsCustodian: true,
  },
];
