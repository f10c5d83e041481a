import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressView } from '../../src-main/app/progress-board';
import { confirmEnrolments, custodyKiosk, enrolAndWrite, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

const KDBX_SIGNATURE = Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00]);

/** Each stick's phases in the order the board announced them, without repeats. */
function phasesBySticks(views: readonly (ProgressView | null)[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const view of views) {
    for (const s of view?.sticks ?? []) {
      const seen = (out[s.mediumId] ??= []);
      if (seen[seen.length - 1] !== s.phase) seen.push(s.phase);
    }
  }
  return out;
}

describe('the progress board follows every stick of a write job', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('checks, stages and commits each stick by medium id, and says what the job is opening', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const first: (ProgressView | null)[] = [];
    const stopFirst = k.app.progress.onChange((v) => first.push(v));
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    stopFirst();
    // A first write opens no current file: it never says so.
    expect(first.some((v) => v !== null && /Opening the current/.test(v.step))).toBe(false);
    expect(first.some((v) => v !== null && /Starting the first vault \(generation 1\)/.test(v.step))).toBe(true);

    const views: (ProgressView | null)[] = [];
    const stop = k.app.progress.onChange((v) => views.push(v));
    confirmEnrolments(k.app, [['222222222222', SEED_B]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    stop();
    expect(report.job.status).toBe('complete');
    expect(views.some((v) => v !== null && /Opening the current vault \(generation 1\)/.test(v.step))).toBe(true);
    const phases = phasesBySticks(views);
    expect(Object.keys(phases).sort()).toEqual(['SEEDS-01', 'SEEDS-02', 'VAULT-01', 'VAULT-02']);
    // Checked twice: before the files are built, and again from a fresh scan once their sizes are known.
    for (const id of Object.keys(phases)) expect(phases[id]).toEqual(['waiting', 'checking', 'checked', 'checking', 'checked', 'staging', 'staged', 'committing', 'committed']);
    // Every view names sticks by medium id, never by a path on the kiosk.
    expect(JSON.stringify(views)).not.toContain(k.practice.root);
    expect(k.app.progress.view()).toBeNull();
  });

  it('marks the refused stick with its reason and every other one as not written', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    writeFileSync(join(k.sticks.seed2, 'old-backup.kdbx'), KDBX_SIGNATURE);
    const views: (ProgressView | null)[] = [];
    const stop = k.app.progress.onChange((v) => views.push(v));
    confirmEnrolments(k.app, [['222222222222', SEED_B]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    stop();
    expect(report.job.status).toBe('refused');
    const last = [...views].reverse().find((v) => v !== null && v.sticks.length > 0)!;
    const byId = Object.fromEntries(last.sticks.map((s) => [s.mediumId, s]));
    expect(byId['SEEDS-02']).toMatchObject({ phase: 'refused' });
    expect(byId['SEEDS-02']!.sentence).toMatch(/^SEEDS-02: .*old-backup\.kdbx/);
    for (const id of ['VAULT-01', 'VAULT-02', 'SEEDS-01']) expect(byId[id]).toMatchObject({ phase: 'not-written', sentence: expect.stringMatching(/another stick was refused/) });
    // No stick ever reached staging.
    expect(Object.values(phasesBySticks(views)).flat()).not.toContain('staging');
  });
});
