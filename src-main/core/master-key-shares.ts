import { createHash } from 'node:crypto';
import type * as ShamirSecretSharing from 'shamir-secret-sharing';
import type { MediumRole } from './custody-vocabulary';
import { ErrorCode, StrongroomError } from './errors';
import { packageOnFirstUse } from './first-use';
import type { Random } from './random';
import { base32Decode, base32Encode } from './seed';
import { checkTypedLine, splitSeedIntoLines } from './seed-line-check';
import type { SeedLine, TypedLineVerdict, TypedSeedLine } from './seed-line-check';

/**
 * m-of-n shares of a master key nobody sees whole.
 *
 * Strongroom draws a random 256-bit master key for one role (vault or seed store), splits it with Shamir's
 * scheme (the audited `shamir-secret-sharing` package, GF(2^8), no dependencies) and prints one card per holder.
 * Any `threshold` cards give the key back; fewer give nothing. The key becomes the KDBX password as a typable
 * string (see masterKeyPassphrase), so a vault opened with shares still opens in KeePassXC once the key is known.
 *
 * Each card carries, besides its Shamir share, who it belongs with: the role, the generation, the threshold, the
 * number of cards, its own number, an id shared by the whole set, and a short check of the key. So a card from
 * another set, role or generation is refused in words before anything is combined, and a set that combines to a
 * wrong key (a damaged card that still passed its line checks) is caught rather than tried against the vault.
 * On paper the card is base32 in lines of four groups of four with the same GF(32) check value per line as the
 * paper seed backup, so a mistyped line is named the moment it is typed.
 */

// shamir-secret-sharing is read when a set of cards is drawn or combined, not at import: every `strongroom`
// process imports this module through the app layer, while only key-card commands use it.
const shamir = packageOnFirstUse<typeof ShamirSecretSharing>('shamir-secret-sharing');

export const MASTER_KEY_BYTES = 32;
/** Cards are handed to people; beyond this a set is no longer something custodians can keep track of. */
export const MAX_SHARE_HOLDERS = 16;
export const SHARE_QR_PREFIX = 'STRONGROOM-SHARE:';

export type ShareRole = MediumRole;

const FORMAT_VERSION = 1;
const ROLE_CODE: Record<ShareRole, number> = { vault: 1, seed: 2 };
const SET_ID_BYTES = 8;
const CHECK_BYTES = 4;
const SHAMIR_SHARE_BYTES = MASTER_KEY_BYTES + 1;
// version, role, generation (4), threshold, count, number, set id, key check, share, payload check
const HEADER_BYTES = 1 + 1 + 4 + 1 + 1 + 1;
const PAYLOAD_BYTES = HEADER_BYTES + SET_ID_BYTES + CHECK_BYTES + SHAMIR_SHARE_BYTES + CHECK_BYTES;
/** Characters of base32 on a card, and the lines they make on paper. */
export const SHARE_TEXT_LENGTH = Math.ceil((PAYLOAD_BYTES * 8) / 5);
export const SHARE_LINE_COUNT = splitSeedIntoLines('A'.repeat(SHARE_TEXT_LENGTH)).length;

export interface ShareScheme {
  readonly role: ShareRole;
  readonly generation: number;
  /** Cards needed to open (k). */
  readonly threshold: number;
  /** Cards printed (n). */
  readonly shares: number;
}

export interface MasterKeyShare extends ShareScheme {
  /** 1..shares, as printed: "share 2 of 3". */
  readonly number: number;
  /** 16 hex characters naming the set; every card of one split shows it. */
  readonly setId: string;
  /** The card's characters without spaces (base32). */
  readonly text: string;
  readonly lines: readonly SeedLine[];
  /** What the card's QR code holds. */
  readonly qrText: string;
}

