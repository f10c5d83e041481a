import { ACCOUNT_LIFECYCLES } from '../core/account';
import type { CliCommandSpec } from './cli-command';

export const ADD_USAGE = 'accounts add --id ID --name NAME --email EMAIL [--ou OU] [--tokens TOKEN-07,...] [--mfa virtual|hardware] [--removed-centrally]';

export const ENROL_USAGE = 'enrol --account ID [--vault-media M1,...] [--seed-media M2,...]';

export const MARK_USAGE = `accounts mark ID ${ACCOUNT_LIFECYCLES.join('|')} --reason TEXT`;

export const enrolmentCommandSpecs: readonly CliCommandSpec[] = [
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
  },
  {
    words: ['accounts', 'mark'],
    usage: MARK_USAGE,
    summary: 'Record where an account stands: closed or removed-centrally retires its credentials at the next write (break-glass stops serving them, verification stops expecting them); active brings them back.',
    options: { reason: { type: 'string' } },
    positionals: { min: 2, max: 2, name: 'the account id and its state (active, suspended, pending-closure, closed, removed-centrally, left-organisation)' },
    needsCustodian: true,
  },
  {
    words: ['enrol'],
    usage: ENROL_USAGE,
    summary:
      'Enrol one account as on the Accounts screen: prints the new root password to set on AWS, reads the MFA secret AWS shows, prints the two codes to type into AWS, waits for "yes", then writes both passphrases\' files to every chosen stick. On standard input, one per line: the MFA secret (virtual MFA only), yes, the vault passphrase, the seed passphrase.',
    options: { account: { type: 'string' }, 'vault-media': { type: 'string' }, 'seed-media': { type: 'string' } },
    needsCustodian: true,
  },
  {
    words: ['writes', 'list'],
    usage: 'writes list',
    summary: 'List write jobs still pending on some stick, and the last few jobs, stick by stick.',
    needsCustodian: true,
  },
  {
    words: ['writes', 'retry'],
    usage: 'writes retry JOB',
    summary: 'Write the sticks a pending job still lacks, with the same generation (the same bytes): no passphrase needed.',
    positionals: { min: 1, max: 1, name: 'the job id (see strongroom writes list)' },
    needsCustodian: true,
  },
  {
    words: ['writes', 'close'],
    usage: 'writes close JOB --reason TEXT',
    summary: 'End a pending job without the sticks it still lacks; they stay behind, to be updated later by copying.',
    options: { reason: { type: 'string' } },
    positionals: { min: 1, max: 1, name: 'the job id (see strongroom writes list)' },
    needsCustodian: true,
  },
];
