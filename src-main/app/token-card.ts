import { tokenCounts, tokenKindWords, tokenStateWords } from '../core/token';
import type { CoverageSummary } from '../core/token-coverage';
import { matchSighting, type DetectedToken, type TokenMatch } from '../core/token-identification';
import type { Catalog } from '../catalog/catalog';
import type { CheckoutRecord, TokenRecord } from '../catalog/token-store';
import type { DetectedTokenView, TokenPresentationView, TokenReportView, TokenView } from '../contract/token-views';
import type { HidBackendStatus } from '../platform/hid-port';
import type { TokenPresentation } from './token-sightings';

/** Token records, plugged-in tokens and the summary as the Tokens screen and `tokens --json` show them. */
export function toTokenView(token: TokenRecord, catalog: Catalog, now: Date): TokenView {
  const checkout = token.openCheckout;
  return {
    tokenId: token.tokenId,
    kind: token.kind,
    kindWords: tokenKindWords(token.kind),
    make: token.make,
    model: token.model,
    serial: token.serial,
    aaguid: token.aaguid,
    location: token.location,
    state: token.state,
    stateWords: tokenStateWords(token.state),
    stateReason: token.stateReason,
    stateChangedAt: token.stateChangedAt,
    stateChangedBy: token.stateChangedBy,
    addedAt: token.addedAt,
    addedBy: token.addedBy,
    lastSeenAt: token.lastSeenAt,
    lastSeenHow: token.lastSeenHow,
    accounts: token.accountIds.map((accountId) => ({ accountId, name: catalog.accounts.get(accountId)?.name ?? '' })),
    checkout: checkout
      ? {
          custodians: checkout.custodians,
          reason: checkout.reason,
          checkedOutAt: checkout.checkedOutAt,
          checkedOutBy: checkout.checkedOutBy,
          dueAt: checkout.dueAt,
          overdue: Date.parse(checkout.dueAt) < now.getTime(),
        }
      : null,
    counts: tokenCounts(token.state),
  };
}

export function hidSentence(status: HidBackendStatus): { available: boolean; sentence: string } {
  return status.available
    ? { available: true, sentence: 'Plugged-in security keys are read over USB and shown here within a second or two.' }
    : {
        available: false,
        sentence: `Strongroom cannot read USB security keys on this kiosk, so plugged-in tokens are not shown. Identify each token by the serial printed on it instead; everything else works. (${status.reason})`,
      };
}

export function toDetectedTokenView(detected: DetectedToken, inventory: readonly TokenRecord[]): DetectedTokenView {
  const match = matchSighting({ how: 'hid', detected }, inventory);
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return {
    deviceId: detected.deviceId,
    manufacturer: detected.manufacturer,
    product: detected.product,
    usbId: `${hex(detected.vendorId)}:${hex(detected.productId)}`,
    fido: detected.fido,
    serial: detected.serial ? { value: detected.serial.value, sourceWords: detected.serial.source === 'yubikey-otp' ? 'read from the YubiKey' : 'USB serial string' } : null,
    problems: detected.problems,
    match,
    sentence: matchSentence(match, inventory),
  };
}

export function matchSentence(match: TokenMatch, inventory: readonly TokenRecord[]): string {
  switch (match.outcome) {
    case 'identified': {
      const token = inventory.find((t) => t.tokenId === match.tokenId);
      return `This is ${match.tokenId}${token ? ` (${token.model}), recorded as ${tokenStateWords(token.state)}` : ''}.`;
    }
    case 'mismatch':
      return `Do not use this token: ${match.why}`;
    case 'model-only':
      return `Its model fits ${match.candidates.join(', ')}, but it does not reveal its serial. Type the serial printed on it to identify it.`;
    case 'unknown':
      return `${match.why} Add it to the inventory if it belongs in the safe.`;
  }
}

export function toPresentationView(presentation: TokenPresentation, catalog: Catalog, now: Date): TokenPresentationView {
  const inventory = catalog.tokens.list();
  return {
    match: presentation.match,
    token: presentation.token ? toTokenView(presentation.token, catalog, now) : null,
    sentence: matchSentence(presentation.match, inventory),
  };
}

export function toTokenReportView(summary: CoverageSummary, overdue: readonly CheckoutRecord[]): TokenReportView {
  return {
    accountsChecked: summary.accountsChecked,
    intervalDays: summary.intervalDays,
    accountsWithoutHardwareMfa: summary.accountsWithoutHardwareMfa,
    accountsWithSingleMfaDevice: summary.accountsWithSingleMfaDevice,
    accountsToReregister: summary.accountsToReregister,
    tokensNotSeen: summary.tokensNotSeen,
    overdueCheckouts: overdue.map((c) => ({ tokenId: c.tokenId, custodians: c.custodians, dueAt: c.dueAt })),
  };
}
