import type { CatalogDb } from './catalog-database';

export type CustodyIncidentKind = 'one-stick-break-glass';

export interface CustodyIncident {
  readonly incidentId: string;
  readonly kind: CustodyIncidentKind;
  /** What it is about: an account id, a medium id. */
  readonly subject: string;
  /** What happened and what to do, in the custodian's words. */
  readonly sentence: string;
  readonly details: Readonly<Record<string, string | number | boolean>>;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly resolvedBy: string | null;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
}

interface Row {
  incident_id: string;
  kind: CustodyIncidentKind;
  subject: string;
  sentence: string;
  details_json: string;
  opened_by: string;
  opened_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

const toIncident = (r: Row): CustodyIncident => ({
  incidentId: r.incident_id,
  kind: r.kind,
  subject: r.subject,
  sentence: r.sentence,
  details: JSON.parse(r.details_json) as Record<string, string | number | boolean>,
  openedBy: r.opened_by,
  openedAt: r.opened_at,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
});

/** Custody incidents: opened by Strongroom when the custody model was broken, closed only by a custodian. */
export class CustodyIncidentStore {
  constructor(private readonly db: CatalogDb) {}

  open(incident: Omit<CustodyIncident, 'resolvedBy' | 'resolvedAt' | 'resolution'>): void {
    this.db
      .prepare('INSERT INTO custody_incidents (incident_id, kind, subject, sentence, details_json, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(incident.incidentId, incident.kind, incident.subject, incident.sentence, JSON.stringify(incident.details), incident.openedBy, incident.openedAt);
  }

  get(incidentId: string): CustodyIncident | undefined {
    const row = this.db.prepare('SELECT * FROM custody_incidents WHERE incident_id = ?').get(incidentId) as Row | undefined;
    return row ? toIncident(row) : undefined;
  }

  unresolved(): CustodyIncident[] {
    return (this.db.prepare('SELECT * FROM custody_incidents WHERE resolved_at IS NULL ORDER BY opened_at, incident_id').all() as Row[]).map(toIncident);
  }

  recent(limit: number): CustodyIncident[] {
    return (this.db.prepare('SELECT * FROM custody_incidents ORDER BY opened_at DESC, incident_id LIMIT ?').all(limit) as Row[]).map(toIncident);
  }

  /** Returns false when it was already resolved (by someone else, a moment ago). */
  resolve(incidentId: string, by: string, at: string, resolution: string): boolean {
    return this.db.prepare('UPDATE custody_incidents SET resolved_by = ?, resolved_at = ?, resolution = ? WHERE incident_id = ? AND resolved_at IS NULL').run(by, at, resolution, incidentId).changes === 1;
  }
}
