import type { CoveragePoint, RootActivity } from './cloudtrail-records';

// How far the logs read reach for each account, and where they fall silent.

export const HOUR_MS = 3_600_000;

export interface AccountCoverage {
  readonly accountId: string;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly records: number;
  readonly rootEvents: number;
  readonly gaps: readonly { readonly from: string; readonly to: string; readonly hours: number }[];
}

export function coverageOf(points: readonly CoveragePoint[], activities: readonly RootActivity[], gapMs: number): AccountCoverage[] {
  const byAccount = new Map<string, number[]>();
  for (const point of points) {
    let times = byAccount.get(point.accountId);
    if (!times) byAccount.set(point.accountId, (times = []));
    times.push(point.atMs);
  }
  const rootCounts = new Map<string, number>();
  for (const a of activities) rootCounts.set(a.accountId, (rootCounts.get(a.accountId) ?? 0) + 1);
  return [...byAccount.entries()]
    .map(([accountId, times]) => {
      times.sort((a, b) => a - b);
      const gaps: { from: string; to: string; hours: number }[] = [];
      for (let i = 1; i < times.length; i += 1) {
        const span = times[i]! - times[i - 1]!;
        if (span > gapMs) {
          gaps.push({ from: new Date(times[i - 1]!).toISOString(), to: new Date(times[i]!).toISOString(), hours: Math.round((span / HOUR_MS) * 10) / 10 });
        }
      }
      return {
        accountId,
        firstAt: new Date(times[0]!).toISOString(),
        lastAt: new Date(times.at(-1)!).toISOString(),
        records: times.length,
        rootEvents: rootCounts.get(accountId) ?? 0,
        gaps,
      };
    })
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/** True when the logs of `accountId` reach from `fromMs` to `toMs` without a gap in between. */
export function covers(coverage: AccountCoverage | undefined, fromMs: number, toMs: number): boolean {
  if (!coverage) return false;
  if (Date.parse(coverage.firstAt) > fromMs || Date.parse(coverage.lastAt) < toMs) return false;
  return !coverage.gaps.some((g) => Date.parse(g.from) < toMs && Date.parse(g.to) > fromMs);
}

