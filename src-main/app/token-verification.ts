import { ErrorCode, StrongroomError } from '../core/errors';
import { normaliseTokenSerial, tokenKindWords } from '../core/token';
import { judgeTokenCheck, tokenWords, type InventoryTokenForCheck, type TokenCheckResult, type TokenSighting, type TokenSightingHow } from '../core/token-check';
import type { DetectedToken } from '../core/token-identification';
import type { Catalog } from '../catalog/catalog';
import type { TokenCheckRecord } from '../catalog/token-check-store';
import type { TokenRecord } from '../catalog/token-store';
import { tokenDueEntries, type TokenDueEntry } from '../core/verification-schedule';
import type { Clock } from '../platform/clock';
import type { NotPresentedView, TokenStepView } from '../contract/verification-views';
import type { KioskSession } from './kiosk-session';
import type { TokenDesk, TokenIdentification } from './token-desk';
import type { TokenDetectionFeed } from './token-detection-feed';

export type TokenStep = TokenStepView;

export interface TokenDue extends TokenDueEntry {
  /** "TOKEN-07 (YubiKey 5 NFC, serial 12345678)". */
  readonly token: string;
  readonly location: string;
}

/**
 * When each token in the safe is next due for its check: one verification interval after a check last found it
 * presented (or after it was added). A checked-out token is not in the safe to check; its return is what is due.
 */
export function tokenSchedule(catalog: Catalog, now: Date): TokenDue[] {
  const inSafe = catalog.tokens.list().filter((t) => t.state === 'in-safe');
  const presented = catalog.tokenChecks.lastPresentedAt();
  const byId = new Map(inSafe.map((t) => [t.tokenId, t]));
  const entries = tokenDueEntries(
    inSafe.map((t) => ({ tokenId: t.tokenId, addedAt: t.addedAt, lastVerifiedAt: presented.get(t.tokenId) ?? null })),
    now,
    catalog.settings.read().verificationIntervalDays,
  );
  return entries.map((e) => ({ ...e, token: tokenWords(byId.get(e.tokenId)!), location: byId.get(e.tokenId)!.location }));
}

export type NotPresented = NotPresentedView;

const notPresentedKey = (runId: string) => `verification.tokensNotPresented.${runId}`;

/**
 * The token step of a quarterly verification: each token in the safe is presented — a FIDO key plugged in and
 * read over USB (its printed serial typed as well when it does not reveal it), a display token by the serial
 * printed on it — and matched to the inventory. The sightings are kept per run; closing the step judges them
 * (core/token-check) and records the outcome with the accounts each failure concerns.
 */
