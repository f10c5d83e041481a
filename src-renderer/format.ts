import type { MediumRole } from '../src-main/contract/media-views';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export type InstantPrecision = 'day' | 'minute' | 'second';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A moment as Strongroom writes it everywhere: ISO 8601 in UTC, `2026-12-01 18:45 UTC`, or the UTC day alone.
 * Main writes paper with src-main/core/instant-format.ts; the sandboxed renderer cannot import it, so this is its
 * own small formatter, and a unit test holds the two to the same text for every instant main sends (its ISO
 * strings). Text that is no date is shown as it came rather than hidden.
 */
export function formatInstant(iso: string, precision: InstantPrecision = 'minute'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (precision === 'day') return day;
  const seconds = precision === 'second' ? `:${pad(date.getUTCSeconds())}` : '';
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}${seconds} UTC`;
}

export function formatTime(iso: string | null): string {
  return iso ? formatInstant(iso) : 'never';
}

export function roleWords(role: MediumRole): string {
  return role === 'vault' ? 'Vault medium (passwords)' : 'Seed medium (MFA seeds)';
}
