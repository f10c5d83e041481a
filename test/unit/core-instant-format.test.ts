import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant, type InstantPrecision } from '../../src-main/core/instant-format';
import { formatUtcDate, formatUtcDateTime } from '../../src-main/print/typeset';
import { formatInstant as formatOnScreen, formatTime } from '../../src-renderer/format';

const PRECISIONS: readonly InstantPrecision[] = ['day', 'minute', 'second'];
const instants = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

describe('one date format, ISO 8601 in UTC', () => {
  it('writes a moment year first, in UTC, saying so', () => {
    expect(formatInstant('2026-12-01T18:45:07.123Z')).toBe('2026-12-01 18:45 UTC');
    expect(formatInstant('2026-12-01T18:45:07.123Z', 'second')).toBe('2026-12-01 18:45:07 UTC');
    expect(formatInstant('2026-12-01T18:45:07.123Z', 'day')).toBe('2026-12-01');
    expect(formatInstant(new Date(Date.UTC(2027, 0, 5, 3, 4, 5)))).toBe('2027-01-05 03:04 UTC');
  });

  it('converts a time given with an offset to UTC, across a day and a year boundary', () => {
    expect(formatInstant('2026-12-01T20:45:00+02:00')).toBe('2026-12-01 18:45 UTC');
    expect(formatInstant('2026-12-31T23:30:00-01:00', 'second')).toBe('2027-01-01 00:30:00 UTC');
    expect(formatInstant('2027-01-01T00:15+0100')).toBe('2026-12-31 23:15 UTC');
    expect(formatInstant('0050-06-01T00:30:00+01:00')).toBe('0050-05-31 23:30 UTC');
  });

  it('refuses what is not an unambiguous ISO 8601 moment instead of guessing', () => {
    for (const text of [
      '06/14/2025',
      '14/06/2025',
      '2025-06-14T10:00',
      '2025-6-14',
      '2025-02-30',
      '2023-02-29',
      '1900-02-29T00:00:00Z',
      '2025-13-01',
      '2025-06-14T24:00:00Z',
      '2025-06-14T10:60:00Z',
      '2025-06-14T10:00:00+15:00',
      '+010000-01-01T00:00:00Z',
      'yesterday',
      '',
    ]) {
      expect({ text, parsed: parseInstant(text) }).toEqual({ text, parsed: null });
      expect(formatInstant(text)).toBeNull();
    }
    expect(formatInstant('2024-02-29', 'day')).toBe('2024-02-29');
    expect(formatInstant('2000-02-29T12:00:00Z')).toBe('2000-02-29 12:00 UTC');
    expect(formatInstant(new Date(Number.NaN))).toBeNull();
  });

  it('reads back every moment Strongroom stores, and its text sorts in time order', () => {
    fc.assert(
      fc.property(instants, instants, (a, b) => {
        expect(parseInstant(a.toISOString())?.getTime()).toBe(a.getTime());
        const [ta, tb] = [formatInstant(a, 'second')!, formatInstant(b, 'second')!];
        expect(ta).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
        if (Math.floor(a.getTime() / 1000) < Math.floor(b.getTime() / 1000)) expect(ta < tb).toBe(true);
      }),
    );
  });

  it('prints on paper what the core formatter writes, and refuses a document with an unreadable date', () => {
    expect(formatUtcDateTime('2026-12-01T18:45:07.123Z', 'print date')).toBe('2026-12-01 18:45 UTC');
    expect(formatUtcDate('2026-12-01T23:59:59.999-01:00', 'print date')).toBe('2026-12-02');
    expect(() => formatUtcDateTime('12/01/2026', 'print date')).toThrow(/not a valid date/);
  });
});

describe('the renderer’s formatter', () => {
  it('agrees with the core formatter for every instant main sends, at every precision', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...PRECISIONS), (date, precision) => {
        const iso = date.toISOString();
        expect(formatOnScreen(iso, precision)).toBe(formatInstant(iso, precision));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees for times written with an offset and for bare days', () => {
    const offsets = fc.record({ sign: fc.constantFrom('+', '-'), hours: fc.integer({ min: 0, max: 14 }), minutes: fc.constantFrom(0, 30, 45) });
    const day = fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('9998-12-30T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, offsets, fc.constantFrom(...PRECISIONS), (date, offset, precision) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        const withOffset = `${date.toISOString().slice(0, 19)}${offset.sign}${pad(offset.hours)}:${pad(offset.minutes)}`;
        expect(formatOnScreen(withOffset, precision)).toBe(formatInstant(withOffset, precision));
        const bareDay = date.toISOString().slice(0, 10);
        expect(formatOnScreen(bareDay, precision)).toBe(formatInstant(bareDay, precision));
      }),
    );
  });

  it('says "never" for no time and shows unreadable text as it came', () => {
    expect(formatTime(null)).toBe('never');
    expect(formatTime('2026-12-01T18:45:07.123Z')).toBe('2026-12-01 18:45 UTC');
    expect(formatOnScreen('not a date')).toBe('not a date');
  });
});
