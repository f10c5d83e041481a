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

const text = (value: string) => new TextEncoder().encode(value).buffer;
const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex');
const ARGON2D = 0;
const ARGON2ID = 2;

describe('Argon2 for kdbxweb', () => {
  it('derives the same key for the same input and a different key for another salt or type', async () => {
    installArgon2();
    const password = text('composite key');
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
    const hash = await kdbxweb.CryptoEngine.argon2(text('password'), text('somesalt'), 65536, 2, 32, 1, ARGON2ID, 0x13);
    expect(hex(hash)).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });

  // Vectors computed with two other implementations that agree (@noble/hashes in pure JavaScript and the
  // reference C code in the `argon2` package), so a wrong lane split, type or version mapping shows here.
  it.each([
    ['Argon2id, two lanes', ARGON2ID, 0x13, 16384, 3, 2, 'c99cdd6115ef572c828e5da7d61a812805eccf6dfe12219ba7ac7c630e16e814'],
    ['Argon2d', ARGON2D, 0x13, 65536, 2, 1, '955e5d5b163a1b60bba35fc36d0496474fba4f6b59ad53628666f07fb2f93eaf'],
    ['Argon2id version 1.0, which a KDBX4 header may still name', ARGON2ID, 0x10, 65536, 2, 1, '980ebd24a4e667f16346f9d4a78b175728783613e0cc6fb17c2ec884b16435df'],
  ] as const)('agrees with independent implementations for %s', async (_, type, version, memoryKiB, passes, lanes, expected) => {
    installArgon2();
    const hash = await kdbxweb.CryptoEngine.argon2(text('password'), text('somesalt'), memoryKiB, passes, 32, lanes, type, version);
    expect(hex(hash)).toBe(expected);
  });

  it('refuses an Argon2 version it does not know rather than deriving a wrong key', async () => {
    installArgon2();
    await expect(kdbxweb.CryptoEngine.argon2(new ArrayBuffer(8), new ArrayBuffer(32), 1024, 1, 32, 1, ARGON2ID, 0x12 as 0x13)).rejects.toThrow(/argon2 version/);
  });

  it.each([
    ['8 GiB of memory', 8 * 1024 * 1024, 3, 2],
    ['a million passes', 65536, 1_000_000, 2],
    ['a thousand lanes', 65536, 3, 1000],
    ['less memory than Argon2 allows for its lanes', 8, 3, 2],
  ] as const)('refuses %s from a hostile file before allocating anything', async (_, memoryKiB, passes, lanes) => {
    installArgon2();
    const derivation = kdbxweb.CryptoEngine.argon2(text('x'), new ArrayBuffer(32), memoryKiB, passes, 32, lanes, ARGON2ID, 0x13);
    await expect(derivation).rejects.toBeInstanceOf(StrongroomError);
    await expect(derivation).rejects.toMatchObject({ code: ErrorCode.InvalidKdfParameters });
  });

  it('leaves the JavaScript thread free while it derives: a timer set after the start fires before the key arrives', async () => {
    installArgon2();
    // Warm first: loading an implementation may itself yield, which would hide one that then blocks.
    await kdbxweb.CryptoEngine.argon2(text('password'), text('somesalt'), 1024, 1, 32, 1, ARGON2ID, 0x13);
    const order: string[] = [];
    const derivation = kdbxweb.CryptoEngine.argon2(text('password'), text('somesalt'), 64 * 1024, 3, 32, 2, ARGON2ID, 0x13).then(() => order.push('key'));
    // An implementation that computes on this thread returns only when done, so its key would come first.
    await new Promise<void>((resolve) => setTimeout(() => {
      order.push('timer');
      resolve();
    }, 1));
    await derivation;
    expect(order).toEqual(['timer', 'key']);
  });

  it('runs derivations side by side, each giving its own correct key', async () => {
    installArgon2();
    const derive = (salt: string) => kdbxweb.CryptoEngine.argon2(text('password'), text(salt), 65536, 2, 32, 1, ARGON2ID, 0x13).then(hex);
    const alone = await derive('othersalt');
    const [first, second] = await Promise.all([derive('somesalt'), derive('othersalt')]);
    expect(first).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
    expect(second).toBe(alone);
  });
});
