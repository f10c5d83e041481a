import type { MediumRole } from '../core/custody-vocabulary';
import { importAccounts, type AccountImport } from '../artefacts/account-import';
import { ACCOUNT_LIFECYCLES, credentialsRetired, LIFECYCLE_WORDS, makeAccount, type AccountLifecycle, type NewAccountInput } from '../core/account';
import { diffAccounts, needsConfirmation, type AccountDiff } from '../core/account-diff';
import { ErrorCode, StrongroomError } from '../core/errors';
import { estimatePassphraseStrength, MIN_MASTER_PASSPHRASE_LENGTH, passphraseMeter, type PassphraseMeter, type PassphraseStrength } from '../core/passphrase-policy';
import type { Catalog } from '../catalog/catalog';
import type { AccountRecord } from '../catalog/account-store';
import type { Clock } from '../platform/clock';
import type { AccountView } from '../contract/custody-views';
import { toAccountView } from './custody-views';
import type { KioskSession } from './kiosk-session';

export interface ImportOutcome {
  readonly added: number;
  readonly updated: number;
  readonly skippedLines: readonly number[];
  /** Accounts whose seed came with the import: the caller may enrol them straight away (bulk provisioning). */
  readonly parsed: AccountImport;
  readonly diff: AccountDiff;
}

export interface ImportPreview {
  readonly parsed: AccountImport;
  readonly diff: AccountDiff;
  readonly needsConfirmation: boolean;
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

  /**
   * How guessable a new master passphrase is, as the window's meter and `strongroom passphrase check` both show
   * it. The accounts' names and emails count as cheap guesses: they are the first words someone who found a stick
   * would try. Nothing of the passphrase is kept or returned.
   */
  async assessPassphrase(passphrase: string, role?: MediumRole): Promise<PassphraseStrength & PassphraseMeter & { readonly minimumLength: number }> {
    const context = [...(role ? [role] : []), ...this.catalog.accounts.list().flatMap((a) => [a.name, a.rootEmail])];
    const strength = await estimatePassphraseStrength(passphrase, context);
    return { ...strength, ...passphraseMeter(strength), minimumLength: MIN_MASTER_PASSPHRASE_LENGTH };
  }

  list(): AccountRecord[] {
    return this.catalog.accounts.list();
  }

  /** Every account as the window and `strongroom accounts list` show it (no secrets). */
  views(): AccountView[] {
    return this.catalog.accounts.list().map((a) => toAccountView(a, this.catalog));
  }

  view(account: AccountRecord): AccountView {
    return toAccountView(account, this.catalog);
  }

