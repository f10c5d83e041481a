/**
 * catalog/: the kiosk's SQLite catalog (better-sqlite3): accounts (never a secret), media, write jobs,
 * generations, rotations, tokens, paper backups, settings, the seal log and the hash-chained audit log, one store
 * per table family, with migrations appended in order. Catalog is the folder's entry point that opens them all.
 * May import core/ and packages; not app/, artefacts/, cli/, platform/, print/, shell/ or electron.
 */
import { openCatalogDatabase, type CatalogDb } from './catalog-database';
import { AccountStore } from './account-store';
import { CredentialExposureStore } from './credential-exposure-store';
import { CustodianStore } from './custodian-store';
import { CustodyIncidentStore } from './custody-incident-store';
import { GenerationStore } from './generation-store';
import { KeyCardSetStore } from './key-card-set-store';
import { MediaStore } from './media-store';
import { PaperBackupStore } from './paper-backup-store';
import { RotationStore } from './rotation-store';
import { SealLog } from './seal-log';
import { SettingsStore } from './settings-store';
import { SqliteAuditLog } from './sqlite-audit-log';
import { AuditWitnessStore } from './audit-witness-store';
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
  readonly incidents: CustodyIncidentStore;
  readonly exposures: CredentialExposureStore;
  readonly keyCardSets: KeyCardSetStore;
  readonly witness: AuditWitnessStore;

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
    this.incidents = new CustodyIncidentStore(db);
    this.exposures = new CredentialExposureStore(db);
    this.keyCardSets = new KeyCardSetStore(db);
    this.witness = new AuditWitnessStore(db);
  }

  static open(home: string): Catalog {
    return new Catalog(openCatalogDatabase(home));
  }

  /**
   * A number that changes whenever another connection (another Strongroom process: a CLI command beside the
   * window) commits to the catalog; this process's own commits leave it as it is (SQLite's data_version).
   */
  changesByOtherProcesses(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  close(): void {
    // Fold the WAL back into the main file so the catalog is one self-contained file at rest.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
