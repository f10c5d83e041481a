import { sha256Hex } from '../core/sha256';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProtectedValue } from 'kdbxweb';
import { openSeedFile } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { openVaultFile } from '../artefacts/vault-file';
import type { MediumRole } from '../core/medium-manifest';
import { totpCode } from '../core/totp';
import type { Clock } from '../platform/clock';

/** A seed as the checks need it: whether it gives a code, and a digest to compare replicas by (never the seed). */
export interface SeedFacts {
  readonly accountId: string;
  readonly name: string;
  readonly usable: boolean;
  readonly digest: string;
}

/** What opening one artefact file told the checks; nothing secret but the key it opened with, held masked. */
export interface OpenedFacts {
  readonly generation: number;
  readonly accountIds: readonly string[];
  readonly seeds?: readonly SeedFacts[];
  readonly otherEntries?: readonly string[];
}

export interface RememberedOpening {
  readonly key: ProtectedValue;
  readonly mediumId: string;
  readonly facts: OpenedFacts;
}

/**
 * The artefact files a verification run has opened. Replicas are byte-identical, so a second stick holding the same
 * bytes is vouched for by the first opening (its key derivation is most of a second), but only when the same key
 * is given: the key is held masked for the run, compared in constant time, and zeroed when the run ends.
 */
export class RunOpenings {
  /** Per run: SHA-256 of an artefact file's bytes → what opening it found, and the key it opened with. */
  private readonly openings = new Map<string, Map<string, RememberedOpening>>();

  constructor(private readonly clock: Clock) {}

  /** Opens the file with the key, and remembers what it found for a byte-identical replica later in the run. */
  async open(runId: string, mediumId: string, role: MediumRole, bytes: Uint8Array, keyText: string): Promise<OpenedFacts> {
    let facts: OpenedFacts;
    if (role === 'vault') {
      const vault = await openVaultFile(bytes, protect(keyText));
      facts = { generation: vault.generation, accountIds: vault.entries.map((e) => e.accountId) };
    } else {
      const seeds = await openSeedFile(bytes, protect(keyText));
      facts = {
        generation: seeds.generation,
        accountIds: seeds.entries.map((e) => e.accountId),
        seeds: seeds.entries.map((e) => ({ accountId: e.accountId, name: e.name, usable: givesCode(e.seed.base32, this.clock.now()), digest: sha256Hex(e.seed.base32) })),
        otherEntries: seeds.otherEntries,
      };
    }
    const inRun = this.openings.get(runId) ?? new Map<string, RememberedOpening>();
    this.openings.set(runId, inRun);
    inRun.set(sha256Hex(bytes), { key: protect(keyText), mediumId, facts });
    return facts;
  }

  /** What an earlier stick of the run found in these very bytes, if it was opened with this same key. */
  remembered(runId: string, bytes: Uint8Array, keyText: string): RememberedOpening | null {
    const remembered = this.openings.get(runId)?.get(sha256Hex(bytes));
    if (!remembered) return null;
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(remembered.key.getText()), digest(keyText)) ? remembered : null;
  }

  /** Zeroes the keys held for a run (all runs when none is named): at its end, and when the kiosk locks. */
  forget(runId?: string): void {
    for (const [id, inRun] of this.openings) {
      if (runId !== undefined && id !== runId) continue;
      for (const { key } of inRun.values()) {
        key.value.fill(0);
        key.salt.fill(0);
      }
      this.openings.delete(id);
    }
  }
}

function givesCode(base32: string, now: Date): boolean {
  try {
    totpCode({ base32, source: 'base32', digits: 6, period: 30 }, now);
    return true;
  } catch {
    return false;
  }
}
