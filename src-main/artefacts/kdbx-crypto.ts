import { kdbxweb } from './kdbxweb-package';
import type { Kdbx, KdbxHeader } from 'kdbxweb';
import type * as NativeArgon2Module from '@node-rs/argon2';
import { ErrorCode, StrongroomError } from '../core/errors';
import { DerivationMemo, KeptSaltNotVouched, currentDerivationMemo } from './derivation-memo';

/**
 * Key derivation and cipher for Strongroom's KeePass files. kdbxweb leaves Argon2 to the host. Strongroom gives it
 * `@node-rs/argon2`: native code shipped prebuilt for every target in the npm package's per-platform optional
 * dependencies (nothing is compiled at install), loaded through N-API (so the same binary serves Node and
 * Electron), computing the lanes on separate threads, and running on libuv's thread pool, so the JavaScript
 * thread (the Electron main process) keeps answering while a key is derived and two derivations run side by side.
 * It was the fastest candidate measured (README, "Performance"; test/bench/argon2-candidates.ts).
 */

export type KdfAlgorithm = 'argon2id' | 'argon2d';
export type DataCipher = 'aes256' | 'chacha20';

/** What the custodian sees and may raise: how expensive each passphrase guess is for whoever finds a stick. */
export interface KdfParameters {
  readonly algorithm: KdfAlgorithm;
  readonly memoryMiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/**
 * Argon2id with 256 MiB, 3 passes, 2 lanes. Memory is what makes each guess expensive on GPUs, so it is four times
 * the 64 MiB floor Strongroom was specified with. Deriving a key then takes well under a second on a two-core
 * laptop, with both lanes on their own core (figures: README, "Performance"), about what KeePassXC needs on a
 * break-glass machine, and any laptop of the last decade has the memory for it.
 */
export const DEFAULT_KDF_PARAMETERS: KdfParameters = Object.freeze({
  algorithm: 'argon2id',
  memoryMiB: 256,
  iterations: 3,
  parallelism: 2,
});

export const DEFAULT_DATA_CIPHER: DataCipher = 'aes256';

/** Bounds a custodian may choose within; the upper ones keep a file openable on an ordinary laptop. */
export const KDF_LIMITS = {
  memoryMiB: { min: 1, max: 4096 },
  iterations: { min: 1, max: 100 },
  parallelism: { min: 1, max: 16 },
} as const;

export function validateKdfParameters(parameters: KdfParameters): KdfParameters {
  if (parameters.algorithm !== 'argon2id' && parameters.algorithm !== 'argon2d') {
    throw new StrongroomError(ErrorCode.InvalidKdfParameters, 'Strongroom writes KeePass files with Argon2id or Argon2d only.');
  }
  for (const key of ['memoryMiB', 'iterations', 'parallelism'] as const) {
    const value = parameters[key];
    const { min, max } = KDF_LIMITS[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new StrongroomError(
        ErrorCode.InvalidKdfParameters,
        `The key-derivation setting ${key} must be a whole number from ${min} to ${max}; it is ${value}.`,
        { setting: key },
      );
    }
  }
  return parameters;
}

type NativeArgon2 = typeof NativeArgon2Module;

let native: Promise<NativeArgon2> | undefined;

/**
 * Loaded on first use rather than at import, so a missing or mismatched binary (an installer built for another
 * operating system) is one clear refusal to open files, not a main process that cannot start.
 */
function loadNativeArgon2(): Promise<NativeArgon2> {
  native ??= import('@node-rs/argon2').catch((cause: unknown) => {
    native = undefined;
    throw new StrongroomError(
      ErrorCode.KdfUnavailable,
      'This installation of Strongroom cannot derive the keys of KeePass files on this computer: its Argon2 module ' +
        'is missing or was built for another system. Reinstall Strongroom from the approved installer for this ' +
        'computer; until then KeePassXC opens the vault and the seed store.',
      { reason: cause instanceof Error ? cause.message.slice(0, 200) : 'unknown' },
    );
  });
  return native;
}

/** Argon2's own floor: at least 8 KiB of memory per lane. */
const MIN_KIB_PER_LANE = 8;

/**
 * The last guard before memory is allocated and threads are started: kdbxweb passes the parameters of whatever
 * file it was handed, and a hostile file can ask for terabytes or a million passes. Files are bounded when they
 * are opened; this keeps the same upper bounds for every caller of kdbxweb's Argon2. Small values only make a
 * file weak, not dangerous to open, so below the bounds only Argon2's own minimums apply.
 */
function checkDerivation(memoryKiB: number, iterations: number, parallelism: number, length: number, saltBytes: number): void {
  const within = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  const { memoryMiB, iterations: passes, parallelism: lanes } = KDF_LIMITS;
  if (
    !within(parallelism, 1, lanes.max) ||
    !within(memoryKiB, MIN_KIB_PER_LANE * parallelism, memoryMiB.max * 1024) ||
    !within(iterations, 1, passes.max) ||
    !within(length, 4, 1024) ||
    saltBytes < 8
  ) {
    throw new StrongroomError(
      ErrorCode.InvalidKdfParameters,
      `This KeePass file asks for key-derivation settings outside what Strongroom accepts (${Math.floor(memoryKiB / 1024)} MiB, ` +
        `${iterations} passes, ${parallelism} lanes; at most ${memoryMiB.max} MiB, ${passes.max} passes, ${lanes.max} lanes), so it was not ` +
        'opened. Open the copy on another medium, and have this file checked.',
    );
  }
}

/** One Argon2 derivation, as kdbxweb asks for it: the composite key of a file, its KDF salt and its settings. */
export interface Argon2Request {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly length: number;
  readonly algorithm: KdfAlgorithm;
  /** 0x13 (Argon2 1.3, what KeePass and KeePassXC write) or 0x10. */
  readonly version: 0x10 | 0x13;
}

/**
 * The key-derivation port: every key of every KeePass file Strongroom opens or saves is derived through it, so a
 * job's derivations can be counted (each costs the custodian most of a second) and its settings bounded in one place.
 */
export interface KeyDerivation {
  derive(request: Argon2Request): Promise<Uint8Array>;
}

/** Argon2 in `@node-rs/argon2`, on libuv's thread pool: the JavaScript thread keeps answering while it runs. */
export class NativeArgon2KeyDerivation implements KeyDerivation {
  async derive(request: Argon2Request): Promise<Uint8Array> {
    const argon2 = await loadNativeArgon2();
    // The values of the binding's Algorithm and Version enums (const enums in its typings, so not importable).
    return argon2.hashRaw(request.password, {
      algorithm: request.algorithm === 'argon2id' ? 2 : 0,
      version: request.version === 0x13 ? 1 : 0,
      memoryCost: request.memoryKiB,
      timeCost: request.iterations,
      parallelism: request.parallelism,
      outputLen: request.length,
      salt: request.salt,
    });
  }
}

let keyDerivation: KeyDerivation = new NativeArgon2KeyDerivation();

/**
 * Puts another implementation behind the port (a benchmark or a test counting what a job derives); returns what
 * puts the previous one back. Bounds are checked before the port is called, whichever implementation it is.
 */
export function useKeyDerivation(port: KeyDerivation): () => void {
  const previous = keyDerivation;
  keyDerivation = port;
  return () => {
    keyDerivation = previous;
  };
}

/** A fresh ArrayBuffer for kdbxweb, which zeroes what it is given; the source is zeroed here. */
function toOwnedBuffer(key: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(key.byteLength);
  out.set(key);
  key.fill(0);
  return out.buffer;
}

let argon2Installed = false;

/** Gives kdbxweb the key-derivation port as its Argon2; safe to call more than once. */
export function installArgon2(): void {
  if (argon2Installed) return;
  kdbxweb().CryptoEngine.setArgon2Impl(async (password, salt, memoryKiB, iterations, length, parallelism, type, version) => {
    // KeePass 2.x and KeePassXC write Argon2 1.3 (0x13); 1.0 (0x10) is still valid in a KDBX4 header and is derived
    // as such rather than refused.
    if (version !== 0x13 && version !== 0x10) throw new (kdbxweb().KdbxError)(kdbxweb().Consts.ErrorCodes.Unsupported, 'argon2 version');
    if (type !== kdbxweb().CryptoEngine.Argon2TypeArgon2id && type !== kdbxweb().CryptoEngine.Argon2TypeArgon2d) {
      throw new (kdbxweb().KdbxError)(kdbxweb().Consts.ErrorCodes.Unsupported, 'argon2 type');
    }
    checkDerivation(memoryKiB, iterations, parallelism, length, salt.byteLength);
    const algorithm = type === kdbxweb().CryptoEngine.Argon2TypeArgon2id ? 'argon2id' : 'argon2d';
    // The password view shares kdbxweb's buffer, which kdbxweb zeroes itself only after this promise settles.
    const request: Argon2Request = { password: new Uint8Array(password), salt: new Uint8Array(salt), memoryKiB, iterations, parallelism, length, algorithm, version };
    const memo = currentDerivationMemo();
    const digest = memo ? DerivationMemo.requestDigest(request.password, request.salt, `${algorithm}/${version}/${memoryKiB}/${iterations}/${parallelism}/${length}`) : '';
    const recalled = memo?.recall(digest);
    if (recalled) return toOwnedBuffer(recalled);
    // A save keeping a salt whose key this job did not derive from this very composite key must not derive under
    // it: the passphrase differs from the one that opened the file, so the save draws a fresh salt instead.
    if (memo?.isSaltOnTrial(request.salt)) throw new KeptSaltNotVouched();
    const key = await keyDerivation.derive(request);
    memo?.remember(digest, key);
    return toOwnedBuffer(key);
  });
  argon2Installed = true;
}

/** Sets Argon2 and its parameters on a new database; the salt is drawn by kdbxweb on save (see saveKdbx for when it is kept). */
export function applyKdfParameters(db: Kdbx, parameters: KdfParameters): void {
  validateKdfParameters(parameters);
  db.setKdf(parameters.algorithm === 'argon2id' ? kdbxweb().Consts.KdfId.Argon2id : kdbxweb().Consts.KdfId.Argon2d);
  const params = db.header.kdfParameters;
  if (!params) throw new StrongroomError(ErrorCode.Internal, 'The KeePass header has no key-derivation settings.');
  const { ValueType } = kdbxweb().VarDictionary;
  params.set('M', ValueType.UInt64, kdbxweb().Int64.from(parameters.memoryMiB * 1024 * 1024));
  params.set('I', ValueType.UInt64, kdbxweb().Int64.from(parameters.iterations));
  params.set('P', ValueType.UInt32, parameters.parallelism);
}

export function applyDataCipher(db: Kdbx, cipher: DataCipher): void {
  db.header.dataCipherUuid = new (kdbxweb().KdbxUuid)(cipher === 'aes256' ? kdbxweb().Consts.CipherId.Aes : kdbxweb().Consts.CipherId.ChaCha20);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof kdbxweb().Int64) return value.value;
  return undefined;
}

/** The Argon2 settings a file was written with, for the custodian to see; undefined for AES-KDF or KDBX3. */
export function readKdfParameters(header: KdbxHeader): KdfParameters | undefined {
  const params = header.kdfParameters;
  const uuid = params?.get('$UUID');
  if (!params || !(uuid instanceof ArrayBuffer)) return undefined;
  const id = kdbxweb().ByteUtils.bytesToBase64(uuid);
  const algorithm = id === kdbxweb().Consts.KdfId.Argon2id ? 'argon2id' : id === kdbxweb().Consts.KdfId.Argon2d ? 'argon2d' : undefined;
  const memory = toNumber(params.get('M'));
  const iterations = toNumber(params.get('I'));
  const parallelism = toNumber(params.get('P'));
  if (!algorithm || memory === undefined || iterations === undefined || parallelism === undefined) return undefined;
  return { algorithm, memoryMiB: memory / (1024 * 1024), iterations, parallelism };
}

export function readDataCipher(header: KdbxHeader): DataCipher | undefined {
  const id = header.dataCipherUuid?.toString();
  return id === kdbxweb().Consts.CipherId.Aes ? 'aes256' : id === kdbxweb().Consts.CipherId.ChaCha20 ? 'chacha20' : undefined;
}
