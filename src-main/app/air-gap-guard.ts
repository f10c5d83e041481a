import { isSecretAuditAction, judgeAirGap, type AirGapVerdict } from '../core/air-gap';
import type { AuditDetails } from '../core/audit-chain';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { NetworkProbe } from '../platform/network-probe';
import type { KioskSession } from './kiosk-session';

export interface AirGapStatus extends AirGapVerdict {
  /** A custodian allowed secret work despite a network, for lab use; lasts until they sign out or the kiosk locks. */
  readonly override: { readonly by: string; readonly reason: string } | null;
}

/**
 * The one place that decides whether a secret may be opened on this machine right now, and that says so on the
 * audit trail: every event recorded while an override is in force carries `networkOverride: true` and who
 * allowed it, and every secret event (core/air-gap isSecretAuditAction) carries `networkOverride` either way.
 */
export class AirGapGuard {
  private override: { by: string; reason: string } | null = null;

  constructor(
    private readonly probe: NetworkProbe,
    private readonly session: KioskSession,
  ) {
    session.onEnd(() => {
      this.override = null;
    });
    session.addAuditStamp((action) => this.stamp(action));
  }

  status(): AirGapStatus {
    return { ...judgeAirGap(this.probe.activeInterfaces()), override: this.override };
  }

  /** Throws NETWORK_UP, and records the refusal, when a network is up and no override is in force. */
  requireIsolation(action: string): void {
    const status = this.status();
    if (status.isolated || this.override) return;
    this.session.record({ action: 'airgap.refused', subject: action, details: { interfaces: status.interfaces.map((i) => i.name).join(', ') } });
    throw new StrongroomError(ErrorCode.NetworkUp, status.sentence, { action });
  }

  /**
   * For long operations, between their steps (after a key is derived, before each stick is written): the same
   * check again, because a cable plugged in half-way through a job is as bad as one plugged in before it.
   * Throws NETWORK_UP naming the step it stopped before.
   */
  recheck(action: string, nextStep: string): void {
    const status = this.status();
    if (status.isolated || this.override) return;
    this.session.record({
      action: 'airgap.lost',
      subject: action,
      details: { interfaces: status.interfaces.map((i) => i.name).join(', '), stoppedBefore: nextStep },
    });
    throw new StrongroomError(ErrorCode.NetworkUp, `A network connection appeared while Strongroom was busy (${action}), so it stopped before ${nextStep}. ${status.sentence}`, {
      action,
    });
  }

  allowWithNetwork(reason: string): AirGapStatus {
    const custodian = this.session.requireCustodian();
    const why = reason.trim();
    if (why.length < 10) {
      throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say why secrets must be opened on a networked machine (a short sentence); it goes on the audit trail.');
    }
    const status = this.status();
    this.override = { by: custodian, reason: why };
    this.session.record({
      action: 'airgap.override',
      subject: 'kiosk',
      details: { reason: why, interfaces: status.interfaces.map((i) => i.name).join(', ') || 'none' },
    });
    return this.status();
  }

  private stamp(action: string): AuditDetails {
    if (this.override) return { networkOverride: true, networkOverrideBy: this.override.by };
    return isSecretAuditAction(action) ? { networkOverride: false } : {};
  }
}
