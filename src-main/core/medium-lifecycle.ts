import type { MediumRole } from './medium-manifest';

/**
 * A stick's life in custody. Only an active stick counts as a replica; a lost, retired or replaced stick is kept
 * in the catalog (its id is never reused, the audit trail names it) but is never offered for reading or writing
 * again, and if it turns up it is treated as a stranger.
 */
export const MEDIUM_LIFECYCLES = ['active', 'lost', 'retired', 'replaced'] as const;
export type MediumLifecycle = (typeof MEDIUM_LIFECYCLES)[number];

export const MEDIUM_LIFECYCLE_WORDS: Readonly<Record<MediumLifecycle, string>> = {
  active: 'in service',
  lost: 'reported lost or destroyed',
  retired: 'retired',
  replaced: 'replaced',
};

/** What the custodians should do once a stick of this role is out of their control. */
export function lostMediumAdvice(role: MediumRole, mediumId: string): string {
  return role === 'vault'
    ? `${mediumId} held the vault: whoever has it needs only the vault passphrase to read every root password. Change the vault master passphrase (Media screen, or strongroom medium change-passphrase --role vault) so the copies in custody no longer open with it.`
    : `${mediumId} held the seed store: whoever has it needs only the seed passphrase to make MFA codes. Change the seed master passphrase (Media screen, or strongroom medium change-passphrase --role seed), and consider rotating every MFA seed, since the old seeds stay valid on AWS until they are replaced.`;
}
