import { ErrorCode, StrongroomError } from './errors';

/**
 * Hardware MFA tokens kept in the safe for root users: FIDO security keys and hardware TOTP display tokens. The
 * inventory holds what identifies a token (kind, make, model, serial, FIDO AAGUID), where it is kept, its state,
 * and which accounts it is registered on — never a secret (a display token's seed stays with AWS and the token).
 */
export type TokenKind = 'fido' | 'totp';
export type TokenState = 'in-safe' | 'checked-out' | 'lost' | 'revoked' | 'destroyed';
export const TOKEN_KINDS: readonly TokenKind[] = ['fido', 'totp'];
export const TOKEN_STATES: readonly TokenState[] = ['in-safe', 'checked-out', 'lost', 'revoked', 'destroyed'];
/** How a token was last seen: read over USB, or its printed serial typed. */
export type TokenSeenHow = 'hid' | 'typed-serial';

/** What the inventory records of one token: the catalog's row and every view of it carry these same facts. */
export interface TokenFacts {
  readonly tokenId: string;
  readonly kind: TokenKind;
  readonly make: string;
  readonly model: string;
  readonly serial: string;
  readonly aaguid: string | null;
  readonly location: string;
  readonly state: TokenState;
  readonly stateReason: string | null;
  readonly stateChangedAt: string;
  readonly stateChangedBy: string;
  readonly addedAt: string;
  readonly addedBy: string;
  readonly lastSeenAt: string | null;
  readonly lastSeenHow: TokenSeenHow | null;
}

/** A token as a rule about who may hold it reads it: which one, where it is kept, and who has it out until when. */
export interface TokenWhereabouts extends Pick<TokenFacts, 'tokenId' | 'kind' | 'model' | 'serial' | 'location' | 'state'> {
  readonly checkout: { readonly custodians: readonly string[]; readonly checkedOutAt: string; readonly dueAt: string } | null;
}

/** AWS lets one root user register at most eight MFA devices (virtual, FIDO and hardware TOTP together). */
export const AWS_MAX_MFA_DEVICES = 8;
export const TOKEN_SERIAL_MAX = 64;
export const TOKEN_TEXT_MAX = 200;
export const TOKEN_REASON_MAX = 500;

export function tokenKindWords(kind: TokenKind): string {
  return kind === 'fido' ? 'FIDO security key' : 'hardware TOTP display token';
}

export function tokenStateWords(state: TokenState): string {
  switch (state) {
    case 'in-safe':
      return 'in the safe';
    case 'checked-out':
      return 'checked out';
    case 'lost':
      return 'lost';
    case 'revoked':
      return 'revoked';
    case 'destroyed':
      return 'destroyed';
  }
}

/** Lost, revoked and destroyed tokens no longer protect anything: they stop counting as MFA devices. */
export function tokenCounts(state: TokenState): boolean {
  return state === 'in-safe' || state === 'checked-out';
}

const KIND_WORDS: Readonly<Record<string, TokenKind>> = {
  fido: 'fido',
  fido2: 'fido',
  u2f: 'fido',
  'security-key': 'fido',
  webauthn: 'fido',
  totp: 'totp',
  display: 'totp',
  'hardware-totp': 'totp',
  'totp-display': 'totp',
};

export function parseTokenKind(raw: string): TokenKind {
  const kind = KIND_WORDS[raw.trim().toLowerCase()];
  if (!kind) {
    throw new StrongroomError(
      ErrorCode.InvalidTokenDetails,
      `"${raw.trim().slice(0, 40)}" is not a kind of token Strongroom knows. Say "fido" for a FIDO security key (such as a YubiKey) or "totp" for a hardware TOTP display token.`,
    );
  }
  return kind;
}

const TOKEN_ID = /^TOKEN-(\d{2,4})$/;

export function validateTokenId(raw: string): string {
  const id = raw.trim().toUpperCase();
  if (!TOKEN_ID.test(id)) {
    throw new StrongroomError(ErrorCode.TokenNotFound, `"${raw.trim().slice(0, 40)}" is not a token id. Token ids look like TOKEN-07; "strongroom tokens list" shows them.`);
  }
  return id;
}

/** The next id after every one ever used: ids of destroyed tokens are never reused, the audit trail names them. */
export function nextTokenId(used: readonly string[]): string {
  const numbers = used.map((id) => Number(TOKEN_ID.exec(id)?.[1] ?? 0));
  return `TOKEN-${String(Math.max(0, ...numbers) + 1).padStart(2, '0')}`;
}

export interface TokenSerial {
  /** As it will be shown and printed: trimmed, single spaces. */
  readonly display: string;
  /** What two serials are compared by: upper case, separators dropped, leading zeros of a number dropped. */
  readonly comparable: string;
}

