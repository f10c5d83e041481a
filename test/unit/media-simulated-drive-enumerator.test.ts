import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideSeparation } from '../../src-main/core/separation-policy';
import { isOfferable } from '../../src-main/platform/drive-enumerator';
import { scanDevice } from '../../src-main/platform/medium-scanner';
import { PARTITIONS_MARKER, SimulatedDriveEnumerator } from '../../src-main/platform/simulated-drive-enumerator';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strongroom-practice-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('SimulatedDriveEnumerator (practice media)', () => {
  it('lists each subfolder as one practice stick with one partition mounted at the folder', async () => {
    await mkdir(join(root, 'stick-b'));
    await mkdir(join(root, 'stick-a'));
    await mkdir(join(root, '.trash'));
    await writeFile(join(root, 'notes.txt'), 'not a drive');
    const drives = await new SimulatedDriveEnumerator(root).list();
    expect(drives.map((d) => [d.devicePath, d.identity, d.practice, d.transport, isOfferable(d)])).toEqual([
      [join(root, 'stick-a'), { source: 'simulated', value: 'stick-a' }, true, 'simulated', true],
      [join(root, 'stick-b'), { source: 'simulated', value: 'stick-b' }, true, 'simulated', true],
    ]);
    expect(drives[0]?.partitions).toMatchObject([{ number: 1, mountpoints: [join(root, 'stick-a')], filesystem: 'simulated' }]);
  });

  it('simulates a multi-partition stick with a marker file, p1/, p2/ and an unmounted partition', async () => {
    const stick = join(root, 'two-part');
    await mkdir(join(stick, 'p1'), { recursive: true });
    await mkdir(join(stick, 'p2'));
    await writeFile(join(stick, 'p3.unmounted'), '');
    await writeFile(join(stick, PARTITIONS_MARKER), '');
    const [drive] = await new SimulatedDriveEnumerator(root).list();
    expect(drive?.partitions.map((p) => [p.number, p.mountpoints, p.filesystem])).toEqual([
      [1, [join(stick, 'p1')], 'simulated'],
      [2, [join(stick, 'p2')], 'simulated'],
      [3, [], null],
    ]);
  });

  it('lets the real scanner and policy refuse seeds beside a practice vault on another partition', async () => {
    const stick = join(root, 'two-part');
    await mkdir(join(stick, 'p1', 'STRONGROOM'), { recursive: true });
    await mkdir(join(stick, 'p2'));
    await writeFile(join(stick, PARTITIONS_MARKER), '');
    await writeFile(join(stick, 'p1', 'STRONGROOM', 'vault.kdbx'), '');
    const [drive] = await new SimulatedDriveEnumerator(root).list();
    if (!drive) throw new Error('no practice drive');
    const scan = await scanDevice(drive);
    const decision = decideSeparation({ wantedRole: 'seed', identity: drive.identity, findings: scan.findings, catalog: null });
    expect(decision.verdict).toBe('refused');
  });

  it('is configured by STRONGROOM_MEDIA_ROOT only', () => {
    expect(SimulatedDriveEnumerator.fromEnv({})).toBeNull();
    expect(SimulatedDriveEnumerator.fromEnv({ STRONGROOM_MEDIA_ROOT: '  ' })).toBeNull();
    expect(SimulatedDriveEnumerator.fromEnv({ STRONGROOM_MEDIA_ROOT: root })?.root).toBe(root);
  });

  it('says clearly when the practice folder is missing', async () => {
    await expect(new SimulatedDriveEnumerator(join(root, 'nope')).list()).rejects.toMatchObject({
      code: 'DRIVE_ENUMERATION_FAILED',
      message: expect.stringMatching(/practice media folder .*nope cannot be opened/),
    });
  });
});
