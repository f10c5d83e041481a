import { ErrorCode, StrongroomError } from '../core/errors';
import { KDF_LIMITS } from './kdbx-crypto';
import type { KdbxKdfSettings } from './kdbx-public-header';

/**
 * A KeePass file chooses how much work its key derivation costs, in its clear header, and the work is done
 * before the passphrase is checked. A file from a stick asking for 10^11 Argon2 passes, 1 TiB of memory or
 * 10^15 AES rounds would freeze the kiosk (in the window, its main process) for days without ever saying
 * "wrong passphrase". So the settings are read from the header and bounded before anything is derived.
 *
 * The Argon2 bounds are exactly what Strongroom itself may write (KDF_LIMITS): a file outside them was not
 * written by Strongroom. Strongroom never writes AES-KDF; it is accepted for KeePass files made elsewhere up to
 * the rounds KeePassXC's one-second default reaches on a fast machine, a few seconds' work here.
 */
export const AES_KDF_ROUNDS_LIMIT = { min: 1, max: 100_000_000 } as const;

const MiB = 1024 * 1024;

export interface KdfBoundsRefusal {
  readonly setting: string;
  readonly found: number | string;
  readonly allowed: string;
}

/** Why these settings are refused, or null when they are within bounds. Pure: for the open path and for tests. */
export function kdfOutOfBounds(kdf: KdbxKdfSettings | null): KdfBoundsRefusal | null {
  if (kdf === null) return { setting: 'key-derivation method', found: 'none', allowed: 'Argon2 or AES-KDF' };
  if (kdf.kind === 'unknown') return { setting: 'key-derivation method', found: kdf.uuid, allowed: 'Argon2 or AES-KDF' };
  if (kdf.kind === 'aes') {
    return outside('AES-KDF rounds', kdf.rounds, AES_KDF_ROUNDS_LIMIT.min, AES_KDF_ROUNDS_LIMIT.max);
  }
  const memory = kdf.memoryBytes;
  if (memory !== null && memory % 1024 !== 0) return { setting: 'Argon2 memory', found: `${memory} bytes`, allowed: 'a whole number of KiB' };
  return (
    outside('Argon2 memory (MiB)', memory === null ? null : memory / MiB, KDF_LIMITS.memoryMiB.min, KDF_LIMITS.memoryMiB.max) ??
    outside('Argon2 passes', kdf.iterations, KDF_LIMITS.iterations.min, KDF_LIMITS.iterations.max) ??
    outside('Argon2 parallelism', kdf.parallelism, KDF_LIMITS.parallelism.min, KDF_LIMITS.parallelism.max)
  );
}

function outside(setting: string, found: number | null, min: number, max: number): KdfBoundsRefusal | null {
  if (found === null) return { setting, found: 'missing', allowed: `${min} to ${max}` };
  return found >= min && found <= max ? null : { setting, found, allowed: `${min} to ${max}` };
}

/** Throws KDBX_KDF_OUT_OF_BOUNDS, before any key is derived, when the header asks for more than the bounds. */
export function requireBoundedKdf(kdf: KdbxKdfSettings | null, what: string): void {
  const refusal = kdfOutOfBounds(kdf);
  if (refusal === null) return;
  throw new StrongroomError(
    ErrorCode.KdbxKdfOutOfBounds,
    `${what} asks for key-derivation settings Strongroom never writes (${refusal.setting}: ${refusal.found}; allowed ${refusal.allowed}). ` +
      'Opening it could keep the kiosk busy for hours or exhaust its memory, so it was not opened. Use another replica, and have a custodian check this stick.',
    { setting: refusal.setting, found: String(refusal.found), allowed: refusal.allowed },
  );
}
