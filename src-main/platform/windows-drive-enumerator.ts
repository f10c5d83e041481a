import { contentIdentity, isPlausibleSerial, serialIdentity, type DeviceIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import { nodeCommandRunner, type CommandRunner } from './command-runner';
import {
  describeSystemUse,
  isSystemMountpoint,
  enumerationFailedError,
  InspectingDriveEnumerator,
  verdictOnOsDisk,
  type InspectedDisk,
  type DriveInfo,
  type DriveTransport,
  type PartitionInfo,
} from './drive-enumerator';

/**
 * Windows: the Storage module's Get-Disk, Get-Partition and Get-Volume, each as JSON. Get-Disk gives the bus
 * and the boot/system flags, Get-Partition ties partitions to disks and drive letters, Get-Volume gives the
 * filesystem. Windows calls a USB SSD a "Fixed" drive, so the bus decides, not the drive type.
 */

export const POWERSHELL_QUERIES = {
  disks:
    'ConvertTo-Json -Depth 3 -InputObject @(Get-Disk | Select-Object Number,FriendlyName,Manufacturer,Model,SerialNumber,' +
    '@{n="BusType";e={[string]$_.BusType}},Size,IsBoot,IsSystem,IsReadOnly,IsOffline,' +
    '@{n="PartitionStyle";e={[string]$_.PartitionStyle}},Guid,Signature,Path,UniqueId,BootFromDisk)',
  partitions:
    'ConvertTo-Json -Depth 3 -InputObject @(Get-Partition | Select-Object DiskNumber,PartitionNumber,' +
    '@{n="DriveLetter";e={[string]$_.DriveLetter}},Size,Offset,Type,Guid,IsReadOnly,IsOffline,IsBoot,IsSystem,IsHidden,AccessPaths)',
  volumes:
    'ConvertTo-Json -Depth 3 -InputObject @(Get-Volume | Select-Object @{n="DriveLetter";e={[string]$_.DriveLetter}},' +
    'FileSystemLabel,FileSystem,@{n="DriveType";e={[string]$_.DriveType}},Size,SizeRemaining,Path,UniqueId)',
} as const;

/** MSFT_Disk.BusType values, for output where the enum arrives as its number. */
const BUS_TYPES: Readonly<Record<number, string>> = {
  0: 'Unknown', 1: 'SCSI', 2: 'ATAPI', 3: 'ATA', 4: '1394', 5: 'SSA', 6: 'Fibre Channel', 7: 'USB', 8: 'RAID',
  9: 'iSCSI', 10: 'SAS', 11: 'SATA', 12: 'SD', 13: 'MMC', 14: 'Virtual', 15: 'File Backed Virtual',
  16: 'Storage Spaces', 17: 'NVMe',
};
const DRIVE_TYPES: Readonly<Record<number, string>> = { 0: 'Unknown', 1: 'Invalid', 2: 'Removable', 3: 'Fixed', 4: 'Remote', 5: 'CD-ROM', 6: 'RAM Disk' };

type Json = Record<string, unknown>;

export interface WindowsDiskFacts {
  readonly disks: unknown;
  readonly partitions: unknown;
  readonly volumes: unknown;
}

export class WindowsDriveEnumerator extends InspectingDriveEnumerator {
  readonly implementation = 'windows' as const;
  readonly allowances = [] as const;

  constructor(private readonly runner: CommandRunner = nodeCommandRunner) {
    super();
  }

  async inspect(): Promise<InspectedDisk[]> {
    const run = async (query: string): Promise<unknown> => {
      const r = await this.runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', query]);
      if (r.code !== 0) throw enumerationFailedError('PowerShell', r);
      return parseJsonOrEmpty(r.stdout);
    };
    return interpretWindowsStorage({
      disks: await run(POWERSHELL_QUERIES.disks),
      partitions: await run(POWERSHELL_QUERIES.partitions),
      volumes: await run(POWERSHELL_QUERIES.volumes),
    });
  }
}

/** Pure: recorded Get-Disk / Get-Partition / Get-Volume JSON to drives and verdicts. */
export function interpretWindowsStorage(facts: WindowsDiskFacts): InspectedDisk[] {
  const disks = asArray(facts.disks);
  const partitions = asArray(facts.partitions);
  const volumes = asArray(facts.volumes);
  const out: InspectedDisk[] = [];
  for (const disk of disks) {
    const number = whole(disk['Number']);
    if (number === null) continue;
    const bus = enumText(disk['BusType'], BUS_TYPES);
    const onUsb = bus === 'USB';
    const virtual = bus === 'File Backed Virtual' || bus === 'Virtual';
    const parts = partitions
      .filter((p) => whole(p['DiskNumber']) === number)
      .sort((a, b) => (whole(a['PartitionNumber']) ?? 0) - (whole(b['PartitionNumber']) ?? 0))
      .map((p) => partitionOf(p, number, volumes, bool(disk['IsReadOnly'])));
    const volumeRemovable = partitions
      .filter((p) => whole(p['DiskNumber']) === number)
      .some((p) => volumeFor(p, volumes) !== null && enumText(volumeFor(p, volumes)?.['DriveType'], DRIVE_TYPES) === 'Removable');
    const internalBus = ['SATA', 'ATA', 'NVMe', 'RAID', 'SAS', 'SCSI', 'Storage Spaces', 'iSCSI', 'Fibre Channel'].includes(bus);
    const removable = !virtual && (onUsb || bus === 'SD' || bus === 'MMC' || (volumeRemovable && !internalBus));

    const systemReasons: string[] = [];
    if (bool(disk['IsBoot']) || bool(disk['BootFromDisk'])) systemReasons.push(`disk ${number} is the boot disk`);
    if (bool(disk['IsSystem'])) systemReasons.push(`disk ${number} holds the system partition`);
    for (const p of parts) for (const m of p.mountpoints) if (isSystemMountpoint(m)) systemReasons.push(describeSystemUse(p.devicePath, m));

    const serial = str(disk['SerialNumber']);
    const drive: DriveInfo = {
      devicePath: `\\\\.\\PHYSICALDRIVE${number}`,
      identity: windowsIdentity(disk, onUsb, serial, parts, number),
      usb: onUsb
        ? { vendorId: null, productId: null, serial: serial?.trim() ?? null, manufacturer: str(disk['Manufacturer'])?.trim() ?? null, product: str(disk['FriendlyName']) ?? null }
        : null,
      model: str(disk['FriendlyName']) ?? str(disk['Model'])?.trim() ?? null,
      vendor: str(disk['Manufacturer'])?.trim() ?? null,
      sizeBytes: whole(disk['Size']) ?? 0,
      removable,
      hotplug: removable,
      readOnly: bool(disk['IsReadOnly']),
      transport: windowsTransport(bus),
      system: systemReasons.length > 0,
      systemReasons,
      partitions: parts,
      practice: false,
      allowedBy: null,
    };
    out.push(verdictOnOsDisk(drive, { virtual: virtual ? 'It is a virtual disk (VHD), not a physical device.' : null, internal: `It is an internal ${bus || 'disk'} disk.` }));
  }
  return out;
}

function partitionOf(p: Json, diskNumber: number, volumes: Json[], diskReadOnly: boolean): PartitionInfo {
  const number = whole(p['PartitionNumber']);
  if (number === null) {
    // A partition Strongroom cannot name cannot be scanned; leaving it out would hide what it holds.
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      `Strongroom could not read the list of drives (Get-Partition gave disk ${diskNumber} a partition without a usable number). Restart the kiosk; if it happens again, call the Strongroom maintainer.`,
    );
  }
  const volume = volumeFor(p, volumes);
  const letter = driveLetter(p['DriveLetter']) ?? driveLetter(volume?.['DriveLetter']);
  const accessPaths = stringArray(p['AccessPaths']).filter((a) => !a.startsWith('\\\\?\\Volume{'));
  const mountpoints = [...new Set([...(letter ? [`${letter}:\\`] : []), ...accessPaths])];
  return {
    devicePath: `\\\\?\\GLOBALROOT\\Device\\Harddisk${diskNumber}\\Partition${number}`,
    number,
    filesystem: normaliseWindowsFilesystem(str(volume?.['FileSystem']) ?? null),
    label: str(volume?.['FileSystemLabel']) ?? null,
    uuid: /\{([0-9a-fA-F-]{36})\}/.exec(str(volume?.['Path']) ?? str(volume?.['UniqueId']) ?? '')?.[1]?.toLowerCase() ?? null,
    sizeBytes: whole(p['Size']) ?? 0,
    mountpoints,
    readOnly: diskReadOnly || bool(p['IsReadOnly']),
  };
}

