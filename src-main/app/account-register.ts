import { importAccounts, type AccountImport } from '../artefacts/account-import';
import { makeAccount, type NewAccountInput } from '../core/account';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { Catalog } from '../catalog/catalog';
import type { AccountRecord } from '../catalog/account-store';
import type { Clock } from '../platform/clock';
import type { KioskSession } from './kiosk-session';

export interface ImportOutcome {
  readonly added: number;
  readonly updated: number;
  readonly skippedLines: readonly number[];
  /** Accounts whose seed came with the import: the caller may enrol them straight away (bulk provisioning). */
  readonly parsed: AccountImport;
}

/**
 * The accounts under custody. Imports are all-or-nothing unless the custodian, having seen every problem with
 * its line number, agrees to leave those rows out.
 */
export class AccountRegister {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
  ) {}

  list(): AccountRecord[] {
    return this.catalog.accounts.list();
  }

  get(accountId: string): AccountRecord {
    const account = this.catalog.accounts.get(accountId);
    if (!account) {
      throw new StrongroomError(ErrorCode.AccountNotFound, `Account ${accountId} is not in the catalog. Add or import it on the Accounts screen first.`, {
        accountId,
      });
    }
    return account;
  }

  /** Reads an import without changing anything: rows, problems and notices for the custodian to review. */
  preview(text: string): AccountImport {
    return importAccounts(text);
  }

  import(text: string, options: { skipProblemRows: boolean; fileName?: string }): ImportOutcome {
    this.session.requireCustodian();
    const parsed = importAccounts(text);
    if (parsed.problems.length > 0 && !options.skipProblemRows) {
      const lines = parsed.problems.map((p) => `line ${p.line}: ${p.message}`);
      throw new StrongroomError(
        ErrorCode.ImportHasProblems,
        `Nothing was imported: ${parsed.problems.length} row(s) have problems. ${lines.slice(0, 10).join(' ')}${lines.length > 10 ? ' …' : ''} Fix the file, or choose to import the other rows without them.`,
        { problems: parsed.problems.length },
      );
    }
    const { added, updated } = this.catalog.accounts.upsertMany(
      parsed.accounts.map((row) => row.account),
      this.clock.now().toISOString(),
      { keepCustodyFacts: true },
    );
    const skippedLines = [...new Set(parsed.problems.map((p) => p.line))];
    this.session.record({
      action: 'accounts.imported',
      subject: options.fileName ?? parsed.format,
      details: {
        format: parsed.format,
        added,
        updated,
        skippedRows: skippedLines.length,
        suspended: parsed.accounts.filter((a) => a.notices.includes('suspended')).length,
        // The count only: seeds stay in memory and are never part of the catalog or the trail.
        rowsWithSeed: parsed.seedCount,
      },
    });
    return { added, updated, skippedLines, parsed };
  }

  add(input: NewAccountInput): AccountRecord {
    this.session.requireCustodian();
    const account = makeAccount(input);
    const { added } = this.catalog.accounts.upsertMany([account], this.clock.now().toISOString());
    this.session.record({
      action: added ? 'account.added' : 'account.updated',
      subject: account.accountId,
      details: { name: account.name, rootCredentialStatus: account.rootCredentialStatus, mfa: account.mfa.kind },
    });
    return this.get(account.accountId);
  }

  markEnrolled(accountIds: readonly string[], at: string): void {
    this.catalog.accounts.markEnrolled(accountIds, at);
  }
}