function hash(label: string, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256').update(label);
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

function keyCheck(setId: Uint8Array, key: Uint8Array): Uint8Array {
  return hash('strongroom master key check v1\n', setId, key).subarray(0, CHECK_BYTES);
}

function payloadCheck(body: Uint8Array): Uint8Array {
  return hash('strongroom master key share v1\n', body).subarray(0, CHECK_BYTES);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

function scheme(error: string): StrongroomError {
  return new StrongroomError(ErrorCode.InvalidShareScheme, error);
}

function checkScheme(s: ShareScheme): void {
  if (!Number.isInteger(s.generation) || s.generation < 1 || s.generation > 0xffffffff) throw scheme('The generation must be a whole number from 1 up.');
  if (!Number.isInteger(s.shares) || s.shares < 2 || s.shares > MAX_SHARE_HOLDERS) throw scheme(`There must be 2 to ${MAX_SHARE_HOLDERS} share holders.`);
  if (!Number.isInteger(s.threshold) || s.threshold < 2 || s.threshold > s.shares) {
    throw scheme(`The number of holders needed must be at least 2 and at most the ${s.shares} holders; ${s.threshold} was asked for.`);
  }
}

/** A fresh master key from the injected source: platform/crypto-random in production. */
export function drawMasterKey(random: Random): Uint8Array {
  const key = random.bytes(MASTER_KEY_BYTES);
  if (key.length !== MASTER_KEY_BYTES) throw new RangeError('The random source returned the wrong number of bytes');
  return key;
}

/**
 * The key as the KDBX password: its base32 in 13 groups of four joined by hyphens, e.g. "ABCD-EFGH-…-WXYZ".
 * Upper-case letters, the digits 2–7 and hyphens only, so it survives any keyboard layout and can be typed into
 * KeePassXC's password field exactly as Strongroom would pass it.
 */
export function masterKeyPassphrase(key: Uint8Array): string {
  if (key.length !== MASTER_KEY_BYTES) throw new RangeError(`a master key has ${MASTER_KEY_BYTES} bytes`);
  return (base32Encode(key).match(/.{1,4}/g) ?? []).join('-');
}

function encode(s: ShareScheme, number: number, setId: Uint8Array, check: Uint8Array, shamirShare: Uint8Array): MasterKeyShare {
  const body = new Uint8Array(PAYLOAD_BYTES - CHECK_BYTES);
  const view = new DataView(body.buffer);
  body[0] = FORMAT_VERSION;
  body[1] = ROLE_CODE[s.role];
  view.setUint32(2, s.generation);
  body[6] = s.threshold;
  body[7] = s.shares;
  body[8] = number;
  body.set(setId, HEADER_BYTES);
  body.set(check, HEADER_BYTES + SET_ID_BYTES);
  body.set(shamirShare, HEADER_BYTES + SET_ID_BYTES + CHECK_BYTES);
  const payload = new Uint8Array(PAYLOAD_BYTES);
  payload.set(body);
  payload.set(payloadCheck(body), body.length);
  const text = base32Encode(payload);
  return { ...s, number, setId: hex(setId), text, lines: splitSeedIntoLines(text), qrText: `${SHARE_QR_PREFIX}${text}` };
}

/** Splits `key` into `scheme.shares` cards, any `scheme.threshold` of which give it back. */
export async function splitMasterKey(key: Uint8Array, s: ShareScheme, random: Random): Promise<MasterKeyShare[]> {
  checkScheme(s);
  if (key.length !== MASTER_KEY_BYTES) throw new RangeError(`a master key has ${MASTER_KEY_BYTES} bytes`);
  const setId = random.bytes(SET_ID_BYTES);
  const check = keyCheck(setId, key);
  // The package draws the polynomial coefficients from the operating system's CSPRNG itself.
  const parts = await shamir().split(key, s.shares, s.threshold);
  return parts.map((part, index) => encode(s, index + 1, setId, check, part));
}

interface DecodedShare {
  readonly share: MasterKeyShare;
  readonly setIdBytes: Uint8Array;
  readonly check: Uint8Array;
  readonly shamirShare: Uint8Array;
}

function unreadable(message: string): StrongroomError {
  return new StrongroomError(ErrorCode.ShareUnreadable, message);
}

function decodeText(text: string): DecodedShare {
  if (text.length !== SHARE_TEXT_LENGTH || !/^[A-Z2-7]+$/.test(text)) {
    throw unreadable(`A share card holds ${SHARE_TEXT_LENGTH} characters (A–Z and 2–7); this one does not. Type or scan the whole card again.`);
  }
  const payload = base32Decode(text);
  const body = payload.subarray(0, PAYLOAD_BYTES - CHECK_BYTES);
  if (!equalBytes(payloadCheck(body), payload.subarray(PAYLOAD_BYTES - CHECK_BYTES))) {
    throw unreadable('Every line passes its own check, but together they are not one card: lines from two cards may be mixed. Type each card on its own, in the printed order.');
  }
  if (body[0] !== FORMAT_VERSION) throw unreadable('This card was made by a newer Strongroom. Use that version to combine the shares.');
  const role = body[1] === ROLE_CODE.vault ? 'vault' : body[1] === ROLE_CODE.seed ? 'seed' : null;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const fields = { generation: view.getUint32(2), threshold: body[6]!, shares: body[7]!, number: body[8]! };
  if (!role || fields.threshold < 2 || fields.threshold > fields.shares || fields.number < 1 || fields.number > fields.shares) {
    throw unreadable('This card’s details do not make sense (role, holders needed or share number). It is damaged or not a Strongroom card.');
  }
  const setIdBytes = body.slice(HEADER_BYTES, HEADER_BYTES + SET_ID_BYTES);
  const check = body.slice(HEADER_BYTES + SET_ID_BYTES, HEADER_BYTES + SET_ID_BYTES + CHECK_BYTES);
  const shamirShare = body.slice(HEADER_BYTES + SET_ID_BYTES + CHECK_BYTES);
  return { share: { role, ...fields, setId: hex(setIdBytes), text, lines: splitSeedIntoLines(text), qrText: `${SHARE_QR_PREFIX}${text}` }, setIdBytes, check, shamirShare };
}

/** What the custodian reads for a refused line; it names the line and where, never what was typed. */
function lineSentence(verdict: Extract<TypedLineVerdict, { ok: false }>): string {
  const n = verdict.lineNumber;
  switch (verdict.problem) {
    case 'empty':
      return `Line ${n} is empty: type the four groups printed on line ${n} of the card.`;
    case 'bad-character':
      return `Line ${n}, group ${verdict.group}, character ${verdict.characterInGroup} is not one a card uses (only A–Z and 2–7; a round character is the letter O, a straight stroke the letter I).`;
    case 'too-long':
    case 'too-short':
      return `Line ${n} has the wrong number of characters: every line but the last has 16 (four groups of four). Look for a character typed twice or skipped.`;
    case 'check-length':
    case 'bad-check-character':
      return `The check value of line ${n} must be the two characters printed after "check" on that line (A–Z and 2–7).`;
    case 'line-out-of-order':
      return `What you typed as line ${n} passes the check of line ${verdict.matchesLine}: type the lines in the order they are printed.`;
    default:
      return `Line ${n} does not match its check value: compare it group by group with the card.`;
  }
}

/** Checks one typed line of a card at once, so the custodian hears about a typo before typing on. */
export function checkTypedShareLine(lineNumber: number, typed: TypedSeedLine): { ok: true } | { ok: false; message: string } {
  const verdict = checkTypedLine(lineNumber, SHARE_LINE_COUNT, typed.text, typed.check);
  return verdict.ok ? { ok: true } : { ok: false, message: lineSentence(verdict) };
}

/** A card as typed: every line checked on its own, then the whole card. The error never quotes what was typed. */
export function decodeTypedShare(lines: readonly TypedSeedLine[]): MasterKeyShare {
  if (lines.length !== SHARE_LINE_COUNT) {
    throw unreadable(`A share card has ${SHARE_LINE_COUNT} lines; ${lines.length} were typed. Type every line of the card, in order.`);
  }
  const problems: string[] = [];
  const wrong: number[] = [];
  const texts: string[] = [];
  lines.forEach((line, index) => {
    const verdict = checkTypedLine(index + 1, SHARE_LINE_COUNT, line.text, line.check);
    if (verdict.ok) texts.push(verdict.text);
    else {
      problems.push(lineSentence(verdict));
      wrong.push(index + 1);
    }
  });
  if (problems.length > 0) throw new StrongroomError(ErrorCode.ShareLineWrong, problems.join(' '), { lines: wrong.join(', ') });
  return decodeText(texts.join('')).share;
}

/** A card as its QR code reads. */
export function decodeScannedShare(qrText: string): MasterKeyShare {
  const trimmed = qrText.trim();
  if (!trimmed.startsWith(SHARE_QR_PREFIX)) throw unreadable('That QR code is not a Strongroom share card. Scan the code printed on the card.');
  return decodeText(trimmed.slice(SHARE_QR_PREFIX.length)).share;
}

const ROLE_WORDS: Record<ShareRole, string> = { vault: 'the vault', seed: 'the seed store' };

/**
 * The master key from at least `threshold` cards of one set. Cards of another role, generation or set, and a
 * card given twice, are refused with a sentence naming the card; the combined key must match the set's key
 * check, or nothing is returned.
 */
export async function combineShares(cards: readonly MasterKeyShare[]): Promise<Uint8Array> {
  const first = cards[0];
  if (!first) throw new StrongroomError(ErrorCode.SharesTooFew, 'No share card was given. Type or scan the cards of the holders present.');
  const decoded = cards.map((card) => decodeText(card.text));
  const base = decoded[0]!.share;
  decoded.forEach(({ share }, index) => {
    const which = `Card ${index + 1} (share ${share.number} of ${share.shares})`;
    if (share.role !== base.role) {
      throw new StrongroomError(ErrorCode.ShareFromAnotherSet, `${which} is a share of ${ROLE_WORDS[share.role]}, the first card of ${ROLE_WORDS[base.role]}. Use the cards of one role only.`, { card: index + 1 });
    }
    if (share.generation !== base.generation) {
      throw new StrongroomError(
        ErrorCode.ShareFromAnotherSet,
        `${which} belongs to generation ${share.generation}, the first card to generation ${base.generation}. Old cards stop working when the passphrase changes: use the newest set.`,
        { card: index + 1 },
      );
    }
    if (share.setId !== base.setId || share.threshold !== base.threshold || share.shares !== base.shares) {
      throw new StrongroomError(ErrorCode.ShareFromAnotherSet, `${which} belongs to another set of cards (set ${share.setId}, not ${base.setId}). Use cards of one set only.`, { card: index + 1 });
    }
  });
  const numbers = new Set<number>();
  for (const [index, { share }] of decoded.entries()) {
    if (numbers.has(share.number)) {
      throw new StrongroomError(ErrorCode.ShareTypedTwice, `Share ${share.number} of ${share.shares} was given twice (card ${index + 1}). Each holder gives their own card once.`, { card: index + 1 });
    }
    numbers.add(share.number);
  }
  if (decoded.length < base.threshold) {
    throw new StrongroomError(
      ErrorCode.SharesTooFew,
      `${base.threshold} of the ${base.shares} cards are needed to open ${ROLE_WORDS[base.role]}; ${decoded.length} ${decoded.length === 1 ? 'was' : 'were'} given. Bring another holder.`,
      { needed: base.threshold, given: decoded.length },
    );
  }
  const key = await shamir().combine(decoded.map((d) => d.shamirShare));
  if (!equalBytes(keyCheck(decoded[0]!.setIdBytes, key), decoded[0]!.check)) {
    key.fill(0);
    throw new StrongroomError(ErrorCode.SharesDoNotCombine, 'The cards do not combine to this set’s master key: one of them is damaged or altered. Try another holder’s card, and tell the security lead.');
  }
  return key;
}
