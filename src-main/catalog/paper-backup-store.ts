import type { CatalogDb } from './catalog-database';

export interface PaperBackupRecord {
  readonly generation: number;
  /** The seed set fingerprint printed on every page; identifies the paper without revealing a seed. */
  readonly fingerprint: string;
  readonly accounts: number;
  readonly how: 'printed' | 'saved';
  /** The printer, or the stick it was saved on. */
  readonly whereTo: string;
  readonly madeBy: string;
  readonly madeAt: string;
}

interface Row {
  generation: number;
  fingerprint: string;
  accounts: number;
  how: 'printed' | 'saved';
  where_to: string;
  made_by: string;
  made_at: string;
}

/** Every paper seed backup that left the kiosk, with the seed generation it was made from. */
export class PaperBackupStore {
  constructor(private readonly db: CatalogDb) {}

  record(backup: PaperBackupRecord): void {
    this.db
      .prepare('INSERT INTO paper_backups (generation, fingerprint, accounts, how, where_to, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(backup.generation, backup.fingerprint, backup.accounts, backup.how, backup.whereTo, backup.madeBy, backup.madeAt);
  }

  list(): PaperBackupRecord[] {
    return (this.db.prepare('SELECT * FROM paper_backups ORDER BY id').all() as Row[]).map((r) => ({
      generation: r.generation,
      fingerprint: r.fingerprint,
      accounts: r.accounts,
      how: r.how,
      whereTo: r.where_to,
      madeBy: r.made_by,
      madeAt: r.made_at,
    }));
  }
}
