/**
 * The one way Strongroom writes a moment, on screen, on paper and on the command line: ISO 8601 in UTC with the
 * zone spelled out, `2026-12-01 18:45 UTC` (`2026-12-01 18:45:07 UTC` where seconds matter: audit entries,
 * CloudTrail). Where only the day is written (page headers, labels, due dates) it is the UTC day, `2026-12-01`.
 * UTC because custodians at two sites, and the CloudTrail logs, must read the same time; year first because
 * 06/07 means June to some readers and July to others.
 */
export type InstantPrecision = 'day' | 'minute' | 'second';

// Only ISO 8601 with a zone (or a bare day, which is a UTC day): a time without a zone would be read in whatever
// zone the reading machine is in, and "06/07/2026" is exactly the ambiguity this module exists to remove.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** The moment an ISO 8601 text names, or null when it is not one: a day that does not exist is not rolled over. */
export function parseInstant(text: string): Date | null {
  const match = ISO_INSTANT.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  // setUTCFullYear, unlike Date.UTC, does not read the years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi - offsetMinutes, s, millis);
  return inWritableRange(date) ? date : null;
}

/**
 * `2026-12-01 18:45 UTC` for a moment (a Date, or an ISO 8601 text as the catalog stores them); null when the
 * text is not an ISO 8601 moment or the year has more than four digits, so a caller decides how to refuse.
 */
export function formatInstant(at: Date | string, precision: InstantPrecision = 'minute'): string | null {
  const date = typeof at === 'string' ? parseInstant(at) : at;
  if (date === null || !inWritableRange(date)) return null;
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  if (precision === 'day') return day;
  return `${day} ${iso.slice(11, precision === 'second' ? 19 : 16)} UTC`;
}

function inWritableRange(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 0 && year <= 9999;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
