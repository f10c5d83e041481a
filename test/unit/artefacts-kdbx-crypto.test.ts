import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KDF_PARAMETERS,
  applyDataCipher,
  applyKdfParameters,
  installArgon2,
  readDataCipher,
  readKdfParameters,
  validateKdfParameters,
} from '../../src-main/artefacts/kdbx-crypto';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';

function newDb() {
  return kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('x')), 'test');
}

describe('key derivation settings', () => {
  it('default to Argon2id with at least 64 MiB, 3 passes and 2 lanes', () => {
    expect(DEFAULT_KDF_PARAMETERS.algorithm).toBe('argon2id');
    expect(DEFAULT_KDF_PARAMETERS.memoryMiB).toBeGreaterThanOrEqual(64);
    expect(DEFAULT_KDF_PARAMETERS.iterations).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_KDF_PARAMETERS.parallelism).toBeGreaterThanOrEqual(2);
    expect(Object.isFrozen(DEFAULT_KDF_PARAMETERS)).toBe(true);
  });

  it('are written into the KDBX header as KeePass expects and read back for the custodian to see', () => {
    const db = newDb();
    applyKdfParameters(db, { algorithm: 'argon2d', memoryMiB: 16, iterations: 4, parallelism: 3 });
    const params = db.header.kdfParameters;
    expect(kdbxweb.ByteUtils.bytesToBase64(params?.get('$UUID') as ArrayBuffer)).toBe(kdbxweb.Consts.KdfId.Argon2d);
    expect((params?.get('M') as kdbxweb.Int64).value).toBe(16 * 1024 * 1024);
    expect(readKdfParameters(db.header)).toEqual({ algorithm: 'argon2d', memoryMiB: 16, iterations: 4, parallelism: 3 });
    applyKdfParameters(db, DEFAULT_KDF_PARAMETERS);
    expect(readKdfParameters(db.header)).toEqual(DEFAULT_KDF_PARAMETERS);
  });

  it('refuse values outside the allowed range, naming the setting', () => {
    for (const bad of [
      { ...DEFAULT_KDF_PARAMETERS, memoryMiB: 0 },
      { ...DEFAULT_KDF_PARAMETERS, memoryMiB: 8192 },
      { ...DEFAULT_KDF_PARAMETERS, iterations: 1.5 },
      { ...DEFAULT_KDF_PARAMETERS, parallelism: 0 },
      { ...DEFAULT_KDF_PARAMETERS, algorithm: 'aes' as 'argon2id' },
    ]) {
      let error: unknown;
      try {
        validateKdfParameters(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(StrongroomError);
      expect((error as StrongroomError).code).toBe(ErrorCode.InvalidKdfParameters);
    }
  });

  it('choose AES-256 or ChaCha20 for the data', () => {
    const db = newDb();
    applyDataCipher(db, 'chacha20');
    expect(readDataCipher(db.header)).toBe('chacha20');
    applyDataCipher(db, 'aes256');
    expect(readDataCipher(db.header)).toBe('aes256');
  });
});

describe('Argon2 for kdbxweb', () => {
  it('derives the same key for the same input and a different key for another salt or type', async () => {
    installArgon2();
    const password = new TextEncoder().encode('composite key').buffer;
    const salt = new Uint8Array(32).fill(7).buffer;
    const otherSalt = new Uint8Array(32).fill(8).buffer;
    const run = (s: ArrayBuffer, type: 0 | 2) => kdbxweb.CryptoEngine.argon2(password, s, 1024, 1, 32, 1, type, 0x13);
    const first = new Uint8Array(await run(salt, 2));
    expect(first).toHaveLength(32);
    expect(new Uint8Array(await run(salt, 2))).toEqual(first);
    expect(new Uint8Array(await run(otherSalt, 2))).not.toEqual(first);
    expect(new Uint8Array(await run(salt, 0))).not.toEqual(first);
  });

  it('matches the Argon2 reference implementation (argon2 CLI vector, no secret or associated data)', async () => {
    installArgon2();
    // echo -n password | argon2 somesalt -id -t 2 -k 65536 -p 1 -l 32 (reference implementation README)
    const hash = await kdbxweb.CryptoEngine.argon2(
      new TextEncoder().encode('password').buffer,
      new TextEncoder().encode('somesalt').buffer,
      65536,
      2,
      32,
      1,
      2,
      0x13,
    );
    expect(Buffer.from(hash).toString('hex')).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });

  it('refuses the old Argon2 version 1.0 rather than deriving a wrong key', async () => {
    installArgon2();
    await expect(kdbxweb.CryptoEngine.argon2(new ArrayBuffer(8), new ArrayBuffer(32), 1024, 1, 32, 1, 2, 0x10)).rejects.toThrow(/argon2 version/);
  });
});
