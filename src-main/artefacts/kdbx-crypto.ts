import kdbxweb from 'kdbxweb';
import type { Kdbx, KdbxHeader } from 'kdbxweb';
import { argon2d, argon2id } from 'hash-wasm';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * Key derivation and cipher for Strongroom's KeePass files. kdbxweb leaves Argon2 to the host; hash-wasm runs it
 * in WebAssembly, so the same code works under Node, in Electron's main process and in tests, with no native
 * addon to rebuild per platform.
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
 * the 64 MiB floor Strongroom was specified with. Opening then takes about 1.2 s on a two-core laptop (hash-wasm is
 * single-threaded; see test/bench/artefacts-kdf.bench.ts) and less in KeePassXC on a break-glass machine, and any
 * laptop of the last decade has the memory for it.
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

let argon2Installed = false;

/** Gives kdbxweb an Argon2 implementation; safe to call more than once. */
export function installArgon2(): void {
  if (argon2Installed) return;
  kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memoryKiB, iterations, length, parallelism, type, version) => {
    // hash-wasm implements Argon2 version 1.3 (0x13) only, which is what KeePass 2.x and KeePassXC write.
    if (version !== 0x13) throw new kdbxweb.KdbxError(kdbxweb.Consts.ErrorCodes.Unsupported, 'argon2 version');
    const options = {
      password: new Uint8Array(password),
      salt: new Uint8Array(salt),
      memorySize: memoryKiB,
      iterations,
      parallelism,
      hashLength: length,
      outputType: 'binary' as const,
    };
    // The password view shares kdbxweb's buffer, which kdbxweb zeroes itself once the key is derived.
    const hash = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? await argon2id(options) : await argon2d(options);
    const out = hash.slice().buffer;
    hash.fill(0);
    return out;
  });
  argon2Installed = true;
}

/** Sets Argon2 and its parameters on a new database; the salt is drawn afresh by kdbxweb on every save. */
export function applyKdfParameters(db: Kdbx, parameters: KdfParameters): void {
  validateKdfParameters(parameters);
  db.setKdf(parameters.algorithm === 'argon2id' ? kdbxweb.Consts.KdfId.Argon2id : kdbxweb.Consts.KdfId.Argon2d);
  const params = db.header.kdfParameters;
  if (!params) throw new StrongroomError(ErrorCode.Internal, 'The KeePass header has no key-derivation settings.');
  const { ValueType } = kdbxweb.VarDictionary;
  params.set('M', ValueType.UInt64, kdbxweb.Int64.from(parameters.memoryMiB * 1024 * 1024));
  params.set('I', ValueType.UInt64, kdbxweb.Int64.from(parameters.iterations));
  params.set('P', ValueType.UInt32, parameters.parallelism);
}

export function applyDataCipher(db: Kdbx, cipher: DataCipher): void {
  db.header.dataCipherUuid = new kdbxweb.KdbxUuid(cipher === 'aes256' ? kdbxweb.Consts.CipherId.Aes : kdbxweb.Consts.CipherId.ChaCha20);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof kdbxweb.Int64) return value.value;
  return undefined;
}

/** The Argon2 settings a file was written with, for the custodian to see; undefined for AES-KDF or KDBX3. */
export function readKdfParameters(header: KdbxHeader): KdfParameters | undefined {
  const params = header.kdfParameters;
  const uuid = params?.get('$UUID');
  if (!params || !(uuid instanceof ArrayBuffer)) return undefined;
  const id = kdbxweb.ByteUtils.bytesToBase64(uuid);
  const algorithm = id === kdbxweb.Consts.KdfId.Argon2id ? 'argon2id' : id === kdbxweb.Consts.KdfId.Argon2d ? 'argon2d' : undefined;
  const memory = toNumber(params.get('M'));
  const iterations = toNumber(params.get('I'));
  const parallelism = toNumber(params.get('P'));
  if (!algorithm || memory === undefined || iterations === undefined || parallelism === undefined) return undefined;
  return { algorithm, memoryMiB: memory / (1024 * 1024), iterations, parallelism };
}

export function readDataCipher(header: KdbxHeader): DataCipher | undefined {
  const id = header.dataCipherUuid?.toString();
  return id === kdbxweb.Consts.CipherId.Aes ? 'aes256' : id === kdbxweb.Consts.CipherId.ChaCha20 ? 'chacha20' : undefined;
}
