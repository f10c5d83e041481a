import { ErrorCode, StrongroomError } from './errors';

/**
 * Paper seed lines with a check value per line.
 *
 * On paper a base32 seed is printed as lines of four groups of four characters. When every USB medium has
 * failed, a custodian types those lines back by hand, under stress; one misread character would give a seed
 * that produces wrong codes, and nobody would know which line to look at. So each line carries two check
 * characters, and the typed line is checked on its own.
 *
 * Why not a truncated hash: two base32 characters are 10 bits, so a hash would let one typo in 1,024 through.
 * The check is instead a small error-detecting code over GF(32) (each base32 character is one field element):
 * two weighted sums with distinct weights, which is a code of minimum distance 3. Any one or two wrong
 * symbols are therefore always caught, which covers a single mistyped character, any two swapped characters
 * (adjacent or not) and a mistyped check value. The line number, the line's length and whether it is the last
 * line are part of what is checked, and the checker is told how many lines the seed has, so a line typed in the
 * wrong place or a seed typed a line short are caught the same way. Every line but the last must have exactly 16
 * characters, which catches a character skipped in a middle line. A character skipped or added on the last line
 * shifts every character after it, which the code sees as many wrong symbols rather than one: that is caught
 * 1,023 times in 1,024, and the two codes the restored seed shows, checked against AWS, catch the rest.
 */

export const SEED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const SEED_GROUP_LENGTH = 4;
export const SEED_GROUPS_PER_LINE = 4;
export const SEED_LINE_LENGTH = SEED_GROUP_LENGTH * SEED_GROUPS_PER_LINE;
/** 2,560 bits: far beyond any TOTP seed, and small enough that line numbers fit the check's header. */
export const SEED_MAX_LENGTH = 512;
export const SEED_CHECK_LENGTH = 2;

const MAX_LINES = SEED_MAX_LENGTH / SEED_LINE_LENGTH;

export interface SeedLine {
  /** Counted from 1, as printed. */
  readonly number: number;
  /** The line's characters without spaces: 16, or fewer on the last line. */
  readonly text: string;
  readonly groups: readonly string[];
  readonly check: string;
  readonly isLast: boolean;
}

// GF(2^5) with the primitive polynomial x^5 + x^2 + 1, so alpha = 2 generates all 31 non-zero elements.
const FIELD_ORDER = 31;
const EXP: number[] = [];
const LOG: number[] = new Array<number>(32).fill(0);
{
  let value = 1;
  for (let power = 0; power < FIELD_ORDER; power += 1) {
    EXP[power] = value;
    LOG[value] = power;
    value <<= 1;
    if (value & 0b100000) value ^= 0b100101;
  }
}

function multiplyByAlphaPower(symbol: number, power: number): number {
  if (symbol === 0) return 0;
  return EXP[(LOG[symbol]! + power) % FIELD_ORDER]!;
}

function symbolOf(character: string): number {
  return SEED_ALPHABET.indexOf(character);
}

/**
 * The checked word is three header symbols (line number low and high part, length and last-line flag)
 * followed by the line's characters. Position j has weight alpha^j in the first sum and alpha^(2j) in the
 * second; 19 positions stay well under the 31 distinct weights the field offers.
 */
function checkSymbols(lineNumber: number, text: string, isLast: boolean): [number, number] {
  const word = [lineNumber & 0b11111, lineNumber >> 5, (text.length - 1) | (isLast ? 0b10000 : 0)];
  for (const character of text) word.push(symbolOf(character));
  let first = 0;
  let second = 0;
  word.forEach((symbol, position) => {
    first ^= multiplyByAlphaPower(symbol, position);
    second ^= multiplyByAlphaPower(symbol, (2 * position) % FIELD_ORDER);
  });
  return [first, second];
}

/** The two check characters printed beside a line. `text` must already be normalised base32. */
export function lineCheckValue(lineNumber: number, text: string, isLast: boolean): string {
  if (!Number.isInteger(lineNumber) || lineNumber < 1 || lineNumber > MAX_LINES) {
    throw new RangeError(`line number must be 1..${MAX_LINES}`);
  }
  if (text.length < 1 || text.length > SEED_LINE_LENGTH || ![...text].every((c) => symbolOf(c) >= 0)) {
    throw new RangeError('line text must be 1..16 base32 characters');
  }
  const [first, second] = checkSymbols(lineNumber, text, isLast);
  return SEED_ALPHABET[first]! + SEED_ALPHABET[second]!;
}

/**
 * Accepts a seed as another module or a file gives it: any case, spaces, RFC 4648 `=` padding. Anything else
 * is refused rather than guessed, and the message never repeats the seed.
 */
