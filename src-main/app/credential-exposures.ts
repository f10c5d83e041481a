import type { Catalog } from '../catalog/catalog';
import type { CredentialExposure } from '../catalog/credential-exposure-store';
import type { Clock } from '../platform/clock';
import type { KioskSession } from './kiosk-session';

/**
 * A root password, once shown, has left the safe: it is flagged "revealed on DATE to A and B — rotate after
 * use" (a kiosk setting, on by default) until a rotation of that password, started after it was shown, is
 * confirmed on AWS. The flag is a record of who saw what, never the password.
 */
export class CredentialExposures {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
  ) {}

  get flagging(): boolean {
    return this.catalog.settings.read().flagRevealedPasswords;
  }

  setFlagging(on: boolean): void {
    this.session.requireCustodian();
    const before = this.flagging;
    this.catalog.settings.write('flagRevealedPasswords', on);
    this.session.record({ action: 'settings.reveal-flag-changed', subject: 'kiosk', details: { from: before, to: on } });
  }

  /** Records that a root password was shown to these custodians, read from these sticks. */
  passwordShown(accountId: string, to: readonly string[], media: readonly string[]): void {
    if (!this.flagging) return;
    this.catalog.exposures.record({ accountId, exposedAt: this.clock.now().toISOString(), exposedTo: to, media });
  }

  open(accountId?: string): CredentialExposure[] {
    return this.catalog.exposures.open(accountId);
  }

  /** A confirmed password rotation clears the exposures that happened before it started. */
  rotated(accountId: string, rotationStartedAt: string, rotationId: string): number {
    const by = this.session.requireCustodian();
    return this.catalog.exposures.clearBefore(accountId, rotationStartedAt, by, this.clock.now().toISOString(), `rotation ${rotationId}`);
  }
}

/** "Password revealed on 2026-12-01 to A and B — rotate after use." */
export function exposureSentence(exposure: CredentialExposure, accountName: string): string {
  const names = exposure.exposedTo.length > 1 ? `${exposure.exposedTo.slice(0, -1).join(', ')} and ${exposure.exposedTo.at(-1)}` : exposure.exposedTo[0] ?? 'a custodian';
  return `${accountName} (${exposure.accountId}): password revealed on ${exposure.exposedAt.slice(0, 10)} to ${names} — rotate after use.`;
}
