import type { MediumRole } from './custody-vocabulary';
/**
 * When each medium (and each token of the safe) is next due for its integrity check, and whether the replicas of each role still guard
 * against fire and theft (at least two, at least one off site). Pure: dates in, verdicts out.
 */
export const DUE_SOON_DAYS = 14;
const DAY_MS = 86_400_000;

export type DueStatus = 'overdue' | 'due-soon' | 'ok';

export interface ScheduledMedium {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly locationKind: 'onsite' | 'offsite';
  readonly labelledAt: string;
  readonly lastVerifiedAt: string | null;
}

export interface DueEntry extends ScheduledMedium {
  readonly nextDueAt: string;
  readonly status: DueStatus;
  readonly daysLeft: number;
}

export function nextDueAt(medium: Pick<ScheduledMedium, 'labelledAt' | 'lastVerifiedAt'>, intervalDays: number): string {
  const from = new Date(medium.lastVerifiedAt ?? medium.labelledAt).getTime();
  return new Date(from + intervalDays * DAY_MS).toISOString();
}

function judgeDue(due: string, now: Date): { status: DueStatus; daysLeft: number } {
  const daysLeft = Math.floor((new Date(due).getTime() - now.getTime()) / DAY_MS);
  return { status: daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'ok', daysLeft };
}

/** Each medium with its due date; what else the caller put on a medium (its location sentence) rides along. */
export function dueEntries<M extends ScheduledMedium>(media: readonly M[], now: Date, intervalDays: number): (M & DueEntry)[] {
  return media
    .map((m) => {
      const due = nextDueAt(m, intervalDays);
      return { ...m, nextDueAt: due, ...judgeDue(due, now) };
    })
    .sort((a, b) => a.nextDueAt.localeCompare(b.nextDueAt));
}

/** A hardware token kept in the safe: checked in each verification, on the same interval as the sticks. */
export interface ScheduledToken {
  readonly tokenId: string;
  readonly addedAt: string;
  /** When a verification last found it presented and matching the inventory; null when never. */
  readonly lastVerifiedAt: string | null;
}

export interface TokenDueEntry extends ScheduledToken {
  readonly nextDueAt: string;
  readonly status: DueStatus;
  readonly daysLeft: number;
}

/** A token never verified is due one interval after it was added, as a stick is after its labelling. */
export function tokenDueEntries(tokens: readonly ScheduledToken[], now: Date, intervalDays: number): TokenDueEntry[] {
  return tokens
    .map((t) => {
      const due = nextDueAt({ labelledAt: t.addedAt, lastVerifiedAt: t.lastVerifiedAt }, intervalDays);
      return { ...t, nextDueAt: due, ...judgeDue(due, now) };
    })
    .sort((a, b) => a.nextDueAt.localeCompare(b.nextDueAt) || a.tokenId.localeCompare(b.tokenId));
}

export interface ReplicaHealth {
  readonly role: MediumRole;
  readonly count: number;
  readonly offsite: number;
  /** Plain-words warnings; empty when the role is adequately replicated. */
  readonly warnings: readonly string[];
}

export function replicaHealth(media: readonly ScheduledMedium[]): ReplicaHealth[] {
  return (['vault', 'seed'] as const).map((role) => {
    const ofRole = media.filter((m) => m.role === role);
    const offsite = ofRole.filter((m) => m.locationKind === 'offsite').length;
    const noun = role === 'vault' ? 'vault' : 'seed';
    const warnings: string[] = [];
    if (ofRole.length === 0) warnings.push(`No ${noun} stick is labelled yet: label at least two, one of them for off site.`);
    else if (ofRole.length < 2) warnings.push(`Only 1 ${noun} stick: keep at least two, so one failing stick is not the end.`);
    if (ofRole.length > 0 && offsite === 0) warnings.push(`No ${noun} stick is kept off site: a fire or theft at the safe would take every copy.`);
    return { role, count: ofRole.length, offsite, warnings };
  });
}
