import { randomUUID } from 'node:crypto';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { Catalog } from '../catalog/catalog';
import type { CustodyIncident } from '../catalog/custody-incident-store';
import type { Clock } from '../platform/clock';
import type { KioskSession } from './kiosk-session';

export const INCIDENT_REASON_MIN = 10;

/**
 * Custody incidents: moments when the custody model itself was broken, such as a break-glass whose vault and
 * seed store came from one physical stick. Strongroom opens them; they stay on every screen until a custodian
 * resolves each with a reason, and both are on the audit trail.
 */
export class CustodyIncidents {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
  ) {}

  unresolved(): CustodyIncident[] {
    return this.catalog.incidents.unresolved();
  }

  /** Both halves of a break-glass were read from one physical device: whoever holds that stick holds both. */
  openOneStickBreakGlass(report: { readonly accountId: string; readonly vaultMedium: string; readonly seedMedium: string; readonly device: string }): CustodyIncident {
    const same = report.vaultMedium === report.seedMedium;
    const sentence =
      `Break-glass for ${report.accountId} read the vault and the seed store from one physical stick (${same ? report.vaultMedium : `${report.vaultMedium} and ${report.seedMedium}`}, ${report.device}): ` +
      'whoever holds that stick can sign in as root alone. Take it out of service, find out how both files came to be on it, rotate the account’s password and MFA seed, then resolve this incident with what was done.';
    const incident = {
      incidentId: randomUUID(),
      kind: 'one-stick-break-glass' as const,
      subject: report.accountId,
      sentence,
      details: { vaultMedium: report.vaultMedium, seedMedium: report.seedMedium, device: report.device },
      openedBy: this.session.requireCustodian(),
      openedAt: this.clock.now().toISOString(),
    };
    this.catalog.incidents.open(incident);
    this.session.record({ action: 'incident.opened', subject: report.accountId, details: { incident: incident.incidentId, kind: incident.kind, ...incident.details } });
    return this.catalog.incidents.get(incident.incidentId)!;
  }

  resolve(incidentId: string, reason: string): CustodyIncident {
    const custodian = this.session.requireCustodian();
    const why = reason.trim();
    if (why.length < INCIDENT_REASON_MIN) {
      throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say what was done about the incident (at least a short sentence); it goes on the audit trail.');
    }
    const incident = this.catalog.incidents.get(incidentId);
    if (!incident || incident.resolvedAt !== null || !this.catalog.incidents.resolve(incidentId, custodian, this.clock.now().toISOString(), why)) {
      throw new StrongroomError(ErrorCode.IncidentNotFound, 'That custody incident is not open (it was resolved already, or never existed).', { incident: incidentId });
    }
    this.session.record({ action: 'incident.resolved', subject: incident.subject, details: { incident: incidentId, kind: incident.kind, resolution: why } });
    return this.catalog.incidents.get(incidentId)!;
  }
}
