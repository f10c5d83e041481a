import { ErrorCode, StrongroomError } from './errors';
import { randomInt, type Random } from './random';

/**
 * Root passwords. AWS accepts 8 to 128 characters for the root user; the console check wants a mix of upper case,
 * lower case, digits and symbols, with the symbols drawn from ! @ # $ % ^ & * ( ) < > [ ] { } | _ + - =.
 *
 * The alphabet is narrower than that on purpose, because a break-glass login may mean typing the password from
 * the paper sheet or the KeePass screen at another machine, under stress:
 * - no 0/O/o, 1/l/I: they are misread on paper and in many console fonts;
 * - no < > [ ] { } ^ |: on German, French and Nordic keyboards they need AltGr or are dead keys, and | is read as
 *   l or I;
 * - no = + - @: a cell starting with them is run as a formula when a CSV is opened in a spreadsheet;
 * - no quotes, backslash, comma, semicolon, space or backtick: they quote badly in CSV and shells.
 * What is left is 65 characters (about 6 bits each), so the default 40 characters carry about 240 bits.
 */
export const PASSWORD_CLASSES = {
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lower: 'abcdefghijkmnpqrstuvwxyz',
  digit: '23456789',
  symbol: '!#$%&*()_',
} as const;

export type PasswordClass = keyof typeof PASSWORD_CLASSES;

export const PASSWORD_ALPHABET = Object.values(PASSWORD_CLASSES).join('');
export const DEFAULT_PASSWORD_LENGTH = 40;
export const AWS_ROOT_PASSWORD_MIN = 8;
export const AWS_ROOT_PASSWORD_MAX = 128;

export function passwordClassesIn(password: string): Set<PasswordClass> {
  const found = new Set<PasswordClass>();
  for (const ch of password) {
    for (const [name, chars] of Object.entries(PASSWORD_CLASSES) as [PasswordClass, string][]) {
      if (chars.includes(ch)) found.add(name);
    }
  }
  return found;
}

/**
 * A password drawn uniformly from all passwords of this length over PASSWORD_ALPHABET that contain every class.
 * The whole password is redrawn when a class is missing: forcing one character of each class into fixed or
 * shuffled places would make some passwords more likely than others. At 40 characters a redraw is needed about
 * once in 130 tries; at 8, about half the time.
 */
export function generateRootPassword(random: Random, length: number = DEFAULT_PASSWORD_LENGTH): string {
  if (!Number.isInteger(length) || length < AWS_ROOT_PASSWORD_MIN || length > AWS_ROOT_PASSWORD_MAX) {
    throw new StrongroomError(
      ErrorCode.InvalidPasswordLength,
      `A root password must be ${AWS_ROOT_PASSWORD_MIN} to ${AWS_ROOT_PASSWORD_MAX} characters long (AWS's limit). Strongroom uses ${DEFAULT_PASSWORD_LENGTH} unless told otherwise.`,
      { length: String(length) },
    );
  }
  const classCount = Object.keys(PASSWORD_CLASSES).length;
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i++) password += PASSWORD_ALPHABET[randomInt(random, PASSWORD_ALPHABET.length)];
    if (passwordClassesIn(password).size === classCount) return password;
  }
}
