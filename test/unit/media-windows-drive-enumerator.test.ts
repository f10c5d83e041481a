import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../src-main/platform/command-runner';
import { POWERSHELL_QUERIES, WindowsDriveEnumerator, interpretWindowsStorage } from '../../src-main/platform/windows-drive-enumerator';

const FIXTURES = join(import.meta.dirname, '../fixtures/drives');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const recordedPowerShell: CommandRunner = async (command, args) => {
  const query = args[args.length - 1];
  expect(command).toBe('powershell.exe');
  if (query === POWERSHELL_QUERIES.disks) return { stdout: fixture('windows-get-disk.json'), stderr: '', code: 0 };
  if (query === POWERSHELL_QUERIES.partitions) return { stdout: fixture('windows-get-partition.json'), stderr: '', code: 0 };
  if (query === POWERSHELL_QUERIES.volumes) return { stdout: fixture('windows-get-volume.json'), stderr: '', code: 0 };
  return { stdout: '', stderr: 'unexpected query', code: 1 };
};

describe('WindowsDriveEnumerator on recorded Get-Disk / Get-Partition / Get-Volume', () => {
  it('offers the USB SSD and the USB stick, not the boot NVMe disk or a VHD', async () => {
    const inspected = await new WindowsDriveEnumerator(recordedPowerShell).inspect();
    expect(inspected.filter((d) => d.offered).map((d) => d.drive.devicePath)).toEqual(['\\\\.\\PHYSICALDRIVE1', '\\\\.\\PHYSICALDRIVE2']);
    const why = Object.fromEntries(inspected.map((d) => [d.drive.devicePath, d.notOfferedBecause]));
    expect(why['\\\\.\\PHYSICALDRIVE0']).toMatch(/running system: disk 0 is the boot disk; disk 0 holds the system partition; .* is mounted at C:\\/);
    expect(why['\\\\.\\PHYSICALDRIVE3']).toBe('It is a virtual disk (VHD), not a physical device.');
  });

  it('offers a USB SSD whose volume Windows calls "Fixed"', async () => {
    const t7 = (await new WindowsDriveEnumerator(recordedPowerShell).list()).find((d) => d.devicePath === '\\\\.\\PHYSICALDRIVE1');
    expect(t7).toMatchObject({ removable: true, transport: 'usb', identity: { source: 'usb-serial', value: 'S5TANS0R812345W' }, vendor: 'Samsung' });
    // The Microsoft Reserved partition has no volume and no letter: it shows, unmounted, so the scanner reports it.
    expect(t7?.partitions.map((p) => [p.number, p.filesystem, p.mountpoints])).toEqual([
      [1, null, []],
      [2, 'exfat', ['D:\\']],
    ]);
  });

  it('ties both volumes of a multi-partition stick to the one physical disk', async () => {
    const stick = (await new WindowsDriveEnumerator(recordedPowerShell).list()).find((d) => d.devicePath === '\\\\.\\PHYSICALDRIVE2');
    expect(stick?.identity).toEqual({ source: 'usb-serial', value: '4C530001231129115443' });
    expect(stick?.partitions).toEqual([
      {
        devicePath: '\\\\?\\GLOBALROOT\\Device\\Harddisk2\\Partition1',
        number: 1,
        filesystem: 'vfat',
        label: 'VAULT02',
        uuid: '7d3e9a11-55b2-11ef-9a4c-806e6f6e6963',
        sizeBytes: 33554432000,
        mountpoints: ['E:\\'],
        readOnly: false,
      },
      {
        devicePath: '\\\\?\\GLOBALROOT\\Device\\Harddisk2\\Partition2',
        number: 2,
        filesystem: 'exfat',
        label: 'SPARE',
        uuid: '7d3e9a12-55b2-11ef-9a4c-806e6f6e6963',
        sizeBytes: 27975958528,
        mountpoints: ['F:\\'],
        readOnly: false,
      },
    ]);
  });

  it('reads enums and drive letters that arrive as numbers, and a single object instead of an array', () => {
    const [only] = interpretWindowsStorage({
      disks: { Number: 5, FriendlyName: 'Kingston DataTraveler 3.0', SerialNumber: 'E0D55EA573DCF450E97C0B8A', BusType: 7, Size: 15938355200, IsBoot: false, IsSystem: false, IsReadOnly: true, PartitionStyle: 1, Signature: 1563065150 },
      partitions: { DiskNumber: 5, PartitionNumber: 1, DriveLetter: 71, Size: 15937306624, AccessPaths: ['G:\\', '\\\\?\\Volume{11111111-2222-3333-4444-555555555555}\\'] },
      volumes: { DriveLetter: 71, FileSystem: 'FAT32', FileSystemLabel: 'SEEDS01', DriveType: 2, Path: '\\\\?\\Volume{11111111-2222-3333-4444-555555555555}\\' },
    });
    expect(only).toMatchObject({
      offered: true,
      drive: { transport: 'usb', readOnly: true, partitions: [{ mountpoints: ['G:\\'], filesystem: 'vfat', label: 'SEEDS01', readOnly: true }] },
    });
  });

  it('reports PowerShell failing as DRIVE_ENUMERATION_FAILED', async () => {
    const failing: CommandRunner = async () => ({ stdout: '', stderr: 'Get-Disk : Access denied\r\n', code: 1 });
    await expect(new WindowsDriveEnumerator(failing).list()).rejects.toMatchObject({ code: 'DRIVE_ENUMERATION_FAILED', message: expect.stringMatching(/Access denied/) });
  });

  it('treats empty output (no disks at all) as an empty list', () => {
    expect(interpretWindowsStorage({ disks: [], partitions: [], volumes: [] })).toEqual([]);
  });
});
