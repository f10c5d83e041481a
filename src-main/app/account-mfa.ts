import { normaliseTokenSerial, tokenCounts, tokenKindWords, tokenStateWords } from '../core/token';
import type { AccountRecord } from '../catalog/account-store';
import type { Catalog } from '../catalog/catalog';
import type { AccountTokenView, MfaView } from '../contract/custody-views';
import type { TokenRecord } from '../catalog/token-store';

/**
 * An account's root MFA as the kiosk knows it: the virtual seed (or not) on the account record, the hardware
 * tokens from the inventory's registrations, and a serial typed on the account before the inventory existed.
 */

/** Tokens registered on the account that still count (in the safe or checked out), in token-id order. */
export function countingTokensOf(catalog: Catalog, accountId: string): TokenRecord[] {
  return catalog.tokens.list().filter((t) => t.accountIds.includes(accountId) && tokenCounts(t.state));
}

function comparableOrNull(serial: string): string | null {
  try {
    return normaliseTokenSerial(serial).comparable;
  } catch {
    return null;
  }
}

/**
 * The serial typed on an account before the inventory, while no token registered on it stands for it: null
 * once a token with that serial is registered there, or, for free text that is no serial at all (it can never
 * match), once any token has been registered there.
 */
export function pendingLegacySerial(catalog: Catalog, accountId: string): string | null {
  const legacy = catalog.accounts.get(accountId)?.legacyTokenSerial ?? null;
  if (legacy === null) return null;
  const registered = catalog.tokens.list().filter((t) => t.accountIds.includes(accountId));
  const comparable = comparableOrNull(legacy);
  if (comparable === null) return registered.length > 0 ? null : legacy;
  return registered.some((t) => t.serialComparable === comparable) ? null : legacy;
}

export function comparableLegacySerial(serial: string): string | null {
  return comparableOrNull(serial);
}

/** "TOKEN-07 (YubiKey 5 NFC, serial 12345678)" for each counting token; what stands in for them when there is none. */
export function hardwareMfaWords(catalog: Catalog, accountId: string): string {
  const tokens = countingTokensOf(catalog, accountId);
  if (tokens.length > 0) {
    return tokens.map((t) => `${t.tokenId} (${t.model}, serial ${t.serial}${t.state === 'in-safe' ? '' : `, ${tokenStateWords(t.state)}`})`).join(', ');
  }
  const legacy = pendingLegacySerial(catalog, accountId);
  return legacy ? `serial ${legacy} (not yet in the token inventory)` : 'no token registered yet';
}

export function mfaView(catalog: Catalog, account: AccountRecord): MfaView {
  return account.mfa.kind === 'hardware' ? { kind: 'hardware', tokenSerial: hardwareMfaWords(catalog, account.accountId) } : { kind: 'virtual' };
}

export function accountTokenViews(catalog: Catalog, accountId: string): AccountTokenView[] {
  return countingTokensOf(catalog, accountId).map((t) => ({
    tokenId: t.tokenId,
    kindWords: tokenKindWords(t.kind),
    model: t.model,
    serial: t.serial,
    location: t.location,
    state: t.state === 'checked-out' ? 'checked-out' : 'in-safe',
  }));
}
