/**
 * Randomness is a port so that every secret Strongroom makes (root passwords, diceware passphrases) comes from
 * one audited source in production (platform/crypto-random.ts over node:crypto) and from a small deterministic
 * fake in tests.
 */
export interface Random {
  /** n bytes from a cryptographically secure source. */
  bytes(n: number): Uint8Array;
}

const MAX_RANGE = 2 ** 32;

/**
 * A uniform integer in [0, maxExclusive). `bytes % max` would favour small values whenever max does not divide
 * 2^32 (a password alphabet of 65 characters or a 7776-word list never does), so draws at or above the largest
 * multiple of max are thrown away and drawn again.
 */
export function randomInt(random: Random, maxExclusive: number): number {
  if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > MAX_RANGE) {
    throw new RangeError(`randomInt needs a whole number from 1 to 2^32, got ${maxExclusive}`);
  }
  if (maxExclusive === 1) return 0;
  const limit = MAX_RANGE - (MAX_RANGE % maxExclusive);
  for (;;) {
    const b = random.bytes(4);
    if (b.length !== 4) throw new RangeError('The random source returned the wrong number of bytes');
    const value = ((b[0] ?? 0) * 2 ** 24) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
    if (value < limit) return value % maxExclusive;
  }
}

/** One element chosen uniformly. */
export function randomPick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
  return items[randomInt(random, items.length)] as T;
}
