import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import type { WriteJobReport } from '../../src-main/app/write-jobs';
import { createMediaPlatform } from '../../src-main/platform/media-ports';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { nodeStickFiles, type StickFiles } from '../../src-main/platform/stick-folder';
import { bundleForChild } from '../support/child-bundle';
import { killWriterAt } from '../support/killed-writer';
import { confirmEnrolments, SEED_A, SEED_PASSPHRASE, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { registerAndSignIn } from '../support/custodians';
import { cleanupAllSticks, loopDevicesUnavailableReason, makeStick, type LoopStick } from '../support/loop-device';
import { makeTempHome } from '../support/temp-home';

const unavailable = await loopDevicesUnavailableReason();
if (unavailable) console.warn(`Skipping the fault matrix on loop devices: ${unavailable}`);
const run = promisify(execFile);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Fault = 'enospc' | 'yank' | 'read-only' | 'sigkill';
type Target = 'vault' | 'seed store' | 'manifest' | 'audit copy' | 'multi-stick';

/**
 * Where each row's fault strikes, within one enrolment write to a vault stick and a seed stick: staging the
 * vault, staging the seed store, the medium.json written with the staged vault, the seed stick's audit copy
 * after its commit, and the seed stick's commit once the vault stick has committed (a job across two sticks).
 */
const WHERE: Readonly<Record<Target, { stick: 'vault' | 'seed'; step: 'write' | 'promote'; file: (g: number) => string }>> = {
  vault: { stick: 'vault', step: 'write', file: (g) => `vault.g${g}.kdbx.staged` },
  'seed store': { stick: 'seed', step: 'write', file: (g) => `seeds.g${g}.kdbx.staged` },
  manifest: { stick: 'vault', step: 'write', file: () => 'medium.json' },
  'audit copy': { stick: 'seed', step: 'write', file: () => 'audit.jsonl' },
  'multi-stick': { stick: 'seed', step: 'promote', file: (g) => `seeds.g${g}.kdbx.staged` },
};

/** What the custodian is told, by fault: the code on the stick and the words of its sentence. */
const TOLD: Readonly<Record<Fault, { code: string; words: RegExp }>> = {
  enospc: { code: 'MEDIUM_FULL', words: /full/i },
  yank: { code: 'MEDIUM_LOST', words: /went away|pulled out/ },
  'read-only': { code: 'MEDIUM_READ_ONLY', words: /read-only/i },
  sigkill: { code: 'WRITE_CUT_OFF', words: /the write was cut off \(Strongroom was stopped while writing\)/ },
};

/** Every row against every fault: 5 × 4 scenarios on the same two sticks, each leaving them healed. */
const SCENARIOS: readonly { target: Target; fault: Fault }[] = (['vault', 'seed store', 'manifest', 'audit copy', 'multi-stick'] as const).flatMap((target) =>
  (['enospc', 'yank', 'read-only', 'sigkill'] as const).map((fault) => ({ target, fault })),
);

describe.skipIf(unavailable !== null)('fault matrix on loop-device sticks: the last good generation survives every fault', () => {
  let vaultStick: LoopStick;
  let seedStick: LoopStick;
  let home: string;
  let removeHome: () => void;
  let app: StrongroomApp;
  let child: { file: string; remove: () => void };
  let scenarios = 0;
  let nextAccount = 100000000001;
  const hook: { armed: null | { stick: LoopStick; step: 'write' | 'promote'; file: string; strike: (size: number) => Promise<void> } } = { armed: null };

  const trip = async (root: string, name: string, step: 'write' | 'promote', size: number) => {
    const armed = hook.armed;
    if (!armed || armed.step !== step || armed.file !== name || !root.startsWith(armed.stick.mounts[0]!)) return;
    hook.armed = null;
    await armed.strike(size);
  };
  const stickFiles: StickFiles = {
    ...nodeStickFiles,
    write: async (place, name, bytes) => (await trip(place.root, name, 'write', bytes.length), nodeStickFiles.write(place, name, bytes)),
    promote: async (place, names) => (await trip(place.root, names.staged, 'promote', 0), nodeStickFiles.promote(place, names)),
  };

  beforeAll(async () => {
    child = await bundleForChild('test/support/write-job-child.ts');
    vaultStick = await makeStick({ fs: 'exfat', sizeMiB: 12 });
    seedStick = await makeStick({ fs: 'exfat', sizeMiB: 12 });
    ({ home, remove: removeHome } = makeTempHome());
    app = new StrongroomApp({ home, media: createMediaPlatform({ STRONGROOM_ALLOW_LOOP_DEVICES: '1' }, 'linux'), env: {}, kdf: TEST_KDF, network: isolatedNetworkProbe, stickFiles });
    registerAndSignIn(app, 'Dana Whitfield');
    await app.media.label({ devicePath: vaultStick.device, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    await app.media.label({ devicePath: seedStick.device, role: 'seed', location: { kind: 'onsite', note: 'Safe 2' } });
    const first = await enrol();
    expect(first.status, JSON.stringify(first.sticks)).toBe('complete');
  }, 120_000);

  afterAll(async () => {
    console.log(`fault matrix: ${scenarios} scenarios`);
    app?.close();
    removeHome?.();
    child?.remove();
    await cleanupAllSticks();
  });

  async function enrol(): Promise<WriteJobReport> {
    app.accounts.add({ accountId: String(nextAccount), name: `acct-${nextAccount}`, rootEmail: `aws+${nextAccount}@example.com` });
    confirmEnrolments(app, [[String(nextAccount++), SEED_A]]);
    return (await app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE })).job;
  }

  /** The stick as the device holds it after a remount (not the page cache): its current file against the catalog. */
  async function currentMatchesCatalog(stick: LoopStick, mediumId: string, name: string): Promise<number> {
    const record = app.catalog.generations.currentOf(mediumId, name)!;
    expect(sha(await readFile(join(stick.mounts[0]!, 'STRONGROOM', name)))).toBe(record.sha256);
    const medium = (await app.media.inserted()).find((m) => m.manifest?.mediumId === mediumId)!;
    const read = await app.sticks.read(medium, mediumId.startsWith('VAULT') ? 'vault' : 'seed', 'strict');
    expect(read.generation).toBe(record.generation);
    return record.generation;
  }

  async function strike(fault: Fault, stick: LoopStick, size: number): Promise<void> {
    const mount = stick.mounts[0]!;
    if (fault === 'yank') return stick.killFuseDaemon(0);
    if (fault === 'read-only') return void (await run('mount', ['-o', 'remount,ro', mount]));
    // A filler leaves fewer whole blocks than the file about to be written needs (none for a small file, and none
    // for a rename, which then meets a full medium.json), so it meets a real ENOSPC from the filesystem.
    const free = await statfs(mount);
    const block = Number(free.bsize);
    const room = size > 0 ? Math.floor((size - 1) / block) * block : 0;
    await writeFile(join(mount, 'filler.bin'), Buffer.alloc(Math.max(0, Number(free.bavail) * block - room)));
  }

  async function heal(fault: Fault, stick: LoopStick): Promise<void> {
    const mount = stick.mounts[0]!;
    if (fault === 'yank') {
      await stick.unmount(0);
      await stick.mount(0);
    } else if (fault === 'read-only') {
      await run('mount', ['-o', 'remount,rw', mount]);
    } else if (fault === 'enospc') {
      await rm(join(mount, 'filler.bin'), { force: true });
    }
  }

  /** The same write in another process, killed dead when it reaches the file. */
  async function killedChild(stick: LoopStick, step: 'write' | 'promote', file: string): Promise<void> {
    const id = String(nextAccount++);
    app.accounts.add({ accountId: id, name: `acct-${id}`, rootEmail: `aws+${id}@example.com` });
    await killWriterAt({ childFile: child.file, home, step, file, mount: stick.mounts[0]!, accountId: id, seed: SEED_A });
  }

  for (const { target, fault } of SCENARIOS) {
    it(`${target} × ${fault}: the previous generation stays good, the catalog records no failed write as good, and the custodian is told`, { timeout: 180_000 }, async () => {
      scenarios += 1;
      // A long matrix outlasts the kiosk's idle lock; the custodian says who they are again, as at the kiosk.
      app.session.signIn('Dana Whitfield');
      const where = WHERE[target];
      const stick = where.stick === 'vault' ? vaultStick : seedStick;
      const mediumId = where.stick === 'vault' ? 'VAULT-01' : 'SEEDS-01';
      const before = { vault: app.catalog.generations.currentOf('VAULT-01', 'vault.kdbx')!.generation, seeds: app.catalog.generations.currentOf('SEEDS-01', 'seeds.kdbx')!.generation };
      const headBefore = app.catalog.witness.lastWrittenOn('SEEDS-01')?.seq ?? 0;
      const generation = (where.stick === 'vault' ? before.vault : before.seeds) + 1;

      if (fault === 'sigkill') {
        const known = new Set(app.writeJobs.recent(50).map((j) => j.jobId));
        await killedChild(stick, where.step, where.file(generation));
        const cutId = app.writeJobs.recent(50).find((j) => !known.has(j.jobId))!.jobId!;
        // The next write on this kiosk settles what the killed process left, instead of waiting on its lock.
        if (target === 'multi-stick') {
          // The vault stick committed before the kill, the seed stick did not: pending, and a new write waits for it.
          await expect(enrol()).rejects.toMatchObject({ code: 'WRITE_JOB_PENDING' });
          const cut = app.writeJobs.report(cutId);
          expect(cut.status).toBe('pending');
          expect(cut.sticks.find((s) => s.mediumId === 'SEEDS-01')).toMatchObject({ state: 'failed', errorCode: TOLD.sigkill.code, sentence: expect.stringMatching(TOLD.sigkill.words) });
          expect((await app.writeJobs.retry(cutId)).status).toBe('complete');
        } else {
          const next = await enrol();
          expect(next.status, JSON.stringify(next.sticks)).toBe('complete');
          const cut = app.writeJobs.report(cutId);
          if (target === 'audit copy') {
            // Both sticks committed before the kill; only the seed stick's witness copy lags, until this next write.
            expect(cut.status).toBe('complete');
          } else {
            expect(cut.status).toBe('failed');
            expect(cut.sticks.every((s) => s.state !== 'committed')).toBe(true);
            expect(cut.sticks.filter((s) => s.errorCode === TOLD.sigkill.code).map((s) => s.sentence)).toEqual(cut.sticks.map(() => expect.stringMatching(/Nothing of it was committed; the stick keeps its previous generation\./)));
          }
        }
      } else {
        hook.armed = { stick, step: where.step, file: where.file(generation), strike: (size) => strike(fault, stick, size) };
        let job: WriteJobReport;
        try {
          job = await enrol();
        } finally {
          hook.armed = null;
          await heal(fault, stick);
        }
        const hit = job.sticks.find((s) => s.mediumId === mediumId)!;
        const told = TOLD[fault];
        // Whichever step meets the yank first (a read of the folder, the write, the read-back), the stick is gone
        // and the custodian is told so: one code, whatever the dying FUSE daemon answered first.
        const codes = [told.code];
        if (target === 'audit copy') {
          // The seed store is committed; only its witness copy is stale, and the receipt says so.
          expect(job.status).toBe('complete');
          expect(hit).toMatchObject({ state: 'committed', errorCode: 'AUDIT_COPY_NOT_WRITTEN', auditCopyMissing: true });
          expect(hit.sentence).toMatch(/audit copy could not be: .*; run Verify on this stick\./);
          expect(app.catalog.witness.lastWrittenOn('SEEDS-01')?.seq ?? 0).toBe(headBefore);
        } else if (target === 'multi-stick' && fault === 'enospc') {
          // A commit is a rename within the folder: a full stick still takes it, so the job completes.
          expect(job.status, JSON.stringify(job.sticks)).toBe('complete');
          expect(app.catalog.generations.currentOf('SEEDS-01', 'seeds.kdbx')!.generation).toBe(generation);
        } else if (target === 'multi-stick') {
          expect(job.status).toBe('pending');
          expect(job.sticks.find((s) => s.mediumId === 'VAULT-01')?.state).toBe('committed');
          expect(hit.state).toBe('failed');
          expect(codes).toContain(hit.errorCode);
          expect(hit.sentence).toMatch(/Insert SEEDS-01 again and retry/);
          // Full after the rename: the new file is in place and read back, only medium.json after it failed.
          expect(app.catalog.generations.currentOf('SEEDS-01', 'seeds.kdbx')!.generation).toBe(before.seeds);
          const retried = await app.writeJobs.retry(job.jobId!);
          expect(retried.status, JSON.stringify(retried.sticks)).toBe('complete');
        } else {
          expect(job.status).toBe('failed');
          expect(hit.state).toBe('failed');
          expect(codes).toContain(hit.errorCode);
          expect(hit.sentence).toMatch(told.words);
          expect(job.sentence).toMatch(/Nothing was committed: .* so every stick still holds what it held\./);
          expect({ vault: app.catalog.generations.currentOf('VAULT-01', 'vault.kdbx')!.generation, seeds: app.catalog.generations.currentOf('SEEDS-01', 'seeds.kdbx')!.generation }).toEqual(before);
          expect(app.catalog.generations.newestPublished(target === 'seed store' ? 'seeds.kdbx' : 'vault.kdbx')).toBe(generation - 1);
        }
      }

      // Whatever happened, each stick's current file is what the catalog says it holds, read from the device.
      await vaultStick.unmount(0);
      await vaultStick.mount(0);
      await seedStick.unmount(0);
      await seedStick.mount(0);
      expect(await currentMatchesCatalog(vaultStick, 'VAULT-01', 'vault.kdbx')).toBeGreaterThanOrEqual(before.vault);
      expect(await currentMatchesCatalog(seedStick, 'SEEDS-01', 'seeds.kdbx')).toBeGreaterThanOrEqual(before.seeds);
      expect(app.writeJobs.pending()).toEqual([]);
    });
  }
});
