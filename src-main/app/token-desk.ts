import { isValidAccountId } from '../core/account';
import { normaliseCustodianName } from '../core/custodian';
import { ErrorCode, StrongroomError } from '../core/errors';
import { normaliseAaguid } from '../core/fido-get-info';
import {
  AWS_MAX_MFA_DEVICES,
  checkTokenAction,
  nextTokenId,
  normaliseTokenSerial,
  tokenCounts,
  validateTokenId,
  validateTokenReason,
  validateTokenText,
  type TokenKind,
} from '../core/token';
import type { CoverageSummary } from '../core/token-coverage';
import type { DetectedToken, TokenMatch } from '../core/token-identification';
import type { Catalog } from '../catalog/catalog';
import type { CheckoutRecord, TokenRecord, TokenSeenHow } from '../catalog/token-store';
import type { Clock } from '../platform/clock';
import { countingTokensOf, pendingLegacySerial } from './account-mfa';
import type { TokenPresentationView, TokenView } from '../contract/token-views';
import type { KioskSession } from './kiosk-session';
import { toPresentationView, toTokenView } from './token-card';
import type { TokenDetectionFeed } from './token-detection-feed';
import { TokenInventoryReport, type LegacySerial } from './token-inventory-report';
import { refusalWords, TokenSightings, type TokenIdentification, type TokenPresentation } from './token-sightings';

export type { LegacySerial } from './token-inventory-report';
export type { TokenIdentification, TokenPresentation } from './token-sightings';

export interface NewToken {
  readonly kind: TokenKind;
  readonly serial: string;
  readonly model: string;
  readonly make?: string;
  readonly location: string;
  readonly aaguid?: string;
  readonly accountIds?: readonly string[];
}

export interface CheckOutRequest {
  readonly tokenId: string;
  /** Who will hold it; the signed-in custodian when none is named. */
  readonly custodians?: readonly string[];
  readonly reason: string;
  readonly returnWithinHours?: number;
  /** Set by break-glass when it hands out the token. */
  readonly breakGlassRef?: string;
}

/** A check-out is due back within a working day unless the custodian says otherwise. */
export const DEFAULT_RETURN_HOURS = 24;
const MAX_RETURN_HOURS = 24 * 30;

/**
 * The token inventory's one home: adding tokens, registering them on accounts, the lifecycle (in the safe,
 * checked out, lost, revoked, destroyed), check-out to named custodians and check-in by identification, and
 * "present in safe" matching for verification. Every change is one catalog transaction plus one audit event in
 * the signed-in custodian's name. Break-glass and quarterly verification call these same methods.
 */
