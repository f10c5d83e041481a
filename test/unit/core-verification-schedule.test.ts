import { describe, expect, it } from 'vitest';
import { dueEntries, nextDueAt, replicaHealth, type ScheduledMedium } from '../../src-main/core/verification-schedule';

const medium = (mediumId: string, role: 'vault' | 'seed', locationKind: 'onsite' | 'offsite', lastVerifiedAt: string | null): ScheduledMedium => ({
  mediumId,
  role,
  locationKind,
  labelledAt: '2026-01-01T00:00:00.000Z',
  lastVerifiedAt,
});

describe('verification schedule', () => {
  it('is due 90 days after the last passed check, or after labelling when never checked', () => {
    expect(nextDueAt({ labelledAt: '2026-01-01T00:00:00.000Z', lastVerifiedAt: null }, 90)).toBe('2026-04-01T00:00:00.000Z');
    expect(nextDueAt({ labelledAt: '2026-01-01T00:00:00.000Z', lastVerifiedAt: '2026-06-01T00:00:00.000Z' }, 90)).toBe('2026-08-30T00:00:00.000Z');
  });

  it('orders media by due date and marks overdue and due-soon ones', () => {
    const now = new Date('2026-08-20T00:00:00.000Z');
    const due = dueEntries(
      [medium('VAULT-01', 'vault', 'onsite', '2026-06-01T00:00:00.000Z'), medium('SEEDS-01', 'seed', 'offsite', null), medium('VAULT-02', 'vault', 'offsite', '2026-08-01T00:00:00.000Z')],
      now,
      90,
    );
    expect(due.map((d) => [d.mediumId, d.status])).toEqual([
      ['SEEDS-01', 'overdue'],
      ['VAULT-01', 'due-soon'],
      ['VAULT-02', 'ok'],
    ]);
  });

  it('warns when a role has fewer than two sticks or none off site', () => {
    const health = replicaHealth([medium('VAULT-01', 'vault', 'onsite', null), medium('VAULT-02', 'vault', 'onsite', null)]);
    expect(health.find((h) => h.role === 'vault')?.warnings).toEqual([expect.stringContaining('No vault stick is kept off site')]);
    expect(health.find((h) => h.role === 'seed')?.warnings).toEqual([expect.stringContaining('No seed stick is labelled yet')]);
    const fine = replicaHealth([medium('SEEDS-01', 'seed', 'onsite', null), medium('SEEDS-02', 'seed', 'offsite', null)]);
    expect(fine.find((h) => h.role === 'seed')?.warnings).toEqual([]);
  });
});
