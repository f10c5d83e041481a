import kdbxweb from 'kdbxweb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KDF_PARAMETERS, KDF_LIMITS } from '../../src-main/artefacts/kdbx-crypto';
import { readKdbxPublicHeader } from '../../src-main/artefacts/kdbx-public-header';
import { AES_KDF_ROUNDS_LIMIT, kdfOutOfBounds } from '../../src-main/artefacts/kdf-bounds';
import { buildSeedFile, openSeedFile } from '../../src-main/artefacts/seed-file';
import { openKdbxRaw, protect, saveKdbx } from '../../src-main/artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile } from '../../src-main/artefacts/vault-file';
import { parseSeed } from '../../src-main/core/seed';
import { TEST_KDF } from '../support/custody-fixture';
import { VARIANT, uint32, uint64, withKdbx3TransformRounds, withKdbx4HeaderField, withKdfItem } from '../support/kdbx-craft';
import { refusalCode } from '../support/refusal-code';

/**
 * A file from a stick that asks for absurd key-derivation work must be refused before any work starts. Each
 * file below passes every check kdbxweb makes before deriving (its header SHA-256 is recomputed), so without the
 * bound the open would start Argon2 or AES-KDF with the settings given and not come back for hours: these tests
 * would then time out and fail.
 */

const PASSPHRASE = 'a passphrase for bounded key derivation';
const ACCOUNT = { accountId: '111122223333', name: 'prod', rootEmail: 'aws+prod@example.com' };
const MiB = 1024 * 1024;
let vault: Uint8Array;
let seeds: Uint8Array;

beforeAll(async () => {
  vault = await buildVaultFile([{ account: ACCOUNT, password: protect('Pa55word-for-prod-root') }], { generation: 1, passphrase: protect(PASSPHRASE), kdf: TEST_KDF });
  seeds = await buildSeedFile([{ account: ACCOUNT, seed: parseSeed('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') }], { generation: 1, passphrase: protect(PASSPHRASE), kdf: TEST_KDF });
});


describe('key-derivation settings are bounded before a KeePass file is opened', () => {
  it('reads the Argon2 settings Strongroom wrote from the clear header', () => {
    expect(readKdbxPublicHeader(vault)).toMatchObject({ kdf: { kind: 'argon2id', memoryBytes: 1 * MiB, iterations: 1, parallelism: 1 } });
  });

  it('refuses a vault asking for ten million Argon2 passes, with its own code, at once', async () => {
    const absurd = withKdfItem(vault, 'I', VARIANT.uint64, uint64(10_000_000));
    expect(readKdbxPublicHeader(absurd)).toMatchObject({ headerComplete: true, kdf: { iterations: 10_000_000 } });
    expect(await refusalCode(openVaultFile(absurd, protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
    expect(await refusalCode(openKdbxRaw(absurd, protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
  });

  it('refuses 10^11 passes, 64 GiB of memory and 1,000 lanes in a seed store', async () => {
    expect(await refusalCode(openSeedFile(withKdfItem(seeds, 'I', VARIANT.uint64, uint64(100_000_000_000)), protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
    expect(await refusalCode(openSeedFile(withKdfItem(seeds, 'M', VARIANT.uint64, uint64(64n * 1024n * BigInt(MiB))), protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
    expect(await refusalCode(openSeedFile(withKdfItem(seeds, 'P', VARIANT.uint32, uint32(1000)), protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
  });

  it('refuses a file whose header names no key derivation, or one Strongroom does not know', async () => {
    expect(await refusalCode(openVaultFile(withKdbx4HeaderField(vault, 11, null), protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
    const unknown = withKdfItem(vault, '$UUID', VARIANT.bytes, Buffer.alloc(16, 0xab));
    expect(await refusalCode(openVaultFile(unknown, protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
  });

  it('refuses AES-KDF with 10^15 rounds in KDBX4 and KDBX3, and opens a KDBX3 file with ordinary rounds', async () => {
    const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(protect(PASSPHRASE)), 'elsewhere');
    db.setKdf(kdbxweb.Consts.KdfId.Aes);
    db.header.kdfParameters?.set('R', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(1000));
    const aes4 = await saveKdbx(db);
    expect(await refusalCode(openKdbxRaw(withKdfItem(aes4, 'R', VARIANT.uint64, uint64(10n ** 15n)), protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');

    const old = kdbxweb.Kdbx.create(new kdbxweb.Credentials(protect(PASSPHRASE)), 'kdbx3');
    old.setVersion(3);
    old.header.keyEncryptionRounds = 1000;
    const aes3 = await saveKdbx(old);
    expect(readKdbxPublicHeader(aes3)).toMatchObject({ version: { major: 3 }, kdf: { kind: 'aes', rounds: 1000 } });
    expect(await refusalCode(openKdbxRaw(aes3, protect(PASSPHRASE)))).toBe('no error');
    expect(await refusalCode(openKdbxRaw(withKdbx3TransformRounds(aes3, 10n ** 15n), protect(PASSPHRASE)))).toBe('KDBX_KDF_OUT_OF_BOUNDS');
  });

  it('says what was asked for and what is allowed, without a word about the passphrase', async () => {
    try {
      await openVaultFile(withKdfItem(vault, 'I', VARIANT.uint64, uint64(10_000_000)), protect(PASSPHRASE));
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/Argon2 passes: 10000000; allowed 1 to 100/);
      expect((error as Error).message).not.toContain(PASSPHRASE);
    }
  });
});

describe('the bounds are the settings Strongroom may write', () => {
  it('accepts the default and every corner of the range a custodian may choose, and nothing past it', () => {
    const argon = (memoryMiB: number, iterations: number, parallelism: number) =>
      kdfOutOfBounds({ kind: 'argon2id', memoryBytes: memoryMiB * MiB, iterations, parallelism });
    const d = DEFAULT_KDF_PARAMETERS;
    expect(argon(d.memoryMiB, d.iterations, d.parallelism)).toBeNull();
    const { memoryMiB, iterations, parallelism } = KDF_LIMITS;
    expect(argon(memoryMiB.max, iterations.max, parallelism.max)).toBeNull();
    expect(argon(memoryMiB.min, iterations.min, parallelism.min)).toBeNull();
    expect(argon(memoryMiB.max + 1, 1, 1)).toMatchObject({ setting: 'Argon2 memory (MiB)' });
    expect(argon(1, iterations.max + 1, 1)).toMatchObject({ setting: 'Argon2 passes' });
    expect(argon(1, 1, parallelism.max + 1)).toMatchObject({ setting: 'Argon2 parallelism' });
    expect(argon(1, 0, 1)).toMatchObject({ setting: 'Argon2 passes' });
    expect(kdfOutOfBounds({ kind: 'argon2d', memoryBytes: 1.5 * 1024, iterations: 1, parallelism: 1 })).toMatchObject({ setting: 'Argon2 memory' });
    expect(kdfOutOfBounds({ kind: 'argon2d', memoryBytes: MiB, iterations: null, parallelism: 1 })).toMatchObject({ found: 'missing' });
    expect(kdfOutOfBounds({ kind: 'aes', rounds: AES_KDF_ROUNDS_LIMIT.max })).toBeNull();
    expect(kdfOutOfBounds({ kind: 'aes', rounds: AES_KDF_ROUNDS_LIMIT.max + 1 })).toMatchObject({ setting: 'AES-KDF rounds' });
  });
});
