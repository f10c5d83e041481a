import { openCatalogDatabase, type CatalogDb } from './catalog-database';
import { AccountStore } from './account-store';
import { CustodianStore } from './custodian-store';
import { GenerationStore } from './generation-store';
import { MediaStore } from './media-store';
import { PaperBackupStore } from './paper-backup-store';
import { RotationStore } from './rotation-store';
import { SealLog } from './seal-log';
import { SettingsStore } from './settings-store';
import { SqliteAuditLog } from './sqlite-audit-log';
import { TokenCheckStore } from './token-check-store';
import { TokenStore } from './token-store';
import { WriteJobStore } from './write-job-store';

/** The kiosk's record of custody: who, which accounts, which media, what was written and verified. No secrets. */
export class Catalog {
  readonly audit: SqliteAuditLog;
  readonly custodians: CustodianStore;
  readonly settings: SettingsStore;
  readonly media: MediaStore;
  readonly accounts: AccountStore;
  readonly tokens: TokenStore;
  readonly tokenChecks: TokenCheckStore;
  readonly generations: GenerationStore;
  readonly writeJobs: WriteJobStore;
  readonly rotations: RotationStore;
  readonly seals: SealLog;
  readonly paperBackups: PaperBackupStore;

  constructor(readonly db: CatalogDb) {
    this.audit = new SqliteAuditLog(db);
    this.custodians = new CustodianStore(db);
    this.settings = new SettingsStore(db);
    this.media = new MediaStore(db);
    this.accounts = new AccountStore(db);
    this.tokens = new TokenStore(db);
    this.tokenChecks = new TokenCheckStore(db);
    this.generations = new GenerationStore(db);
    this.writeJobs = new WriteJobStore(db);
    this.rotations = new RotationStore(db);
    this.seals = new SealLog(db);
    this.paperBackups = new PaperBackupStore(db);
  }

  static open(home: string): Catalog {
    return new Catalog(openCatalogDatabase(home));
  }

  close(): void {
    // Fold the WAL back into the main file so the catalog is one self-contained file at rest.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