export class TokenDesk {
  private readonly sightings: TokenSightings;
  private readonly reports: TokenInventoryReport;

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly detection: TokenDetectionFeed,
  ) {
    this.sightings = new TokenSightings(detection);
    this.reports = new TokenInventoryReport(catalog, clock, () => this.list());
  }

  list(): TokenRecord[] {
    return this.catalog.tokens.list();
  }

  /** A token as the Tokens screen and `tokens --json` show it: its accounts by name, its checkout as of now. */
  view(token: TokenRecord): TokenView {
    return toTokenView(token, this.catalog, this.clock.now());
  }

  /** What a presented or identified token was found to be, with the token's view as of now. */
  presentationView(presentation: TokenPresentation): TokenPresentationView {
    return toPresentationView(presentation, this.catalog, this.clock.now());
  }

  get(rawTokenId: string): TokenRecord {
    const tokenId = validateTokenId(rawTokenId);
    const token = this.catalog.tokens.get(tokenId);
    if (!token) throw new StrongroomError(ErrorCode.TokenNotFound, `There is no ${tokenId} in the token inventory. "strongroom tokens list" shows every token.`, { tokenId });
    return token;
  }

  /** Tokens registered on an account that still count: what break-glass names for a custodian to fetch. */
  tokensFor(accountId: string): TokenRecord[] {
    return countingTokensOf(this.catalog, accountId);
  }

  add(input: NewToken): TokenRecord {
    const by = this.session.requireCustodian();
    const serial = normaliseTokenSerial(input.serial);
    const model = validateTokenText(input.model, 'model', { required: true });
    const make = validateTokenText(input.make ?? '', 'make', { required: false });
    const location = validateTokenText(input.location, 'location (where the token is kept, e.g. "Safe A, shelf 2")', { required: true });
    let aaguid: string | null = null;
    if (input.aaguid !== undefined && input.aaguid.trim() !== '') {
      aaguid = normaliseAaguid(input.aaguid);
      if (!aaguid) throw new StrongroomError(ErrorCode.InvalidTokenDetails, 'That AAGUID is not 32 hexadecimal digits. Leave it empty, or plug the key in and let Strongroom read it.');
      if (input.kind !== 'fido') throw new StrongroomError(ErrorCode.InvalidTokenDetails, 'Only FIDO security keys have an AAGUID; a display token has none.');
    }
    const accountIds = this.checkAccounts(input.accountIds ?? []);
    const at = this.now();
    const token = this.catalog.tokens.transaction(() => {
      const duplicate = this.catalog.tokens.findBySerial(serial.comparable);
      if (duplicate) {
        throw new StrongroomError(
          ErrorCode.DuplicateTokenSerial,
          `The serial ${serial.display} is already in the inventory as ${duplicate.tokenId} (${duplicate.model}, ${duplicate.state}). One physical token has one entry; check the serial on the token again.`,
          { tokenId: duplicate.tokenId },
        );
      }
      const tokenId = nextTokenId(this.catalog.tokens.allIds());
      this.catalog.tokens.insert({ tokenId, kind: input.kind, make, model, serial: serial.display, serialComparable: serial.comparable, aaguid, location, addedAt: at, addedBy: by });
      const adopted = this.registerChecked(tokenId, accountIds, at, by);
      this.session.record({
        action: 'token.added',
        subject: tokenId,
        details: { kind: input.kind, make, model, serial: serial.display, location, ...(aaguid ? { aaguid } : {}), accounts: [...accountIds], ...adoptedDetails(adopted) },
      });
      return this.get(tokenId);
    });
    this.detection.bump();
    return token;
  }

  /** Records that the token is registered as an MFA device of these root users in AWS. */
  assign(rawTokenId: string, rawAccountIds: readonly string[]): TokenRecord {
    return this.change(rawTokenId, (token, at, by) => {
      checkTokenAction(token.tokenId, token.state, 'register on an account');
      const accountIds = this.checkAccounts(rawAccountIds).filter((id) => !token.accountIds.includes(id));
      if (accountIds.length === 0) throw new StrongroomError(ErrorCode.InvalidTokenDetails, `${token.tokenId} is already registered on ${rawAccountIds.join(', ')}.`);
      const adopted = this.registerChecked(token.tokenId, accountIds, at, by);
      return { action: 'token.registered', details: { accounts: accountIds, ...adoptedDetails(adopted) } };
    });
  }

  /** Records that the token was deregistered in AWS from these accounts (also how a lost token's flag is cleared). */
  unassign(rawTokenId: string, rawAccountIds: readonly string[]): TokenRecord {
    return this.change(rawTokenId, (token, at, by) => {
      const wanted = this.checkAccountIds(rawAccountIds);
      const notRegistered = wanted.filter((id) => !token.accountIds.includes(id));
      if (notRegistered.length) {
        throw new StrongroomError(ErrorCode.InvalidTokenDetails, `${token.tokenId} is not registered on ${notRegistered.join(', ')}; it is registered on ${token.accountIds.join(', ') || 'no account'}.`);
      }
      this.catalog.tokens.deregister(token.tokenId, wanted, at, by);
      return { action: 'token.deregistered', details: { accounts: wanted } };
    });
  }

  reportLost(rawTokenId: string, rawReason: string): TokenRecord {
    const reason = validateTokenReason(rawReason);
    return this.change(rawTokenId, (token, at, by) => {
      checkTokenAction(token.tokenId, token.state, 'report lost');
      if (token.openCheckout) this.catalog.tokens.closeCheckout(token.tokenId, { at, by, how: 'reported-lost' });
      this.catalog.tokens.setState(token.tokenId, 'lost', { reason, at, by });
      return { action: 'token.lost', details: { reason, accountsToReregister: [...token.accountIds], wasCheckedOutTo: token.openCheckout ? [...token.openCheckout.custodians] : [] } };
    });
  }

  revoke(rawTokenId: string, rawReason: string): TokenRecord {
    const reason = validateTokenReason(rawReason);
    return this.change(rawTokenId, (token, at, by) => {
      checkTokenAction(token.tokenId, token.state, 'revoke');
      this.catalog.tokens.setState(token.tokenId, 'revoked', { reason, at, by });
      return { action: 'token.revoked', details: { reason, accountsToReregister: [...token.accountIds] } };
    });
  }

  /**
   * A destroyed token can never sign in again, so destroying one AWS still expects would lock those root users
   * out: a token still registered must be revoked (and deregistered in AWS) first.
   */
  destroy(rawTokenId: string, rawReason: string): TokenRecord {
    const reason = validateTokenReason(rawReason);
    return this.change(rawTokenId, (token, at, by) => {
      checkTokenAction(token.tokenId, token.state, 'destroy');
      if (token.state === 'in-safe' && token.accountIds.length > 0) {
        throw new StrongroomError(
          ErrorCode.TokenStateRefused,
          `${token.tokenId} is still registered on ${token.accountIds.join(', ')}. Register a replacement and deregister ${token.tokenId} in AWS, record that here (unassign), or revoke it, before destroying it.`,
          { tokenId: token.tokenId },
        );
      }
      this.catalog.tokens.setState(token.tokenId, 'destroyed', { reason, at, by });
      return { action: 'token.destroyed', details: { reason, stillRegisteredOn: [...token.accountIds] } };
    });
  }

  checkOut(request: CheckOutRequest): TokenRecord {
    const reason = validateTokenReason(request.reason);
    const hours = request.returnWithinHours ?? DEFAULT_RETURN_HOURS;
    if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_RETURN_HOURS) {
      throw new StrongroomError(ErrorCode.InvalidTokenDetails, `A token comes back within 1 hour to ${MAX_RETURN_HOURS / 24} days; ${hours} hours is outside that.`);
    }
    return this.change(request.tokenId, (token, at, by) => {
      checkTokenAction(token.tokenId, token.state, 'check out');
      const custodians = [...new Set((request.custodians?.length ? request.custodians : [by]).map(normaliseCustodianName))];
      const dueAt = new Date(Date.parse(at) + hours * 3_600_000).toISOString();
      this.catalog.tokens.openCheckout({ tokenId: token.tokenId, custodians, reason, breakGlassRef: request.breakGlassRef ?? null, checkedOutAt: at, checkedOutBy: by, dueAt });
      this.catalog.tokens.setState(token.tokenId, 'checked-out', { reason, at, by });
      return {
        action: 'token.checked-out',
        details: { custodians, reason, dueAt, location: token.location, ...(request.breakGlassRef ? { breakGlassRef: request.breakGlassRef } : {}) },
      };
    });
  }

  /**
   * Closes a check-out once the token is back and identified: plugged in and read over HID, or its printed serial
   * typed. The wrong token (another serial, or a key whose model contradicts the record) is refused and audited.
   */
  async checkIn(rawTokenId: string, identification: TokenIdentification): Promise<TokenRecord> {
    const expected = this.get(rawTokenId);
    checkTokenAction(expected.tokenId, expected.state, 'check in');
    const presented = await this.identify(identification);
    const match = presented.match;
    if (match.outcome !== 'identified' || match.tokenId !== expected.tokenId) {
      this.recordRefusal(expected.tokenId, 'token.check-in-refused', match);
      throw new StrongroomError(ErrorCode.TokenNotIdentified, `${expected.tokenId} was not checked in: ${refusalWords(expected, match)}`, { tokenId: expected.tokenId });
    }
    return this.change(expected.tokenId, (token, at, by) => {
      checkTokenAction(token.tokenId, token.state, 'check in');
      const checkout = token.openCheckout as CheckoutRecord;
      this.catalog.tokens.closeCheckout(token.tokenId, { at, by, how: match.how });
      this.catalog.tokens.setState(token.tokenId, 'in-safe', { reason: null, at, by });
      this.catalog.tokens.markSeen(token.tokenId, at, match.how);
      const aaguid = this.learnAaguid(token, presented.detected);
      return {
        action: 'token.checked-in',
        details: {
          how: match.how,
          checkedOutAt: checkout.checkedOutAt,
          custodians: [...checkout.custodians],
          overdue: Date.parse(at) > Date.parse(checkout.dueAt),
          location: token.location,
          ...(aaguid ? { aaguidRecorded: aaguid } : {}),
        },
      };
    });
  }

  /**
   * A token shown at the kiosk (a custodian checking the safe): identified, its last sighting recorded, and a
   * mismatch audited. The caller decides what the outcome means for its own check.
   */
  async present(identification: TokenIdentification): Promise<TokenPresentation> {
    const presented = await this.identify(identification);
    const { match } = presented;
    if (match.outcome === 'mismatch') this.recordMismatch(match.tokenId, match, {});
    if (match.outcome !== 'identified') return presented;
    return { ...presented, token: this.recordSeen(match.tokenId, match.how, presented.detected, {}) };
  }

  /** Which inventory token this is, without recording anything. */
  identify(identification: TokenIdentification): Promise<TokenPresentation> {
    return this.sightings.identify(identification, () => this.list());
  }

  /** Records that an identified token was seen at the kiosk now (and the model of a key read for the first time). */
  recordSeen(tokenId: string, how: TokenSeenHow, detected: DetectedToken | null, details: Record<string, string | number | boolean>): TokenRecord {
    return this.change(tokenId, (t, at) => {
      this.catalog.tokens.markSeen(t.tokenId, at, how);
      const aaguid = this.learnAaguid(t, detected);
      return { action: 'token.seen', details: { how, state: t.state, ...details, ...(aaguid ? { aaguidRecorded: aaguid } : {}) } };
    });
  }

  /** Audits a token presented as an inventory token that contradicts its record (a possible swapped key). */
  recordMismatch(tokenId: string, match: TokenMatch, details: Record<string, string>): void {
    this.session.requireCustodian();
    this.recordRefusal(tokenId, 'token.mismatch', match, details);
  }

  /** Serials typed on accounts before the token inventory existed, grouped by serial, each to be adopted by a token. */
  legacySerials(): LegacySerial[] {
    return this.reports.legacySerials();
  }

  /** Open check-outs past their due time. */
  overdue(): CheckoutRecord[] {
    return this.reports.overdue();
  }

  /** The CIS-style summary: coverage gaps, single devices, lost or revoked tokens still registered, unseen tokens. */
  report(): CoverageSummary {
    return this.reports.report();
  }

  /** One transaction: the change and its audit event land together, then open screens are told. */
  private change(rawTokenId: string, work: (token: TokenRecord, at: string, by: string) => { action: string; details: Record<string, string | number | boolean | string[]> }): TokenRecord {
    const by = this.session.requireCustodian();
    const at = this.now();
    const updated = this.catalog.tokens.transaction(() => {
      const token = this.get(rawTokenId);
      const { action, details } = work(token, at, by);
      this.session.record({ action, subject: token.tokenId, details });
      return this.get(token.tokenId);
    });
    this.detection.bump();
    return updated;
  }

  /** Registers after checking AWS's device limit; returns the accounts whose legacy serial this token adopts. */
  private registerChecked(tokenId: string, accountIds: readonly string[], at: string, by: string): string[] {
    const byAccount = this.catalog.tokens.registrationsByAccount();
    const counting = new Set(this.list().filter((t) => tokenCounts(t.state)).map((t) => t.tokenId));
    for (const accountId of accountIds) {
      const account = this.catalog.accounts.get(accountId);
      const tokens = (byAccount.get(accountId) ?? []).filter((id) => counting.has(id));
      const devices = tokens.length + (account?.mfa.kind === 'virtual' && account.enrolledAt ? 1 : 0);
      if (devices >= AWS_MAX_MFA_DEVICES) {
        throw new StrongroomError(
          ErrorCode.MfaDeviceLimit,
          `Account ${accountId} already has ${devices} MFA devices; AWS allows a root user at most ${AWS_MAX_MFA_DEVICES}. Deregister one in AWS and record it here first.`,
          { accountId },
        );
      }
    }
    this.catalog.tokens.register(tokenId, accountIds, at, by);
    const adopted = accountIds.filter((id) => pendingLegacySerial(this.catalog, id) === null && this.catalog.accounts.get(id)?.legacyTokenSerial);
    this.catalog.accounts.clearLegacyTokenSerial(adopted, at);
    return adopted;
  }

  private checkAccountIds(raw: readonly string[]): string[] {
    const ids = [...new Set(raw.map((id) => id.trim()).filter((id) => id !== ''))];
    if (ids.length === 0) throw new StrongroomError(ErrorCode.InvalidTokenDetails, 'Name at least one account (its 12-digit id).');
    const bad = ids.filter((id) => !isValidAccountId(id));
    if (bad.length) throw new StrongroomError(ErrorCode.InvalidAccountId, `${bad.join(', ')} ${bad.length === 1 ? 'is not an AWS account id' : 'are not AWS account ids'}: account ids have exactly 12 digits.`);
    return ids;
  }

  /** Account ids that exist in the catalog and still have a root user to protect. */
  private checkAccounts(raw: readonly string[]): string[] {
    if (raw.length === 0) return [];
    const ids = this.checkAccountIds(raw);
    for (const id of ids) {
      const account = this.catalog.accounts.get(id);
      if (!account) throw new StrongroomError(ErrorCode.AccountNotFound, `Account ${id} is not in the catalog. Add or import it on the Accounts screen first.`, { accountId: id });
      if (account.rootCredentialStatus === 'removed-centrally') {
        throw new StrongroomError(ErrorCode.InvalidTokenDetails, `Account ${id} has no root credentials (removed centrally), so no MFA device can be registered on its root user.`, { accountId: id });
      }
    }
    return ids;
  }

  /** Records the AAGUID read from a key identified by its serial, if the inventory did not know its model yet. */
  private learnAaguid(token: TokenRecord, detected: DetectedToken | null): string | null {
    const aaguid = detected?.fido?.aaguid ?? null;
    if (token.kind !== 'fido' || token.aaguid || !aaguid) return null;
    this.catalog.tokens.recordAaguid(token.tokenId, aaguid);
    return aaguid;
  }

  private recordRefusal(tokenId: string, action: string, match: TokenMatch, extra: Record<string, string> = {}): void {
    const details: Record<string, string | string[]> = { outcome: match.outcome, ...extra };
    if (match.outcome === 'identified') details['presented'] = match.tokenId;
    if (match.outcome === 'mismatch' || match.outcome === 'unknown') details['why'] = match.why;
    if (match.outcome === 'model-only') details['candidates'] = [...match.candidates];
    this.session.record({ action, subject: tokenId, details });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function adoptedDetails(accountIds: readonly string[]): Record<string, string[]> {
  return accountIds.length ? { legacySerialAdoptedOn: [...accountIds] } : {};
}
