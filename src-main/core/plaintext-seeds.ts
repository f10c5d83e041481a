import { parseCsv } from './csv';
import { parseSeed } from './seed';

/**
 * Recognises MFA seeds in plain text by their content, whatever the file is called and however it is laid out,
 * so a seed export left on a vault stick is found. It never returns a seed or any part of one: only which rule
 * matched and where (line, column).
 *
 * The rules, strongest first:
 *  1. otpauth-uri: an otpauth:// link, also percent-encoded (otpauth%3A%2F%2F) inside another link.
 *  2. labelled-seed: a value Strongroom's own seed parser accepts (base32 in any case or grouping, an otpauth
 *     link, AWS's Base32StringSeed) that a label names as a seed: a table column headed like "MFA Seed",
 *     "Secret" or "Base32StringSeed" in a CSV/TSV/semicolon/pipe table, a JSON key of that name, or a
 *     "seed: ..." / "secret = ..." line. This covers every file the account import takes seeds from.
 *  3. paper-seed-line: a line as Strongroom prints it on the paper backup ("2  ABCD EFGH IJKL MNOP  check K7").
 *  4. aws-base32-string-seed: a base64 word that decodes to base32 text of seed length, which is how the AWS CLI
 *     prints Base32StringSeed. Random base64 almost never decodes to nothing but base32 characters.
 *  5. seed-like-value (not applied to Strongroom's own label files, see the scanner): a word of 16 to 103 base32
 *     characters (a length base32 can have), all upper or all lower case, with at least one letter and one digit
 *     2-7, standing alone (not part of a longer run of letters, digits, + or /), or the same in groups of four
 *     separated by single spaces or hyphens with at least one group mixing letters and digits.
 *
 * Why rule 5 is drawn there, for identifiers that are not seeds:
 *  - hex (hashes, MAC addresses), decimal numbers and UUIDs are never matched: base32 has no 0, 1, 8 or 9, and a
 *    random hex string of 16 or more characters holds one of those with a chance above 99%;
 *  - base64 and other mixed-case identifiers are never matched: seeds are shown in one case;
 *  - prose is not matched: a word needs both letters and digits 2-7, and grouped words need a group mixing both;
 *  - AWS access key ids (AKIA..., ASIA..., 20 characters) are base32 by design and are recognised by their
 *    prefix and left alone;
 *  - an identifier that is itself base32 of seed length with digits (a 32-character base32 device id, a Tor
 *    address) is treated as a seed on purpose: nothing in the text tells it apart from one, and the cost of a
 *    false alarm is moving one file off a stick, while the cost of a miss is a vault beside its seeds.
 * A seed of letters only is missed by rule 5 (for AWS's 64-character seeds the chance of no digit is about 2 in a
 * million) unless a label, a link or the paper layout gives it away. Archives, encrypted containers and PDFs
 * other than Strongroom's own paper backup are not looked into.
 */

export type PlaintextSeedRule = 'otpauth-uri' | 'labelled-seed' | 'paper-seed-line' | 'aws-base32-string-seed' | 'seed-like-value';

export interface PlaintextSeedEvidence {
  readonly rule: PlaintextSeedRule;
  /** 1-based line of the text. */
  readonly line: number;
  /** A phrase for the custodian, e.g. "an otpauth:// link on line 3"; never any part of the value. */
  readonly description: string;
}

export interface SeedSearchOptions {
  /** Only rules 1-4: for Strongroom's own label files, which carry device serials and hashes rule 5 cannot tell apart. */
  readonly strongRulesOnly?: boolean;
}

const OTPAUTH = /otpauth(?::|%3a)(?:\/\/|%2f%2f)/i;

/** Labels (compared lowercase without spaces, dashes, underscores or dots) that name a seed value. */
const SEED_LABELS = new Set([
  'seed', 'mfaseed', 'totpseed', 'otpseed', 'mfasecret', 'totpsecret', 'otpsecret', 'secret', 'secretkey', 'base32',
  'base32seed', 'base32secret', 'base32stringseed', 'totp', 'otp', 'mfa', 'mfakey', '2fa', '2fasecret', '2faseed',
  'twofactorsecret', 'authenticatorkey', 'authenticatorsecret', 'virtualmfaseed', 'otpauth',
]);

/** AWS access key id prefixes: these 20-character ids are base32 by design and are not seeds. */
const AWS_KEY_ID = /^(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA|ABIA|ACCA)[A-Z2-7]{16}$/;

const DELIMITERS = [',', ';', '\t', '|'] as const;

