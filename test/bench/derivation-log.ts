import type { Argon2Request } from '../../src-main/artefacts/kdbx-crypto';
import { CountingKeyDerivation } from '../support/counting-key-derivation';

/**
 * What a job truly derives, seen at the key-derivation port by the same counting double that
 * test/unit/app-key-derivations.test.ts asserts on, with each derivation's start and end. The benchmark divides a
 * job's time by the time of these derivations (pairs that overlapped cost a side-by-side pair, the rest one each),
 * so a change in what a job derives changes the divisor with it instead of leaving a typed count stale.
 */

export interface DerivationSpan {
  readonly startMs: number;
  readonly endMs: number;
}

export class TimedCountingKeyDerivation extends CountingKeyDerivation {
  readonly spans: DerivationSpan[] = [];

  override async derive(request: Argon2Request): Promise<Uint8Array> {
    const startMs = performance.now();
    try {
      return await super.derive(request);
    } finally {
      this.spans.push({ startMs, endMs: performance.now() });
    }
  }
}

/** A phase's derivations: how many, how many ran as overlapping pairs, and the wall time any was running. */
export interface DerivationPlan {
  readonly count: number;
  readonly sideBySidePairs: number;
  readonly alone: number;
  /** Wall time during which at least one derivation was running (the union of their spans). */
  readonly busyMs: number;
}

export const NO_DERIVATIONS: DerivationPlan = { count: 0, sideBySidePairs: 0, alone: 0, busyMs: 0 };

/** Pairs each derivation with the next one that started before it ended; the rest ran alone. */
export function planOf(spans: readonly DerivationSpan[]): DerivationPlan {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  let sideBySidePairs = 0;
  let alone = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const next = sorted[i + 1];
    if (next && next.startMs < sorted[i]!.endMs) {
      sideBySidePairs += 1;
      i += 1;
    } else {
      alone += 1;
    }
  }
  let busyMs = 0;
  let reach = -Infinity;
  for (const span of sorted) {
    busyMs += Math.max(0, span.endMs - Math.max(span.startMs, reach));
    reach = Math.max(reach, span.endMs);
  }
  return { count: sorted.length, sideBySidePairs, alone, busyMs };
}

export function addPlans(plans: readonly DerivationPlan[]): DerivationPlan {
  return plans.reduce(
    (sum, p) => ({ count: sum.count + p.count, sideBySidePairs: sum.sideBySidePairs + p.sideBySidePairs, alone: sum.alone + p.alone, busyMs: sum.busyMs + p.busyMs }),
    NO_DERIVATIONS,
  );
}

/** The time the plan's derivations take on this machine, from the Argon2 figures measured in the same run. */
export function derivationMs(plan: DerivationPlan, argon2: { readonly oneMs: number; readonly twoSideBySideMs: number }): number {
  return plan.count === 0 ? Number.NaN : plan.sideBySidePairs * argon2.twoSideBySideMs + plan.alone * argon2.oneMs;
}

/** "2 side by side + 3", for a table caption. */
export function describePlan(plan: DerivationPlan): string {
  const parts = [
    ...(plan.sideBySidePairs > 0 ? [plan.sideBySidePairs === 1 ? '2 side by side' : `${plan.sideBySidePairs} pairs side by side`] : []),
    ...(plan.alone > 0 ? [String(plan.alone)] : []),
  ];
  return parts.length > 0 ? parts.join(' + ') : 'none';
}
