import { describeBreakGlassToken, planBreakGlassMfa, type BreakGlassMfaPlan, type BreakGlassToken } from '../core/break-glass-mfa';
import { TOKEN_REASON_MAX, tokenKindWords } from '../core/token';
import type { Catalog } from '../catalog/catalog';
import type { TokenRecord } from '../catalog/token-store';
import type { BreakGlassTokenView } from '../contract/custody-views';
import { countingTokensOf } from './account-mfa';
import type { TokenDesk } from './token-desk';

/**
 * The token path of break-glass: which MFA device it uses (core/break-glass-mfa decides), the token taken out of
 * the safe checked out to the custodians of that break-glass, and the tokens named on its screen.
 */
export class BreakGlassTokens {
  constructor(
    private readonly catalog: Catalog,
    private readonly tokens: TokenDesk,
  ) {}

  plan(accountId: string, seedStickGiven: boolean, tokenId: string | null): BreakGlassMfaPlan {
    return planBreakGlassMfa({
      accountId,
      mfa: this.catalog.accounts.get(accountId)?.mfa ?? null,
      tokens: countingTokensOf(this.catalog, accountId).map(toBreakGlassToken),
      seedStickGiven,
      tokenId: tokenId === null ? null : tokenId.trim().toUpperCase(),
    });
  }

  /** Checks the token out to the custodians who opened the break-glass, for its reason, naming the session. */
  take(token: BreakGlassToken, took: { custodians: readonly string[]; accountName: string; reason: string; sessionId: string }): TokenRecord {
    const reason = `Break-glass of ${took.accountName}: ${took.reason}`;
    return this.tokens.checkOut({
      tokenId: token.tokenId,
      custodians: took.custodians,
      reason: reason.length > TOKEN_REASON_MAX ? `${reason.slice(0, TOKEN_REASON_MAX - 1)}…` : reason,
      breakGlassRef: took.sessionId,
    });
  }

  /** Every counting token of the account as the screen names it: taken by this session, in the safe, or out. */
  views(accountId: string, sessionId: string): BreakGlassTokenView[] {
    return countingTokensOf(this.catalog, accountId).map((t) => toView(t, sessionId));
  }
}

function toBreakGlassToken(token: TokenRecord): BreakGlassToken {
  return {
    tokenId: token.tokenId,
    kind: token.kind,
    model: token.model,
    serial: token.serial,
    location: token.location,
    state: token.state,
    checkout: token.openCheckout ? { custodians: token.openCheckout.custodians, checkedOutAt: token.openCheckout.checkedOutAt, dueAt: token.openCheckout.dueAt } : null,
  };
}

function toView(token: TokenRecord, sessionId: string): BreakGlassTokenView {
  const checkout = token.openCheckout;
  const status = checkout ? (checkout.breakGlassRef === sessionId ? 'taken' : 'out') : 'in-safe';
  const named = describeBreakGlassToken(toBreakGlassToken(token));
  const sentence =
    status === 'taken'
      ? `Take ${named} from ${token.location}. It is checked out to ${checkout!.custodians.join(' and ')}: plug it in or type its serial on the Tokens screen to check it back in.`
      : status === 'out'
        ? `${named} is checked out to ${checkout!.custodians.join(' and ')} (${checkout!.reason}), not in the safe.`
        : `${named} is also registered on this root user, in ${token.location}.`;
  return {
    tokenId: token.tokenId,
    kindWords: tokenKindWords(token.kind),
    model: token.model,
    serial: token.serial,
    location: token.location,
    status,
    custodians: checkout?.custodians ?? [],
    dueAt: checkout?.dueAt ?? null,
    sentence,
  };
}
