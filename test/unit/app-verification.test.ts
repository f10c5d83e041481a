import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { custodyKiosk, enrolAndWrite, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

/** Every physical check answered, each stick sealed in a logged bag beforehand (see sealAll). */
const SEAL = { sealSerial: 'SR-0042', bagIntact: 'yes', locationConfirmed: 'yes' } as const;

const failedChecks = (r: { checks: readonly { name: string; passed: boolean; sentence: string }[] }) => r.checks.filter((c) => !c.passed);

/** Logs bag SR-0042 for every stick, as custodians do when they seal the sticks after the write. */
function sealAll(app: Awaited<ReturnType<typeof custodyKiosk>>['app']): void {
  for (const m of app.catalog.media.list()) app.mediumLifecycle.recordSeal(m.mediumId, 'SR-0042', 'after-write');
}

describe('quarterly verification on practice media', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('passes two vault and two seed sticks and builds a report listing all four', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    sealAll(k.app);
    const run = k.app.verification.startRun();
    for (const [stick, pass] of [[k.sticks.vault1, VAULT_PASSPHRASE], [k.sticks.vault2, VAULT_PASSPHRASE], [k.sticks.seed1, SEED_PASSPHRASE], [k.sticks.seed2, SEED_PASSPHRASE]] as const) {
      const result = await k.app.verification.verifyMedium(run.runId, stick, pass, SEAL);
      expect(failedChecks(result), result.mediumId).toEqual([]);
    }
    const report = await k.app.verification.finishRun(run.runId);
    expect(report.allPassed).toBe(true);
    expect(report.media.map((m) => m.mediumId).sort()).toEqual(['SEEDS-01', 'SEEDS-02', 'VAULT-01', 'VAULT-02']);
    expect(report.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(k.app.verification.schedule().due.every((d) => d.status === 'ok')).toBe(true);
  });

  it('finds one flipped byte in one replica and passes the others', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const file = join(k.sticks.vault2, 'STRONGROOM', 'vault.kdbx');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x01;
    writeFileSync(file, bytes);
    sealAll(k.app);
    const run = k.app.verification.startRun();
    const good = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, SEAL);
    const bad = await k.app.verification.verifyMedium(run.runId, k.sticks.vault2, VAULT_PASSPHRASE, SEAL);
    expect(good.outcome).toBe('passed');
    expect(bad.outcome).toBe('failed');
    expect(failedChecks(bad).map((c) => c.sentence).join(' ')).toContain('content changed since last write');
  });

  it('reports a replica left at an older generation as stale', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    k.app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    const e = k.app.enrolment.start('333333333333');
    k.app.enrolment.setSeed(e.enrolmentId, SEED_B);
    k.app.enrolment.confirmAwsAccepted(e.enrolmentId);
    await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, seedMedia: [k.sticks.seed1] });
    sealAll(k.app);
    const run = k.app.verification.startRun();
    const current = await k.app.verification.verifyMedium(run.runId, k.sticks.seed1, SEED_PASSPHRASE, SEAL);
    const stale = await k.app.verification.verifyMedium(run.runId, k.sticks.seed2, SEED_PASSPHRASE, SEAL);
    expect(failedChecks(current)).toEqual([]);
    expect(failedChecks(stale).map((c) => c.sentence)).toEqual([expect.stringContaining('Stale: generation 1, newest is 2')]);
    // Its own generation's accounts are all there: staleness is the one failure.
    expect(stale.checks.find((c) => c.name === 'Account set')?.passed).toBe(true);
  });

  it('names the account whose seed differs between two seed replicas', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    // Rewrite SEEDS-02 alone with a different seed for one account, as a botched manual edit would.
    const other = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPJQWEY3EMVTGO2DJNJVWY3LOOZ3XO6DZ';
    const altered = await (await import('../../src-main/artefacts/seed-file')).buildSeedFile(
      [
        { account: { accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com' }, seed: (await import('../../src-main/core/seed')).parseSeed(SEED_A) },
        { account: { accountId: '222222222222', name: 'prod-data', rootEmail: 'aws+data@example.com' }, seed: (await import('../../src-main/core/seed')).parseSeed(other) },
      ],
      { generation: 1, passphrase: (await import('../../src-main/artefacts/strongroom-kdbx')).protect(SEED_PASSPHRASE), kdf: k.app.kdf },
    );
    // The altered copy replaces SEEDS-02's file by hand, outside Strongroom.
    writeFileSync(join(k.sticks.seed2, 'STRONGROOM', 'seeds.kdbx'), altered);
    sealAll(k.app);
    const run = k.app.verification.startRun();
    await k.app.verification.verifyMedium(run.runId, k.sticks.seed1, SEED_PASSPHRASE, SEAL);
    const twin = await k.app.verification.verifyMedium(run.runId, k.sticks.seed2, SEED_PASSPHRASE, SEAL);
    expect(failedChecks(twin).map((c) => c.sentence).join(' ')).toContain('prod-data (222222222222) differs from SEEDS-01');
  });

  it('reports a stick carrying a copied label as an identity mismatch', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    sealAll(k.app);
    const impostor = k.practice.insertStick('impostor');
    mkdirSync(join(impostor, 'STRONGROOM'));
    for (const f of ['medium.json', 'vault.kdbx', 'audit.jsonl']) copyFileSync(join(k.sticks.vault1, 'STRONGROOM', f), join(impostor, 'STRONGROOM', f));
    const run = k.app.verification.startRun();
    const result = await k.app.verification.verifyMedium(run.runId, impostor, VAULT_PASSPHRASE, SEAL);
    expect(failedChecks(result).map((c) => c.name)).toContain('Device identity');
    expect(failedChecks(result)[0]!.sentence).toContain('The label was copied, edited or the stick swapped');
  });

  it('reports an altered or truncated audit copy, and a wrong passphrase as such', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const copyPath = join(k.sticks.seed1, 'STRONGROOM', 'audit.jsonl');
    const lines = readFileSync(copyPath, 'utf8').trim().split('\n');
    writeFileSync(copyPath, `${lines.slice(0, 3).join('\n')}\n${lines[3]!.replace('Dana Whitfield', 'Mallory Evans')}\n`);
    sealAll(k.app);
    const run = k.app.verification.startRun();
    const result = await k.app.verification.verifyMedium(run.runId, k.sticks.seed1, 'a wrong seed passphrase entirely', SEAL);
    const failed = failedChecks(result);
    expect(failed.find((c) => c.name === 'Audit copy')?.sentence).toContain('was altered');
    expect(failed.find((c) => c.name === 'Opens with the passphrase')?.sentence).toContain('wrong passphrase');
    expect(failed.find((c) => c.name === 'Content unchanged')).toBeUndefined();

    writeFileSync(copyPath, `${lines.slice(0, 3).join('\n')}\n`);
    // A prefix of the kiosk chain, but shorter than what this kiosk wrote there: the copy was cut on the stick.
    const truncated = await k.app.verification.verifyMedium(run.runId, k.sticks.seed1, SEED_PASSPHRASE, SEAL);
    expect(truncated.checks.find((c) => c.name === 'Audit copy')?.passed).toBe(false);
    expect(truncated.checks.find((c) => c.name === 'Audit copy')?.sentence).toContain('cut short or replaced by an older one');
  });

  it('resumes an interrupted run without redoing passed media', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    sealAll(k.app);
    const run = k.app.verification.startRun();
    await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, SEAL);
    const resumed = k.app.verification.startRun();
    expect(resumed.runId).toBe(run.runId);
    expect(k.app.verification.activeRun()?.done.map((d) => d.mediumId)).toEqual(['VAULT-01']);
  });
});