function volumeFor(p: Json, volumes: Json[]): Json | null {
  const paths = new Set(stringArray(p['AccessPaths']).map((a) => a.toLowerCase()));
  const letter = driveLetter(p['DriveLetter']);
  return (
    volumes.find((v) => paths.has((str(v['Path']) ?? '').toLowerCase())) ??
    (letter ? volumes.find((v) => driveLetter(v['DriveLetter']) === letter) : undefined) ??
    null
  );
}

function windowsIdentity(disk: Json, onUsb: boolean, serial: string | undefined, parts: readonly PartitionInfo[], number: number): DeviceIdentity {
  if (isPlausibleSerial(serial)) return serialIdentity(onUsb ? 'usb-serial' : 'disk-serial', serial);
  const guid = str(disk['Guid']);
  const signature = whole(disk['Signature']);
  const table = guid ? guid.replace(/[{}]/g, '') : signature !== null ? signature.toString(16).padStart(8, '0') : null;
  return (
    contentIdentity(table, parts.map((p) => p.uuid)) ?? {
      source: 'partition-table+fs-uuids',
      value: `blank;disk=${number};size=${whole(disk['Size']) ?? 0}`,
    }
  );
}

function windowsTransport(bus: string): DriveTransport {
  switch (bus) {
    case 'USB':
      return 'usb';
    case 'SATA':
      return 'sata';
    case 'ATA':
    case 'ATAPI':
      return 'ata';
    case 'NVMe':
      return 'nvme';
    case 'SD':
    case 'MMC':
      return 'mmc';
    case 'SCSI':
    case 'SAS':
    case 'RAID':
    case 'iSCSI':
    case 'Fibre Channel':
      return 'scsi';
    case 'File Backed Virtual':
    case 'Virtual':
      return 'loop';
    default:
      return 'unknown';
  }
}