function normaliseLabel(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/^["']|["']$/g, '').replace(/[\s_.-]/g, '').toLowerCase();
}

function isSeedLabel(text: string): boolean {
  return SEED_LABELS.has(normaliseLabel(text));
}

/** Whether Strongroom's seed parser takes this value as a seed (it never throws out of here). */
function parsesAsSeed(value: string): boolean {
  const text = value.trim().replace(/^'(?=[=+\-@])/, '');
  if (text.length < 16 || text.length > 600) return false;
  try {
    parseSeed(text);
    return true;
  } catch {
    return false;
  }
}

/** Splits one line on a delimiter, honouring double quotes as CSV writes them (not across lines). */
function splitCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** Rows of cells with their line numbers: RFC 4180 CSV when the text is that (quoted cells may span lines). */
function tableRows(text: string, lines: readonly string[], delimiter: string): { line: number; cells: readonly string[] }[] {
  if (delimiter === ',') {
    try {
      return parseCsv(text).map((record) => ({ line: record.line, cells: record.cells }));
    } catch {
      // Not well-formed CSV: fall back to reading it line by line.
    }
  }
  return lines.flatMap((line, index) => (line.includes(delimiter) ? [{ line: index + 1, cells: splitCells(line, delimiter) }] : []));
}

function tableRule(text: string, lines: readonly string[]): PlaintextSeedEvidence | null {
  for (const delimiter of DELIMITERS) {
    let columns: number[] = [];
    for (const { line, cells } of tableRows(text, lines, delimiter)) {
      const index = line - 1;
      const labelled = cells.flatMap((cell, column) => (isSeedLabel(cell) ? [column] : []));
      // A row that names seed columns is a header: the rows under it are read by those columns.
      if (labelled.length > 0) {
        columns = labelled;
        continue;
      }
      for (const column of columns) {
        const cell = cells[column];
        if (cell !== undefined && parsesAsSeed(cell)) {
          return { rule: 'labelled-seed', line: index + 1, description: `a seed in a column headed as one, on line ${index + 1} (column ${column + 1})` };
        }
      }
    }
  }
  return null;
}

const KEY_VALUE = /^\s*["']?([A-Za-z0-9][A-Za-z0-9 _.-]{0,39})["']?\s*[:=]\s*(.*)$/;

function keyValueRule(lines: readonly string[]): PlaintextSeedEvidence | null {
  for (let index = 0; index < lines.length; index += 1) {
    const match = KEY_VALUE.exec(lines[index] as string);
    if (!match || !isSeedLabel(match[1] ?? '')) continue;
    const value = (match[2] ?? '').trim().replace(/[,;]$/, '').trim().replace(/^["']|["']$/g, '');
    if (parsesAsSeed(value)) return { rule: 'labelled-seed', line: index + 1, description: `a value labelled as a seed on line ${index + 1}` };
  }
  return null;
}

/** JSON documents: any string under a seed-named key, however deep, with the line it is on. */
function jsonRule(text: string, lines: readonly string[]): PlaintextSeedEvidence | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const stack: unknown[] = [parsed];
  let visited = 0;
  while (stack.length > 0 && visited < 1_000_000) {
    const value = stack.pop();
    visited += 1;
    if (Array.isArray(value)) stack.push(...value);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        if (typeof inner === 'string' && isSeedLabel(key) && parsesAsSeed(inner)) {
          const line = Math.max(1, lines.findIndex((l) => l.includes(JSON.stringify(key).slice(1, -1))) + 1);
          return { rule: 'labelled-seed', line, description: `a value under the key "${key.slice(0, 40)}" on line ${line}` };
        }
        stack.push(inner);
      }
    }
  }
  return null;
}

// At least two groups: "3 DOGS check 42" is a sentence, not the last line of a seed.
const PAPER_LINE = /^\s*\d{1,2}[.):]?\s+(?:[A-Z2-7]{4}\s+){1,3}[A-Z2-7]{1,4}\s+check\s*[:=]?\s*[A-Z2-7]{2}\s*$/i;

function hasLetterAndDigit(text: string): boolean {
  return /[A-Za-z]/.test(text) && /[2-7]/.test(text);
}

/** A length base32 can have after whole 8-character groups, and the seed length Strongroom accepts. */
function seedLength(length: number): boolean {
  return length >= 16 && length <= 103 && ![1, 3, 6].includes(length % 8);
}

const CONTIGUOUS = /(?<![A-Za-z0-9+/])([A-Z2-7]{16,}|[a-z2-7]{16,})(=*)(?![A-Za-z0-9+/=])/g;
const GROUPED = /(?<![A-Za-z0-9+/])((?:[A-Z2-7]{4}[ -]){3,}[A-Z2-7]{1,4}|(?:[a-z2-7]{4}[ -]){3,}[a-z2-7]{1,4})(?![A-Za-z0-9+/])/g;
const BASE64_WORD = /(?<![A-Za-z0-9+/])([A-Za-z0-9+/]{24,}={0,2})(?![A-Za-z0-9+/=])/g;

function seedLikeRule(lines: readonly string[]): PlaintextSeedEvidence | null {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    for (const match of line.matchAll(CONTIGUOUS)) {
      const word = match[1] as string;
      if (seedLength(word.length) && hasLetterAndDigit(word) && !AWS_KEY_ID.test(word)) {
        return { rule: 'seed-like-value', line: index + 1, description: `a seed-like value on line ${index + 1}, column ${(match.index ?? 0) + 1}` };
      }
    }
    for (const match of line.matchAll(GROUPED)) {
      const groups = (match[1] as string).split(/[ -]/);
      const word = groups.join('');
      if (seedLength(word.length) && groups.some(hasLetterAndDigit)) {
        return { rule: 'seed-like-value', line: index + 1, description: `a seed-like value in groups on line ${index + 1}, column ${(match.index ?? 0) + 1}` };
      }
    }
  }
  return null;
}

