import { summariseMfaCoverage, type CoverageSummary } from '../core/token-coverage';
import type { Catalog } from '../catalog/catalog';
import type { CheckoutRecord, TokenRecord } from '../catalog/token-store';
import type { Clock } from '../platform/clock';
import { comparableLegacySerial, pendingLegacySerial } from './account-mfa';

export interface LegacySerial {
  /** As it was typed on the account. */
  readonly serial: string;
  /** Whether it is a serial Strongroom can compare (letters, digits, separators). */
  readonly comparable: boolean;
  /** The inventory token with this serial, if it was added already. */
  readonly tokenId: string | null;
  readonly accounts: readonly { readonly accountId: string; readonly name: string }[];
}

/**
 * What the token inventory says about coverage, for app/token-desk: serials typed before the inventory existed,
 * overdue check-outs and the coverage summary. Reads only; every change goes through the desk.
 */
export class TokenInventoryReport {
  constructor(
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    private readonly list: () => TokenRecord[],
  ) {}

  /**
   * Serials typed on accounts before the token inventory existed, grouped by serial, with the inventory token
   * that has the serial when there is one: each is adopted by registering that token (added first if need be)
   * on those accounts.
   */
  legacySerials(): LegacySerial[] {
    const groups = new Map<string, LegacySerial>();
    for (const account of this.catalog.accounts.list()) {
      const legacy = pendingLegacySerial(this.catalog, account.accountId);
      if (legacy === null) continue;
      const comparable = comparableLegacySerial(legacy);
      const key = comparable ?? `raw:${legacy}`;
      const known = comparable ? (this.catalog.tokens.findBySerial(comparable) ?? null) : null;
      const group = groups.get(key) ?? { serial: legacy, comparable: comparable !== null, tokenId: known?.tokenId ?? null, accounts: [] };
      groups.set(key, { ...group, accounts: [...group.accounts, { accountId: account.accountId, name: account.name }] });
    }
    return [...groups.values()];
  }

  /** Open check-outs past their due time. */
  overdue(): CheckoutRecord[] {
    const now = this.clock.now().getTime();
    return this.catalog.tokens.openCheckouts().filter((c) => Date.parse(c.dueAt) < now);
  }

  /** The CIS-style summary: coverage gaps, single devices, lost or revoked tokens still registered, unseen tokens. */
  report(): CoverageSummary {
    const tokens = this.list();
    return summariseMfaCoverage({
      accounts: this.catalog.accounts.list().map((a) => ({
        accountId: a.accountId,
        name: a.name,
        custodied: a.rootCredentialStatus === 'custodied',
        hasVirtualSeed: a.mfa.kind === 'virtual' && a.enrolledAt !== null,
        legacyTokenSerial: pendingLegacySerial(this.catalog, a.accountId),
        recordedHardware: a.mfa.kind === 'hardware',
      })),
      tokens: tokens.map((t) => ({ tokenId: t.tokenId, kind: t.kind, model: t.model, serial: t.serial, state: t.state, addedAt: t.addedAt, lastSeenAt: t.lastSeenAt, accountIds: t.accountIds })),
      verificationIntervalDays: this.catalog.settings.read().verificationIntervalDays,
      now: this.clock.now(),
    });
  }
}
