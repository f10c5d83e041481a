import type { RotationWhat } from '../catalog/rotation-store';
import type { CliContext, CommandRuns } from './cli-command';
import { usageError } from './cli-options';
import { listOption, requiredOption } from './option-values';
import { printWriteJob } from './write-job-output';
import type { MasterKeyInput } from '../app/master-keys';
import { readMasterKey } from './master-key-input';
import { START_USAGE, FINISH_USAGE } from './rotation-command-specs';

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

export const rotationRuns: CommandRuns = {
  'rotate start': {
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
  'rotate confirm': {
    async run(context) {
      return finish(context, 'confirm');
    },
  },
  'rotate cancel': {
    async run(context) {
      return finish(context, 'cancel');
    },
  },
};
