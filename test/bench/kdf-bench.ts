import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import kdbxweb from 'kdbxweb';
import { DEFAULT_KDF_PARAMETERS, installArgon2 } from '../../src-main/artefacts/kdbx-crypto';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile } from '../../src-main/artefacts/vault-file';
import { BENCH_VAULT_PASSPHRASE, vaultEntries } from './bench-data';
import { interleaved, median, mustSucceed, runProcess } from './measure';

/** One Argon2 derivation with the default settings, and two at once (a break-glass or a write job needs two). */
export async function argon2Figures(reps: number): Promise<{ oneMs: number; twoSideBySideMs: number; all: Record<string, number[]> }> {
  installArgon2();
  const { memoryMiB, iterations, parallelism } = DEFAULT_KDF_PARAMETERS;
  const derive = () =>
    kdbxweb.CryptoEngine.argon2(randomBytes(32).buffer, randomBytes(32).buffer, memoryMiB * 1024, iterations, 32, parallelism, kdbxweb.CryptoEngine.Argon2TypeArgon2id, 0x13);
  await derive(); // first touch of 256 MiB and of the thread pool
  const all = await interleaved(reps, {
    one: derive,
    'two side by side': () => Promise.all([derive(), derive()]),
  });
  return { oneMs: median(all['one']!), twoSideBySideMs: median(all['two side by side']!), all };
}

export interface KdbxFigures {
  readonly accounts: number;
  readonly fileKiB: number;
  readonly saveMs: number;
  readonly openInProcessMs: number;
  readonly openProcessMs: number;
  readonly keepassxcOpenMs: number | null;
  readonly all: Record<string, number[]>;
}

/**
 * vault.kdbx of `count` accounts with the default Argon2 settings: Strongroom saving and opening it (in the running
 * app, and as a whole process), and keepassxc-cli opening the very same file as a whole process, passphrase on
 * standard input.
 */
export async function kdbxFigures(count: number, reps: number, work: string, openChild: string, keepassxc: boolean): Promise<KdbxFigures> {
  const entries = vaultEntries(count);
  const options = { generation: 1, passphrase: protect(BENCH_VAULT_PASSPHRASE) };
  const bytes = await buildVaultFile(entries, options);
  const file = join(work, `vault-${count}.kdbx`);
  await writeFile(file, bytes);
  const input = `${BENCH_VAULT_PASSPHRASE}\n`;
  const contestants: Record<string, () => Promise<unknown>> = {
    save: () => buildVaultFile(entries, options),
    'open (in the app)': () => openVaultFile(bytes, protect(BENCH_VAULT_PASSPHRASE)),
    'open (whole process)': async () => mustSucceed(await runProcess(process.execPath, [openChild, file], { input }), 'Strongroom open'),
  };
  if (keepassxc) {
    contestants['keepassxc-cli open'] = async () => mustSucceed(await runProcess('keepassxc-cli', ['db-info', '-q', file], { input }), 'keepassxc-cli db-info');
  }
  const all = await interleaved(reps, contestants);
  return {
    accounts: count,
    fileKiB: bytes.length / 1024,
    saveMs: median(all['save']!),
    openInProcessMs: median(all['open (in the app)']!),
    openProcessMs: median(all['open (whole process)']!),
    keepassxcOpenMs: keepassxc ? median(all['keepassxc-cli open']!) : null,
    all,
  };
}