export class TokenVerification {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly tokens: TokenDesk,
    private readonly detection: TokenDetectionFeed,
    private readonly clock: Clock,
  ) {}

  async present(runId: string, identification: TokenIdentification): Promise<void> {
    const by = this.session.requireCustodian();
    const presented = await this.tokens.identify(identification);
    const { match } = presented;
    if (match.outcome === 'model-only') {
      throw new StrongroomError(ErrorCode.TokenNotIdentified, `This key does not reveal its serial over USB (its model fits ${match.candidates.join(', ')}). Keep it plugged in and type the serial printed on it.`);
    }
    let record: () => TokenSighting;
    if ('typedSerial' in identification) {
      const typed = normaliseTokenSerial(identification.typedSerial).display;
      if (match.outcome === 'identified') {
        const token = this.tokens.get(match.tokenId);
        const { how, key } = token.kind === 'fido' ? await this.fidoTypedHow(token) : { how: 'typed-serial' as const, key: null };
        record = () => {
          this.tokens.recordSeen(token.tokenId, how === 'hid' ? 'hid' : 'typed-serial', key, { verificationRun: runId });
          return { tokenId: token.tokenId, outcome: 'identified', how, described: `${tokenWords(token)}, by its typed serial ${typed}`, why: null };
        };
      } else {
        const why = match.outcome === 'unknown' ? match.why : null;
        record = () => this.unknown(runId, { tokenId: null, outcome: 'unknown', how: 'typed-serial', described: `the typed serial ${typed}`, why });
      }
    } else {
      const detected = presented.detected as DetectedToken;
      const described = describeDetected(detected);
      record = () => {
        switch (match.outcome) {
          case 'identified':
            this.tokens.recordSeen(match.tokenId, 'hid', detected, { verificationRun: runId });
            return { tokenId: match.tokenId, outcome: 'identified', how: 'hid', described, why: null };
          case 'mismatch':
            this.tokens.recordMismatch(match.tokenId, match, { verificationRun: runId });
            return { tokenId: match.tokenId, outcome: 'mismatch', how: 'hid', described, why: match.why };
          default:
            return this.unknown(runId, { tokenId: null, outcome: 'unknown', how: 'hid', described, why: match.outcome === 'unknown' ? match.why : null });
        }
      };
    }
    this.catalog.db.transaction(() => {
      const sighting = record();
      this.catalog.tokenChecks.addSighting(runId, sighting, this.now(), by);
      this.catalog.tokenChecks.reopen(runId);
    })();
  }

  /**
   * A token of the safe the verifier cannot present in this run (sent for repair, safe B not opened today): the
   * reason is audited and printed with its row. It is still missing, so the check still fails: an explanation is
   * not a sighting, and the token stays due.
   */
  recordNotPresented(runId: string, rawTokenId: string, rawReason: string): void {
    const by = this.session.requireCustodian();
    const token = this.tokens.get(rawTokenId);
    const reason = rawReason.trim().replace(/\s+/g, ' ');
    if (reason.length < 5) throw new StrongroomError(ErrorCode.ReasonTooShort, `Say why ${token.tokenId} is not presented (a few words); it goes on the audit trail and the report.`);
    if (token.state !== 'in-safe') {
      throw new StrongroomError(ErrorCode.TokenStateRefused, `${token.tokenId} is not recorded in the safe (${token.state}), so it is not expected in this run; nothing to explain.`, { tokenId: token.tokenId });
    }
    if (this.catalog.tokenChecks.sightings(runId).some((s) => s.tokenId === token.tokenId && s.outcome === 'identified')) {
      throw new StrongroomError(ErrorCode.TokenStateRefused, `${token.tokenId} was already presented in this run; nothing to explain.`, { tokenId: token.tokenId });
    }
    const recorded = { ...this.notPresented(runId), [token.tokenId]: { reason, by, at: this.now() } };
    this.catalog.db.transaction(() => {
      this.catalog.settings.writeValue(notPresentedKey(runId), recorded);
      this.catalog.tokenChecks.reopen(runId);
      this.session.record({ action: 'verification.token-not-presented', subject: runId, details: { tokenId: token.tokenId, reason } });
    })();
  }

  /** The run is over: its explanations live on in its check rows and the audit trail. */
  forget(runId: string): void {
    this.catalog.settings.deleteValue(notPresentedKey(runId));
  }

  step(runId: string): TokenStep {
    const notPresented = this.notPresented(runId);
    const sightings = this.catalog.tokenChecks.sightings(runId);
    const inventory = this.catalog.tokens.list();
    const now = this.clock.now().getTime();
    return {
      expected: inventory
        .filter((t) => t.state === 'in-safe')
        .map((t) => ({
          tokenId: t.tokenId,
          token: tokenWords(t),
          kindWords: tokenKindWords(t.kind),
          location: t.location,
          presented: sightings.some((s) => s.tokenId === t.tokenId && s.outcome === 'identified'),
          notPresented: notPresented[t.tokenId] ?? null,
        })),
      out: inventory.flatMap((t) =>
        t.state === 'checked-out' && t.openCheckout
          ? [{ tokenId: t.tokenId, token: tokenWords(t), custodians: t.openCheckout.custodians, dueAt: t.openCheckout.dueAt, overdue: Date.parse(t.openCheckout.dueAt) < now }]
          : [],
      ),
      sightings: sightings.map((s) => ({ outcome: s.outcome, tokenId: s.tokenId, described: s.described, why: s.why, presentedAt: s.presentedAt })),
      result: this.catalog.tokenChecks.check(runId),
    };
  }

  /** Judges what was presented against the inventory, and records the outcome. */
  close(runId: string): TokenCheckRecord {
    const by = this.session.requireCustodian();
    const judged = judgeTokenCheck(this.inventoryForCheck(), this.catalog.tokenChecks.sightings(runId), this.clock.now());
    const notPresented = this.notPresented(runId);
    const result: TokenCheckResult = {
      ...judged,
      rows: judged.rows.map((row) => {
        const why = row.status === 'missing' && row.tokenId ? notPresented[row.tokenId] : undefined;
        return why ? { ...row, sentence: `${row.sentence} Not presented, said ${why.by}: ${why.reason}.` } : row;
      }),
    };
    const at = this.now();
    this.catalog.db.transaction(() => {
      this.catalog.tokenChecks.saveCheck(runId, result, at, by);
      this.session.record({ action: 'verification.tokens-checked', subject: runId, details: checkDetails(result) });
    })();
    return this.catalog.tokenChecks.check(runId) as TokenCheckRecord;
  }

  /**
   * The run's token check for its report: closed now if tokens were presented and nobody closed the step (a
   * finished run means nothing more will be shown); null when no token was presented in the run at all.
   */
  forReport(runId: string): TokenCheckRecord | null {
    const closed = this.catalog.tokenChecks.check(runId);
    if (closed) return closed;
    return this.catalog.tokenChecks.sightings(runId).length > 0 ? this.close(runId) : null;
  }

  /** Tokens the inventory expects in the safe, for the report of a run that did not check them. */
  expectedInSafe(): number {
    return this.catalog.tokens.list().filter((t) => t.state === 'in-safe').length;
  }

  private notPresented(runId: string): Readonly<Record<string, NotPresented>> {
    return this.catalog.settings.readValue<Record<string, NotPresented>>(notPresentedKey(runId)) ?? {};
  }

  private unknown(runId: string, sighting: TokenSighting): TokenSighting {
    this.session.record({ action: 'verification.token-unknown', subject: runId, details: { described: sighting.described, why: sighting.why ?? '' } });
    return sighting;
  }

  /**
   * A FIDO key named by its typed serial still has to be shown over USB, or the serial could be read off a photo:
   * plugged in now and either reporting that serial, or revealing no serial but the model on record. Only a kiosk
   * that cannot read USB keys at all accepts the typed serial alone (and the report says so).
   */
  private async fidoTypedHow(token: TokenRecord): Promise<{ how: TokenSightingHow; key: DetectedToken | null }> {
    const status = await this.detection.status();
    if (!status.available) return { how: 'typed-without-usb', key: null };
    const plugged = await this.detection.refresh();
    const sameSerial = plugged.find((d) => d.serial !== null && comparable(d.serial.value) === token.serialComparable);
    if (sameSerial) return { how: 'hid', key: sameSerial };
    const quiet = plugged.find((d) => d.serial === null && d.fido !== null && (token.aaguid === null || d.fido.aaguid === token.aaguid));
    if (quiet) return { how: 'typed-with-usb-model', key: quiet };
    throw new StrongroomError(
      ErrorCode.TokenNeedsUsb,
      `${token.tokenId} is a FIDO security key: to verify it, plug it in so it is read over USB. If it does not reveal its serial, keep it plugged in and type the serial again.`,
      { tokenId: token.tokenId },
    );
  }

  private inventoryForCheck(): InventoryTokenForCheck[] {
    return this.catalog.tokens.list().map((t) => ({
      tokenId: t.tokenId,
      kind: t.kind,
      model: t.model,
      serial: t.serial,
      location: t.location,
      state: t.state,
      stateReason: t.stateReason,
      accounts: t.accountIds.map((accountId) => ({ accountId, name: this.catalog.accounts.get(accountId)?.name ?? '' })),
      checkout: t.openCheckout ? { custodians: t.openCheckout.custodians, checkedOutAt: t.openCheckout.checkedOutAt, dueAt: t.openCheckout.dueAt } : null,
    }));
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function comparable(serial: string): string | null {
  try {
    return normaliseTokenSerial(serial).comparable;
  } catch {
    return null;
  }
}

function describeDetected(detected: DetectedToken): string {
  const name = [detected.manufacturer, detected.product].filter(Boolean).join(' ') || 'a USB security key';
  const facts = [detected.serial ? `serial ${detected.serial.value}` : null, detected.fido?.aaguid ? `model ${detected.fido.aaguid}` : null].filter(Boolean);
  return `${name} read over USB${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

function checkDetails(result: TokenCheckResult): Record<string, string | number> {
  const ids = (status: string) =>
    result.rows
      .filter((r) => r.status === status && r.tokenId)
      .map((r) => r.tokenId)
      .join(', ');
  return {
    outcome: result.passed ? 'passed' : 'failed',
    expected: result.expected,
    presented: result.presented,
    missing: ids('missing'),
    mismatched: ids('mismatch'),
    unknown: result.rows.filter((r) => r.status === 'unknown').length,
    recordWrong: ids('recorded-elsewhere'),
    overdue: ids('overdue'),
  };
}
