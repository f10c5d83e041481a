import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../src-main/platform/command-runner';
import {
  LinuxDriveEnumerator,
  interpretLsblk,
  parseBlkidExport,
  parseBlkidExports,
  parseLsblkJson,
  readUsbAncestry,
  type SysfsReader,
} from '../../src-main/platform/linux-drive-enumerator';

const FIXTURES = join(import.meta.dirname, '../fixtures/drives');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function recordedSysfs(name: string): SysfsReader {
  const { realpaths, files } = JSON.parse(fixture(name)) as { realpaths: Record<string, string>; files: Record<string, string> };
  return {
    readFile: async (path) => (path in files ? (files[path] ?? '').trim() : null),
    realpath: async (path) => realpaths[path] ?? null,
  };
}

/** blkid as it answers for every device named after its options: one block each for those it recognises, exit 2 for none. */
function blkidAnswer(answers: Record<string, string>, args: readonly string[]) {
  const found = args.slice(4).flatMap((dev) => (answers[dev] === undefined ? [] : [answers[dev]]));
  return found.length === 0 ? { stdout: '', stderr: '', code: 2 } : { stdout: found.join('\n'), stderr: '', code: 0 };
}

/** Answers lsblk with a recorded file and blkid from a table; records every call. */
function recordedRunner(lsblkFile: string, blkid: Record<string, string> = {}): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const runner = async (command: string, args: readonly string[]) => {
    calls.push([command, ...args].join(' '));
    if (command === 'lsblk') return { stdout: fixture(lsblkFile), stderr: '', code: 0 };
    if (command === 'blkid') return blkidAnswer(blkid, args);
    return { stdout: '', stderr: `${command}: not found`, code: 127 };
  };
  return Object.assign(runner, { calls });
}

describe('LinuxDriveEnumerator on a recorded kiosk laptop', () => {
  const enumerator = () =>
    new LinuxDriveEnumerator({ runner: recordedRunner('lsblk-kiosk-laptop.json'), sysfs: recordedSysfs('sysfs-kiosk-laptop.json'), env: {} });

  it('offers the USB sticks and the USB SSD, and nothing else', async () => {
    const drives = await enumerator().list();
    expect(drives.map((d) => d.devicePath)).toEqual(['/dev/sda', '/dev/sdb', '/dev/sde']);
  });

  it('offers a USB SSD that reports itself as not removable', async () => {
    const t7 = (await enumerator().list()).find((d) => d.devicePath === '/dev/sdb');
    expect(t7).toMatchObject({
      removable: true,
      transport: 'usb',
      identity: { source: 'usb-serial', value: 'S5TANS0R812345W' },
      usb: { vendorId: '04e8', productId: '4001', serial: 'S5TANS0R812345W', manufacturer: 'Samsung', product: 'PSSD T7' },
      model: 'PSSD T7',
    });
  });

  it('keeps every partition of a multi-partition stick under its one physical device and identity', async () => {
    const stick = (await enumerator().list()).find((d) => d.devicePath === '/dev/sda');
    expect(stick?.identity).toEqual({ source: 'usb-serial', value: '4C530001231129115443' });
    expect(stick?.partitions).toEqual([
      {
        devicePath: '/dev/sda1',
        number: 1,
        filesystem: 'vfat',
        label: 'VAULT02',
        uuid: '3A1F-9C2E',
        sizeBytes: 33554432000,
        mountpoints: ['/media/kiosk/VAULT02'],
        readOnly: false,
      },
      {
        devicePath: '/dev/sda2',
        number: 2,
        filesystem: 'exfat',
        label: 'SPARE',
        uuid: '61C4-0B7D',
        sizeBytes: 27975958528,
        mountpoints: [],
        readOnly: false,
      },
    ]);
  });

  it('finds a USB stick through its sysfs ancestry when lsblk names no transport, and ignores a placeholder serial', async () => {
    const generic = (await enumerator().list()).find((d) => d.devicePath === '/dev/sde');
    expect(generic?.transport).toBe('usb');
    expect(generic?.usb?.serial).toBe('0123456789ABCDEF');
    // Thousands of sticks share that serial: the identity falls back to what is written on this one.
    expect(generic?.identity).toEqual({ source: 'partition-table+fs-uuids', value: 'pt=000c2f91;fs=8E4D-1F20' });
  });

  it('explains why each other disk is not offered', async () => {
    const inspected = await enumerator().inspect();
    const why = Object.fromEntries(inspected.map((d) => [d.drive.devicePath, d.notOfferedBecause]));
    expect(why['/dev/nvme0n1']).toMatch(/running system.*\/dev\/nvme0n1p1 is mounted at \/boot\/efi.*\/dev\/nvme0n1p2 is mounted at \/.*nvme0n1p3 is used as swap/);
    expect(why['/dev/sdc']).toBe('It is an internal SATA disk.');
    expect(why['/dev/sdd']).toMatch(/No medium is inserted/);
    expect(why['/dev/loop0']).toMatch(/\/dev\/loop0 is mounted at \/snap\/core22\/1380/);
    expect(inspected.map((d) => d.drive.devicePath)).not.toContain('/dev/sr0');
  });

  it('does not offer a snap package loop device even when loop devices are allowed', async () => {
    const lab = new LinuxDriveEnumerator({
      runner: recordedRunner('lsblk-kiosk-laptop.json'),
      sysfs: recordedSysfs('sysfs-kiosk-laptop.json'),
      env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' },
    });
    const loop = (await lab.inspect()).find((d) => d.drive.devicePath === '/dev/loop0');
    expect(loop).toMatchObject({ offered: false, drive: { model: '/var/lib/snapd/snaps/core22_1380.snap', system: true } });
  });

  it('never offers a hot-swap SATA disk, although it reports hotplug', async () => {
    const sdc = (await enumerator().inspect()).find((d) => d.drive.devicePath === '/dev/sdc');
    expect(sdc?.drive.hotplug).toBe(true);
    expect(sdc?.offered).toBe(false);
  });

  it('does not probe internal disks with blkid', async () => {
    const runner = recordedRunner('lsblk-kiosk-laptop.json');
    await new LinuxDriveEnumerator({ runner, sysfs: recordedSysfs('sysfs-kiosk-laptop.json'), env: {} }).list();
    expect(runner.calls.filter((c) => c.startsWith('blkid'))).toEqual([]);
  });

  it('says no allowance is in force by default', () => {
    expect(enumerator().allowances).toEqual([]);
  });
});

