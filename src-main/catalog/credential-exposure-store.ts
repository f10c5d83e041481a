import type { CatalogDb } from './catalog-database';

/** A root password shown by break-glass: when, to which two custodians, from which sticks. Never the password. */
export interface CredentialExposure {
  readonly id: number;
  readonly accountId: string;
  readonly exposedAt: string;
  readonly exposedTo: readonly string[];
  readonly media: readonly string[];
  readonly clearedAt: string | null;
  readonly clearedBy: string | null;
  readonly clearedHow: string | null;
}

interface Row {
  id: number;
  account_id: string;
  exposed_at: string;
  exposed_to_json: string;
  media_json: string;
  cleared_at: string | null;
  cleared_by: string | null;
  cleared_how: string | null;
}

const toExposure = (r: Row): CredentialExposure => ({
  id: r.id,
  accountId: r.account_id,
  exposedAt: r.exposed_at,
  exposedTo: JSON.parse(r.exposed_to_json) as string[],
  media: JSON.parse(r.media_json) as string[],
  clearedAt: r.cleared_at,
  clearedBy: r.cleared_by,
  clearedHow: r.cleared_how,
});

export class CredentialExposureStore {
  constructor(private readonly db: CatalogDb) {}

  record(exposure: { accountId: string; exposedAt: string; exposedTo: readonly string[]; media: readonly string[] }): void {
    this.db
      .prepare('INSERT INTO credential_exposures (account_id, exposed_at, exposed_to_json, media_json) VALUES (?, ?, ?, ?)')
      .run(exposure.accountId, exposure.exposedAt, JSON.stringify(exposure.exposedTo), JSON.stringify(exposure.media));
  }

  /** Exposures no rotation has cleared yet, oldest first. */
  open(accountId?: string): CredentialExposure[] {
    const rows = accountId
      ? this.db.prepare('SELECT * FROM credential_exposures WHERE cleared_at IS NULL AND account_id = ? ORDER BY exposed_at, id').all(accountId)
      : this.db.prepare('SELECT * FROM credential_exposures WHERE cleared_at IS NULL ORDER BY exposed_at, id').all();
    return (rows as Row[]).map(toExposure);
  }

  /** Clears every open exposure of the account that happened before `before`; returns how many. */
  clearBefore(accountId: string, before: string, by: string, at: string, how: string): number {
    return this.db
      .prepare('UPDATE credential_exposures SET cleared_at = ?, cleared_by = ?, cleared_how = ? WHERE account_id = ? AND cleared_at IS NULL AND exposed_at < ?')
      .run(at, by, how, accountId, before).changes;
  }
}
