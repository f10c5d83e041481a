/**
 * platform/: the operating-system adapters behind interfaces: drive enumeration per OS (Linux, macOS, Windows,
 * simulated media), hotplug, no-follow stick file primitives, atomic kiosk writes, HID and YubiKey, network
 * guard, printers, clock, randomness. Every file or device touch happens here, so the hardening is in one place.
 * May import core/, artefacts/ and Node or device packages; not app/, catalog/, cli/, print/, shell/ or electron.
 */
import type { DeviceIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * The drives Strongroom may offer as media. Every entry is a PHYSICAL device with all of its partitions, because
 * the separation rule is about devices: a vault on partition 1 and seeds on partition 2 of one stick is one
 * stolen object holding both halves of a login.
 */
export interface DriveEnumerator {
  /** Which implementation answered, for the audit log and the UI ("practice drives", "Linux block devices"). */
  readonly implementation: 'linux' | 'macos' | 'windows' | 'simulated';
  /**
   * Exceptions to the normal rules that were in force when this enumerator was built. The UI shows them and the
   * audit log records them, so a lab allowance can never be mistaken for a production configuration.
   */
  readonly allowances: readonly DriveAllowance[];
  /** Drives that may be offered as media: removable, not holding the running system. Never throws for one odd disk. */
  list(): Promise<DriveInfo[]>;
}

/** The OS tool that lists drives failed: say which, with its first line of complaint, and what to do. */
export function enumerationFailedError(tool: string, result: { readonly stderr: string; readonly code: number }): StrongroomError {
  const why = result.stderr.trim().split('\n')[0]?.trim() || `exit code ${result.code}`;
  return new StrongroomError(
    ErrorCode.DriveEnumerationFailed,
    `Strongroom could not list the drives: ${tool} failed (${why}). Unplug and replug the stick; if it happens again, restart the kiosk.`,
  );
}

/** One disk the OS reported, whether it is offered as a medium, and if not, why (for diagnostics and tests). */
export interface InspectedDisk {
  readonly drive: DriveInfo;
  readonly offered: boolean;
  /** Why it is not offered, in words; null when offered. */
  readonly notOfferedBecause: string | null;
}

/**
 * The verdict on a disk read from macOS's or Windows' own tools: the first reason it is not offered, in the order
 * a custodian should hear them (the running system first), or offered. `virtual` is the sentence for a disk image
 * or virtual disk, null for a physical one; `internal` the sentence for a disk that is not removable.
 */
export function verdictOnOsDisk(drive: DriveInfo, why: { readonly virtual: string | null; readonly internal: string }): InspectedDisk {
  const notOfferedBecause = drive.system
    ? `It holds the running system: ${drive.systemReasons.join('; ')}.`
    : why.virtual !== null
      ? why.virtual
      : !drive.removable
        ? why.internal
        : drive.sizeBytes === 0
          ? 'No medium is inserted.'
          : null;
  return { drive, offered: isOfferable(drive), notOfferedBecause };
}

/** The OS enumerators look at every disk and explain each verdict; the drives offered are the ones that pass. */
export abstract class InspectingDriveEnumerator implements DriveEnumerator {
  abstract readonly implementation: DriveEnumerator['implementation'];
  abstract readonly allowances: readonly DriveAllowance[];
  abstract inspect(): Promise<InspectedDisk[]>;

  async list(): Promise<DriveInfo[]> {
    return (await this.inspect()).filter((d) => d.offered).map((d) => d.drive);
  }
}

/** 'loop-devices': Linux loop devices (image files) count as removable drives. Test and lab use only. */
export type DriveAllowance = 'loop-devices';

export type DriveTransport = 'usb' | 'sata' | 'ata' | 'nvme' | 'scsi' | 'mmc' | 'virtio' | 'loop' | 'simulated' | 'unknown';

export interface UsbDeviceInfo {
  /** Four hex digits, lowercase ("0781"); null where the OS does not expose it (Windows Get-Disk). */
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly serial: string | null;
  readonly manufacturer: string | null;
  readonly product: string | null;
}

export interface PartitionInfo {
  /** The node to mount or probe: /dev/sdb1, /dev/disk4s1, \\?\Volume{...}\ or a practice folder. */
  readonly devicePath: string;
  /**
   * 1-based partition number as the custodian reads it on a label. 0 means the filesystem covers the whole device
   * with no partition table (a "superfloppy", common on sticks formatted by cameras and old Windows).
   */
  readonly number: number;
  /** Lowercase filesystem type ('exfat', 'vfat', 'ntfs', 'hfsplus', 'apfs'); null when unformatted or unknown. */
  readonly filesystem: string | null;
  readonly label: string | null;
  readonly uuid: string | null;
  readonly sizeBytes: number;
  /** Where it is mounted now; empty when it is not mounted (and so cannot be checked for artefacts). */
  readonly mountpoints: readonly string[];
  readonly readOnly: boolean;
}

export interface DriveInfo {
  /** /dev/sdb, /dev/disk4, \\.\PHYSICALDRIVE2, or the practice folder. */
  readonly devicePath: string;
  readonly identity: DeviceIdentity;
  readonly usb: UsbDeviceInfo | null;
  /** Model as the device reports it; for a loop device, its backing image file. */
  readonly model: string | null;
  readonly vendor: string | null;
  readonly sizeBytes: number;
  /**
   * Strongroom's judgement, not the OS flag: many USB sticks and every USB SSD report "not removable", so a USB
   * transport or a USB ancestor counts as removable too. Internal NVMe/SATA disks are never removable here, even
   * in a hot-swap bay.
   */
  readonly removable: boolean;
  readonly hotplug: boolean;
  readonly readOnly: boolean;
  readonly transport: DriveTransport;
  /** Holds the running OS (/, /boot, swap, a live-boot medium); never offered as a medium, however removable. */
  readonly system: boolean;
  /** Why `system` is true, in words ("partition 2 is mounted at /"). */
  readonly systemReasons: readonly string[];
  readonly partitions: readonly PartitionInfo[];
  /** True only for simulated drives: nothing written there is real custody. */
  readonly practice: boolean;
  /** Set when the drive is listed only because an allowance is in force. */
  readonly allowedBy: DriveAllowance | null;
}

/**
 * The one rule every enumerator applies before offering a drive (Etcher keeps the same check as a small pure
 * function and re-runs it before writing; callers may do the same).
 */
export function isOfferable(drive: DriveInfo): boolean {
  return drive.removable && !drive.system && drive.sizeBytes > 0;
}

/** Mount points that belong to the running system; a drive holding any of them is never offered. */
const SYSTEM_MOUNTPOINTS = new Set([
  '/', '/boot', '/boot/efi', '/efi', '/usr', '/var', '/home', '/opt', '/srv', '/etc', '/nix', '/tmp', '[SWAP]',
  // Live systems boot from a stick and keep it mounted here: it is the running OS, however removable it looks.
  '/cdrom', '/run/live/medium', '/lib/live/mount/medium', '/run/initramfs/live', '/run/archiso/bootmnt',
  // macOS system volumes and Windows' own volume.
  '/System/Volumes/Data', '/System/Volumes/Preboot', '/System/Volumes/VM', '/System/Volumes/Update', 'C:\\',
]);
const SYSTEM_MOUNT_PREFIXES = ['/boot/', '/usr/', '/var/', '/snap/', '/run/live/', '/lib/live/', '/System/'];

export function isSystemMountpoint(mountpoint: string): boolean {
  return SYSTEM_MOUNTPOINTS.has(mountpoint) || SYSTEM_MOUNT_PREFIXES.some((prefix) => mountpoint.startsWith(prefix));
}

/** "/dev/sda2 is mounted at /", "/dev/sda3 is used as swap". */
export function describeSystemUse(device: string, mountpoint: string): string {
  return mountpoint === '[SWAP]' ? `${device} is used as swap` : `${device} is mounted at ${mountpoint}`;
}