describe('verification interval', () => {
  it('moves every due date when the custodians change how often sticks are verified, and records who did', async () => {
    const k = await custodyKiosk();
    try {
      const before = k.app.verification.schedule().due[0]!.nextDueAt;
      k.app.verification.setIntervalDays(30);
      const after = k.app.verification.schedule();
      expect(after.intervalDays).toBe(30);
      expect(new Date(before).getTime() - new Date(after.due[0]!.nextDueAt).getTime()).toBe(60 * 86_400_000);
      expect(k.app.catalog.audit.head()).toMatchObject({ action: 'settings.verification-interval-changed', details: { from: 90, to: 30 } });
    } finally {
      k.cleanup();
    }
  });
});

describe('verification schedule', () => {
  it('says where each stick is kept in the one location sentence, with the shelf or box the custodians recorded', async () => {
    const k = await custodyKiosk();
    try {
      const kept = Object.fromEntries(k.app.verification.schedule().due.map((d) => [d.mediumId, d.location]));
      expect(kept).toEqual({ 'VAULT-01': 'On site, Safe 1', 'VAULT-02': 'Off site, Bank', 'SEEDS-01': 'On site, Safe 2', 'SEEDS-02': 'Off site, Bank' });
    } finally {
      k.cleanup();
    }
  });
});
