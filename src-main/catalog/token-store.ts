import type { TokenFacts, TokenKind, TokenSeenHow, TokenState } from '../core/token';
import type { CatalogDb } from './catalog-database';

export type { TokenSeenHow } from '../core/token';
export type CheckoutClosedHow = TokenSeenHow | 'reported-lost';

export interface CheckoutRecord {
  readonly id: number;
  readonly tokenId: string;
  /** Who holds the token while it is out (at least one named custodian). */
  readonly custodians: readonly string[];
  readonly reason: string;
  /** The break-glass session that took it, when one did. */
  readonly breakGlassRef: string | null;
  readonly checkedOutAt: string;
  readonly checkedOutBy: string;
  readonly dueAt: string;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  readonly closedHow: CheckoutClosedHow | null;
}

export interface TokenRecord extends TokenFacts {
  /** The serial as compared for uniqueness (see normaliseTokenSerial). */
  readonly serialComparable: string;
  /** Accounts it is registered on now, in account-id order. */
  readonly accountIds: readonly string[];
  readonly openCheckout: CheckoutRecord | null;
}

export type NewTokenRecord = Omit<TokenRecord, 'stateReason' | 'lastSeenAt' | 'lastSeenHow' | 'accountIds' | 'openCheckout' | 'state' | 'stateChangedAt' | 'stateChangedBy'>;

interface TokenRow {
  token_id: string;
  kind: TokenKind;
  make: string;
  model: string;
  serial: string;
  serial_comparable: string;
  aaguid: string | null;
  location: string;
  state: TokenState;
  state_reason: string | null;
  state_changed_at: string;
  state_changed_by: string;
  added_at: string;
  added_by: string;
  last_seen_at: string | null;
  last_seen_how: TokenSeenHow | null;
}

interface CheckoutRow {
  id: number;
  token_id: string;
  custodians_json: string;
  reason: string;
  break_glass_ref: string | null;
  checked_out_at: string;
  checked_out_by: string;
  due_at: string;
  closed_at: string | null;
  closed_by: string | null;
  closed_how: CheckoutClosedHow | null;
}

function toCheckout(row: CheckoutRow): CheckoutRecord {
  return {
    id: row.id,
    tokenId: row.token_id,
    custodians: JSON.parse(row.custodians_json) as string[],
    reason: row.reason,
    breakGlassRef: row.break_glass_ref,
    checkedOutAt: row.checked_out_at,
    checkedOutBy: row.checked_out_by,
    dueAt: row.due_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closedHow: row.closed_how,
  };
}

/** The token inventory: tokens, their registrations on accounts (history kept), and check-outs. No secrets. */
export class TokenStore {
  constructor(private readonly db: CatalogDb) {}

  /** Runs `work` in one transaction: a change to a token and its registrations lands whole or not at all. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  list(): TokenRecord[] {
    return (this.db.prepare('SELECT * FROM tokens ORDER BY token_id').all() as TokenRow[]).map((row) => this.toRecord(row));
  }

  get(tokenId: string): TokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE token_id = ?').get(tokenId) as TokenRow | undefined;
    return row ? this.toRecord(row) : undefined;
  }

  findBySerial(serialComparable: string): TokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE serial_comparable = ?').get(serialComparable) as TokenRow | undefined;
    return row ? this.toRecord(row) : undefined;
  }

  allIds(): string[] {
    return (this.db.prepare('SELECT token_id FROM tokens').all() as { token_id: string }[]).map((r) => r.token_id);
  }

  insert(token: NewTokenRecord): void {
    this.db
      .prepare(
        `INSERT INTO tokens (token_id, kind, make, model, serial, serial_comparable, aaguid, location, state, state_changed_at, state_changed_by, added_at, added_by)
         VALUES (@tokenId, @kind, @make, @model, @serial, @serialComparable, @aaguid, @location, 'in-safe', @addedAt, @addedBy, @addedAt, @addedBy)`,
      )
      .run({ ...token });
  }

  setState(tokenId: string, state: TokenState, change: { reason: string | null; at: string; by: string }): void {
    this.db
      .prepare('UPDATE tokens SET state = ?, state_reason = ?, state_changed_at = ?, state_changed_by = ? WHERE token_id = ?')
      .run(state, change.reason, change.at, change.by, tokenId);
  }

  /** A FIDO key added by hand learns its model identifier the first time it is read over USB. */
  recordAaguid(tokenId: string, aaguid: string): void {
    this.db.prepare('UPDATE tokens SET aaguid = ? WHERE token_id = ? AND aaguid IS NULL').run(aaguid, tokenId);
  }

