import type { CliCommandSpec } from './cli-command';

export const START_USAGE = 'rotate start --account ID --what password|seed|both --reason TEXT [--vault-media M1,...] [--seed-media M2,...]';

export const FINISH_USAGE = (verb: string) => `rotate ${verb} --account ID [--vault-media M1,...] [--seed-media M2,...]`;

export const FINISH_OPTIONS = { account: { type: 'string' }, 'vault-media': { type: 'string' }, 'seed-media': { type: 'string' } } as const;

export const rotationCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['rotate', 'start'],
    usage: START_USAGE,
    summary:
      'Write a new credential beside the current one, as pending: a generated password (printed once the sticks hold it, to set on AWS) and/or the secret AWS shows for a new MFA device (the two codes to type into AWS are printed). On standard input, one per line: the new MFA secret (seed, both), then the vault passphrase (password, both), then the seed passphrase (seed, both).',
    options: { account: { type: 'string' }, what: { type: 'string' }, reason: { type: 'string' }, 'vault-media': { type: 'string' }, 'seed-media': { type: 'string' } },
    needsCustodian: true,
  },
  {
    words: ['rotate', 'confirm'],
    usage: FINISH_USAGE('confirm'),
    summary: 'AWS accepted the new credential: it becomes current, and the replaced one moves into the KeePass entry\'s history. Passphrases on standard input as for rotate start.',
    options: FINISH_OPTIONS,
    needsCustodian: true,
  },
  {
    words: ['rotate', 'cancel'],
    usage: FINISH_USAGE('cancel'),
    summary: 'Drop the pending credential (it stays in the entry\'s history, in case it reached AWS after all); the current one stays.',
    options: FINISH_OPTIONS,
    needsCustodian: true,
  },
];