function wrappedSeedRule(lines: readonly string[]): PlaintextSeedEvidence | null {
  for (let index = 0; index < lines.length; index += 1) {
    for (const match of (lines[index] as string).matchAll(BASE64_WORD)) {
      const word = match[1] as string;
      if (word.length % 4 !== 0) continue;
      let decoded: string;
      try {
        decoded = atob(word);
      } catch {
        continue;
      }
      if (/^[A-Z2-7]+=*$/.test(decoded) && seedLength(decoded.replace(/=+$/, '').length)) {
        return { rule: 'aws-base32-string-seed', line: index + 1, description: `an AWS Base32StringSeed on line ${index + 1}` };
      }
    }
  }
  return null;
}

/** The first evidence of a plaintext seed in the text, or null. */
export function findPlaintextSeed(text: string, options: SeedSearchOptions = {}): PlaintextSeedEvidence | null {
  const lines = text.split(/\r\n|\r|\n/);
  const otp = lines.findIndex((line) => OTPAUTH.test(line));
  if (otp >= 0) return { rule: 'otpauth-uri', line: otp + 1, description: `an otpauth:// link on line ${otp + 1}` };
  const paper = lines.findIndex((line) => PAPER_LINE.test(line));
  if (paper >= 0) return { rule: 'paper-seed-line', line: paper + 1, description: `a paper seed line on line ${paper + 1}` };
  return (
    jsonRule(text, lines) ??
    tableRule(text, lines) ??
    keyValueRule(lines) ??
    wrappedSeedRule(lines) ??
    (options.strongRulesOnly ? null : seedLikeRule(lines))
  );
}

/**
 * A plain-text export of a whole KeePass database (KeePass XML, or KeePassXC's CSV with its Title, Username and
 * Password columns): it holds every password or seed of the database unencrypted.
 */
export function findPlaintextKeePassExport(text: string): string | null {
  if (/<KeePassFile[\s>]/.test(text.slice(0, 4096))) return 'a KeePass XML export (every entry in plain text)';
  const header = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const cells = new Set(splitCells(header, ',').map(normaliseLabel));
  if (cells.has('title') && cells.has('username') && cells.has('password')) return 'a KeePass CSV export (every entry in plain text)';
  return null;
}

/**
 * Text from a file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark, or UTF-16
 * without one when every other byte is zero. Null for anything that looks binary.
 */
export function decodeTextFile(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 8192);
  let zeros = 0;
  let evenZeros = 0;
  let controls = 0;
  sample.forEach((byte, index) => {
    if (byte === 0) {
      zeros += 1;
      if (index % 2 === 0) evenZeros += 1;
    } else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls += 1;
  });
  if (zeros > 0) {
    const half = sample.length / 2;
    if (zeros >= half * 0.9 && controls < sample.length * 0.05) {
      return new TextDecoder(evenZeros > zeros / 2 ? 'utf-16be' : 'utf-16le').decode(bytes);
    }
    return null;
  }
  if (controls > sample.length * 0.05) return null;
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** Strongroom's paper seed backup saved as PDF: its metadata carries the backup's banner, in PDF text encodings. */
export function isPaperSeedBackupPdf(bytes: Uint8Array): boolean {
  if (!startsWithText(bytes, '%PDF-')) return false;
  const marker = 'MFA SEEDS';
  const ascii = new TextEncoder().encode(marker);
  const utf16 = new Uint8Array(ascii.length * 2);
  ascii.forEach((byte, i) => (utf16[i * 2 + 1] = byte));
  const hex = new TextEncoder().encode([...utf16].map((b) => b.toString(16).padStart(2, '0')).join(''));
  const hexUpper = new TextEncoder().encode(new TextDecoder().decode(hex).toUpperCase());
  return [ascii, utf16, hex, hexUpper].some((needle) => indexOfBytes(bytes, needle) >= 0);
}

function startsWithText(bytes: Uint8Array, text: string): boolean {
  const prefix = new TextEncoder().encode(text);
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first as number); i >= 0 && i + needle.length <= haystack.length; i = haystack.indexOf(first as number, i + 1)) {
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
