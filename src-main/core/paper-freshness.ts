/**
 * Whether the printed paper seed backups still match the seed store. A backup records the seed generation it
 * was made from; once a newer generation exists (an account enrolled, a seed rotated), every older paper misses
 * something, and the custodians are told until a fresh one is printed.
 */

export interface PaperBackupRecord {
  readonly generation: number;
  readonly madeAt: string;
}

export interface PaperFreshness {
  readonly stale: boolean;
  readonly newestPrinted: number | null;
  readonly newestSeedGeneration: number;
  readonly sentence: string | null;
}

export function paperFreshness(newestSeedGeneration: number, backups: readonly PaperBackupRecord[]): PaperFreshness {
  const newestPrinted = backups.length ? Math.max(...backups.map((b) => b.generation)) : null;
  if (newestSeedGeneration === 0) return { stale: false, newestPrinted, newestSeedGeneration, sentence: null };
  if (newestPrinted === null) {
    return {
      stale: true,
      newestPrinted,
      newestSeedGeneration,
      sentence: `No paper seed backup has been printed yet; the seed store is at generation ${newestSeedGeneration}. Print one on the Print screen.`,
    };
  }
  if (newestPrinted < newestSeedGeneration) {
    return {
      stale: true,
      newestPrinted,
      newestSeedGeneration,
      sentence: `The newest paper seed backup is from seed generation ${newestPrinted}, but the seed store is at generation ${newestSeedGeneration}: print a new backup and destroy the old one.`,
    };
  }
  return { stale: false, newestPrinted, newestSeedGeneration, sentence: null };
}
