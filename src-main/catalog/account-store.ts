import { credentialsRetired, type Account, type AccountLifecycle, type MfaDevice, type RootCredentialStatus } from '../core/account';
import type { CatalogDb } from './catalog-database';

export interface AccountRecord extends Account {
  /**
   * A token serial typed on the account before the token inventory existed, until that token is in the inventory
   * and registered on the account (TokenDesk adopts it); null for every account added since.
   */
  readonly legacyTokenSerial: string | null;
  readonly lifecycle: AccountLifecycle;
  readonly lifecycleReason: string | null;
  readonly lifecycleAt: string | null;
  readonly enrolledAt: string | null;
  readonly addedAt: string;
  readonly updatedAt: string;
}

interface AccountRow {
  account_id: string;
  name: string;
  root_email: string;
  organizational_unit: string | null;
  aws_status: string;
  root_credential_status: RootCredentialStatus;
  mfa_kind: 'virtual' | 'hardware';
  hardware_token_serial: string | null;
  lifecycle: AccountLifecycle;
  lifecycle_reason: string | null;
  lifecycle_at: string | null;
  enrolled_at: string | null;
  added_at: string;
  updated_at: string;
}

function toRecord(row: AccountRow): AccountRecord {
  const mfa: MfaDevice = { kind: row.mfa_kind };
  const legacy = row.hardware_token_serial?.trim() ?? '';
  return {
    accountId: row.account_id,
    name: row.name,
    rootEmail: row.root_email,
    ...(row.organizational_unit ? { organizationalUnit: row.organizational_unit } : {}),
    // '' is how the table holds "the source did not say" (the column predates that possibility and is NOT NULL).
    awsStatus: row.aws_status === '' ? null : row.aws_status,
    rootCredentialStatus: row.root_credential_status,
    mfa,
    legacyTokenSerial: legacy === '' ? null : legacy,
    lifecycle: row.lifecycle,
    lifecycleReason: row.lifecycle_reason,
    lifecycleAt: row.lifecycle_at,
    enrolledAt: row.enrolled_at,
    addedAt: row.added_at,
    updatedAt: row.updated_at,
  };
}

/** Member accounts under custody: ids, names, emails and custody state. Never a password or a seed. */
export class AccountStore {
  constructor(private readonly db: CatalogDb) {}

  list(): AccountRecord[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY name, account_id').all() as AccountRow[]).map(toRecord);
  }

  get(accountId: string): AccountRecord | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE account_id = ?').get(accountId) as AccountRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /**
   * Inserts new accounts and updates known ones, in one transaction: an import lands whole or not at all.
   * `keepCustodyFacts`: an import knows names, emails and AWS status, but not what custodians recorded about
   * custody (credentials removed centrally, whether root's MFA is a virtual seed or hardware tokens, the OU when
   * the file has none), so those are kept for accounts already in the catalog, as is the AWS status when the file
   * does not state one.
   */
  upsertMany(accounts: readonly Account[], at: string, options: { keepCustodyFacts?: boolean } = {}): { added: number; updated: number } {
    let added = 0;
    let updated = 0;
    const exists = this.db.prepare('SELECT 1 FROM accounts WHERE account_id = ?');
    const insert = this.db.prepare(
      `INSERT INTO accounts (account_id, name, root_email, organizational_unit, aws_status, root_credential_status, mfa_kind, hardware_token_serial, lifecycle, added_at, updated_at)
       VALUES (@id, @name, @email, @ou, COALESCE(@status, ''), @cred, @mfa, NULL, @lifecycle, @at, @at)`,
    );
    const update = this.db.prepare(
      options.keepCustodyFacts
        ? `UPDATE accounts SET name = @name, root_email = @email, organizational_unit = COALESCE(@ou, organizational_unit),
             aws_status = COALESCE(@status, aws_status), updated_at = @at
           WHERE account_id = @id`
        : `UPDATE accounts SET name = @name, root_email = @email, organizational_unit = @ou, aws_status = COALESCE(@status, aws_status),
             root_credential_status = @cred, mfa_kind = @mfa,
             lifecycle = CASE WHEN @cred = 'removed-centrally' THEN 'removed-centrally' WHEN lifecycle = 'removed-centrally' THEN 'active' ELSE lifecycle END,
             updated_at = @at
           WHERE account_id = @id`,
    );
    this.db.transaction(() => {
      for (const account of accounts) {
        const params = {
          id: account.accountId,
          name: account.name,
          email: account.rootEmail,
          ou: account.organizationalUnit ?? null,
          status: account.awsStatus,
          cred: account.rootCredentialStatus,
          lifecycle: account.rootCredentialStatus === 'removed-centrally' ? 'removed-centrally' : 'active',
          mfa: account.mfa.kind,
          at,
        };
        if (exists.get(account.accountId)) {
          update.run(params);
          updated += 1;
        } else {
          insert.run(params);
          added += 1;
        }
      }
    })();
    return { added, updated };
  }

  /** The legacy serial is adopted: the inventory token registered on the account now stands for it. */
  clearLegacyTokenSerial(accountIds: readonly string[], at: string): void {
    const statement = this.db.prepare('UPDATE accounts SET hardware_token_serial = NULL, updated_at = ? WHERE account_id = ?');
    for (const id of accountIds) statement.run(at, id);
  }

  /** Records when each account first became enrolled; an account already enrolled keeps its date. */
  markEnrolled(accountIds: readonly string[], at: string): void {
    const statement = this.db.prepare('UPDATE accounts SET enrolled_at = COALESCE(enrolled_at, ?), updated_at = ? WHERE account_id = ?');
    this.db.transaction(() => accountIds.forEach((id) => statement.run(at, at, id)))();
  }

  /** Moves an account to a lifecycle state; the root-credential column follows for the centrally removed state. */
  setLifecycle(accountId: string, lifecycle: AccountLifecycle, reason: string, at: string): void {
    this.db
      .prepare(
        `UPDATE accounts SET lifecycle = ?, lifecycle_reason = ?, lifecycle_at = ?, updated_at = ?,
           root_credential_status = CASE WHEN ? = 'removed-centrally' THEN 'removed-centrally' ELSE 'custodied' END
         WHERE account_id = ?`,
      )
      .run(lifecycle, reason, at, at, lifecycle, accountId);
  }

  /** Accounts whose root credentials Strongroom keeps and serves (not closed, not removed centrally). */
  custodied(): AccountRecord[] {
    return this.list().filter((a) => !credentialsRetired(a.lifecycle));
  }
}
