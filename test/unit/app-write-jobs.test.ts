import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSeedFile } from '../../src-main/artefacts/seed-file';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { openVaultFile } from '../../src-main/artefacts/vault-file';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { confirmEnrolments, custodyKiosk, enrolAndWrite, SEED_A, SEED_B, SEED_PASSPHRASE, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { stickPulledAt } from '../support/pulled-stick';
import { registerAndSignIn } from '../support/custodians';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fileOf = (stick: string, name: string) => join(stick, 'STRONGROOM', name);
const KDBX_SIGNATURE = Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00]);

/** The catalog's record of what each stick holds as its current vault or seed store. */
function heldGenerations(app: StrongroomApp): Record<string, number> {
  return Object.fromEntries(app.catalog.media.list().map((m) => [m.mediumId, app.catalog.generations.currentOf(m.mediumId, m.role === 'vault' ? 'vault.kdbx' : 'seeds.kdbx')?.generation ?? 0]));
}

describe('a write job covers every target stick, or none', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('writes nothing anywhere when the fourth stick refuses (a stray KeePass file), naming it by medium id', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    const before = Object.fromEntries(['vault1', 'vault2', 'seed1', 'seed2'].map((s) => [s, sha(readFileSync(fileOf(k.sticks[s as 'vault1'], s.startsWith('vault') ? 'vault.kdbx' : 'seeds.kdbx')))]));
    writeFileSync(join(k.sticks.seed2, 'old-backup.kdbx'), KDBX_SIGNATURE);

    confirmEnrolments(k.app, [['222222222222', SEED_B]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(report.job.status).toBe('refused');
    expect(report.enrolled).toEqual([]);
    const refused = report.job.sticks.find((s) => s.mediumId === 'SEEDS-02');
    expect(refused).toMatchObject({ state: 'refused', errorCode: 'SEPARATION_REFUSED' });
    expect(refused?.sentence).toMatch(/^SEEDS-02: Strongroom will not use this stick for seeds\. .*old-backup\.kdbx/);
    expect(refused?.sentence).not.toContain(k.practice.root);
    expect(report.job.sticks.filter((s) => s.mediumId !== 'SEEDS-02').every((s) => s.state === 'planned' && /another stick was refused/.test(s.sentence))).toBe(true);

    // Every stick still holds exactly what it held, and the catalog agrees.
    for (const [name, digest] of Object.entries(before)) {
      const stick = k.sticks[name as 'vault1'];
      expect(sha(readFileSync(fileOf(stick, name.startsWith('vault') ? 'vault.kdbx' : 'seeds.kdbx')))).toBe(digest);
      expect(readdirSync(join(stick, 'STRONGROOM')).filter((f) => f.includes('.staged') || f.includes('strongroom-tmp'))).toEqual([]);
    }
    expect(heldGenerations(k.app)).toEqual({ 'VAULT-01': 1, 'VAULT-02': 1, 'SEEDS-01': 1, 'SEEDS-02': 1 });
    expect(k.app.catalog.generations.newestPublished('vault.kdbx')).toBe(1);
    // The enrolment waits, ready: without the stray file, or without SEEDS-02, it writes.
    expect(k.app.enrolment.list().map((e) => e.accountId)).toEqual(['222222222222']);
    const without = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, seedMedia: ['SEEDS-01'] });
    expect(without.job.status).toBe('complete');
    expect(without.job.behind).toEqual([{ mediumId: 'SEEDS-02', role: 'seed', location: 'off site, Bank', generation: 1 }]);
    expect(without.enrolled).toEqual(['222222222222']);
  });

  it('leaves the job pending when the fourth stick is pulled after staging, and a retry commits the same generation there', async () => {
    const pulled = stickPulledAt(
      'promote',
      (place, staged) => place.root.includes('seed-2') && staged.startsWith('seeds.g2'),
      () => renameSync(k.sticks.seed2, join(k.practice.root, '.pulled-seed-2')),
    );
    const k = await custodyKiosk({ stickFiles: pulled.files });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);

    const passwords = confirmEnrolments(k.app, [['222222222222', SEED_B]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(pulled.pulls).toBe(1);
    expect(report.job.status).toBe('pending');
    expect(Object.fromEntries(report.job.sticks.map((s) => [s.mediumId, s.state]))).toEqual({ 'VAULT-01': 'committed', 'SEEDS-01': 'committed', 'VAULT-02': 'committed', 'SEEDS-02': 'failed' });
    const lagging = report.job.sticks.find((s) => s.mediumId === 'SEEDS-02')!;
    expect(lagging.errorCode).toBe('MEDIUM_LOST');
    expect(lagging.sentence).toMatch(/^SEEDS-02: the commit was cut short .* Insert SEEDS-02 again and retry: the same generation 2 is written\.$/);
    // On a vault stick and a seed stick: enrolled, and the enrolment's secrets are gone from memory.
    expect(report.enrolled).toEqual(['222222222222']);
    expect(k.app.enrolment.list()).toEqual([]);
    expect(heldGenerations(k.app)).toEqual({ 'VAULT-01': 2, 'VAULT-02': 2, 'SEEDS-01': 2, 'SEEDS-02': 1 });

    // Nothing new is started while SEEDS-02 lacks generation 2.
    k.app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    confirmEnrolments(k.app, [['333333333333', SEED_A]]);
    await expect(k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE })).rejects.toMatchObject({
      code: 'WRITE_JOB_PENDING',
      message: expect.stringContaining('SEEDS-02 lacks seeds.kdbx generation 2'),
    });

    // Retry while the stick is still out: still pending, said so.
    const stillOut = await k.app.writeJobs.retry(report.job.jobId!);
    expect(stillOut.status).toBe('pending');
    expect(stillOut.sticks.find((s) => s.mediumId === 'SEEDS-02')?.sentence).toBe('SEEDS-02 is not inserted. Insert it and retry.');

    // Back in: the retry writes generation 2 with the very bytes SEEDS-01 holds. No passphrase is needed.
    renameSync(join(k.practice.root, '.pulled-seed-2'), k.sticks.seed2);
    const done = await k.app.writeJobs.retry(report.job.jobId!);
    expect(done.status).toBe('complete');
    expect(sha(readFileSync(fileOf(k.sticks.seed2, 'seeds.kdbx')))).toBe(sha(readFileSync(fileOf(k.sticks.seed1, 'seeds.kdbx'))));
    expect(k.app.catalog.generations.newestPublished('seeds.kdbx')).toBe(2);
    expect(heldGenerations(k.app)).toEqual({ 'VAULT-01': 2, 'VAULT-02': 2, 'SEEDS-01': 2, 'SEEDS-02': 2 });
    expect(readdirSync(join(k.sticks.seed2, 'STRONGROOM')).sort()).toEqual(['README.txt', 'audit.jsonl', 'medium.json', 'seeds.g1.kdbx', 'seeds.kdbx']);

    const seeds = await openSeedFile(readFileSync(fileOf(k.sticks.seed2, 'seeds.kdbx')), protect(SEED_PASSPHRASE));
    expect(seeds.entries.map((e) => e.accountId).sort()).toEqual(['111111111111', '222222222222']);
    const vault = await openVaultFile(readFileSync(fileOf(k.sticks.vault2, 'vault.kdbx')), protect(VAULT_PASSPHRASE));
    expect(vault.entries.find((e) => e.accountId === '222222222222')?.password.getText()).toBe(passwords['222222222222']);
    expect(k.app.catalog.audit.verify().intact).toBe(true);
  });

  it('retries from the bytes a stick already holds when the kiosk was restarted in between', async () => {
    const pulled = stickPulledAt(
      'promote',
      (place, staged) => place.root.includes('vault-2') && staged.startsWith('vault.g1'),
      () => renameSync(k.sticks.vault2, join(k.practice.root, '.pulled-vault-2')),
    );
    const k = await custodyKiosk({ stickFiles: pulled.files });
    cleanup = k.cleanup;
    const report = await (async () => {
      confirmEnrolments(k.app, [['111111111111', SEED_A]]);
      return k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    })();
    expect(report.job.status).toBe('pending');
    k.app.close();

    // A new process: nothing in memory, the catalog and the sticks are all there is.
    const again = new StrongroomApp({ home: k.home, media: k.practice.platform, env: {}, kdf: TEST_KDF, network: isolatedNetworkProbe });
    try {
      registerAndSignIn(again, 'Dana Whitfield');
      renameSync(join(k.practice.root, '.pulled-vault-2'), k.sticks.vault2);
      // Its staged copy is gone too (the stick was reformatted meanwhile, say): the bytes come from VAULT-01.
      rmSync(fileOf(k.sticks.vault2, 'vault.g1.kdbx.staged'));
      expect(again.writeJobs.pending().map((j) => j.jobId)).toEqual([report.job.jobId]);
      const done = await again.writeJobs.retry(report.job.jobId!);
      expect(done.status).toBe('complete');
      expect(sha(readFileSync(fileOf(k.sticks.vault2, 'vault.kdbx')))).toBe(sha(readFileSync(fileOf(k.sticks.vault1, 'vault.kdbx'))));
    } finally {
      again.close();
      cleanup = () => (k.practice.cleanup(), rmSync(k.home, { recursive: true, force: true }));
    }
  });

  it('fails before any commit when a stick fails while staging, and removes the staged copies', async () => {
    const pulled = stickPulledAt(
      'write',
      (place, name) => place.root.includes('seed-2') && name.endsWith('.staged'),
      () => renameSync(k.sticks.seed2, join(k.practice.root, '.pulled-seed-2')),
    );
    const k = await custodyKiosk({ stickFiles: pulled.files });
    cleanup = k.cleanup;
    confirmEnrolments(k.app, [['111111111111', SEED_A]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(report.job.status).toBe('failed');
    expect(report.job.sticks.find((s) => s.mediumId === 'SEEDS-02')).toMatchObject({ state: 'failed', errorCode: 'MEDIUM_LOST' });
    for (const stick of [k.sticks.vault1, k.sticks.vault2, k.sticks.seed1]) {
      expect(readdirSync(join(stick, 'STRONGROOM')).filter((f) => f.endsWith('.kdbx') || f.endsWith('.staged'))).toEqual([]);
    }
    expect(k.app.catalog.generations.newestPublished('vault.kdbx')).toBe(0);
    expect(k.app.accounts.get('111111111111').enrolledAt).toBeNull();
    // The generation number was never used: the next attempt is generation 1 again.
    renameSync(join(k.practice.root, '.pulled-seed-2'), k.sticks.seed2);
    const again = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(again.job).toMatchObject({ status: 'complete', generations: [expect.objectContaining({ generation: 1 }), expect.objectContaining({ generation: 1 })] });
  });

  it('closes a pending job, leaving the missing stick behind to be updated later by copying', async () => {
    const pulled = stickPulledAt(
      'promote',
      (place) => place.root.includes('vault-2'),
      () => renameSync(k.sticks.vault2, join(k.practice.root, '.away')),
    );
    const k = await custodyKiosk({ stickFiles: pulled.files });
    cleanup = k.cleanup;
    confirmEnrolments(k.app, [['111111111111', SEED_A]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(() => k.app.writeJobs.close(report.job.jobId!, 'no')).toThrow(expect.objectContaining({ code: 'REASON_TOO_SHORT' }));
    const closed = k.app.writeJobs.close(report.job.jobId!, 'VAULT-02 went back to the bank');
    expect(closed.status).toBe('closed');
    expect(closed.sticks.find((s) => s.mediumId === 'VAULT-02')?.state).toBe('left-behind');
    expect(closed.behind).toEqual([{ mediumId: 'VAULT-02', role: 'vault', location: 'off site, Bank', generation: 0 }]);
    expect(k.app.overview.alerts().map((a) => a.kind)).toContain('replica-behind');
    // Back from the bank, it is brought up to date by copying.
    renameSync(join(k.practice.root, '.away'), k.sticks.vault2);
    const copy = await k.app.writeJobs.replicate(k.sticks.vault1, k.sticks.vault2, 'vault');
    expect(copy.status).toBe('complete');
    expect(sha(readFileSync(fileOf(k.sticks.vault2, 'vault.kdbx')))).toBe(sha(readFileSync(fileOf(k.sticks.vault1, 'vault.kdbx'))));
  });
});

describe('history on every stick', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('keeps the last three generations, prunes older ones only after the newest is read back, and lists each in medium.json', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const ids = ['111111111111', '222222222222', '333333333333', '444444444444'];
    for (const [i, id] of ids.entries()) {
      if (i >= 2) k.app.accounts.add({ accountId: id, name: `acct-${i}`, rootEmail: `aws+a${i}@example.com` });
      await enrolAndWrite(k.app, [[id, i % 2 ? SEED_B : SEED_A]]);
    }
    const listed = readdirSync(join(k.sticks.vault1, 'STRONGROOM')).filter((f) => f.endsWith('.kdbx')).sort();
    expect(listed).toEqual(['vault.g2.kdbx', 'vault.g3.kdbx', 'vault.kdbx']);
    const manifest = JSON.parse(readFileSync(fileOf(k.sticks.vault1, 'medium.json'), 'utf8'));
    const artefacts = manifest.artefacts.map((a: { name: string; generation: number; state: string; sha256: string }) => [a.name, a.generation, a.state, a.sha256]);
    expect(artefacts).toEqual([
      ['vault.g2.kdbx', 2, 'history', sha(readFileSync(fileOf(k.sticks.vault1, 'vault.g2.kdbx')))],
      ['vault.g3.kdbx', 3, 'history', sha(readFileSync(fileOf(k.sticks.vault1, 'vault.g3.kdbx')))],
      ['vault.kdbx', 4, 'current', sha(readFileSync(fileOf(k.sticks.vault1, 'vault.kdbx')))],
    ]);
    // Each kept file opens in its own right (KeePassXC can open it too) and is the generation it says.
    const older = await openVaultFile(readFileSync(fileOf(k.sticks.vault1, 'vault.g2.kdbx')), protect(VAULT_PASSPHRASE));
    expect(older.generation).toBe(2);
    expect(older.entries.map((e) => e.accountId)).toEqual(['111111111111', '222222222222']);

    // Verification checks the history; a damaged kept generation fails it.
    const run = k.app.verification.startRun();
    const physical = { sealSerial: null, bagIntact: 'yes', locationConfirmed: 'yes' } as const;
    const clean = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, physical);
    expect(clean.checks.find((c) => c.name === 'Kept history')).toMatchObject({ passed: true, sentence: 'Keeps generations 2, 3 as history, each unchanged.' });
    writeFileSync(fileOf(k.sticks.vault2, 'vault.g3.kdbx'), 'rotted');
    const damaged = await k.app.verification.verifyMedium(run.runId, k.sticks.vault2, VAULT_PASSPHRASE, physical);
    expect(damaged.checks.find((c) => c.name === 'Kept history')).toMatchObject({ passed: false, sentence: expect.stringContaining('vault.g3.kdbx changed since it was written') });
  });

  it('clears what interrupted writes left before the next write, and takes a .prev file from before history was kept into the history', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    await enrolAndWrite(k.app, [['222222222222', SEED_B]]);
    // As an older Strongroom left it: generation 1 beside the current one as vault.kdbx.prev, not recorded as history.
    const dir = join(k.sticks.vault1, 'STRONGROOM');
    const g1 = readFileSync(join(dir, 'vault.g1.kdbx'));
    renameSync(join(dir, 'vault.g1.kdbx'), join(dir, 'vault.kdbx.prev'));
    k.app.catalog.generations.removeFile('VAULT-01', 'vault.kdbx', 1);
    writeFileSync(join(dir, '.vault.kdbx.strongroom-tmp-00112233aabbccdd'), 'half a write');
    writeFileSync(join(dir, 'vault.g9.kdbx.staged'), KDBX_SIGNATURE);

    k.app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    const report = await (async () => {
      confirmEnrolments(k.app, [['333333333333', SEED_A]]);
      return k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    })();
    expect(report.job.status).toBe('complete');
    expect(readdirSync(dir).filter((f) => f.includes('kdbx')).sort()).toEqual(['vault.g1.kdbx', 'vault.g2.kdbx', 'vault.kdbx']);
    expect(sha(readFileSync(join(dir, 'vault.g1.kdbx')))).toBe(sha(g1));
    const cleared = [...k.app.catalog.audit.all()].find((e) => e.action === 'medium.leftovers-cleared' && e.subject === 'VAULT-01');
    expect(String(cleared?.details['done'])).toMatch(/removed \.vault\.kdbx\.strongroom-tmp-00112233aabbccdd .*removed vault\.g9\.kdbx\.staged .*kept vault\.kdbx\.prev as vault\.g1\.kdbx/);
  });

  it('keeps as many generations as the custodians set, from each stick\'s next write on, and records the change', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    expect(() => k.app.writeJobs.setKeptGenerations(1)).toThrow(expect.objectContaining({ code: 'INVALID_SETTING' }));
    k.app.writeJobs.setKeptGenerations(2);
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'settings.kept-generations-changed', details: { from: 3, to: 2 } });
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    await enrolAndWrite(k.app, [['222222222222', SEED_B]]);
    k.app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    await enrolAndWrite(k.app, [['333333333333', SEED_A]]);
    expect(readdirSync(join(k.sticks.seed2, 'STRONGROOM')).filter((f) => f.endsWith('.kdbx')).sort()).toEqual(['seeds.g2.kdbx', 'seeds.kdbx']);
  });

  it('never prunes when the new generation does not read back as written', async () => {
    const k = await custodyKiosk({
      stickFiles: {
        ...(await import('../../src-main/platform/stick-folder')).nodeStickFiles,
        promote: async (place, names) => {
          const result = await (await import('../../src-main/platform/stick-folder')).nodeStickFiles.promote(place, names);
          // A failing stick that gives back other bytes than were written, once generation 4 is promoted on VAULT-02.
          return place.root.includes('vault-2') && names.staged === 'vault.g4.kdbx.staged' ? { ...result, sha256: '0'.repeat(64) } : result;
        },
      },
    });
    cleanup = k.cleanup;
    const ids = ['111111111111', '222222222222', '333333333333', '444444444444'];
    for (const [i, id] of ids.entries()) {
      if (i >= 2) k.app.accounts.add({ accountId: id, name: `acct-${i}`, rootEmail: `aws+a${i}@example.com` });
      confirmEnrolments(k.app, [[id, SEED_A]]);
      await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    }
    const pending = k.app.writeJobs.pending()[0]!;
    expect(pending.sticks.find((s) => s.mediumId === 'VAULT-02')).toMatchObject({ state: 'failed', errorCode: 'WRITE_NOT_VERIFIED' });
    // Generation 1 stays on VAULT-02: with generation 4 not verified there, nothing older is given up.
    expect(existsSync(fileOf(k.sticks.vault2, 'vault.g1.kdbx'))).toBe(true);
    expect(existsSync(fileOf(k.sticks.vault1, 'vault.g1.kdbx'))).toBe(false);
  });
});

