import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isStrongroomError } from '../../../src-main/core/errors';
import type { CommandRunner } from '../../../src-main/platform/command-runner';
import type { InspectedDisk } from '../../../src-main/platform/drive-enumerator';
import { LinuxDriveEnumerator, parseBlkidExport, type SysfsReader } from '../../../src-main/platform/linux-drive-enumerator';
import { MacosDriveEnumerator, parsePlist } from '../../../src-main/platform/macos-drive-enumerator';
import { POWERSHELL_QUERIES, WindowsDriveEnumerator } from '../../../src-main/platform/windows-drive-enumerator';
import { mutatedJson, mutatedText } from '../arbitraries';
import { fuzzProperty, type FuzzProperty } from '../fuzz-kit';

/**
 * What the OS tools print is outside input too: an odd stick (or a hostile one: its model, serial and labels come
 * from the device) can put anything there. Each enumerator must answer with well-formed drives, or fail with
 * DRIVE_ENUMERATION_FAILED; never crash, never offer a drive it could not make sense of.
 */

const FIXTURES = join(import.meta.dirname, '../../fixtures/drives');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function wellFormed(disks: readonly InspectedDisk[]): boolean {
  return disks.every(({ drive, offered }) => {
    const partitionsOk = drive.partitions.every(
      (p) => typeof p.devicePath === 'string' && p.devicePath !== '' && Number.isInteger(p.number) && p.number >= 0 && p.mountpoints.every((m) => typeof m === 'string' && m !== ''),
    );
    const identityOk = typeof drive.identity.value === 'string' && drive.identity.value !== '';
    const sizeOk = Number.isFinite(drive.sizeBytes) && drive.sizeBytes >= 0;
    return typeof offered === 'boolean' && typeof drive.devicePath === 'string' && drive.devicePath !== '' && partitionsOk && (!offered || (identityOk && sizeOk));
  });
}

async function answersOrFailsClearly(inspect: () => Promise<InspectedDisk[]>): Promise<boolean> {
  try {
    return wellFormed(await inspect());
  } catch (error) {
    // Anything but the clear failure is rethrown, so fast-check shows it.
    if (isStrongroomError(error) && error.code === 'DRIVE_ENUMERATION_FAILED') return true;
    throw error;
  }
}

const { realpaths, files } = JSON.parse(fixture('sysfs-kiosk-laptop.json')) as { realpaths: Record<string, string>; files: Record<string, string> };
const sysfs: SysfsReader = { readFile: async (path) => (path in files ? (files[path] ?? '').trim() : null), realpath: async (path) => realpaths[path] ?? null };

function linux(lsblk: string, blkid = ''): LinuxDriveEnumerator {
  const runner: CommandRunner = async (command) =>
    command === 'lsblk' ? { stdout: lsblk, stderr: '', code: 0 } : command === 'blkid' ? { stdout: blkid, stderr: '', code: blkid ? 0 : 2 } : { stdout: '', stderr: 'not found', code: 127 };
  return new LinuxDriveEnumerator({ runner, sysfs, env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' } });
}

const diskutilFiles = ['diskutil-list.plist', 'diskutil-info-disk4.plist', 'diskutil-info-disk4s1.plist', 'diskutil-info-disk6s1.plist'];
function macos(replace: string, text: string): MacosDriveEnumerator {
  const runner: CommandRunner = async (command, args) => {
    if (command === 'diskutil' && args[0] === 'list') return { stdout: replace === 'diskutil-list.plist' ? text : fixture('diskutil-list.plist'), stderr: '', code: 0 };
    if (command === 'diskutil' && args[0] === 'info') {
      const name = `diskutil-info-${args[2]}.plist`;
      try {
        return { stdout: name === replace ? text : fixture(name), stderr: '', code: 0 };
      } catch {
        return { stdout: '', stderr: 'no such disk', code: 1 };
      }
    }
    if (command === 'system_profiler') return { stdout: fixture('system-profiler-usb.json'), stderr: '', code: 0 };
    return { stdout: '', stderr: 'not found', code: 127 };
  };
  return new MacosDriveEnumerator(runner);
}

function windows(outputs: { disks: string; partitions: string; volumes: string }): WindowsDriveEnumerator {
  const runner: CommandRunner = async (_command, args) => {
    const query = args[args.length - 1];
    const stdout = query === POWERSHELL_QUERIES.disks ? outputs.disks : query === POWERSHELL_QUERIES.partitions ? outputs.partitions : outputs.volumes;
    return { stdout, stderr: '', code: 0 };
  };
  return new WindowsDriveEnumerator(runner);
}

const windowsOutputs = { disks: fixture('windows-get-disk.json'), partitions: fixture('windows-get-partition.json'), volumes: fixture('windows-get-volume.json') };
const windowsPart = fc.constantFrom('disks', 'partitions', 'volumes') as fc.Arbitrary<keyof typeof windowsOutputs>;

export const driveOutputProperties: readonly FuzzProperty[] = [
  fuzzProperty('lsblk output', 'a recorded listing with any one value changed gives well-formed drives or a clear failure', fc.asyncProperty(mutatedJson(JSON.parse(fixture('lsblk-kiosk-laptop.json'))), (json) => answersOrFailsClearly(() => linux(JSON.stringify(json)).inspect()))),
  fuzzProperty('lsblk output', 'damaged text gives well-formed drives or a clear failure', fc.asyncProperty(mutatedText(fixture('lsblk-live-boot.json')), (text) => answersOrFailsClearly(() => linux(text).inspect()))),
  fuzzProperty('lsblk output', 'blkid export lines of any shape are read without a crash', fc.property(fc.string({ maxLength: 200 }), (text) => typeof parseBlkidExport(text) === 'object')),
  fuzzProperty('diskutil output', 'a damaged property list gives well-formed drives or a clear failure', fc.asyncProperty(fc.constantFrom(...diskutilFiles).chain((name) => fc.tuple(fc.constant(name), mutatedText(fixture(name)))), ([name, text]) => answersOrFailsClearly(() => macos(name, text).inspect()))),
  fuzzProperty('diskutil output', 'any text is a property list or DRIVE_ENUMERATION_FAILED', fc.property(fc.string({ maxLength: 200 }).map((s) => `<plist version="1.0"><dict>${s}</dict></plist>`), (xml) => {
    try {
      parsePlist(xml);
      return true;
    } catch (error) {
      return isStrongroomError(error) && error.code === 'DRIVE_ENUMERATION_FAILED';
    }
  })),
  fuzzProperty('PowerShell output', 'recorded Get-Disk/Get-Partition/Get-Volume with any one value changed give well-formed drives or a clear failure', fc.asyncProperty(windowsPart.chain((part) => fc.tuple(fc.constant(part), mutatedJson(JSON.parse(windowsOutputs[part])))), ([part, json]) => answersOrFailsClearly(() => windows({ ...windowsOutputs, [part]: JSON.stringify(json) }).inspect()))),
  fuzzProperty('PowerShell output', 'damaged text gives well-formed drives or a clear failure', fc.asyncProperty(windowsPart.chain((part) => fc.tuple(fc.constant(part), mutatedText(windowsOutputs[part]))), ([part, text]) => answersOrFailsClearly(() => windows({ ...windowsOutputs, [part]: text }).inspect()))),
];
