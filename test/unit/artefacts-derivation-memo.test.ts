import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentDerivationMemo, withDerivationMemo, type DerivationMemo } from '../../src-main/artefacts/derivation-memo';
import type { KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { buildSeedFile, openSeedFile } from '../../src-main/artefacts/seed-file';
import { buildVaultFile, openVaultFile, protect } from '../../src-main/artefacts/vault-file';
import { parseSeed } from '../../src-main/core/seed';
import { countKeyDerivations, type CountingKeyDerivation } from '../support/counting-key-derivation';
import { kdbx4HeaderFieldOf, kdfSaltOf } from '../support/kdbx-craft';

/**
 * A job that opens a generation with its passphrase and saves the next with the same passphrase and settings keeps
 * the file's KDF salt, so the key it derived serves the save; the master seed and IV stay fresh on every save.
 */

const KDF: KdfParameters = { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 };
const PASS = 'orbit velvet canyon sprout lantern quiver mosaic';
const OTHER_PASS = 'thimble parsnip gazebo umbrella fjord walrus kettle';
const ACCOUNT = { accountId: '012345678901', name: 'Payments prod', rootEmail: 'aws+pay@example.com' };
const SECOND = { accountId: '111122223333', name: 'Data lake', rootEmail: 'aws+lake@example.com' };

const vault = (generation: number, passphrase: string, kdf: KdfParameters = KDF, accounts = [ACCOUNT]) =>
  buildVaultFile(accounts.map((account) => ({ account, password: protect(`pw-${account.accountId}-Aa1!`) })), { generation, passphrase: protect(passphrase), kdf });

/** Opens `current` and saves the next generation in one job, as a write job does. */
async function nextGeneration(current: Uint8Array, open: string, save: string, kdf: KdfParameters = KDF): Promise<{ bytes: Uint8Array; memo: DerivationMemo }> {
  return withDerivationMemo(async () => {
    const memo = currentDerivationMemo()!;
    const opened = await openVaultFile(current, protect(open));
    const bytes = await vault(opened.generation + 1, save, kdf, [ACCOUNT, SECOND]);
    return { bytes, memo };
  });
}

describe('one key derivation per file per job', () => {
  let counter: CountingKeyDerivation;
  let restore: () => void;
  beforeEach(() => {
    ({ counter, restore } = countKeyDerivations());
  });
  afterEach(() => restore());

  it('the next generation under the same passphrase and settings keeps the salt and derives nothing more', async () => {
    const first = await vault(1, PASS);
    counter.reset();
    const { bytes: second, memo } = await nextGeneration(first, PASS, PASS);
    expect(counter.seen).toHaveLength(1);
    expect(kdfSaltOf(second)).toBe(kdfSaltOf(first));
    // Its own final key all the same: a fresh master seed and IV.
    expect(kdbx4HeaderFieldOf(second, 4)).not.toBe(kdbx4HeaderFieldOf(first, 4));
    expect(kdbx4HeaderFieldOf(second, 7)).not.toBe(kdbx4HeaderFieldOf(first, 7));
    // The job's memo was emptied when it ended.
    expect(memo.size).toBe(0);
    const reopened = await openVaultFile(second, protect(PASS));
    expect(reopened.entries.map((e) => e.accountId)).toEqual([ACCOUNT.accountId, SECOND.accountId]);
    await expect(openVaultFile(second, protect(OTHER_PASS))).rejects.toMatchObject({ code: 'KDBX_WRONG_PASSPHRASE' });
  });

  it('a new passphrase draws a fresh salt and derives the new key once', async () => {
    const first = await vault(1, PASS);
    counter.reset();
    const { bytes: second } = await nextGeneration(first, PASS, OTHER_PASS);
    expect(kdfSaltOf(second)).not.toBe(kdfSaltOf(first));
    expect(counter.seen.map((d) => d.salt)).toEqual([kdfSaltOf(first), kdfSaltOf(second)]);
    expect((await openVaultFile(second, protect(OTHER_PASS))).generation).toBe(2);
    await expect(openVaultFile(second, protect(PASS))).rejects.toMatchObject({ code: 'KDBX_WRONG_PASSPHRASE' });
  });

  it('new key-derivation settings draw a fresh salt', async () => {
    const first = await vault(1, PASS);
    counter.reset();
    const { bytes: second } = await nextGeneration(first, PASS, PASS, { ...KDF, iterations: 2 });
    expect(kdfSaltOf(second)).not.toBe(kdfSaltOf(first));
    expect(counter.seen).toHaveLength(2);
    expect((await openVaultFile(second, protect(PASS))).kdf?.iterations).toBe(2);
  });

  it('without a job, and for a first generation, every save draws a fresh salt', async () => {
    const first = await vault(1, PASS);
    await openVaultFile(first, protect(PASS));
    const loose = await vault(2, PASS);
    expect(kdfSaltOf(loose)).not.toBe(kdfSaltOf(first));
    const fresh = await withDerivationMemo(() => vault(1, PASS));
    expect(kdfSaltOf(fresh)).not.toBe(kdfSaltOf(first));
  });

  it('a salt is kept only for the role it was opened as: the seed store saved in the same job keeps its own', async () => {
    const seedBytes = await buildSeedFile([{ account: ACCOUNT, seed: parseSeed('JBSWY3DPEHPK3PXP') }], { generation: 1, passphrase: protect(OTHER_PASS), kdf: KDF });
    const vaultBytes = await vault(1, PASS);
    counter.reset();
    const [nextVault, nextSeeds] = await withDerivationMemo(async () => {
      const [v, s] = await Promise.all([openVaultFile(vaultBytes, protect(PASS)), openSeedFile(seedBytes, protect(OTHER_PASS))]);
      return Promise.all([
        vault(v.generation + 1, PASS),
        buildSeedFile(s.entries.map((e) => ({ account: e, seed: e.seed })), { generation: s.generation + 1, passphrase: protect(OTHER_PASS), kdf: KDF }),
      ]);
    });
    expect(counter.seen).toHaveLength(2);
    expect(kdfSaltOf(nextVault)).toBe(kdfSaltOf(vaultBytes));
    expect(kdfSaltOf(nextSeeds)).toBe(kdfSaltOf(seedBytes));
  });

  it('a job that fails still wipes its memo', async () => {
    const first = await vault(1, PASS);
    let memo: DerivationMemo | undefined;
    await expect(
      withDerivationMemo(async () => {
        memo = currentDerivationMemo();
        await openVaultFile(first, protect(PASS));
        expect(memo?.size).toBe(1);
        throw new Error('the stick was pulled');
      }),
    ).rejects.toThrow('the stick was pulled');
    expect(memo?.size).toBe(0);
    expect(currentDerivationMemo()).toBeUndefined();
  });

  it('a wrong passphrase opens nothing and its save cannot borrow the file salt', async () => {
    const first = await vault(1, PASS);
    counter.reset();
    const second = await withDerivationMemo(async () => {
      await expect(openVaultFile(first, protect(OTHER_PASS))).rejects.toMatchObject({ code: 'KDBX_WRONG_PASSPHRASE' });
      return vault(2, OTHER_PASS);
    });
    expect(kdfSaltOf(second)).not.toBe(kdfSaltOf(first));
  });
});

const KEEPASSXC = spawnSync('keepassxc-cli', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!KEEPASSXC)('KeePassXC opens every generation that kept its salt', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-kept-salt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the entries of generations 1, 2 and 3 under one salt', async () => {
    const generations = [await vault(1, PASS)];
    for (let i = 0; i < 2; i += 1) generations.push((await nextGeneration(generations[i]!, PASS, PASS)).bytes);
    expect(new Set(generations.map(kdfSaltOf)).size).toBe(1);
    expect(new Set(generations.map((g) => kdbx4HeaderFieldOf(g, 4))).size).toBe(3);
    for (const [i, bytes] of generations.entries()) {
      const path = join(dir, `vault-${i + 1}.kdbx`);
      writeFileSync(path, bytes);
      const listed = spawnSync('keepassxc-cli', ['ls', '-q', path, 'AWS root accounts'], { input: `${PASS}\n`, encoding: 'utf8' });
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toContain(ACCOUNT.accountId);
      if (i > 0) expect(listed.stdout).toContain(SECOND.accountId);
    }
  });
});
