import type { RotationWhat } from '../catalog/rotation-store';
import type { CliCommand, CliContext } from './cli-command';
import { usageError } from './cli-options';
import { listOption, requiredOption } from './option-values';
import { printWriteJob } from './write-job-output';
import type { MasterKeyInput } from '../app/master-keys';
import { readMasterKey } from './master-key-input';

const START_USAGE = 'rotate start --account ID --what password|seed|both --reason TEXT [--vault-media M1,...] [--seed-media M2,...]';
const FINISH_USAGE = (verb: string) => `rotate ${verb} --account ID [--vault-media M1,...] [--seed-media M2,...]`;

/** The passphrases a rotation of `what` needs, in the usual order: the vault's first, then the seed store's. */
async function passphrasesFor(context: CliContext, what: RotationWhat): Promise<{ vaultPassphrase?: MasterKeyInput; seedPassphrase?: MasterKeyInput }> {
  const out: { vaultPassphrase?: MasterKeyInput; seedPassphrase?: MasterKeyInput } = {};
  if (what !== 'seed') out.vaultPassphrase = await readMasterKey(context, 'vault');
  if (what !== 'password') out.seedPassphrase = await readMasterKey(context, 'seed');
  return out;
}

function media(context: CliContext): { vaultMedia?: string[]; seedMedia?: string[] } {
  const vaultMedia = listOption(context.options['vault-media']);
  const seedMedia = listOption(context.options['seed-media']);
  return { ...(vaultMedia.length ? { vaultMedia } : {}), ...(seedMedia.length ? { seedMedia } : {}) };
}

function whatOf(context: CliContext): RotationWhat {
  const what = requiredOption(context, 'what', START_USAGE);
  if (what !== 'password' && what !== 'seed' && what !== 'both') throw usageError(`--what takes password, seed or both. Usage: strongroom ${START_USAGE}`);
  return what;
}

const FINISH_OPTIONS = { account: { type: 'string' }, 'vault-media': { type: 'string' }, 'seed-media': { type: 'string' } } as const;

/** Two-phase rotation of a root password or MFA seed: the same RotationDesk the Accounts screen uses. */
export const rotationCommands: readonly CliCommand[] = [
  {
    words: ['rotate', 'start'],
    usage: START_USAGE,
    summary:
      'Write a new credential beside the current one, as pending: a generated password (printed once the sticks hold it, to set on AWS) and/or the secret AWS shows for a new MFA device (the two codes to type into AWS are printed). On standard input, one per line: the new MFA secret (seed, both), then the vault passphrase (password, both), then the seed passphrase (seed, both).',
    options: { account: { type: 'string' }, what: { type: 'string' }, reason: { type: 'string' }, 'vault-media': { type: 'string' }, 'seed-media': { type: 'string' } },
    needsCustodian: true,
    async run(context) {
      const accountId = requiredOption(context, 'account', START_USAGE);
      const what = whatOf(context);
      const reason = requiredOption(context, 'reason', START_USAGE);
      const newSeed = what === 'password' ? undefined : await context.passphrases.next('Secret key of the new MFA device from AWS');
      const passphrases = await passphrasesFor(context, what);
      const out = await context.app.rotation.start({ accountId, what, reason, ...(newSeed ? { newSeed } : {}), ...passphrases, ...media(context) });
      if (context.json) {
        context.io.out(JSON.stringify({ rotation: out.rotation, job: out.job, password: out.password, codes: out.codes ? { current: out.codes.current.code, next: out.codes.next.code, secondsLeft: out.codes.secondsLeft } : null }, null, 2));
      }
      const code = printWriteJob(context, out.job);
      if (!context.json) {
        if (out.rotation.status === 'pending') {
          if (out.password) context.io.out(`New root password (pending; set it on AWS now): ${out.password}`);
          if (out.codes) context.io.out(`Type these two codes of the new MFA device into AWS: ${out.codes.current.code} then ${out.codes.next.code} (${out.codes.secondsLeft} s left).`);
          context.io.out(`Once AWS accepted it: strongroom rotate confirm --account ${accountId}. If it did not: strongroom rotate cancel --account ${accountId}.`);
        } else if (out.rotation.status === 'starting') {
          context.io.err('The new credential is not yet on a stick of each role: retry the pending write (strongroom writes retry), then it is shown.');
        } else context.io.err('Nothing was written, so nothing is to be set on AWS.');
      }
      return code;
    },
  },
  {
    words: ['rotate', 'confirm'],
    usage: FINISH_USAGE('confirm'),
    summary: 'AWS accepted the new credential: it becomes current, and the replaced one moves into the KeePass entry\'s history. Passphrases on standard input as for rotate start.',
    options: FINISH_OPTIONS,
    needsCustodian: true,
    async run(context) {
      return finish(context, 'confirm');
    },
  },
  {
    words: ['rotate', 'cancel'],
    usage: FINISH_USAGE('cancel'),
    summary: 'Drop the pending credential (it stays in the entry\'s history, in case it reached AWS after all); the current one stays.',
    options: FINISH_OPTIONS,
    needsCustodian: true,
    async run(context) {
      return finish(context, 'cancel');
    },
  },
];

async function finish(context: CliContext, phase: 'confirm' | 'cancel'): Promise<number> {
  const accountId = requiredOption(context, 'account', FINISH_USAGE(phase));
  const open = context.app.rotation.openFor(accountId);
  const passphrases = await passphrasesFor(context, open.what);
  const out = phase === 'confirm' ? await context.app.rotation.confirm(accountId, { ...passphrases, ...media(context) }) : await context.app.rotation.cancel(accountId, { ...passphrases, ...media(context) });
  if (context.json) context.io.out(JSON.stringify({ rotation: out.rotation, job: out.job }, null, 2));
  const code = printWriteJob(context, out.job);
  if (!context.json) context.io.out(`Rotation of ${accountId}: ${out.rotation.status}.`);
  return code;
}
