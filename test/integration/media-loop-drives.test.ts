import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import { serialiseMediumManifest, type MediumManifest, type MediumRole } from '../../src-main/core/medium-manifest';
import { decideSeparation } from '../../src-main/core/separation-policy';
import { writeFileAtomically } from '../../src-main/platform/atomic-file-writer';
import type { DriveInfo } from '../../src-main/platform/drive-enumerator';
import { LinuxDriveEjector } from '../../src-main/platform/eject';
import { LinuxDriveEnumerator } from '../../src-main/platform/linux-drive-enumerator';
import { scanDevice } from '../../src-main/platform/medium-scanner';
import { isMounted, loopDevicesUnavailableReason, sticksPerTest, type LoopStick } from '../support/loop-device';

const run = promisify(execFile);
const unavailable = await loopDevicesUnavailableReason();
if (unavailable) console.warn(`Skipping loop-device media tests: ${unavailable}`);
const keepassxcMissing = await run('keepassxc-cli', ['--version']).then(
  () => null,
  () => 'keepassxc-cli is not installed',
);

// The allowance is given to this enumerator only, never set in the environment of the test process.
const labEnumerator = () => new LinuxDriveEnumerator({ env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' } });

async function driveFor(stick: LoopStick): Promise<DriveInfo> {
  const drive = (await labEnumerator().list()).find((d) => d.devicePath === stick.device);
  if (!drive) throw new Error(`${stick.device} was not offered`);
  return drive;
}

async function roleKdbx(role: MediumRole): Promise<Uint8Array> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('test passphrase')), role);
  db.header.setKdf(kdbxweb.Consts.KdfId.Aes);
  db.header.kdfParameters?.set('R', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(1000));
  const vd = new kdbxweb.VarDictionary();
  vd.set('strongroom.role', kdbxweb.VarDictionary.ValueType.String, role);
  vd.set('strongroom.generation', kdbxweb.VarDictionary.ValueType.String, '1');
  vd.set('strongroom.format', kdbxweb.VarDictionary.ValueType.String, '1');
  db.header.publicCustomData = vd;
  return new Uint8Array(await db.save());
}

const manifestFor = (role: MediumRole, drive: DriveInfo, artefacts: MediumManifest['artefacts'] = []): MediumManifest => ({
  formatVersion: 1,
  mediumId: role === 'vault' ? 'VAULT-01' : 'SEEDS-01',
  role,
  device: drive.identity,
  location: { kind: 'onsite', note: 'test bench' },
  createdBy: 'Integration Test',
  createdAt: '2026-03-02T09:15:00Z',
  practice: false,
  artefacts,
});

/**
 * Labels a partition as Strongroom would: STRONGROOM/medium.json listing the role's KDBX by its SHA-256, and the
 * KDBX itself, through the real writer.
 */
async function label(mount: string, role: MediumRole, drive: DriveInfo): Promise<void> {
  const dir = join(mount, 'STRONGROOM');
  await mkdir(dir);
  const name = role === 'vault' ? 'vault.kdbx' : 'seeds.kdbx';
  const kdbx = await roleKdbx(role);
  const listed = { name, generation: 1, sha256: createHash('sha256').update(kdbx).digest('hex'), size: kdbx.length, writtenAt: '2026-03-02T09:16:00Z', writtenBy: 'Integration Test' };
  await writeFileAtomically(dir, 'medium.json', new TextEncoder().encode(serialiseMediumManifest(manifestFor(role, drive, [listed]))), { mountPoint: mount });
  await writeFileAtomically(dir, name, kdbx, { mountPoint: mount });
}

const stick = sticksPerTest();

