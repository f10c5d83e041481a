import { ErrorCode, StrongroomError } from '../core/errors';
import { formatInstant, parseInstant } from '../core/instant-format';

/**
 * Small text rules shared by the documents. Text from the catalog is printed as one clean line: a control
 * character or a line break in a name could otherwise forge an extra line on an official-looking page.
 */
export function printable(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function readInstant(iso: string, what: string): Date {
  const date = parseInstant(iso);
  if (date === null) {
    throw new StrongroomError(
      ErrorCode.PrintInputInvalid,
      `The ${what} is not a valid date, so the document was not printed. This is a fault in Strongroom; report it to the security team.`,
      { field: what },
    );
  }
  return date;
}

/** Dates on paper are written as everywhere in Strongroom (core/instant-format.ts): ISO 8601, in UTC, saying so. */
export function formatUtcDateTime(iso: string, what: string): string {
  return formatInstant(readInstant(iso, what), 'minute')!;
}

/** The UTC day alone, for page headers and labels. */
export function formatUtcDate(iso: string, what: string): string {
  return formatInstant(readInstant(iso, what), 'day')!;
}

export function instant(iso: string, what: string): Date {
  return readInstant(iso, what);
}

/** Hex in groups of four, so two people can read a fingerprint to each other without losing their place. */
export function groupHex(hex: string, groupSize = 4): string {
  return (hex.toUpperCase().match(new RegExp(`.{1,${groupSize}}`, 'g')) ?? []).join(' ');
}

export function invalidInput(message: string, details: Record<string, string | number | boolean> = {}): StrongroomError {
  return new StrongroomError(ErrorCode.PrintInputInvalid, message, details);
}

export function requireText(value: string, what: string): string {
  const clean = printable(value);
  if (clean.length === 0) {
    throw invalidInput(`The ${what} is empty, so the document was not printed. Fill it in and print again.`, { field: what });
  }
  return clean;
}

export function requireGeneration(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw invalidInput('The generation number must be a whole number from 1 up, so the document was not printed.', {
      field: 'generation',
    });
  }
  return value;
}

/**
 * Free text that lands in a fixed place on a page (organisation, location notes) has a length limit, so a
 * long value is refused with a sentence instead of silently pushing a section onto another page.
 */
export function limitedText(value: string, what: string, max: number): string {
  const clean = printable(value);
  if (clean.length > max) {
    throw invalidInput(`The ${what} is longer than ${max} characters. Shorten it and print again.`, { field: what, max });
  }
  return clean;
}
