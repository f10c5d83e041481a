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