describe.skipIf(unavailable !== null)('removable media on real loop devices', () => {
  it('lists two sticks with their filesystems, mount points and identity source, only under the loop allowance', async () => {
    const exfat = await stick({ fs: 'exfat', sizeMiB: 16, label: 'VAULT01' });
    const fat = await stick({ sizeMiB: 40, partitions: [{ fs: 'vfat', label: 'SEEDS01' }] });

    const plain = await new LinuxDriveEnumerator({ env: {} }).list();
    expect(plain.map((d) => d.devicePath)).not.toContain(exfat.device);

    const a = await driveFor(exfat);
    expect(a).toMatchObject({ transport: 'loop', allowedBy: 'loop-devices', model: exfat.image, readOnly: false, system: false });
    expect(a.partitions).toMatchObject([{ devicePath: exfat.device, number: 0, filesystem: 'exfat', label: 'VAULT01', mountpoints: [exfat.mounts[0]] }]);
    expect(a.identity.source).toBe('partition-table+fs-uuids');
    expect(a.identity.value).toContain(a.partitions[0]?.uuid);

    const b = await driveFor(fat);
    expect(b.partitions).toMatchObject([{ devicePath: `${fat.device}p1`, number: 1, filesystem: 'vfat', label: 'SEEDS01', mountpoints: [fat.mounts[0]] }]);
    expect(b.identity.value).toMatch(/^pt=[0-9a-f]{8};fs=[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(labEnumerator().allowances).toEqual(['loop-devices']);
  });

  it('refuses to write seeds to a stick that holds a vault on another partition, naming it', async () => {
    const two = await stick({ sizeMiB: 48, partitions: [{ fs: 'exfat', sizeMiB: 20, label: 'VAULT' }, { fs: 'vfat', label: 'SPARE' }] });
    const p1 = two.mounts[0] as string;
    await label(p1, 'vault', await driveFor(two));

    const drive = await driveFor(two);
    expect(drive.partitions.map((p) => [p.number, p.filesystem, p.mountpoints.length])).toEqual([
      [1, 'exfat', 1],
      [2, 'vfat', 1],
    ]);
    const scan = await scanDevice(drive);
    const forSeeds = decideSeparation({ wantedRole: 'seed', identity: drive.identity, findings: scan.findings, catalog: null });
    expect(forSeeds.verdict).toBe('refused');
    expect(forSeeds.verdict === 'refused' && forSeeds.reasons.map((r) => r.why)).toEqual([
      'This stick already holds a vault on partition 1 (STRONGROOM/medium.json, medium VAULT-01). Use a different stick for seeds.',
      'This stick already holds a vault file on partition 1 (STRONGROOM/vault.kdbx). Use a different stick for seeds.',
    ]);
    expect(decideSeparation({ wantedRole: 'vault', identity: drive.identity, findings: scan.findings, catalog: null }).verdict).toBe('allowed');

    // With partition 2 unmounted the stick can no longer be proven free of seeds either.
    await two.unmount(1);
    const rescan = await scanDevice(await driveFor(two));
    const forVault = decideSeparation({ wantedRole: 'vault', identity: drive.identity, findings: rescan.findings, catalog: null });
    expect(forVault.verdict === 'refused' && forVault.reasons.map((r) => r.why)).toEqual([
      'Partition 2 could not be checked (it is not mounted (vfat)), so Strongroom cannot prove it holds no seeds. Mount it, or reformat the stick as a single partition, then try again.',
    ]);
  });

  it.skipIf(keepassxcMissing !== null)('refuses both roles on a seed stick with a stray KeePass backup until it is removed', async () => {
    const seeds = await stick({ fs: 'exfat', sizeMiB: 16, label: 'SEEDS01' });
    const mount = seeds.mounts[0] as string;
    await label(mount, 'seed', await driveFor(seeds));
    const stray = join(mount, 'old-backup.kdbx');
    await runWithInput('keepassxc-cli', ['db-create', '-p', '-t', '100', stray], 'stray-pass\nstray-pass\n');

    const decide = async (wantedRole: MediumRole) => {
      const drive = await driveFor(seeds);
      return decideSeparation({ wantedRole, identity: drive.identity, findings: (await scanDevice(drive)).findings, catalog: null });
    };
    const forSeeds = await decide('seed');
    expect(forSeeds).toMatchObject({
      verdict: 'refused',
      reasons: [{ path: 'old-backup.kdbx', why: expect.stringMatching(/^The stick \(no partition table\) holds a KeePass file that is not this stick's own artefact \(old-backup\.kdbx: KDBX \d\.\d without a Strongroom role\)/) }],
    });
    const forVault = await decide('vault');
    expect(forVault.verdict === 'refused' && forVault.reasons.map((r) => r.path)).toEqual(['old-backup.kdbx', 'STRONGROOM/medium.json', 'STRONGROOM/seeds.kdbx']);

    await rm(stray);
    expect((await decide('seed')).verdict).toBe('allowed');
    expect((await decide('vault')).verdict).toBe('refused');
  });

  it('makes a multi-partition stick safe to remove by unmounting every partition', async () => {
    const two = await stick({ sizeMiB: 48, partitions: [{ fs: 'exfat', sizeMiB: 20 }, { fs: 'vfat' }] });
    await writeFile(join(two.mounts[0] as string, 'note.txt'), 'flushed before unmount');
    const report = await new LinuxDriveEjector().eject(await driveFor(two));
    expect(report.safeToRemove).toBe(true);
    expect(report.steps.map((s) => [s.action, s.outcome])).toEqual([
      ['sync', 'done'],
      ['unmount', 'done'],
      ['unmount', 'done'],
      ['sync', 'done'],
      ['power-off', 'skipped'],
    ]);
    expect(await isMounted(two.mounts[0] as string)).toBe(false);
    expect(await isMounted(two.mounts[1] as string)).toBe(false);
    const after = await driveFor(two);
    expect(after.partitions.every((p) => p.mountpoints.length === 0)).toBe(true);
  });
});

function runWithInput(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, (error) => (error ? reject(error) : resolve()));
    child.stdin?.end(input);
  });
}