function normaliseWindowsFilesystem(fs: string | null): string | null {
  if (!fs) return null;
  const lower = fs.toLowerCase();
  if (lower === 'fat32' || lower === 'fat' || lower === 'fat16') return 'vfat';
  return lower;
}

/**
 * A [char] drive letter reaches JSON as a string, or as its character code when not converted first; no letter is
 * "\u0000", 0 or null.
 */
function driveLetter(value: unknown): string | null {
  const text = typeof value === 'number' ? (value > 0 ? String.fromCharCode(value) : '') : typeof value === 'string' ? value : '';
  const letter = text.replace(/\0/g, '').trim().toUpperCase();
  return /^[A-Z]$/.test(letter) ? letter : null;
}

/** Enums arrive as names when converted to strings first, or as their numbers when not. */
function enumText(value: unknown, names: Readonly<Record<number, string>>): string {
  if (typeof value === 'number') return names[value] ?? 'Unknown';
  if (typeof value === 'string' && /^\d+$/.test(value)) return names[Number(value)] ?? 'Unknown';
  return typeof value === 'string' ? value : 'Unknown';
}

/** ConvertTo-Json writes a single result as an object, several as an array, none as nothing at all. */
function asArray(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter((v): v is Json => v !== null && typeof v === 'object');
  if (value !== null && typeof value === 'object') return [value as Json];
  return [];
}

function parseJsonOrEmpty(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return [];
  try {
    return JSON.parse(trimmed);
  } catch {
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      'Strongroom could not read the list of drives (PowerShell printed something that is not JSON). Restart the kiosk; if it happens again, call the Strongroom maintainer.',
    );
  }
}

/** Strings only, and never an empty one: an empty access path is no mount point. */
function stringArray(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** Disk and partition numbers and sizes: whole numbers from 0 up, or nothing. */
function whole(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function bool(value: unknown): boolean {
  return value === true;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