export function normaliseSeed(seed: string): string {
  const compact = seed.replace(/\s+/g, '').toUpperCase().replace(/=+$/, '');
  if (compact.length === 0) {
    throw new StrongroomError(ErrorCode.InvalidSeed, 'The MFA seed is empty. Enrol the account again to get its seed.');
  }
  if (compact.length > SEED_MAX_LENGTH) {
    throw new StrongroomError(
      ErrorCode.InvalidSeed,
      `The MFA seed is longer than ${SEED_MAX_LENGTH} characters, which no authenticator uses. Check that the right value was imported.`,
    );
  }
  const bad = [...compact].findIndex((c) => symbolOf(c) < 0);
  if (bad >= 0) {
    throw new StrongroomError(
      ErrorCode.InvalidSeed,
      `The MFA seed has a character at position ${bad + 1} that base32 does not use (only A–Z and 2–7). Check that the right value was imported.`,
      { position: bad + 1 },
    );
  }
  return compact;
}

/** The lines exactly as they go on paper. */
export function splitSeedIntoLines(seed: string): SeedLine[] {
  const compact = normaliseSeed(seed);
  const lines: SeedLine[] = [];
  for (let start = 0; start < compact.length; start += SEED_LINE_LENGTH) {
    const text = compact.slice(start, start + SEED_LINE_LENGTH);
    const number = lines.length + 1;
    const isLast = start + SEED_LINE_LENGTH >= compact.length;
    const groups: string[] = [];
    for (let g = 0; g < text.length; g += SEED_GROUP_LENGTH) groups.push(text.slice(g, g + SEED_GROUP_LENGTH));
    lines.push({ number, text, groups, check: lineCheckValue(number, text, isLast), isLast });
  }
  return lines;
}

/** One line as plain text, e.g. `2  ABCD EFGH IJKL MNOP  check K7`, for a screen or a plain-text copy. */
export function formatSeedLineForPaper(line: SeedLine): string {
  return `${line.number}  ${line.groups.join(' ')}  check ${line.check}`;
}

export type TypedLineProblem =
  | 'empty'
  | 'bad-character'
  | 'bad-check-character'
  | 'check-length'
  | 'too-long'
  | 'too-short'
  | 'line-out-of-order'
  | 'seed-continues'
  | 'seed-ends-here'
  | 'check-mismatch';

export type TypedLineVerdict =
  | { readonly ok: true; readonly lineNumber: number; readonly text: string }
  | {
      readonly ok: false;
      readonly lineNumber: number;
      readonly problem: TypedLineProblem;
      /** A sentence for the custodian; it names the line and never repeats what was typed beyond one stray character. */
      readonly message: string;
      /** Where the stray character is, counted in groups of four as on paper. */
      readonly group?: number;
      readonly characterInGroup?: number;
      /** When the typed line passes the check of another line of the paper. */
      readonly matchesLine?: number;
    };

// Characters a custodian may type for a base32 letter; named, never replaced, because a silent mapping would
// hide a misread that the check value should be allowed to catch.
const LOOKALIKE_HINTS: Readonly<Record<string, string>> = {
  '0': 'the digit zero; on the paper it is probably the letter O',
  '1': 'the digit one; on the paper it is probably the letter I or L',
  '8': 'the digit eight; on the paper it is probably the letter B',
  '9': 'the digit nine, which seeds never contain',
};

function describeStray(character: string): string {
  const hint = LOOKALIKE_HINTS[character];
  if (hint) return `"${character}" (${hint})`;
  if (/^[\p{L}\p{N}]$/u.test(character)) return `"${character}"`;
  return `a "${character}" sign`;
}

