import { describe, expect, it } from 'vitest';
import { TEST_KDF } from '../support/custody-fixture';
import { addPlans, derivationMs, describePlan, planOf, TimedCountingKeyDerivation } from '../bench/derivation-log';

/** The benchmark divides a job's time by what the job derived; a wrong pairing would print a wrong ratio. */

const span = (startMs: number, endMs: number) => ({ startMs, endMs });
const argon2 = { oneMs: 100, twoSideBySideMs: 300 };

describe('the derivations a benchmark phase saw', () => {
  it('pairs two derivations that overlapped and counts the ones that ran alone', () => {
    // Provision (a pair), then the paper backup and verify's two opens one after the other.
    const plan = planOf([span(0, 300), span(10, 310), span(400, 500), span(600, 700), span(800, 900)]);
    expect(plan).toMatchObject({ count: 5, sideBySidePairs: 1, alone: 3 });
    expect(describePlan(plan)).toBe('2 side by side + 3');
    expect(derivationMs(plan, argon2)).toBe(600);
  });

  it('takes the wall time any derivation ran as the union of their spans', () => {
    expect(planOf([span(10, 310), span(0, 300), span(400, 500)]).busyMs).toBe(410);
  });

  it('does not pair derivations that only touch, and names a later enrolment’s pair as the test counts it', () => {
    expect(planOf([span(0, 100), span(100, 200)])).toMatchObject({ sideBySidePairs: 0, alone: 2 });
    const later = planOf([span(0, 300), span(5, 290)]);
    expect(describePlan(later)).toBe('2 side by side');
    expect(derivationMs(later, argon2)).toBe(300);
  });

  it('adds phases, and a phase that derives nothing has no derivation time to divide by', () => {
    const none = planOf([]);
    expect(describePlan(none)).toBe('none');
    expect(derivationMs(none, argon2)).toBeNaN();
    expect(addPlans([planOf([span(0, 1), span(0, 1)]), planOf([span(5, 6)]), planOf([span(9, 10), span(9, 10)])])).toMatchObject({ count: 5, sideBySidePairs: 2, alone: 1, busyMs: 3 });
    expect(describePlan(addPlans([planOf([span(0, 1), span(0, 1)]), planOf([span(5, 6), span(5, 6)])]))).toBe('2 pairs side by side');
  });

  it('records a span for each derivation it passes on to the real Argon2', async () => {
    const counter = new TimedCountingKeyDerivation();
    const request = { password: new Uint8Array(32).fill(7), salt: new Uint8Array(32).fill(1), memoryKiB: TEST_KDF.memoryMiB * 1024, iterations: 1, parallelism: 1, length: 32, algorithm: 'argon2id', version: 0x13 } as const;
    const [a, b] = await Promise.all([counter.derive(request), counter.derive(request)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(counter.seen).toHaveLength(2);
    expect(counter.spans).toHaveLength(2);
    expect(planOf(counter.spans).count).toBe(2);
  });
});
