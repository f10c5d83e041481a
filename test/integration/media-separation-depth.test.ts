import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeedFile } from '../../src-main/artefacts/seed-file';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { serialiseMediumManifest } from '../../src-main/core/medium-manifest';
import { parseSeed } from '../../src-main/core/seed';
import { decideSeparation } from '../../src-main/core/separation-policy';
import type { DriveInfo } from '../../src-main/platform/drive-enumerator';
import { LinuxDriveEnumerator } from '../../src-main/platform/linux-drive-enumerator';
import { scanDevice } from '../../src-main/platform/medium-scanner';
import { TEST_KDF } from '../support/custody-fixture';
import { loopDevicesUnavailableReason, sticksPerTest, type LoopStick } from '../support/loop-device';

/**
 * The separation scan on real FAT32 and exFAT sticks (through FUSE, as a kiosk mounts them): a seed store
 * renamed and buried several folders down, and a seed list in a layout Strongroom never writes, are both found
 * on a vault stick, and the vault stick is refused.
 */

const unavailable = await loopDevicesUnavailableReason();
if (unavailable) console.warn(`Skipping loop-device separation tests: ${unavailable}`);

const stick = sticksPerTest();

async function driveFor(loop: LoopStick): Promise<DriveInfo> {
  const drive = (await new LinuxDriveEnumerator({ env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' } }).list()).find((d) => d.devicePath === loop.device);
  if (!drive) throw new Error(`${loop.device} was not offered`);
  return drive;
}

async function labelAsVault(mount: string, drive: DriveInfo): Promise<void> {
  await mkdir(join(mount, 'STRONGROOM'));
  const manifest = {
    formatVersion: 1 as const,
    mediumId: 'VAULT-07',
    role: 'vault' as const,
    device: drive.identity,
    location: { kind: 'onsite' as const, note: 'bench' },
    createdBy: 'Integration Test',
    createdAt: '2026-03-02T09:15:00Z',
    practice: false,
    artefacts: [],
  };
  await writeFile(join(mount, 'STRONGROOM', 'medium.json'), serialiseMediumManifest(manifest));
}

describe.skipIf(unavailable !== null)('separation by content, at any depth, on real sticks', () => {
  it('finds a renamed seed store four folders down on a FAT32 vault stick, and refuses the vault', async () => {
    const loop = await stick({ sizeMiB: 40, partitions: [{ fs: 'vfat', label: 'VAULT07' }] });
    const mount = loop.mounts[0] as string;
    await labelAsVault(mount, await driveFor(loop));
    const seeds = await buildSeedFile([{ account: { accountId: '111122223333', name: 'prod', rootEmail: 'aws+prod@example.com' }, seed: parseSeed('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') }], {
      generation: 1,
      passphrase: protect('integration seed passphrase'),
      kdf: TEST_KDF,
    });
    await mkdir(join(mount, 'old', 'backups', '2025', 'misc'), { recursive: true });
    await writeFile(join(mount, 'old', 'backups', '2025', 'misc', 'notes.dat'), seeds);

    const drive = await driveFor(loop);
    const scan = await scanDevice(drive);
    const decision = decideSeparation({ wantedRole: 'vault', identity: drive.identity, findings: scan.findings, catalog: null });
    expect(decision.verdict).toBe('refused');
    expect(decision.verdict === 'refused' && decision.reasons.map((r) => r.path)).toEqual(['old/backups/2025/misc/notes.dat']);
  });

  it('finds a seed list in a tab-separated layout deep on an exFAT vault stick, and says so without the seed', async () => {
    const loop = await stick({ fs: 'exfat', sizeMiB: 16, label: 'VAULT07' });
    const mount = loop.mounts[0] as string;
    await labelAsVault(mount, await driveFor(loop));
    await mkdir(join(mount, 'a', 'b', 'c'), { recursive: true });
    await writeFile(join(mount, 'a', 'b', 'c', 'list.tsv'), 'account\ttotp secret\nprod\tjbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp\n');

    const drive = await driveFor(loop);
    const decision = decideSeparation({ wantedRole: 'vault', identity: drive.identity, findings: (await scanDevice(drive)).findings, catalog: null });
    expect(decision).toMatchObject({ verdict: 'refused', reasons: [{ path: 'a/b/c/list.tsv', why: expect.stringMatching(/MFA seeds in plain text/) }] });
    const why = decision.verdict === 'refused' ? decision.reasons[0]!.why : '';
    expect(why.toLowerCase()).not.toContain('jbsw');
  });
});
