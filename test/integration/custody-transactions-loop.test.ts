import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { createMediaPlatform } from '../../src-main/platform/media-ports';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import type { StickFiles } from '../../src-main/platform/stick-folder';
import { confirmEnrolments, SEED_A, SEED_B, SEED_PASSPHRASE, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { loopDevicesUnavailableReason, sticksPerTest, type LoopStick } from '../support/loop-device';
import { stickPulledAt } from '../support/pulled-stick';
import { makeTempHome } from '../support/temp-home';
import { registerAndSignIn } from '../support/custodians';

const unavailable = await loopDevicesUnavailableReason();
if (unavailable) console.warn(`Skipping custody transactions on loop devices: ${unavailable}`);

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const stick = sticksPerTest();

/**
 * A kiosk on four real loop-device sticks (exFAT and FAT32 through FUSE), two labelled vault and two seed, with
 * a first generation written to all four. `stickFiles` lets a test pull the fourth stick at an exact step.
 */
async function fourStickKiosk(stickFiles?: StickFiles) {
  const sticks: LoopStick[] = [];
  for (const fs of ['exfat', 'vfat', 'exfat', 'vfat'] as const) sticks.push(await stick({ sizeMiB: 48, fs }));
  const { home, remove } = makeTempHome();
  const app = new StrongroomApp({
    home,
    media: createMediaPlatform({ STRONGROOM_ALLOW_LOOP_DEVICES: '1' }, 'linux'),
    env: {},
    kdf: TEST_KDF,
    network: isolatedNetworkProbe,
    ...(stickFiles ? { stickFiles } : {}),
  });
  registerAndSignIn(app, 'Dana Whitfield');
  const [vault1, vault2, seed1, seed2] = sticks as [LoopStick, LoopStick, LoopStick, LoopStick];
  for (const [s, role, kind] of [[vault1, 'vault', 'onsite'], [vault2, 'vault', 'offsite'], [seed1, 'seed', 'onsite'], [seed2, 'seed', 'offsite']] as const) {
    await app.media.label({ devicePath: s.device, role, location: { kind, note: kind === 'onsite' ? 'Safe 1' : 'Bank box 7' } });
  }
  app.accounts.add({ accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com' });
  app.accounts.add({ accountId: '222222222222', name: 'prod-data', rootEmail: 'aws+data@example.com' });
  confirmEnrolments(app, [['111111111111', SEED_A]]);
  const first = await app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
  expect(first.job.status, JSON.stringify(first.job.sticks)).toBe('complete');
  return { app, vault1, vault2, seed1, seed2, cleanup: () => (app.close(), remove()) };
}

async function artefactDigest(s: LoopStick, name: string): Promise<string> {
  return sha(await readFile(join(s.mounts[0]!, 'STRONGROOM', name)));
}

/** What each stick holds as its current file, by the catalog, and by the bytes actually on the stick. */
async function held(k: Awaited<ReturnType<typeof fourStickKiosk>>) {
  const out: Record<string, { catalog: number; matches: boolean }> = {};
  for (const [id, s, name] of [['VAULT-01', k.vault1, 'vault.kdbx'], ['VAULT-02', k.vault2, 'vault.kdbx'], ['SEEDS-01', k.seed1, 'seeds.kdbx'], ['SEEDS-02', k.seed2, 'seeds.kdbx']] as const) {
    const record = k.app.catalog.generations.currentOf(id, name)!;
    out[id] = { catalog: record.generation, matches: record.sha256 === (await artefactDigest(s, name)) };
  }
  return out;
}

describe.skipIf(unavailable !== null)('a 2 + 2 write on real sticks: every replica or none', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    cleanup = undefined;
  });

  it('refuses the whole write when the fourth stick holds a stray KeePass file: the first three keep the previous generation', async () => {
    const k = await fourStickKiosk();
    cleanup = k.cleanup;
    const before = await held(k);
    await writeFile(join(k.seed2.mounts[0]!, 'notes.kdbx'), Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00]));

    confirmEnrolments(k.app, [['222222222222', SEED_B]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(report.job.status).toBe('refused');
    expect(report.job.sticks.find((s) => s.mediumId === 'SEEDS-02')?.sentence).toMatch(/^SEEDS-02: .*notes\.kdbx/);
    expect(await held(k)).toEqual(before);
    expect(Object.values(before).every((h) => h.catalog === 1 && h.matches)).toBe(true);
    for (const s of [k.vault1, k.vault2, k.seed1]) {
      expect((await readdir(join(s.mounts[0]!, 'STRONGROOM'))).filter((f) => f.includes('.staged') || f.includes('strongroom-tmp'))).toEqual([]);
    }
  });

  it('leaves the job pending when the fourth stick is yanked after staging, and a retry commits the same generation from the staged copy', async () => {
    // The fourth stick is known once the kiosk's first write is done; that write runs untouched.
    const fourth: { stick?: LoopStick } = {};
    const pulled = stickPulledAt(
      'promote',
      (place, staged) => fourth.stick !== undefined && place.root.startsWith(fourth.stick.mounts[0]!) && staged === 'seeds.g2.kdbx.staged',
      () => fourth.stick!.killFuseDaemon(0),
    );
    const k = await fourStickKiosk(pulled.files);
    fourth.stick = k.seed2;
    cleanup = k.cleanup;

    confirmEnrolments(k.app, [['222222222222', SEED_B]]);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(pulled.pulls).toBe(1);
    expect(report.job.status).toBe('pending');
    expect(report.job.sticks.find((s) => s.mediumId === 'SEEDS-02')).toMatchObject({ state: 'failed', errorCode: 'MEDIUM_LOST' });
    expect(report.enrolled).toEqual(['222222222222']);

    // The stick goes back in: its filesystem is mounted again, and the staged copy is found intact.
    await k.seed2.unmount(0);
    await k.seed2.mount(0);
    expect(await readdir(join(k.seed2.mounts[0]!, 'STRONGROOM'))).toContain('seeds.g2.kdbx.staged');
    expect(k.app.catalog.generations.currentOf('SEEDS-02', 'seeds.kdbx')?.generation).toBe(1);

    const done = await k.app.writeJobs.retry(report.job.jobId!);
    expect(done.status).toBe('complete');
    const after = await held(k);
    expect(after).toEqual({ 'VAULT-01': { catalog: 2, matches: true }, 'VAULT-02': { catalog: 2, matches: true }, 'SEEDS-01': { catalog: 2, matches: true }, 'SEEDS-02': { catalog: 2, matches: true } });
    expect(await artefactDigest(k.seed2, 'seeds.kdbx')).toBe(await artefactDigest(k.seed1, 'seeds.kdbx'));
    expect(k.app.catalog.generations.newestPublished('seeds.kdbx')).toBe(2);
    expect((await readdir(join(k.seed2.mounts[0]!, 'STRONGROOM'))).sort()).toEqual(['README.txt', 'audit.jsonl', 'medium.json', 'seeds.g1.kdbx', 'seeds.kdbx']);

    // Read from the device after a remount, not from what the mount may still cache.
    await k.seed2.unmount(0);
    await k.seed2.mount(0);
    expect(await artefactDigest(k.seed2, 'seeds.kdbx')).toBe(k.app.catalog.generations.currentOf('SEEDS-02', 'seeds.kdbx')!.sha256);
    const manifest = JSON.parse(await readFile(join(k.seed2.mounts[0]!, 'STRONGROOM', 'medium.json'), 'utf8'));
    expect(manifest.artefacts.map((a: { name: string; generation: number }) => [a.name, a.generation])).toEqual([['seeds.g1.kdbx', 1], ['seeds.kdbx', 2]]);
    const received = [...k.app.catalog.audit.all()].filter((e) => e.action === 'artefact.written' && e.subject === 'SEEDS-02');
    expect(received.at(-1)?.details).toMatchObject({ generation: 2, readBackFromDevice: true });
  });
});
