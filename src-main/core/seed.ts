import { ErrorCode, StrongroomError } from './errors';

/**
 * A virtual-MFA (TOTP) seed as Strongroom keeps it: canonical base32 text, with the parameters AWS uses.
 * AWS virtual MFA is always SHA-1, 6 digits, 30 seconds, so anything else cannot be an AWS seed and is refused
 * rather than kept and found wrong at the safe.
 */
export interface Seed {
  /** Upper-case RFC 4648 base32, no padding, no spaces. Secret: never log it or put it in a message. */
  readonly base32: string;
  /** What the custodian pasted, so the screen can say e.g. "decoded from AWS's Base32StringSeed". */
  readonly source: SeedSource;
  readonly digits: 6;
  readonly period: 30;
}

export type SeedSource = 'base32' | 'otpauth-uri' | 'aws-base32-string-seed';

/** RFC 4226 asks for at least 128 bits; 80 is the floor below which a seed is refused outright. */
export const MIN_SEED_BITS = 80;
/** Longer than any authenticator seed in use; also otplib's own upper bound. */
export const MAX_SEED_BYTES = 64;
/** What AWS issues: 40 random bytes, 64 base32 characters. */
export const AWS_SEED_BASE32_LENGTH = 64;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Algorithms an otpauth link may name, which a message may therefore repeat without risk of repeating a seed. */
const KNOWN_ALGORITHMS = new Set(['SHA1', 'SHA256', 'SHA512', 'MD5']);

function invalid(message: string, details: Record<string, string | number | boolean> = {}): StrongroomError {
  return new StrongroomError(ErrorCode.InvalidSeed, message, details);
}

/** Unpadded upper-case base32 of the given bytes. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes canonical base32 (upper case, no padding, as produced by `cleanBase32`). Leftover low bits in the last
 * character are ignored, as oathtool and KeePassXC do: some issuers draw seeds as random characters rather than
 * random bytes, so those bits are not always zero.
 */
export function base32Decode(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of text) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new RangeError('not canonical base32');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

/** The seed's key bytes, for the TOTP computation. */
export function seedBytes(seed: Pick<Seed, 'base32'>): Uint8Array {
  return base32Decode(seed.base32);
}

// 1, 3 or 6 characters left over after whole 8-character groups cannot come from any number of bytes.
const IMPOSSIBLE_REMAINDERS = new Set([1, 3, 6]);

/**
 * Turns typed or pasted base32 into canonical form. Lower case, spaces, hyphens (AWS and many issuers show
 * seeds in groups) and trailing `=` padding are accepted. Any other character is refused naming its position
 * in what was pasted; the character itself is not repeated, because even a mistyped seed is secret.
 */
