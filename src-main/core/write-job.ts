import type { MediumRole } from './custody-vocabulary';
/**
 * The rules of a write job: one new generation of the vault and/or the seed store, to every target stick or to
 * none. Pure; app/write-jobs runs the job against the sticks and the catalog.
 *
 *   pre-flight every target ──refused──▶ refused   (nothing written anywhere)
 *   stage + read back on every target ──any fails──▶ failed (staged copies removed, nothing committed)
 *   commit stick by stick ──all──▶ complete
 *                          └─some cut short──▶ pending (retry the rest with the same bytes, or close)
 */

export type WriteTargetState = 'planned' | 'refused' | 'staged' | 'committed' | 'failed' | 'left-behind';
export type WriteJobStatus = 'running' | 'refused' | 'failed' | 'pending' | 'complete' | 'closed';

export const WRITE_JOB_PURPOSES = [
  'enrolment',
  'provision',
  'rotation-start',
  'rotation-confirm',
  'rotation-cancel',
  'passphrase-change',
  'replicate',
  'replace-medium',
  'write',
] as const;
export type WriteJobPurpose = (typeof WRITE_JOB_PURPOSES)[number];

export interface TargetLike {
  readonly role: MediumRole;
  readonly state: WriteTargetState;
}

/** The job's status once its targets are where they are after committing. */
export function settledStatus(targets: readonly TargetLike[]): 'complete' | 'pending' {
  return targets.every((t) => t.state === 'committed' || t.state === 'left-behind') ? 'complete' : 'pending';
}

/** Targets still to commit in a pending job: everything not committed and not deliberately left behind. */
export function remainingTargets<T extends TargetLike>(targets: readonly T[]): T[] {
  return targets.filter((t) => t.state !== 'committed' && t.state !== 'left-behind');
}

/**
 * The order sticks are committed in: one vault stick, one seed stick, then the rest alternating. If the job is
 * cut short after the first two commits, the new generation is already on a stick of each role, which is what
 * "enrolled" means.
 */
export function commitOrder<T extends { readonly role: MediumRole }>(targets: readonly T[]): T[] {
  const vault = targets.filter((t) => t.role === 'vault');
  const seed = targets.filter((t) => t.role === 'seed');
  const out: T[] = [];
  for (let i = 0; i < Math.max(vault.length, seed.length); i += 1) {
    if (vault[i]) out.push(vault[i]!);
    if (seed[i]) out.push(seed[i]!);
  }
  return out;
}

export interface PublishedGeneration {
  readonly role: MediumRole;
  readonly accountIds: readonly string[];
}

/**
 * Accounts that count as enrolled: the password is in a vault generation committed on at least one vault stick,
 * and the seed in a seed-store generation committed on at least one seed stick (or the account's MFA is a
 * hardware token, so there is no seed to keep).
 */
export function enrolledAccounts(
  candidates: readonly { readonly accountId: string; readonly hardwareMfa: boolean }[],
  published: readonly PublishedGeneration[],
): string[] {
  const inVault = new Set(published.filter((g) => g.role === 'vault').flatMap((g) => g.accountIds));
  const inSeeds = new Set(published.filter((g) => g.role === 'seed').flatMap((g) => g.accountIds));
  return candidates.filter((c) => inVault.has(c.accountId) && (c.hardwareMfa || inSeeds.has(c.accountId))).map((c) => c.accountId);
}
