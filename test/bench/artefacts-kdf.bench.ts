import { bench, describe } from 'vitest';
import { DEFAULT_KDF_PARAMETERS, type KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { buildSeedFile, openSeedFile } from '../../src-main/artefacts/seed-file';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile } from '../../src-main/artefacts/vault-file';
import { base32Encode, parseSeed } from '../../src-main/core/seed';

/**
 * What a custodian waits for: writing and opening a vault and a seed store of a realistic size (60 accounts)
 * with the default key derivation, and with the specified 64 MiB minimum for comparison. Run with
 * `npx vitest bench test/bench/artefacts-kdf.bench.ts`; the figures feed the comment on DEFAULT_KDF_PARAMETERS.
 */

const ACCOUNTS = Array.from({ length: 60 }, (_, i) => ({
  accountId: String(100000000000 + i * 7919).padStart(12, '0'),
  name: `Workload ${i}`,
  rootEmail: `aws+workload-${i}@example.com`,
}));
const PASSPHRASE = protect('orbit-velvet-canyon-sprout-lantern-quiver-mosaic');
const SEEDS = ACCOUNTS.map((_, i) => parseSeed(base32Encode(Uint8Array.from({ length: 40 }, (_, j) => (i * 40 + j) & 0xff))));
const LIGHTER: KdfParameters = { algorithm: 'argon2id', memoryMiB: 64, iterations: 3, parallelism: 2 };

const vaultInput = ACCOUNTS.map((account) => ({ account, password: protect(`pw-${account.accountId}-#Aa2`) }));
const seedInput = ACCOUNTS.map((account, i) => ({ account, seed: SEEDS[i] as (typeof SEEDS)[number] }));

for (const [label, kdf] of [
  [`default (${DEFAULT_KDF_PARAMETERS.memoryMiB} MiB × ${DEFAULT_KDF_PARAMETERS.iterations})`, DEFAULT_KDF_PARAMETERS],
  ['64 MiB × 3', LIGHTER],
] as const) {
  describe(`60 accounts, Argon2id ${label}`, async () => {
    const vault = await buildVaultFile(vaultInput, { generation: 1, passphrase: PASSPHRASE, kdf });
    const seeds = await buildSeedFile(seedInput, { generation: 1, passphrase: PASSPHRASE, kdf });

    bench('build vault.kdbx', async () => {
      await buildVaultFile(vaultInput, { generation: 1, passphrase: PASSPHRASE, kdf });
    }, { iterations: 3, warmupIterations: 1 });

    bench('open vault.kdbx', async () => {
      await openVaultFile(vault, PASSPHRASE);
    }, { iterations: 3, warmupIterations: 1 });

    bench('open seeds.kdbx', async () => {
      await openSeedFile(seeds, PASSPHRASE);
    }, { iterations: 3, warmupIterations: 1 });
  });
}
