import { formatInstant } from './instant-format';
import { tokenStateWords, type TokenWhereabouts } from './token';

/**
 * The quarterly check of the tokens in the safe. Every token the inventory says is in the safe must be presented
 * (a FIDO key plugged in and read, a display token by the serial printed on it); what is missing, what was
 * presented but does not match its record, and what is not in the inventory at all fail the check, each naming
 * the accounts whose root user it protects. Tokens checked out stay out of the safe as recorded, unless overdue.
 */

export interface InventoryTokenForCheck extends TokenWhereabouts {
  readonly stateReason: string | null;
  readonly accounts: readonly { readonly accountId: string; readonly name: string }[];
}

/**
 * How a presented token was identified. 'hid': its serial read from the key over USB. 'typed-serial': the serial
 * printed on a display token. 'typed-with-usb-model': a FIDO key that does not reveal its serial, plugged in (its
 * model read over USB) and its printed serial typed. 'typed-without-usb': a FIDO key's printed serial typed on a
 * kiosk that cannot read USB keys at all.
 */
export type TokenSightingHow = 'hid' | 'typed-serial' | 'typed-with-usb-model' | 'typed-without-usb';
export const TOKEN_SIGHTING_HOWS: readonly TokenSightingHow[] = ['hid', 'typed-serial', 'typed-with-usb-model', 'typed-without-usb'];

export interface TokenSighting {
  /** The inventory token it was identified as, or that it claimed to be (a mismatch); null when unknown. */
  readonly tokenId: string | null;
  readonly outcome: 'identified' | 'mismatch' | 'unknown';
  readonly how: TokenSightingHow;
  /** What was presented, in words ("a key read over USB reporting serial 5550001", "the typed serial X-1"). */
  readonly described: string;
  readonly why: string | null;
}

export type TokenCheckStatus = 'present' | 'missing' | 'mismatch' | 'unknown' | 'recorded-elsewhere' | 'out' | 'overdue';

export interface TokenCheckRow {
  /** null for a presented token the inventory does not know. */
  readonly tokenId: string | null;
  /** The token in words: "TOKEN-07 (YubiKey 5 NFC, serial 12345678)". */
  readonly token: string;
  readonly status: TokenCheckStatus;
  readonly passed: boolean;
  readonly sentence: string;
  readonly accounts: readonly { readonly accountId: string; readonly name: string }[];
}

export interface TokenCheckResult {
  readonly passed: boolean;
  readonly rows: readonly TokenCheckRow[];
  /** Tokens the inventory expected in the safe, and how many of them were presented. */
  readonly expected: number;
  readonly presented: number;
}

export const TOKEN_CHECK_STATUS_WORDS: Readonly<Record<TokenCheckStatus, string>> = {
  present: 'Presented',
  missing: 'MISSING',
  mismatch: 'MISMATCH',
  unknown: 'UNKNOWN TOKEN',
  'recorded-elsewhere': 'RECORD WRONG',
  out: 'Checked out',
  overdue: 'OVERDUE',
};

const HOW_WORDS: Readonly<Record<TokenSightingHow, string>> = {
  hid: 'plugged in and its serial read over USB',
  'typed-serial': 'its printed serial typed',
  'typed-with-usb-model': 'plugged in (its model read over USB) and its printed serial typed',
  'typed-without-usb': 'its printed serial typed (this kiosk cannot read USB keys)',
};

export function tokenWords(token: Pick<InventoryTokenForCheck, 'tokenId' | 'model' | 'serial'>): string {
  return `${token.tokenId} (${token.model}, serial ${token.serial})`;
}

export function accountsWords(accounts: InventoryTokenForCheck['accounts']): string {
  return accounts.length === 0 ? 'no account' : accounts.map((a) => `${a.name || a.accountId} (${a.accountId})`).join(', ');
}

export function judgeTokenCheck(inventory: readonly InventoryTokenForCheck[], sightings: readonly TokenSighting[], now: Date): TokenCheckResult {
  const rows: TokenCheckRow[] = [];
  const at = (iso: string) => formatInstant(iso) ?? iso;
  let expected = 0;
  let presented = 0;

  for (const token of inventory) {
    const mine = sightings.filter((s) => s.tokenId === token.tokenId);
    const identified = mine.find((s) => s.outcome === 'identified');
    const mismatch = mine.find((s) => s.outcome === 'mismatch');
    const row = (status: TokenCheckStatus, passed: boolean, sentence: string) =>
      rows.push({ tokenId: token.tokenId, token: tokenWords(token), status, passed, sentence, accounts: token.accounts });
    if (token.state === 'in-safe') {
      expected += 1;
      if (identified) presented += 1;
    }

    if (mismatch) {
      // A second key carrying a known serial is a failure even when the genuine one was shown as well.
      row('mismatch', false, `A token presented as ${token.tokenId} did not match its record: ${mismatch.why ?? mismatch.described}. It protects ${accountsWords(token.accounts)}: do not rely on it; find the real ${token.tokenId} and tell your security lead.`);
    } else if (token.state === 'in-safe') {
      if (identified) row('present', true, `Presented: ${HOW_WORDS[identified.how]}. Kept at ${token.location}.`);
      else {
        row(
          'missing',
          false,
          `Not presented, although it is recorded in the safe (${token.location}). It protects ${accountsWords(token.accounts)}: find it; if it is gone, report it lost, and register a replacement on those accounts in AWS.`,
        );
      }
    } else if (token.state === 'checked-out' && token.checkout) {
      const out = `checked out to ${token.checkout.custodians.join(' and ')} since ${at(token.checkout.checkedOutAt)}`;
      if (identified) row('recorded-elsewhere', false, `Presented, but recorded as ${out}: it is back, so check it in.`);
      else if (Date.parse(token.checkout.dueAt) < now.getTime()) {
        row('overdue', false, `Not in the safe: ${out}, due back ${at(token.checkout.dueAt)} — overdue. Bring it back and check it in, or report it lost. It protects ${accountsWords(token.accounts)}.`);
      } else row('out', true, `Not in the safe, as recorded: ${out}, due back ${at(token.checkout.dueAt)}.`);
    } else if (identified) {
      row(
        'recorded-elsewhere',
        false,
        `Presented, but recorded as ${tokenStateWords(token.state)}${token.stateReason ? ` (${token.stateReason})` : ''}. Find out how it came to be here and tell your security lead${token.accounts.length ? `; AWS may still accept it on ${accountsWords(token.accounts)}` : ''}.`,
      );
    }
  }

  for (const sighting of sightings.filter((s) => s.outcome === 'unknown')) {
    rows.push({
      tokenId: null,
      token: sighting.described,
      status: 'unknown',
      passed: false,
      sentence: `Not in the token inventory${sighting.why ? ` (${sighting.why.replace(/\.$/, '')})` : ''}. Add it if it belongs in the safe; otherwise find out where it came from and tell your security lead.`,
      accounts: [],
    });
  }
  return { passed: rows.every((r) => r.passed), rows, expected, presented };
}
