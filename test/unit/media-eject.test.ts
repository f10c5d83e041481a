import { describe, expect, it } from 'vitest';
import type { CommandResult, CommandRunner } from '../../src-main/platform/command-runner';
import type { DriveInfo, PartitionInfo } from '../../src-main/platform/drive-enumerator';
import { LinuxDriveEjector, MacosDriveEjector, WindowsDriveEjector, ejectIncompleteError } from '../../src-main/platform/eject';

const part = (number: number, mountpoints: string[]): PartitionInfo => ({
  devicePath: `/dev/sdb${number}`,
  number,
  filesystem: 'exfat',
  label: null,
  uuid: null,
  sizeBytes: 1,
  mountpoints,
  readOnly: false,
});

const drive = (partitions: PartitionInfo[], transport: DriveInfo['transport'] = 'usb') => ({ devicePath: '/dev/sdb', partitions, transport, practice: false });

/** Answers each command line from a table (default: success), recording the order they ran in. */
function scripted(answers: Record<string, Partial<CommandResult>> = {}): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const runner: CommandRunner = async (command, args) => {
    const line = [command, ...args].join(' ');
    calls.push(line);
    return { stdout: '', stderr: '', code: 0, ...answers[line] };
  };
  return Object.assign(runner, { calls });
}

describe('LinuxDriveEjector', () => {
  it('syncs, unmounts every partition, syncs again and powers the USB port off', async () => {
    const runner = scripted();
    const report = await new LinuxDriveEjector({ runner }).eject(drive([part(1, ['/media/kiosk/VAULT02']), part(2, ['/media/kiosk/SPARE'])]));
    expect(runner.calls).toEqual(['sync', 'umount /media/kiosk/VAULT02', 'umount /media/kiosk/SPARE', 'sync', 'udisksctl power-off -b /dev/sdb']);
    expect(report.safeToRemove).toBe(true);
    expect(report.steps.map((s) => [s.action, s.outcome])).toEqual([
      ['sync', 'done'],
      ['unmount', 'done'],
      ['unmount', 'done'],
      ['sync', 'done'],
      ['power-off', 'done'],
    ]);
  });

  it('falls back to fusermount for a FUSE mount umount refuses', async () => {
    const runner = scripted({ 'umount /media/u/STICK': { code: 32, stderr: 'umount: /media/u/STICK: must be superuser to unmount.' } });
    const report = await new LinuxDriveEjector({ runner, powerOff: false }).eject(drive([part(1, ['/media/u/STICK'])]));
    expect(runner.calls).toContain('fusermount -u /media/u/STICK');
    expect(report.steps.find((s) => s.action === 'unmount')).toMatchObject({ outcome: 'done', detail: 'unmounted (FUSE)' });
    expect(report.safeToRemove).toBe(true);
  });

  it('is not safe to remove while a program holds the stick, and does not power it off', async () => {
    const busy = { code: 32, stderr: 'umount: /media/kiosk/VAULT02: target is busy.' };
    const runner = scripted({ 'umount /media/kiosk/VAULT02': busy, 'fusermount -u /media/kiosk/VAULT02': { code: 1, stderr: 'fusermount: entry not found' } });
    const report = await new LinuxDriveEjector({ runner }).eject(drive([part(1, ['/media/kiosk/VAULT02'])]));
    expect(report.safeToRemove).toBe(false);
    expect(report.steps.find((s) => s.action === 'unmount')).toMatchObject({ outcome: 'failed', detail: 'a program still has files open on it' });
    expect(runner.calls).not.toContain('udisksctl power-off -b /dev/sdb');
    expect(ejectIncompleteError(report)).toMatchObject({ code: 'EJECT_INCOMPLETE', message: expect.stringMatching(/NOT safe to remove yet/) });
  });

  it('still reports safe to remove when udisksctl is not installed', async () => {
    const runner = scripted({ 'udisksctl power-off -b /dev/sdb': { code: 127, stderr: 'not found' } });
    const report = await new LinuxDriveEjector({ runner }).eject(drive([part(1, ['/m'])]));
    expect(report.safeToRemove).toBe(true);
    expect(report.steps.at(-1)).toMatchObject({ action: 'power-off', outcome: 'skipped', detail: expect.stringMatching(/not installed/) });
  });

  it('unmounts nested mounts first and never powers off a loop device', async () => {
    const runner = scripted();
    await new LinuxDriveEjector({ runner }).eject(drive([part(1, ['/mnt/a']), part(2, ['/mnt/a/inner'])], 'loop'));
    expect(runner.calls).toEqual(['sync', 'umount /mnt/a/inner', 'umount /mnt/a', 'sync']);
  });
});

describe('MacosDriveEjector and WindowsDriveEjector', () => {
  it('ejects the whole disk with diskutil', async () => {
    const runner = scripted({ 'diskutil eject /dev/disk6': { stdout: 'Disk /dev/disk6 ejected\n' } });
    const report = await new MacosDriveEjector(runner).eject({ ...drive([]), devicePath: '/dev/disk6' });
    expect(runner.calls).toEqual(['diskutil eject /dev/disk6']);
    expect(report).toMatchObject({ safeToRemove: true, steps: [{ action: 'eject', outcome: 'done', detail: 'Disk /dev/disk6 ejected' }] });
  });

  it('flushes and ejects each drive letter through PowerShell, passing only a checked letter', async () => {
    const runner = scripted();
    const report = await new WindowsDriveEjector(runner).eject({
      ...drive([part(1, ['E:\\']), part(2, ['F:\\', 'C:\\Mounts\\spare'])]),
      devicePath: '\\\\.\\PHYSICALDRIVE2',
    });
    expect(runner.calls).toHaveLength(2);
    expect(runner.calls[0]).toMatch(/^powershell\.exe -NoProfile -NonInteractive -Command .*Write-VolumeCache -DriveLetter E; .*ParseName\('E:'\)/);
    expect(report.steps.map((s) => s.target)).toEqual(['E:', 'F:']);
  });
});