  markSeen(tokenId: string, at: string, how: TokenSeenHow): void {
    this.db.prepare('UPDATE tokens SET last_seen_at = ?, last_seen_how = ? WHERE token_id = ?').run(at, how, tokenId);
  }

  register(tokenId: string, accountIds: readonly string[], at: string, by: string): void {
    const statement = this.db.prepare('INSERT INTO token_registrations (token_id, account_id, registered_at, registered_by) VALUES (?, ?, ?, ?)');
    for (const accountId of accountIds) statement.run(tokenId, accountId, at, by);
  }

  /** Ends registrations; the rows stay, so the trail of which token protected which account is never lost. */
  deregister(tokenId: string, accountIds: readonly string[], at: string, by: string): void {
    const statement = this.db.prepare(
      'UPDATE token_registrations SET deregistered_at = ?, deregistered_by = ? WHERE token_id = ? AND account_id = ? AND deregistered_at IS NULL',
    );
    for (const accountId of accountIds) statement.run(at, by, tokenId, accountId);
  }

  /** Live registrations by account: account id → token ids. */
  registrationsByAccount(): Map<string, string[]> {
    const rows = this.db.prepare('SELECT account_id, token_id FROM token_registrations WHERE deregistered_at IS NULL ORDER BY token_id').all() as {
      account_id: string;
      token_id: string;
    }[];
    const out = new Map<string, string[]>();
    for (const row of rows) out.set(row.account_id, [...(out.get(row.account_id) ?? []), row.token_id]);
    return out;
  }

  openCheckout(checkout: Omit<CheckoutRecord, 'id' | 'closedAt' | 'closedBy' | 'closedHow'>): void {
    this.db
      .prepare(
        `INSERT INTO token_checkouts (token_id, custodians_json, reason, break_glass_ref, checked_out_at, checked_out_by, due_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(checkout.tokenId, JSON.stringify(checkout.custodians), checkout.reason, checkout.breakGlassRef, checkout.checkedOutAt, checkout.checkedOutBy, checkout.dueAt);
  }

  closeCheckout(tokenId: string, close: { at: string; by: string; how: CheckoutClosedHow }): void {
    this.db
      .prepare('UPDATE token_checkouts SET closed_at = ?, closed_by = ?, closed_how = ? WHERE token_id = ? AND closed_at IS NULL')
      .run(close.at, close.by, close.how, tokenId);
  }

  openCheckouts(): CheckoutRecord[] {
    return (this.db.prepare('SELECT * FROM token_checkouts WHERE closed_at IS NULL ORDER BY due_at, id').all() as CheckoutRow[]).map(toCheckout);
  }

  checkoutHistory(tokenId: string): CheckoutRecord[] {
    return (this.db.prepare('SELECT * FROM token_checkouts WHERE token_id = ? ORDER BY id').all(tokenId) as CheckoutRow[]).map(toCheckout);
  }

  private toRecord(row: TokenRow): TokenRecord {
    const accounts = this.db
      .prepare('SELECT account_id FROM token_registrations WHERE token_id = ? AND deregistered_at IS NULL ORDER BY account_id')
      .all(row.token_id) as { account_id: string }[];
    const open = this.db.prepare('SELECT * FROM token_checkouts WHERE token_id = ? AND closed_at IS NULL').get(row.token_id) as CheckoutRow | undefined;
    return {
      tokenId: row.token_id,
      kind: row.kind,
      make: row.make,
      model: row.model,
      serial: row.serial,
      serialComparable: row.serial_comparable,
      aaguid: row.aaguid,
      location: row.location,
      state: row.state,
      stateReason: row.state_reason,
      stateChangedAt: row.state_changed_at,
      stateChangedBy: row.state_changed_by,
      addedAt: row.added_at,
      addedBy: row.added_by,
      lastSeenAt: row.last_seen_at,
      lastSeenHow: row.last_seen_how,
      accountIds: accounts.map((a) => a.account_id),
      openCheckout: open ? toCheckout(open) : null,
    };
  }
}