const SERIAL_SEPARATORS = /[ ._\-/:#]/g;

/**
 * A serial as typed or read. Typed serials differ in case, spacing and dashes from what a label shows, and a
 * YubiKey's serial read over USB is a number where its label may pad it with zeros, so comparison ignores those.
 * Only ASCII letters and digits count, so a look-alike letter from another alphabet cannot pass for a serial.
 */
export function normaliseTokenSerial(raw: string): TokenSerial {
  const trimmed = raw.normalize('NFKC').trim();
  // A line break or invisible character inside a serial is a paste gone wrong, not a separator.
  if (/[\p{Cc}\p{Cf}]/u.test(trimmed)) {
    throw new StrongroomError(ErrorCode.InvalidTokenSerial, 'That serial contains a line break or an invisible character. Type it again from the token itself.');
  }
  const display = trimmed.replace(/ +/g, ' ');
  if (display === '') {
    throw new StrongroomError(ErrorCode.InvalidTokenSerial, 'The token serial is missing. Type the serial printed on the token (a YubiKey has it on the back).');
  }
  if (display.length > TOKEN_SERIAL_MAX) {
    throw new StrongroomError(ErrorCode.InvalidTokenSerial, `That serial has ${display.length} characters; token serials have at most ${TOKEN_SERIAL_MAX}. Check it was typed once, not twice.`);
  }
  if (/[^A-Za-z0-9 ._\-/:#]/.test(display)) {
    throw new StrongroomError(
      ErrorCode.InvalidTokenSerial,
      'A token serial has only letters A–Z, digits and separators (space - . / : #). Type it again from the token itself.',
    );
  }
  let comparable = display.toUpperCase().replace(SERIAL_SEPARATORS, '');
  if (comparable === '') throw new StrongroomError(ErrorCode.InvalidTokenSerial, 'That serial has no letters or digits. Type the serial printed on the token.');
  if (/^\d+$/.test(comparable)) comparable = comparable.replace(/^0+(?=\d)/, '');
  return { display, comparable };
}

/** Free text for make, model and location: trimmed, no control characters that could forge lines in a report. */
export function validateTokenText(raw: string, what: string, options: { required: boolean; max?: number }): string {
  const text = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const max = options.max ?? TOKEN_TEXT_MAX;
  if (text === '' && options.required) throw new StrongroomError(ErrorCode.InvalidTokenDetails, `The ${what} is missing.`);
  if (text.length > max) throw new StrongroomError(ErrorCode.InvalidTokenDetails, `The ${what} has ${text.length} characters; at most ${max} fit.`);
  if (/[\p{Cc}\p{Cf}]/u.test(text)) throw new StrongroomError(ErrorCode.InvalidTokenDetails, `The ${what} contains invisible control characters. Type it again.`);
  return text;
}

export function validateTokenReason(raw: string): string {
  const reason = validateTokenText(raw, 'reason', { required: false, max: TOKEN_REASON_MAX });
  if (reason.length < 3) {
    throw new StrongroomError(ErrorCode.InvalidTokenDetails, 'Give the reason in a few words (for example "break-glass for the legal-hold account" or "left in a taxi"); it goes on the audit trail.');
  }
  return reason;
}

export type TokenAction = 'check out' | 'check in' | 'report lost' | 'revoke' | 'destroy' | 'register on an account';

/**
 * Which state each action starts from. A lost token is not destroyed (nobody holds it), a checked-out token is
 * checked in or reported lost before anything else happens to it, and only a token in the safe or already
 * revoked may be destroyed.
 */
const ALLOWED_FROM: Readonly<Record<TokenAction, readonly TokenState[]>> = {
  'check out': ['in-safe'],
  'check in': ['checked-out'],
  'report lost': ['in-safe', 'checked-out'],
  revoke: ['in-safe', 'lost'],
  destroy: ['in-safe', 'revoked'],
  'register on an account': ['in-safe', 'checked-out'],
};

export function checkTokenAction(tokenId: string, state: TokenState, action: TokenAction): void {
  if (ALLOWED_FROM[action].includes(state)) return;
  const hint =
    state === 'checked-out'
      ? ' Check it back in first, or report it lost.'
      : state === 'in-safe'
        ? action === 'check in'
          ? ' It is not checked out.'
          : ''
        : ` A ${tokenStateWords(state)} token stays ${tokenStateWords(state)}; add a replacement token instead.`;
  throw new StrongroomError(ErrorCode.TokenStateRefused, `${tokenId} is ${tokenStateWords(state)}, so it cannot ${action === 'register on an account' ? 'be registered on an account' : `be ${pastTense(action)}`}.${hint}`, {
    tokenId,
    state,
  });
}

function pastTense(action: Exclude<TokenAction, 'register on an account'>): string {
  return { 'check out': 'checked out', 'check in': 'checked in', 'report lost': 'reported lost', revoke: 'revoked', destroy: 'destroyed' }[action];
}
