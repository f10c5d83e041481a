import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../src-main/platform/command-runner';
import { MacosDriveEnumerator, parsePlist } from '../../src-main/platform/macos-drive-enumerator';

const FIXTURES = join(import.meta.dirname, '../fixtures/drives');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** diskutil and system_profiler answered from recorded files; anything unrecorded fails like a missing disk. */
function recordedMac(options: { usbProfile?: boolean } = {}): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const runner: CommandRunner = async (command, args) => {
    calls.push([command, ...args].join(' '));
    if (command === 'diskutil' && args[0] === 'list') return { stdout: fixture('diskutil-list.plist'), stderr: '', code: 0 };
    if (command === 'diskutil' && args[0] === 'info') {
      try {
        return { stdout: fixture(`diskutil-info-${args[2]}.plist`), stderr: '', code: 0 };
      } catch {
        return { stdout: '', stderr: `Could not find disk: ${args[2]}`, code: 1 };
      }
    }
    if (command === 'system_profiler' && options.usbProfile !== false) return { stdout: fixture('system-profiler-usb.json'), stderr: '', code: 0 };
    return { stdout: '', stderr: 'not available', code: 1 };
  };
  return Object.assign(runner, { calls });
}

describe('MacosDriveEnumerator on recorded diskutil output', () => {
  it('offers the USB SSD and the USB stick, not the internal SSD, its APFS container or a disk image', async () => {
    const inspected = await new MacosDriveEnumerator(recordedMac()).inspect();
    expect(inspected.filter((d) => d.offered).map((d) => d.drive.devicePath)).toEqual(['/dev/disk4', '/dev/disk6']);
    const why = Object.fromEntries(inspected.map((d) => [d.drive.devicePath, d.notOfferedBecause]));
    expect(why['/dev/disk0']).toMatch(/running system.*\/dev\/disk0s2 is mounted at \/System\/Volumes\/Data; \/dev\/disk0s2 is mounted at \/;/);
    expect(why['/dev/disk8']).toBe('It is a disk image, not a physical device.');
    expect(inspected.map((d) => d.drive.devicePath)).not.toContain('/dev/disk3');
  });

  it('offers a USB SSD that reports Removable=false, identified by its USB serial', async () => {
    const t7 = (await new MacosDriveEnumerator(recordedMac()).list()).find((d) => d.devicePath === '/dev/disk4');
    expect(t7).toMatchObject({
      removable: true,
      transport: 'usb',
      model: 'Samsung PSSD T7',
      identity: { source: 'usb-serial', value: 'S5TANS0R812345W' },
      usb: { vendorId: '04e8', productId: '4001', serial: 'S5TANS0R812345W', manufacturer: 'Samsung', product: 'PSSD T7' },
    });
    expect(t7?.partitions.map((p) => [p.number, p.filesystem, p.label, p.mountpoints, p.readOnly])).toEqual([
      [1, 'vfat', 'EFI', [], true],
      [2, 'exfat', 'T7', ['/Volumes/T7'], false],
    ]);
  });

  it('reads both partitions of a multi-partition stick with their real filesystems', async () => {
    const stick = (await new MacosDriveEnumerator(recordedMac()).list()).find((d) => d.devicePath === '/dev/disk6');
    // MBR type 0x07 says "Windows_NTFS" for exFAT too; diskutil info tells the truth.
    expect(stick?.partitions.map((p) => [p.devicePath, p.filesystem, p.label, p.mountpoints])).toEqual([
      ['/dev/disk6s1', 'vfat', 'VAULT02', ['/Volumes/VAULT02']],
      ['/dev/disk6s2', 'exfat', 'SPARE', ['/Volumes/SPARE']],
    ]);
    expect(stick?.identity).toEqual({ source: 'usb-serial', value: '4C530001231129115443' });
  });

  it('falls back to volume UUIDs when system_profiler does not answer', async () => {
    const stick = (await new MacosDriveEnumerator(recordedMac({ usbProfile: false })).list()).find((d) => d.devicePath === '/dev/disk6');
    expect(stick?.usb).toBeNull();
    expect(stick?.identity).toEqual({
      source: 'partition-table+fs-uuids',
      value: 'pt=none;fs=8F1D2E3A-4B5C-3D6E-9F7A-8B9C0D1E2F3A,9A2E3F4B-5C6D-3E7F-8A9B-0C1D2E3F4A5B',
    });
  });

  it('does not ask diskutil about the partitions of an internal disk', async () => {
    const runner = recordedMac();
    await new MacosDriveEnumerator(runner).list();
    expect(runner.calls).not.toContain('diskutil info -plist disk0s2');
    expect(runner.calls).toContain('diskutil info -plist disk6s2');
  });
});

describe('parsePlist', () => {
  it('reads dicts, arrays, strings with entities, numbers, booleans, data and empty elements', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<!-- recorded -->
<dict>
	<key>Name</key><string>Tom &amp; Jerry&#x27;s &lt;stick&gt;</string>
	<key>Size</key><integer>-12</integer>
	<key>Ratio</key><real>0.5</real>
	<key>Yes</key><true/>
	<key>No</key><false/>
	<key>Empty</key><string/>
	<key>Nothing</key><array/>
	<key>Blob</key><data>
	AAEC
	AwQ=
	</data>
	<key>Nested</key><array><dict><key>A</key><string>b</string></dict><dict/></array>
</dict>
</plist>`;
    expect(parsePlist(xml)).toEqual({
      Name: "Tom & Jerry's <stick>",
      Size: -12,
      Ratio: 0.5,
      Yes: true,
      No: false,
      Empty: '',
      Nothing: [],
      Blob: 'AAECAwQ=',
      Nested: [{ A: 'b' }, {}],
    });
  });

  it('rejects truncated or foreign XML with a custodian-readable error', () => {
    expect(() => parsePlist('<plist><dict><key>A</key><string>b</string>')).toThrow(/could not read diskutil's answer/);
    expect(() => parsePlist('<html></html>')).toThrow(/expected <plist>/);
  });

  it('never lets a key reach the object prototype', () => {
    const parsed = parsePlist('<plist><dict><key>__proto__</key><dict><key>polluted</key><true/></dict></dict></plist>') as Record<string, unknown>;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(parsed)).toEqual([]);
  });
});
