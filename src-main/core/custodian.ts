import { ErrorCode, StrongroomError } from './errors';

/** A custodian is a person named in the audit trail; the name is what colleagues will read in a report. */
export const CUSTODIAN_NAME_MAX = 80;

export function normaliseCustodianName(raw: string): string {
  // Checked before spaces are folded: a newline would let a name forge extra lines in reports and audit copies.
  if (/[\p{Cc}\p{Cf}]/u.test(raw)) {
    throw new StrongroomError(ErrorCode.InvalidCustodianName, 'A name cannot contain line breaks, tabs or control characters.');
  }
  const name = raw.normalize('NFC').replace(/ +/g, ' ').trim();
  if (name.length < 2) {
    throw new StrongroomError(ErrorCode.InvalidCustodianName, 'Type your full name (at least two letters).');
  }
  if (name.length > CUSTODIAN_NAME_MAX) {
    throw new StrongroomError(
      ErrorCode.InvalidCustodianName,
      `A name can be at most ${CUSTODIAN_NAME_MAX} characters.`,
    );
  }
  return name;
}

// Letters from other scripts that print like Latin ones; enough to stop "Аlice" (Cyrillic А) passing for "Alice".
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss',
};

/**
 * What a name looks like to a colleague reading a report: accents, case, punctuation, spacing and letters that
 * print alike are folded away. Two custodians whose names have one skeleton cannot be told apart on paper, so
 * the second is never registered, and two-person control never accepts them as two people.
 */
export function custodianNameSkeleton(name: string): string {
  return [...name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()]
    .map((char) => LOOK_ALIKES[char] ?? char)
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function sameCustodian(a: string, b: string): boolean {
  return custodianNameSkeleton(a) === custodianNameSkeleton(b);
}