function cleanBase32(raw: string, where: string, offset = 0): string {
  let out = '';
  let padding = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    const position = offset + i + 1;
    if (ch === ' ' || ch === '-' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (ch === '=') {
      padding = true;
      continue;
    }
    // ASCII only: toUpperCase would turn a Turkish dotless i or a long s into I or S.
    const upper = /^[a-z]$/.test(ch) ? ch.toUpperCase() : ch;
    if (padding || !ALPHABET.includes(upper)) {
      const hint = padding
        ? 'Padding (=) may only come at the very end.'
        : /[0189]/.test(ch)
          ? 'Seeds never contain the digits 0, 1, 8 or 9: check whether the letter O, I, L or B was meant.'
          : 'Seeds contain only the letters A to Z and the digits 2 to 7.';
      throw invalid(`Character ${position} of ${where} cannot be part of a seed. ${hint}`, { position });
    }
    out += upper;
  }
  if (out === '') throw invalid(`${capitalise(where)} is empty. Paste the seed AWS showed when the MFA device was created.`);
  if (IMPOSSIBLE_REMAINDERS.has(out.length % 8)) {
    throw invalid(
      `${capitalise(where)} has ${out.length} seed characters, which cannot be a whole seed: a character is missing or one too many. AWS seeds have ${AWS_SEED_BASE32_LENGTH}.`,
      { length: out.length },
    );
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkLength(base32: string): void {
  const bits = Math.floor((base32.length * 5) / 8) * 8;
  if (bits < MIN_SEED_BITS) {
    throw invalid(
      `This seed is too short: it holds ${bits} bits and Strongroom needs at least ${MIN_SEED_BITS} (16 characters). ` +
        `AWS seeds have ${AWS_SEED_BASE32_LENGTH} characters: check that the whole seed was copied.`,
      { bits },
    );
  }
  if (bits / 8 > MAX_SEED_BYTES) {
    throw invalid(
      `This is longer than any MFA seed (${base32.length} characters). AWS seeds have ${AWS_SEED_BASE32_LENGTH}: check that nothing else was pasted with it.`,
      { length: base32.length },
    );
  }
}

function fromBase32(raw: string, source: SeedSource, where: string, offset = 0): Seed {
  const base32 = cleanBase32(raw, where, offset);
  checkLength(base32);
  return { base32, source, digits: 6, period: 30 };
}

/**
 * `aws iam create-virtual-mfa-device` prints Base32StringSeed as base64 of the base32 text (the API field is a
 * blob), so a custodian copying it from the CLI's JSON gets something like "S1FaVk...==". Returns the base32
 * text inside, or undefined when the input is not that.
 */
function unwrapAwsBase32StringSeed(text: string): string | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  let decoded: string;
  try {
    decoded = atob(text);
  } catch {
    return undefined;
  }
  // Random base32 happening to decode as base64 into nothing but base32 characters is vanishingly unlikely
  // (each of 10+ bytes would have to land in 33 of 256 values), so this does not mistake a plain seed.
  return decoded.length >= 16 && /^[A-Z2-7]+=*$/.test(decoded) ? decoded : undefined;
}

function fromOtpauthUri(text: string): Seed {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('This otpauth:// link is damaged and cannot be read. Copy the whole link again.');
  }
  const kind = url.hostname.toLowerCase();
  if (kind === 'hotp') {
    throw invalid('This link is for a counter-based (HOTP) code. AWS virtual MFA uses time-based codes (TOTP): use the seed AWS showed for this account.');
  }
  if (kind !== 'totp') throw invalid('This otpauth:// link is not for a time-based code (TOTP), so it cannot be an AWS MFA seed.');
  const params = url.searchParams;
  // A parameter's value is repeated in a message only when it has the shape of that parameter: a typo such as a
  // missing '&' would otherwise run the secret into it ("digits=6secret=JBSW...") and echo the seed.
  const algorithm = (params.get('algorithm') ?? 'SHA1').toUpperCase().replace('-', '');
  if (algorithm !== 'SHA1') {
    const named = KNOWN_ALGORITHMS.has(algorithm);
    throw invalid(
      named
        ? `This link uses the ${algorithm} algorithm. AWS virtual MFA uses SHA1 only, so this is not an AWS seed.`
        : "This link's algorithm parameter is not SHA1 (or is damaged). AWS virtual MFA uses SHA1 only: copy the whole link again.",
      { parameter: 'algorithm', ...(named ? { algorithm } : {}) },
    );
  }
  const digits = params.get('digits') ?? '6';
  if (digits !== '6') {
    const shown = /^\d{1,2}$/.test(digits);
    throw invalid(
      shown
        ? `This link makes ${digits}-digit codes. AWS virtual MFA uses 6 digits, so this is not an AWS seed.`
        : "This link's digits parameter is not a number of digits (it may be damaged). AWS virtual MFA uses 6: copy the whole link again.",
      { parameter: 'digits', ...(shown ? { digits } : {}) },
    );
  }
  const period = params.get('period') ?? '30';
  if (period !== '30') {
    const shown = /^\d{1,5}$/.test(period);
    throw invalid(
      shown
        ? `This link changes its code every ${period} seconds. AWS virtual MFA uses 30 seconds, so this is not an AWS seed.`
        : "This link's period parameter is not a number of seconds (it may be damaged). AWS virtual MFA uses 30: copy the whole link again.",
      { parameter: 'period', ...(shown ? { period } : {}) },
    );
  }
  const secret = params.get('secret');
  if (secret === null || secret.trim() === '') throw invalid('This otpauth:// link has no secret in it. Copy the whole link again.');
  return fromBase32(secret, 'otpauth-uri', 'the secret in the link');
}

/**
 * Reads a TOTP seed in any form a custodian is likely to paste: plain base32 (as AWS shows it, possibly in lower
 * case or groups), an otpauth://totp/ link (from a QR code or KeePassXC), or the Base32StringSeed that the AWS
 * CLI prints (base64-wrapped base32).
 */
export function parseSeed(input: string): Seed {
  const text = input.trim();
  if (/^otpauth:/i.test(text)) return fromOtpauthUri(text);
  const wrapped = unwrapAwsBase32StringSeed(text);
  if (wrapped !== undefined) return fromBase32(wrapped, 'aws-base32-string-seed', "the seed inside AWS's Base32StringSeed");
  const leading = input.length - input.trimStart().length;
  return fromBase32(text, 'base32', 'the seed', leading);
}
