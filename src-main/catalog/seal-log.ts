import type { CatalogDb } from './catalog-database';

export type SealOccasion = 'after-write' | 'after-verification' | 'resealed';

export interface SealRecord {
  readonly mediumId: string;
  readonly serial: string;
  readonly occasion: SealOccasion;
  /** The write job or verification run the seal closed, if any. */
  readonly reference: string | null;
  readonly sealedBy: string;
  readonly sealedAt: string;
}

interface Row {
  medium_id: string;
  serial: string;
  occasion: SealOccasion;
  reference: string | null;
  sealed_by: string;
  sealed_at: string;
}

const toRecord = (r: Row): SealRecord => ({ mediumId: r.medium_id, serial: r.serial, occasion: r.occasion, reference: r.reference, sealedBy: r.sealed_by, sealedAt: r.sealed_at });

/** The serial of the tamper-evident bag each stick was last sealed in, and every earlier one. */
export class SealLog {
  constructor(private readonly db: CatalogDb) {}

  record(seal: SealRecord): void {
    this.db
      .prepare('INSERT INTO seals (medium_id, serial, occasion, reference, sealed_by, sealed_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(seal.mediumId, seal.serial, seal.occasion, seal.reference, seal.sealedBy, seal.sealedAt);
  }

  latest(mediumId: string): SealRecord | undefined {
    const row = this.db.prepare('SELECT * FROM seals WHERE medium_id = ? ORDER BY id DESC LIMIT 1').get(mediumId) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  history(mediumId: string): SealRecord[] {
    return (this.db.prepare('SELECT * FROM seals WHERE medium_id = ? ORDER BY id').all(mediumId) as Row[]).map(toRecord);
  }
}
