import { createHash } from 'node:crypto';
import { NativeArgon2KeyDerivation, useKeyDerivation, type Argon2Request, type KeyDerivation } from '../../src-main/artefacts/kdbx-crypto';

/** One derivation as the port saw it: which file (its KDF salt) and which key (a digest of the composite key). */
export interface SeenDerivation {
  readonly salt: string;
  readonly key: string;
}

/**
 * A key-derivation port that counts: every derivation is passed on to the real Argon2 and recorded by file
 * and key, so a test sees what a job derives. Two derivations with the same salt and the same composite key are the
 * same work done twice. `sideBySide` holds each derivation until that many have started (or a generous fallback
 * has passed), so derivations a job runs concurrently are seen overlapping however fast the test's Argon2 is, and
 * derivations run one after the other never are.
 */
export class CountingKeyDerivation implements KeyDerivation {
  readonly seen: SeenDerivation[] = [];
  maxInFlight = 0;
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private sideBySide = 1;
  private readonly real = new NativeArgon2KeyDerivation();

  async derive(request: Argon2Request): Promise<Uint8Array> {
    this.seen.push({ salt: Buffer.from(request.salt).toString('hex'), key: createHash('sha256').update(request.password).digest('hex') });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.holdForCompany();
      return await this.real.derive(request);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** From now on, each derivation waits for `count` to be running at once before it goes on. */
  expectSideBySide(count: number): void {
    this.sideBySide = count;
  }

  /** Forgets what was seen, for the next step of a test. */
  reset(): void {
    this.seen.length = 0;
    this.maxInFlight = 0;
    this.sideBySide = 1;
  }

  /** Files whose key was derived more than once with the same composite key. */
  repeated(): SeenDerivation[] {
    const counts = new Map<string, { d: SeenDerivation; n: number }>();
    for (const d of this.seen) {
      const id = `${d.salt}/${d.key}`;
      const entry = counts.get(id) ?? { d, n: 0 };
      entry.n += 1;
      counts.set(id, entry);
    }
    return [...counts.values()].filter((e) => e.n > 1).map((e) => e.d);
  }

  private holdForCompany(): Promise<void> {
    if (this.inFlight >= this.sideBySide) {
      const released = this.waiting;
      this.waiting = [];
      for (const release of released) release();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // The fallback only keeps a job that derives one key after the other from hanging; it is never asserted on.
      const fallback = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== release);
        resolve();
      }, 3_000);
      const release = () => {
        clearTimeout(fallback);
        resolve();
      };
      this.waiting.push(release);
    });
  }
}

/** Installs a counting port for a test; call the returned `restore` in afterEach. */
export function countKeyDerivations(): { counter: CountingKeyDerivation; restore: () => void } {
  const counter = new CountingKeyDerivation();
  return { counter, restore: useKeyDerivation(counter) };
}
