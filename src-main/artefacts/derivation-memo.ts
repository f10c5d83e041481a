import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { ArtefactRole } from '../core/artefact-files';

/**
 * One job's memory of the Argon2 keys it derived, so a job that opens a file with a passphrase and saves the next
 * generation under the same passphrase and settings derives once, not twice.
 *
 * Why that is safe: a KDBX4 file's final key is SHA-256(master seed ‖ Argon2(composite key, KDF salt)). The
 * master seed, the IV and the inner stream key are drawn afresh by kdbxweb on every save, so every generation is
 * still encrypted under its own final key. Only the KDF salt is kept, and only while the passphrase and the KDF
 * settings stay the same (KeePassXC does the same: it renews the KDF seed when the key or the KDF changes, the
 * master seed on every save). Whoever holds two generations with one salt can test a passphrase guess against both
 * with one derivation, but a guess that opens one opens the other anyway: they share the passphrase, so nothing is
 * learnt beyond what the passphrase already gives. A new passphrase or new settings always draws a new salt, so
 * guessing work is never shared between two different passphrases. A file opened with a challenge-response key
 * (whose challenge is the salt) keeps drawing a fresh salt on every save.
 *
 * The memo lives in memory for one job only: entries are keyed by a SHA-256 of the composite key, salt and
 * settings (never the passphrase itself), and every derived key is zero-filled when the job ends or fails.
 */
export class DerivationMemo {
  private readonly keys = new Map<string, Uint8Array>();
  private readonly openedSalts = new Map<ArtefactRole, Uint8Array>();
  /** Salts a save is trying to keep: a derivation with one of them must be a memo hit, or the save draws afresh. */
  private readonly keptSaltsOnTrial = new Set<string>();
  private wiped = false;

  /** The memo's key for one derivation request; a digest, so neither the password nor the key is recoverable. */
  static requestDigest(password: Uint8Array, salt: Uint8Array, settings: string): string {
    return createHash('sha256').update(password).update(salt).update(settings).digest('hex');
  }

  /** A copy of the key derived for this digest, if the job derived it already. */
  recall(digest: string): Uint8Array | undefined {
    const key = this.keys.get(digest);
    return key ? new Uint8Array(key) : undefined;
  }

  remember(digest: string, key: Uint8Array): void {
    if (this.wiped) return;
    this.keys.get(digest)?.fill(0);
    // A copy, never key.slice(): on a Node Buffer that is a view of memory the caller zeroes.
    this.keys.set(digest, new Uint8Array(key));
  }

  /** The KDF salt of a file this job opened with its passphrase: the one its next generation may keep. */
  rememberOpenedSalt(role: ArtefactRole, salt: Uint8Array): void {
    if (!this.wiped) this.openedSalts.set(role, new Uint8Array(salt));
  }

  openedSalt(role: ArtefactRole): Uint8Array | undefined {
    const salt = this.openedSalts.get(role);
    return salt ? new Uint8Array(salt) : undefined;
  }

  trySaltKept(salt: Uint8Array): void {
    this.keptSaltsOnTrial.add(Buffer.from(salt).toString('hex'));
  }

  endSaltTrial(salt: Uint8Array): void {
    this.keptSaltsOnTrial.delete(Buffer.from(salt).toString('hex'));
  }

  isSaltOnTrial(salt: Uint8Array): boolean {
    return this.keptSaltsOnTrial.has(Buffer.from(salt).toString('hex'));
  }

  /** How many keys the memo holds (for tests that check it is emptied). */
  get size(): number {
    return this.keys.size;
  }

  wipe(): void {
    for (const key of this.keys.values()) key.fill(0);
    for (const salt of this.openedSalts.values()) salt.fill(0);
    this.keys.clear();
    this.openedSalts.clear();
    this.keptSaltsOnTrial.clear();
    this.wiped = true;
  }
}

const jobMemo = new AsyncLocalStorage<DerivationMemo>();

/**
 * Runs one job with a derivation memo that every open and save inside it (however deeply awaited) shares, and
 * wipes it when the job settles. A job inside a job shares the outer memo, which the outer job wipes.
 */
export async function withDerivationMemo<T>(job: () => Promise<T>): Promise<T> {
  if (jobMemo.getStore()) return job();
  const memo = new DerivationMemo();
  try {
    return await jobMemo.run(memo, job);
  } finally {
    memo.wipe();
  }
}

export function currentDerivationMemo(): DerivationMemo | undefined {
  return jobMemo.getStore();
}

/** Thrown by the key derivation when a save's kept salt is not vouched for by this job's memo; the save redraws. */
export class KeptSaltNotVouched extends Error {
  constructor() {
    super('The kept KDF salt was not opened with this key in this job.');
  }
}
