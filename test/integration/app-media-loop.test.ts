import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { buildSeedFile } from '../../src-main/artefacts/seed-file';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { buildVaultFile } from '../../src-main/artefacts/vault-file';
import { parseSeed } from '../../src-main/core/seed';
import { createMediaPlatform } from '../../src-main/platform/media-ports';
import { cleanupAllSticks, loopDevicesUnavailableReason, makeStick } from '../support/loop-device';
import { SEED_A, TEST_KDF } from '../support/custody-fixture';
import { makeTempHome } from '../support/temp-home';
import { registerAndSignIn } from '../support/custodians';

const unavailable = await loopDevicesUnavailableReason();
if (unavailable) console.warn(`Skipping app media tests on loop devices: ${unavailable}`);

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A real KDBX4 file of the role (so the scanner recognises it by its header) padded to the size a test needs;
 * only the header matters to the media layer.
 */
async function artefactOfSize(role: 'vault' | 'seed', size: number): Promise<Buffer> {
  const options = { generation: 1, passphrase: protect('integration test passphrase'), kdf: TEST_KDF };
  const account = { accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com' };
  const bytes =
    role === 'vault'
      ? await buildVaultFile([{ account, password: protect('a-root-password-for-tests') }], options)
      : await buildSeedFile([{ account, seed: parseSeed(SEED_A) }], options);
  return Buffer.concat([Buffer.from(bytes), Buffer.alloc(Math.max(0, size - bytes.length))]);
}

/** A kiosk whose drive adapters are the real Linux ones, with loop devices allowed for this app only. */
function labKiosk() {
  const { home, remove } = makeTempHome();
  const app = new StrongroomApp({ home, media: createMediaPlatform({ STRONGROOM_ALLOW_LOOP_DEVICES: '1' }, 'linux'), env: {} });
  registerAndSignIn(app, 'Dana Whitfield');
  return { app, cleanup: () => (app.close(), remove()) };
}

describe.skipIf(unavailable !== null)('custodian labels, writes and ejects real loop-device sticks', () => {
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    cleanup?.();
    cleanup = undefined;
    await cleanupAllSticks();
  });
  afterAll(() => cleanupAllSticks());

  it('labels an exFAT stick vault and a FAT32 stick seeds, writes both, reads back the catalog hashes, and ejects', async () => {
    const k = labKiosk();
    cleanup = k.cleanup;
    const vaultStick = await makeStick({ sizeMiB: 32, fs: 'exfat', label: 'VAULTSTICK' });
    const seedStick = await makeStick({ sizeMiB: 64, fs: 'vfat', label: 'SEEDSTICK' });

    const vault = await k.app.media.label({ devicePath: vaultStick.device, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    const seed = await k.app.media.label({ devicePath: seedStick.device, role: 'seed', location: { kind: 'offsite', note: 'Bank' } });
    expect(vault.drive.allowedBy).toBe('loop-devices');
    expect(k.app.catalog.audit.head()?.details).toMatchObject({ allowance: 'loop-devices', identitySource: 'partition-table+fs-uuids' });

    const vaultBytes = await artefactOfSize('vault', 200_000);
    const seedBytes = await artefactOfSize('seed', 150_000);
    await k.app.writeJobs.writeToStick(vaultStick.device, 'vault', vaultBytes, 1);
    await k.app.writeJobs.writeToStick(seedStick.device, 'seed', seedBytes, 1);
    await expect(k.app.writeJobs.writeToStick(seedStick.device, 'vault', vaultBytes, 1)).rejects.toMatchObject({ code: 'SEPARATION_REFUSED' });

    // Remount to read from the stick, not the page cache, then compare with what the catalog recorded.
    await vaultStick.unmount(0);
    const remounted = await vaultStick.mount(0);
    expect(sha(await readFile(join(remounted, 'STRONGROOM', 'vault.kdbx')))).toBe(k.app.catalog.media.lastWrite(vault.manifest!.mediumId, 'vault.kdbx')!.sha256);
    expect(sha(await readFile(join(seedStick.mounts[0]!, 'STRONGROOM', 'seeds.kdbx')))).toBe(k.app.catalog.media.lastWrite(seed.manifest!.mediumId, 'seeds.kdbx')!.sha256);

    const report = await k.app.media.eject(seedStick.device);
    expect(report.safeToRemove).toBe(true);
    expect(k.app.catalog.audit.verify().intact).toBe(true);
  });

  it('refuses seeds on partition 2 of a stick whose partition 1 is a vault medium, naming partition 1', async () => {
    const k = labKiosk();
    cleanup = k.cleanup;
    const stick = await makeStick({ sizeMiB: 64, partitions: [{ fs: 'exfat', sizeMiB: 30 }, { fs: 'exfat' }] });
    await k.app.media.label({ devicePath: stick.partitions[0]!, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    const refusal = k.app.media.label({ devicePath: stick.partitions[1]!, role: 'seed', location: { kind: 'onsite', note: 'Safe 1' } });
    await expect(refusal).rejects.toMatchObject({ code: 'SEPARATION_REFUSED' });
    await expect(refusal).rejects.toThrow(/partition 1/);
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'medium.label-refused' });
  });

  it('refuses a stick too small for the new generation and its kept history before writing, keeping the previous generation', async () => {
    const k = labKiosk();
    cleanup = k.cleanup;
    const stick = await makeStick({ sizeMiB: 8, fs: 'exfat' });
    await k.app.media.label({ devicePath: stick.device, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    const first = await artefactOfSize('vault', 600 * 1024);
    await k.app.writeJobs.writeToStick(stick.device, 'vault', first, 1);
    // Three generations of 3 MiB do not fit on an 8 MiB stick, though one more file would.
    const refusal = k.app.writeJobs.writeToStick(stick.device, 'vault', await artefactOfSize('vault', 3 * 1024 * 1024), 2);
    await expect(refusal).rejects.toMatchObject({ code: 'MEDIUM_FULL' });
    await expect(refusal).rejects.toThrow(/^VAULT-01: the stick has .* free, but the new vault\.kdbx .* and the 3 generations it keeps need/);
    expect(sha(await readFile(join(stick.mounts[0]!, 'STRONGROOM', 'vault.kdbx')))).toBe(sha(first));
    expect(k.app.catalog.media.lastWrite('VAULT-01', 'vault.kdbx')?.generation).toBe(1);
    expect(k.app.catalog.audit.list({ limit: 2 }).map((e) => e.action)).toEqual(['write-job.refused', 'artefact.write-refused']);
  });

  it('refuses a read-only stick before writing anything', async () => {
    const k = labKiosk();
    cleanup = k.cleanup;
    const stick = await makeStick({ sizeMiB: 16, fs: 'exfat', readOnly: true });
    await expect(k.app.media.label({ devicePath: stick.device, role: 'seed', location: { kind: 'onsite', note: 'Safe 1' } })).rejects.toMatchObject({ code: 'MEDIUM_READ_ONLY' });
  });
});
