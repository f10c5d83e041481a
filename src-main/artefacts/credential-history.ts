import type { KdbxEntry } from 'kdbxweb';
import { textField } from './strongroom-kdbx';

/**
 * What both KeePass files keep about a credential beyond its current value, in KeePass's own terms so a
 * custodian with only KeePassXC sees it too:
 * - a credential being rotated in sits beside the current one in Pending* fields until AWS has accepted it;
 * - a replaced credential goes into the entry's own history (KeePassXC: "History" tab, `export --format xml`);
 * - a closed or centrally removed account's entry moves to the retired group, marked Retired, and is no longer
 *   served by break-glass.
 */

export const FIELD_PENDING_SINCE = 'PendingSince';
export const FIELD_PENDING_REASON = 'PendingReason';
/** In a history snapshot: why this value stopped being current. */
export const FIELD_REPLACED_BECAUSE = 'ReplacedBecause';
export const FIELD_RETIRED = 'Retired';
export const RETIRED_GROUP_NAME = 'Retired accounts (not in use)';
/** History snapshots kept per entry: far more rotations than any account sees between two audits. */
export const MAX_ENTRY_HISTORY = 10;

export interface PendingCredential<T> {
  readonly value: T;
  readonly since: string;
  readonly reason: string;
}

export interface ReplacedCredential<T> {
  readonly value: T;
  readonly replacedAt: string;
  /** e.g. "rotated: quarterly rotation", "rotation cancelled: AWS refused it". */
  readonly note: string;
}

export interface RetiredMark {
  /** The account lifecycle that retired it ("closed", "removed-centrally"). */
  readonly state: string;
  readonly since: string;
}

/**
 * Writes the entry's history snapshots, oldest first, each as the entry looked with that older value, then leaves
 * the entry holding its current value. `apply` sets the credential field(s) for a value.
 */
export function writeEntryHistory<T>(entry: KdbxEntry, history: readonly ReplacedCredential<T>[], apply: (value: T) => void): void {
  for (const item of history.slice(-MAX_ENTRY_HISTORY)) {
    apply(item.value);
    entry.fields.set(FIELD_REPLACED_BECAUSE, item.note);
    const at = new Date(item.replacedAt);
    if (!Number.isNaN(at.getTime())) entry.times.lastModTime = at;
    entry.pushHistory();
  }
  entry.fields.delete(FIELD_REPLACED_BECAUSE);
  entry.times.lastModTime = new Date();
}

export function readEntryHistory<T>(entry: KdbxEntry, value: (snapshot: KdbxEntry) => T | undefined): ReplacedCredential<T>[] {
  const out: ReplacedCredential<T>[] = [];
  for (const snapshot of entry.history) {
    const v = value(snapshot);
    if (v === undefined) continue;
    out.push({ value: v, replacedAt: snapshot.times.lastModTime?.toISOString() ?? '', note: textField(snapshot, FIELD_REPLACED_BECAUSE) });
  }
  return out;
}

export function writePendingMarks(entry: KdbxEntry, pending: PendingCredential<unknown>): void {
  entry.fields.set(FIELD_PENDING_SINCE, pending.since);
  entry.fields.set(FIELD_PENDING_REASON, pending.reason);
}

export function readPendingMarks(entry: KdbxEntry): { since: string; reason: string } {
  return { since: textField(entry, FIELD_PENDING_SINCE), reason: textField(entry, FIELD_PENDING_REASON) };
}

/** "closed since 2026-11-23", as the Retired field shows it; read back into its two parts. */
export function formatRetired(mark: RetiredMark): string {
  return `${mark.state} since ${mark.since}`;
}

export function readRetired(entry: KdbxEntry): RetiredMark | undefined {
  const text = textField(entry, FIELD_RETIRED);
  if (text === '') return undefined;
  const match = /^(.*) since (.*)$/.exec(text);
  return match ? { state: match[1]!, since: match[2]! } : { state: text, since: '' };
}