describe('LinuxDriveEnumerator on a live-boot kiosk', () => {
  it('never offers the stick the system is running from, however removable it is', async () => {
    const inspected = await new LinuxDriveEnumerator({
      runner: recordedRunner('lsblk-live-boot.json'),
      sysfs: { readFile: async () => null, realpath: async () => null },
      env: {},
    }).inspect();
    const live = inspected.find((d) => d.drive.devicePath === '/dev/sda');
    expect(live).toMatchObject({ offered: false, drive: { removable: true, system: true } });
    expect(live?.drive.systemReasons).toEqual(['/dev/sda1 is mounted at /run/live/medium']);
    expect(inspected.filter((d) => d.offered).map((d) => d.drive.devicePath)).toEqual(['/dev/sdb']);
  });
});

describe('loop devices', () => {
  const loopLsblk = JSON.stringify({
    blockdevices: [
      {
        name: 'loop3', kname: 'loop3', path: '/dev/loop3', type: 'loop', size: 50331648, rm: false, hotplug: false, ro: false,
        tran: null, fstype: null, uuid: null, label: null, pttype: null, ptuuid: null, model: null, serial: null, wwn: null,
        mountpoints: [null],
        children: [
          { name: 'loop3p1', kname: 'loop3p1', path: '/dev/loop3p1', type: 'part', size: 20971520, ro: false, fstype: null, uuid: null, label: null, mountpoints: ['/tmp/s/mnt-p1'] },
          { name: 'loop3p2', kname: 'loop3p2', path: '/dev/loop3p2', type: 'part', size: 28311552, ro: false, fstype: null, uuid: null, label: null, mountpoints: [null] },
        ],
      },
    ],
  });
  const runner: CommandRunner = async (command, args) => {
    if (command === 'lsblk') return { stdout: loopLsblk, stderr: '', code: 0 };
    const answers: Record<string, string> = {
      '/dev/loop3': 'DEVNAME=/dev/loop3\nPTUUID=ab183e88\nPTTYPE=dos\n',
      '/dev/loop3p1': 'DEVNAME=/dev/loop3p1\nLABEL=VAULT\nUUID=EFAF-F739\nBLOCK_SIZE=512\nTYPE=exfat\nPTTYPE=dos\nPARTUUID=ab183e88-01\n',
      '/dev/loop3p2': 'DEVNAME=/dev/loop3p2\nLABEL_FATBOOT=SEEDS\nLABEL=SEEDS\nUUID=739D-0691\nTYPE=vfat\nPARTUUID=ab183e88-02\n',
    };
    calls.push([command, ...args].join(' '));
    // A device whose probe breaks (a stick that stops answering) fails the whole run, as blkid does.
    if (command === 'blkid' && broken !== null && args.includes(broken)) return { stdout: '', stderr: `${broken}: Input/output error`, code: 4 };
    return blkidAnswer(answers, args);
  };
  const calls: string[] = [];
  let broken: string | null = null;
  const sysfs: SysfsReader = {
    readFile: async (path) => (path === '/sys/block/loop3/loop/backing_file' ? '/tmp/s/stick.img' : null),
    realpath: async () => null,
  };

  it('are not offered without the explicit allowance', async () => {
    const enumerator = new LinuxDriveEnumerator({ runner, sysfs, env: { STRONGROOM_ALLOW_LOOP_DEVICES: 'yes' } });
    expect(enumerator.allowances).toEqual([]);
    expect(await enumerator.list()).toEqual([]);
  });

  it('are offered under STRONGROOM_ALLOW_LOOP_DEVICES=1, marked as such, with facts read by blkid', async () => {
    const enumerator = new LinuxDriveEnumerator({ runner, sysfs, env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' } });
    expect(enumerator.allowances).toEqual(['loop-devices']);
    const [drive] = await enumerator.list();
    expect(drive).toMatchObject({
      devicePath: '/dev/loop3',
      model: '/tmp/s/stick.img',
      transport: 'loop',
      allowedBy: 'loop-devices',
      identity: { source: 'partition-table+fs-uuids', value: 'pt=ab183e88;fs=739D-0691,EFAF-F739' },
    });
    expect(drive?.partitions.map((p) => [p.number, p.filesystem, p.label, p.mountpoints])).toEqual([
      [1, 'exfat', 'VAULT', ['/tmp/s/mnt-p1']],
      [2, 'vfat', 'SEEDS', []],
    ]);
  });

  it('probes every node lsblk could not describe in one blkid run', async () => {
    calls.length = 0;
    broken = null;
    await new LinuxDriveEnumerator({ runner, sysfs, env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' } }).list();
    expect(calls.filter((c) => c.startsWith('blkid'))).toEqual(['blkid -c /dev/null -o export /dev/loop3 /dev/loop3p1 /dev/loop3p2']);
  });

  it('probes each node alone when the one run fails, so one bad node does not hide the others', async () => {
    calls.length = 0;
    broken = '/dev/loop3p2';
    try {
      const [drive] = await new LinuxDriveEnumerator({ runner, sysfs, env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' } }).list();
      expect(calls.filter((c) => c.startsWith('blkid'))).toHaveLength(4);
      expect(drive?.partitions.map((p) => [p.number, p.filesystem, p.label])).toEqual([
        [1, 'exfat', 'VAULT'],
        [2, null, null],
      ]);
    } finally {
      broken = null;
    }
  });
});

describe('lsblk and blkid parsing', () => {
  it('reads old lsblk output where every value is a string', () => {
    const [inspected] = interpretLsblk(
      [
        {
          name: 'sdb', type: 'disk', size: '16008609792', rm: '1', hotplug: '1', ro: '0', tran: 'usb', serial: 'AA00000000012345',
          mountpoint: null,
          children: [{ name: 'sdb1', type: 'part', size: '16007561216', fstype: 'vfat', uuid: '1234-ABCD', mountpoint: '/media/usb0' }],
        },
      ],
      { blkid: new Map(), usb: new Map(), loopBackingFile: new Map() },
      { allowLoopDevices: false },
    );
    expect(inspected?.offered).toBe(true);
    expect(inspected?.drive).toMatchObject({ sizeBytes: 16008609792, removable: true, identity: { source: 'disk-serial', value: 'AA00000000012345' } });
    expect(inspected?.drive.partitions[0]).toMatchObject({ number: 1, mountpoints: ['/media/usb0'] });
  });

  it('treats a filesystem on the whole stick as partition 0', () => {
    const [inspected] = interpretLsblk(
      [{ name: 'sdf', type: 'disk', size: 4000000000, tran: 'usb', fstype: 'vfat', uuid: 'C0DE-0001', label: 'CAMERA', mountpoints: ['/media/CAMERA'] }],
      { blkid: new Map(), usb: new Map(), loopBackingFile: new Map() },
      { allowLoopDevices: false },
    );
    expect(inspected?.drive.partitions).toEqual([
      { devicePath: '/dev/sdf', number: 0, filesystem: 'vfat', label: 'CAMERA', uuid: 'C0DE-0001', sizeBytes: 4000000000, mountpoints: ['/media/CAMERA'], readOnly: false },
    ]);
  });

  it('counts a mount on an encrypted layer inside a partition as that partition being mounted (and system)', () => {
    const [inspected] = interpretLsblk(
      [
        {
          name: 'sdg', type: 'disk', size: 64000000000, tran: 'usb',
          children: [{ name: 'sdg1', type: 'part', size: 63999000000, children: [{ name: 'luks-1', type: 'crypt', mountpoints: ['/home'] }] }],
        },
      ],
      { blkid: new Map(), usb: new Map(), loopBackingFile: new Map() },
      { allowLoopDevices: false },
    );
    expect(inspected?.drive.partitions[0]?.mountpoints).toEqual(['/home']);
    expect(inspected?.drive.systemReasons).toEqual(['/dev/sdg1 is mounted at /home']);
    expect(inspected?.offered).toBe(false);
  });

  it('rejects output that is not lsblk JSON with a custodian-readable error', () => {
    expect(() => parseLsblkJson('lsblk: unknown column')).toThrow(/could not read the list of drives/);
    expect(() => parseLsblkJson('{"devices": []}')).toThrow(/blockdevices/);
  });

  it('reads blkid export lines, unescaping values', () => {
    expect(parseBlkidExport('DEVNAME=/dev/sdb1\nLABEL=MY\\ STICK\nUUID=1234-ABCD\nTYPE=vfat\n')).toEqual({
      DEVNAME: '/dev/sdb1',
      LABEL: 'MY STICK',
      UUID: '1234-ABCD',
      TYPE: 'vfat',
    });
  });

  it('reads blkid export output for several devices, one block per DEVNAME', () => {
    const text = 'DEVNAME=/dev/loop0\nUUID=7B35-F252\nTYPE=exfat\n\nDEVNAME=/dev/loop1p1\nLABEL=A\\ B\nTYPE=vfat\n';
    expect([...parseBlkidExports(text)]).toEqual([
      ['/dev/loop0', { DEVNAME: '/dev/loop0', UUID: '7B35-F252', TYPE: 'exfat' }],
      ['/dev/loop1p1', { DEVNAME: '/dev/loop1p1', LABEL: 'A B', TYPE: 'vfat' }],
    ]);
    // Blocks that follow one another without a blank line are still told apart by DEVNAME.
    expect([...parseBlkidExports('DEVNAME=/dev/a\nTYPE=exfat\nDEVNAME=/dev/b\nTYPE=vfat\n').keys()]).toEqual(['/dev/a', '/dev/b']);
    expect([...parseBlkidExports('UUID=1\nTYPE=exfat\n', '/dev/only')]).toEqual([['/dev/only', { UUID: '1', TYPE: 'exfat' }]]);
    expect(parseBlkidExports('UUID=1\nTYPE=exfat\n').size).toBe(0);
  });

  it('reports a failing lsblk as DRIVE_ENUMERATION_FAILED', async () => {
    const enumerator = new LinuxDriveEnumerator({
      runner: async () => ({ stdout: '', stderr: 'lsblk: cannot open /sys/block\n', code: 1 }),
      sysfs: { readFile: async () => null, realpath: async () => null },
      env: {},
    });
    await expect(enumerator.list()).rejects.toMatchObject({ code: 'DRIVE_ENUMERATION_FAILED', message: expect.stringMatching(/cannot open \/sys\/block/) });
  });
});

describe('USB ancestry in sysfs', () => {
  it('takes the nearest USB device, not the hub above it or the root hub', async () => {
    const info = await readUsbAncestry(recordedSysfs('sysfs-kiosk-laptop.json'), 'sde');
    expect(info).toEqual({ vendorId: '058f', productId: '6387', serial: '0123456789ABCDEF', manufacturer: 'Generic', product: 'Mass Storage' });
  });

  it('finds none for an NVMe disk', async () => {
    expect(await readUsbAncestry(recordedSysfs('sysfs-kiosk-laptop.json'), 'nvme0n1')).toBeNull();
  });
});