describe('a committed write whose audit copy cannot be written says so', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('keeps the generation committed, names the stick whose audit copy failed and tells the custodian to verify it', async () => {
    const { nodeStickFiles } = await import('../../src-main/platform/stick-folder');
    const refusing = { on: false };
    const k = await custodyKiosk({
      stickFiles: {
        ...nodeStickFiles,
        write: async (place, name, bytes) => {
          if (refusing.on && name === 'audit.jsonl' && place.root.includes('seed-2')) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          return nodeStickFiles.write(place, name, bytes);
        },
      },
    });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    refusing.on = true;
    confirmEnrolments(k.app, [['222222222222', SEED_B]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });

    expect(report.job.status).toBe('complete');
    const seed2 = report.job.sticks.find((s) => s.mediumId === 'SEEDS-02')!;
    expect(seed2).toMatchObject({ state: 'committed', errorCode: 'AUDIT_COPY_NOT_WRITTEN', auditCopyMissing: true });
    expect(seed2.sentence).toMatch(/The seed store was written, but its audit copy could not be: ENOSPC; run Verify on this stick\.$/);
    expect(report.job.sticks.filter((s) => s.mediumId !== 'SEEDS-02').every((s) => !s.auditCopyMissing && s.errorCode === null)).toBe(true);
    expect(report.job.sentence).toMatch(/The audit copy could not be written on SEEDS-02: run Verify on that stick\.$/);
    expect(heldGenerations(k.app)['SEEDS-02']).toBe(2);
    // The failure is on the kiosk's trail, and the stick's copy ends where it was before this job.
    const missing = [...k.app.catalog.audit.all()].filter((e) => e.action === 'medium.audit-copy-missing');
    expect(missing.map((e) => [e.subject, e.details.error])).toEqual([['SEEDS-02', 'ENOSPC']]);
    const copy = readFileSync(fileOf(k.sticks.seed2, 'audit.jsonl'), 'utf8').trim().split('\n');
    const onSeed1 = readFileSync(fileOf(k.sticks.seed1, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(copy.length).toBeLessThan(onSeed1.length);
    // Later reports of the job say it too (the catalog keeps it).
    expect(k.app.writeJobs.report(report.job.jobId!).sticks.find((s) => s.mediumId === 'SEEDS-02')?.auditCopyMissing).toBe(true);
  });
});

describe('two writes to one stick at once', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('refuses the second of two labels started together on one stick (a double click), and labels it once', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const spare = k.practice.insertStick('spare');
    const request = { devicePath: spare, role: 'vault' as const, location: { kind: 'onsite' as const, note: 'Safe 1' } };
    const outcomes = await Promise.allSettled([k.app.media.label(request), k.app.media.label(request)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'STICK_BUSY', message: expect.stringMatching(/is being written by another Strongroom window or command; wait for it to finish/) });
    expect(k.app.catalog.media.list().filter((m) => m.role === 'vault').map((m) => m.mediumId)).toEqual(['VAULT-01', 'VAULT-02', 'VAULT-03']);
  });

  it('refuses a write job while its stick is being written, and lets it run once the stick is free', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    const vault1 = (await k.app.media.inserted()).find((m) => m.manifest?.mediumId === 'VAULT-01')!;
    const vault2 = (await k.app.media.inserted()).find((m) => m.manifest?.mediumId === 'VAULT-02')!;
    await k.app.sticks.exclusive([{ medium: vault2 }], async () => {
      await expect(k.app.writeJobs.replicate(vault1.drive.devicePath, vault2.drive.devicePath, 'vault')).rejects.toMatchObject({ code: 'STICK_BUSY', message: expect.stringMatching(/^VAULT-02 is being written/) });
    });
    expect(k.app.writeJobs.recent().filter((j) => j.purpose === 'replicate')).toEqual([]);
    await expect(k.app.writeJobs.replicate(vault1.drive.devicePath, vault2.drive.devicePath, 'vault')).resolves.toMatchObject({ status: 'complete' });
  });
});