function compactTyped(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function passes(lineNumber: number, text: string, check: string, isLast: boolean): boolean {
  return lineCheckValue(lineNumber, text, isLast) === check;
}

function assertLinePosition(lineNumber: number, lineCount: number): void {
  if (!Number.isInteger(lineCount) || lineCount < 1 || lineCount > MAX_LINES) {
    throw new RangeError(`line count must be 1..${MAX_LINES}`);
  }
  if (!Number.isInteger(lineNumber) || lineNumber < 1 || lineNumber > lineCount) {
    throw new RangeError(`line number must be 1..${lineCount}`);
  }
}

/**
 * Checks one line as the custodian typed it, with its check value, knowing how many lines the seed has on
 * paper. The line count matters: if the checker accepted a line as either "last" or "not last", that one
 * unknown would use up the code's margin and two swapped characters could slip through. Case and spaces do
 * not matter; every other difference is reported against this line number, never corrected.
 */
export function checkTypedLine(lineNumber: number, lineCount: number, typedText: string, typedCheck: string): TypedLineVerdict {
  assertLinePosition(lineNumber, lineCount);
  const text = compactTyped(typedText);
  const check = compactTyped(typedCheck);
  const isLast = lineNumber === lineCount;
  const fail = (
    problem: TypedLineProblem,
    message: string,
    extra: Partial<Record<'group' | 'characterInGroup' | 'matchesLine', number>> = {},
  ): TypedLineVerdict => ({ ok: false, lineNumber, problem, message, ...extra });

  if (text.length === 0) {
    return fail('empty', `Line ${lineNumber} is empty. Type the four groups printed on line ${lineNumber} of the paper.`);
  }
  const strayAt = [...text].findIndex((c) => symbolOf(c) < 0);
  if (strayAt >= 0) {
    const group = Math.floor(strayAt / SEED_GROUP_LENGTH) + 1;
    const characterInGroup = (strayAt % SEED_GROUP_LENGTH) + 1;
    return fail(
      'bad-character',
      `Line ${lineNumber}, group ${group}, character ${characterInGroup}: ${describeStray([...text][strayAt]!)}. ` +
        'Seeds use only the letters A–Z and the digits 2–7.',
      { group, characterInGroup },
    );
  }
  if (text.length > SEED_LINE_LENGTH) {
    return fail(
      'too-long',
      `Line ${lineNumber} has ${text.length} characters, but a line holds at most ${SEED_LINE_LENGTH} (four groups of four). Look for a character typed twice.`,
    );
  }
  if (check.length !== SEED_CHECK_LENGTH) {
    return fail(
      'check-length',
      `The check value of line ${lineNumber} must be ${SEED_CHECK_LENGTH} characters; type the two characters printed after "check" on that line.`,
    );
  }
  const strayCheck = [...check].find((c) => symbolOf(c) < 0);
  if (strayCheck !== undefined) {
    return fail(
      'bad-check-character',
      `The check value of line ${lineNumber} contains ${describeStray(strayCheck)}. Check values use only A–Z and 2–7.`,
    );
  }

  const compare = `compare line ${lineNumber} group by group with the paper`;
  const endsHere = () =>
    fail(
      'seed-ends-here',
      `Line ${lineNumber} is the last line of this seed on paper, so the lines typed after it belong elsewhere (perhaps another account). Remove them; if the paper shows more lines, ${compare}.`,
    );
  if (!isLast && text.length < SEED_LINE_LENGTH) {
    // Refused whatever the check says: a middle line always has 16 characters.
    if (passes(lineNumber, text, check, true)) return endsHere();
    return fail(
      'too-short',
      `Line ${lineNumber} has ${text.length} characters, but every line except the last has ${SEED_LINE_LENGTH} (four groups of four). Look for a skipped character.`,
    );
  }
  if (passes(lineNumber, text, check, isLast)) return { ok: true, lineNumber, text };

  // Below, the line is already refused; these only choose the most useful sentence. A typo can, rarely, land
  // on another valid word, so each sentence also tells the custodian what to do if the hint is wrong.
  for (let other = 1; other <= lineCount; other += 1) {
    if (other !== lineNumber && passes(other, text, check, other === lineCount)) {
      return fail(
        'line-out-of-order',
        `What you typed as line ${lineNumber} passes the check of line ${other}. If you skipped or repeated a line, ` +
          `type the lines in the order they are printed; otherwise ${compare}.`,
        { matchesLine: other },
      );
    }
  }
  if (passes(lineNumber, text, check, !isLast)) {
    return isLast
      ? fail(
          'seed-continues',
          `The seed continues after line ${lineNumber}: its check value says more lines follow. Type the remaining lines from the paper; if there are none, ${compare}.`,
        )
      : endsHere();
  }
  return fail(
    'check-mismatch',
    `Line ${lineNumber} does not match its check value. Compare it group by group with the paper: ` +
      'a misread or swapped character, or a mistyped check value, is the usual cause.',
  );
}

export interface TypedSeedLine {
  readonly text: string;
  readonly check: string;
}

/**
 * Rebuilds a seed from all the lines a custodian typed, in order. Every line must pass its own check with the
 * typed number of lines as the line count, so a seed typed a line short or long is caught too. Throws one
 * error naming every line that needs another look; the message never contains what was typed.
 */
export function reassembleSeed(lines: readonly TypedSeedLine[]): string {
  if (lines.length === 0) {
    throw new StrongroomError(ErrorCode.SeedLineWrong, 'No seed lines were typed. Type every line of the seed from the paper, in order.');
  }
  if (lines.length > MAX_LINES) {
    throw new StrongroomError(
      ErrorCode.SeedLineWrong,
      `${lines.length} lines were typed, but a seed has at most ${MAX_LINES}. Type only the lines of one account's seed.`,
    );
  }
  const problems: string[] = [];
  const wrongLines: number[] = [];
  const texts: string[] = [];
  lines.forEach((line, index) => {
    const verdict = checkTypedLine(index + 1, lines.length, line.text, line.check);
    if (verdict.ok) {
      texts.push(verdict.text);
    } else {
      problems.push(verdict.message);
      wrongLines.push(verdict.lineNumber);
    }
  });
  if (problems.length > 0) {
    throw new StrongroomError(ErrorCode.SeedLineWrong, problems.join(' '), { lines: wrongLines.join(', ') });
  }
  return texts.join('');
}