  /** Whether an account is already under custody here (an import row then changes it rather than adds it). */
  isKnown(accountId: string): boolean {
    return this.catalog.accounts.get(accountId) !== undefined;
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

  /**
   * Reads an import without changing anything: rows, problems, notices, and what it would change about accounts
   * already in the catalog, for the custodian to review.
   */
  preview(text: string): ImportPreview {
    const parsed = importAccounts(text);
    const diff = this.diffOf(parsed);
    return { parsed, diff, needsConfirmation: needsConfirmation(diff) };
  }

  /**
   * Applies an import. New accounts are simply added; anything that changes an account already here (a new name
   * or email, an AWS state, an account missing from a whole listing) is applied only with `confirmedDiff`, the
   * digest of the diff the custodian was shown, so what is applied is exactly what was reviewed.
   */
  import(text: string, options: { skipProblemRows: boolean; fileName?: string; confirmedDiff?: string }): ImportOutcome {
    this.session.requireCustodian();
    const parsed = importAccounts(text);
    if (parsed.problems.length > 0 && !options.skipProblemRows) {
      // Each problem's sentence already starts "Line N:"; a row with two problems is still one row to fix.
      const lines = parsed.problems.map((p) => p.message);
      const rows = new Set(parsed.problems.map((p) => p.line)).size;
      throw new StrongroomError(
        ErrorCode.ImportHasProblems,
        `Nothing was imported: ${rows === 1 ? '1 row has' : `${rows} rows have`} ${lines.length === 1 ? 'a problem' : 'problems'}. ${lines.slice(0, 10).join(' ')}${lines.length > 10 ? ' …' : ''} Fix the file, or choose to import the other rows without them.`,
        { problems: parsed.problems.length, rows },
      );
    }
    const diff = this.diffOf(parsed);
    if (needsConfirmation(diff) && options.confirmedDiff !== diff.digest) {
      const changes = diff.changes.filter((c) => c.kind !== 'new').map((c) => c.sentence);
      throw new StrongroomError(
        ErrorCode.ImportNeedsReview,
        `${options.confirmedDiff ? 'The accounts changed since the preview, so nothing was imported. ' : ''}This import changes ${changes.length} thing(s) about accounts already here: ${changes.slice(0, 8).join(' ')}${changes.length > 8 ? ' …' : ''} Review the changes and confirm them to apply the import.`,
        { changes: changes.length },
      );
    }
    const at = this.clock.now().toISOString();
    const { added, updated } = this.catalog.db.transaction(() => {
      const counts = this.catalog.accounts.upsertMany(
        parsed.accounts.map((row) => row.account),
        at,
        { keepCustodyFacts: true },
      );
      for (const change of diff.changes) if (change.lifecycle) this.catalog.accounts.setLifecycle(change.accountId, change.lifecycle, `import: ${change.sentence}`, at);
      return counts;
    })();
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
        changes: diff.changes.filter((c) => c.kind !== 'new').length,
        missing: diff.changes.filter((c) => c.kind === 'missing').map((c) => c.accountId).join(', '),
        completeListing: parsed.completeListing,
      },
    });
    return { added, updated, skippedLines, parsed, diff };
  }

  /**
   * Records where an account stands (closed, root credentials removed centrally, back to active, ...). Closed and
   * centrally removed accounts have their credentials moved to the retired history at the next write of each
   * artefact; break-glass stops serving them and verification stops expecting them.
   */
  markLifecycle(accountId: string, lifecycle: AccountLifecycle, reason: string): AccountRecord {
    this.session.requireCustodian();
    const account = this.get(accountId);
    if (!ACCOUNT_LIFECYCLES.includes(lifecycle)) throw new StrongroomError(ErrorCode.AccountStateUnknown, `"${lifecycle}" is not an account state. Use one of: ${ACCOUNT_LIFECYCLES.join(', ')}.`);
    const why = reason.trim();
    if (why.length < 5) throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say why the account\'s state changes (a few words); it goes on the audit trail.');
    if (account.lifecycle === lifecycle) return account;
    if (this.catalog.rotations.open(accountId) && credentialsRetired(lifecycle)) {
      throw new StrongroomError(ErrorCode.RotationPending, `A rotation of ${account.name} (${accountId}) is open. Confirm or cancel it before marking the account ${LIFECYCLE_WORDS[lifecycle]}.`, { accountId });
    }
    this.catalog.accounts.setLifecycle(accountId, lifecycle, why, this.clock.now().toISOString());
    this.session.record({ action: 'account.lifecycle-changed', subject: accountId, details: { from: account.lifecycle, to: lifecycle, reason: why } });
    return this.get(accountId);
  }

  private diffOf(parsed: AccountImport): AccountDiff {
    return diffAccounts(
      this.catalog.accounts.list().map((a) => ({ accountId: a.accountId, name: a.name, rootEmail: a.rootEmail, awsStatus: a.awsStatus, lifecycle: a.lifecycle })),
      parsed.accounts.map((row) => ({ line: row.line, accountId: row.account.accountId, name: row.account.name, rootEmail: row.account.rootEmail, awsStatus: row.account.awsStatus })),
      { completeListing: parsed.completeListing && parsed.problems.length === 0 },
    );
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

  /**
   * Adds an account and, in the same catalog transaction, what belongs with it (its token registrations): both
   * land or neither does, so a refusal in `alongside` leaves no half-added account.
   */
  addTogether(input: NewAccountInput, alongside: (added: AccountRecord) => void): AccountRecord {
    return this.catalog.db.transaction(() => {
      const added = this.add(input);
      alongside(added);
      return this.get(added.accountId);
    })();
  }

  markEnrolled(accountIds: readonly string[], at: string): void {
    this.catalog.accounts.markEnrolled(accountIds, at);
  }
}
