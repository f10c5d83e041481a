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
  type UsbDeviceInfo,
} from './drive-enumerator';

/**
 * macOS: `diskutil list -plist` names the whole disks and their partitions; `diskutil info -plist` tells, per
 * disk, the bus and whether it is internal, and per partition the filesystem and mount point. USB serials are
 * not in diskutil; they come from `system_profiler SPUSBDataType -json` when that answers.
 */

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };
type PlistDict = { [key: string]: PlistValue };

/**
 * Parses the XML property-list subset diskutil prints: dict, array, key, string, integer, real, true, false,
 * date and data (the last two kept as their text). Not a general XML parser: no attributes are read and
 * anything outside <plist> is skipped.
 */
export function parsePlist(xml: string): PlistValue {
  let pos = 0;
  const fail = (what: string): never => {
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      `Strongroom could not read diskutil's answer (${what} at character ${pos}). Restart the kiosk; if it happens again, call the Strongroom maintainer.`,
    );
  };
  const skipNoise = (): void => {
    for (;;) {
      while (pos < xml.length && /\s/.test(xml[pos] ?? '')) pos += 1;
      if (xml.startsWith('<?', pos)) pos = endOf('?>');
      else if (xml.startsWith('<!--', pos)) pos = endOf('-->');
      else if (xml.startsWith('<!', pos)) pos = endOf('>');
      else return;
    }
  };
  const endOf = (marker: string): number => {
    const at = xml.indexOf(marker, pos);
    if (at < 0) fail(`unterminated ${marker}`);
    return at + marker.length;
  };
  const readTag = (): { name: string; closing: boolean; selfClosing: boolean } => {
    skipNoise();
    if (xml[pos] !== '<') fail('expected a tag');
    const end = endOf('>');
    const inner = xml.slice(pos + 1, end - 1).trim();
    pos = end;
    const closing = inner.startsWith('/');
    const selfClosing = inner.endsWith('/');
    const name = inner.replace(/^\//, '').replace(/\/$/, '').split(/\s/)[0] ?? '';
    return { name, closing, selfClosing };
  };
  const readText = (name: string): string => {
    const close = `</${name}>`;
    const at = xml.indexOf(close, pos);
    if (at < 0) fail(`missing ${close}`);
    const text = decodeEntities(xml.slice(pos, at));
    pos = at + close.length;
    return text;
  };
  const readValue = (tag = readTag()): PlistValue => {
    if (tag.closing) fail(`unexpected </${tag.name}>`);
    switch (tag.name) {
      case 'dict': {
        const dict: PlistDict = {};
        if (tag.selfClosing) return dict;
        for (;;) {
          const next = readTag();
          if (next.closing && next.name === 'dict') return dict;
          if (next.name !== 'key') fail('expected <key>');
          const key = next.selfClosing ? '' : readText('key');
          const value = readValue();
          if (key !== '__proto__') dict[key] = value;
        }
      }
      case 'array': {
        const array: PlistValue[] = [];
        if (tag.selfClosing) return array;
        for (;;) {
          const next = readTag();
          if (next.closing && next.name === 'array') return array;
          array.push(readValue(next));
        }
      }
      case 'string':
      case 'date':
        return tag.selfClosing ? '' : readText(tag.name);
      case 'data':
        return tag.selfClosing ? '' : readText('data').replace(/\s+/g, '');
      case 'integer':
      case 'real': {
        const text = tag.selfClosing ? '0' : readText(tag.name).trim();
        const n = Number(text);
        if (!Number.isFinite(n)) fail(`bad number "${text}"`);
        return n;
      }
      case 'true':
        return true;
      case 'false':
        return false;
      default:
        return fail(`unknown element <${tag.name}>`);
    }
  };

  const root = readTag();
  if (root.name !== 'plist') fail('expected <plist>');
  return readValue();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
}

/** Everything the pure interpretation needs, gathered by MacosDriveEnumerator or loaded from recorded output. */
export interface MacosDiskFacts {
  readonly list: PlistValue;
  /** `diskutil info -plist <id>` per disk or partition identifier. */
  readonly info: ReadonlyMap<string, PlistValue>;
  /** `system_profiler SPUSBDataType -json`, or null when it did not answer. */
  readonly usbProfile: unknown;
}

export class MacosDriveEnumerator extends InspectingDriveEnumerator {
  readonly implementation = 'macos' as const;
  readonly allowances = [] as const;

  constructor(private readonly runner: CommandRunner = nodeCommandRunner) {
    super();
  }

  async inspect(): Promise<InspectedDisk[]> {
    const listed = await this.runner('diskutil', ['list', '-plist']);
    if (listed.code !== 0) throw enumerationFailedError('diskutil', listed);
    const list = parsePlist(listed.stdout);
    const info = new Map<string, PlistValue>();
    const load = async (id: string): Promise<PlistDict> => {
      const r = await this.runner('diskutil', ['info', '-plist', id]);
      const value = r.code === 0 ? parsePlist(r.stdout) : {};
      info.set(id, value);
      return asDict(value);
    };
    let anyExternal = false;
    for (const disk of physicalDisks(list)) {
      const id = str(disk['DeviceIdentifier']);
      if (!id) continue;
      const diskInfo = await load(id);
      // Partitions of internal disks are not probed: they are never offered.
      if (diskInfo['Internal'] === true && str(diskInfo['BusProtocol']) !== 'USB') continue;
      anyExternal = true;
      for (const part of arr(disk['Partitions'])) {
        const partId = str(asDict(part)['DeviceIdentifier']);
        if (partId) await load(partId);
      }
    }
    let usbProfile: unknown = null;
    if (anyExternal) {
      const profiled = await this.runner('system_profiler', ['SPUSBDataType', '-json']);
      if (profiled.code === 0) {
        try {
          usbProfile = JSON.parse(profiled.stdout);
        } catch {
          usbProfile = null;
        }
      }
    }
    return interpretDiskutil({ list, info, usbProfile });
  }
}

/** Pure: recorded diskutil (and system_profiler) output to drives and verdicts. */
export function interpretDiskutil(facts: MacosDiskFacts): InspectedDisk[] {
  const all = arr(asDict(facts.list)['AllDisksAndPartitions']).map(asDict);
  // APFS containers are synthesized disks; their volumes live on a partition of a physical disk ("physical store").
  const containerMounts = new Map<string, string[]>();
  for (const disk of all) {
    const stores = arr(disk['APFSPhysicalStores']).map((s) => str(asDict(s)['DeviceIdentifier']));
    // The sealed system volume is mounted at / through a snapshot, so snapshot mount points count too.
    const mounts = arr(disk['APFSVolumes'])
      .map(asDict)
      .flatMap((v) => [str(v['MountPoint']), ...arr(v['MountedSnapshots']).map((s) => str(asDict(s)['SnapshotMountPoint']))])
      .filter((m): m is string => !!m);
    for (const store of stores) if (store) containerMounts.set(store, [...(containerMounts.get(store) ?? []), ...mounts]);
  }
  const out: InspectedDisk[] = [];
  for (const disk of physicalDisks(facts.list)) {
    const id = str(disk['DeviceIdentifier']);
    if (!id) continue;
    const info = asDict(facts.info.get(id));
    const bus = str(info['BusProtocol']) ?? '';
    const internal = info['Internal'] === true;
    const virtual = str(info['VirtualOrPhysical']) === 'Virtual' || bus === 'Disk Image';
    const usb = findUsbDevice(facts.usbProfile, id);
    const onUsb = bus === 'USB' || usb !== null;
    const externalFlags = [info['Removable'], info['RemovableMedia'], info['Ejectable'], info['RemovableMediaOrExternalDevice']].some((v) => v === true);
    const removable = !virtual && (onUsb || (!internal && externalFlags));

    const partitions: PartitionInfo[] = arr(disk['Partitions']).map((p, index) => {
      const listed = asDict(p);
      const partId = str(listed['DeviceIdentifier']) ?? `${id}s${index + 1}`;
      const partInfo = asDict(facts.info.get(partId));
      const mountpoint = str(partInfo['MountPoint']) ?? str(listed['MountPoint']);
      return {
        devicePath: str(partInfo['DeviceNode']) ?? `/dev/${partId}`,
        number: Number(/s(\d+)$/.exec(partId)?.[1] ?? index + 1),
        filesystem: normaliseMacFilesystem(str(partInfo['FilesystemType']) ?? null),
        label: str(partInfo['VolumeName']) ?? str(listed['VolumeName']) ?? null,
        uuid: str(partInfo['VolumeUUID']) ?? str(listed['VolumeUUID']) ?? null,
        sizeBytes: num(partInfo['Size']) ?? num(listed['Size']) ?? 0,
        mountpoints: [mountpoint, ...(containerMounts.get(partId) ?? [])].filter((m): m is string => !!m),
        readOnly: partInfo['WritableVolume'] === false || info['WritableMedia'] === false,
      };
    });
    const systemReasons = partitions.flatMap((p) => p.mountpoints.filter(isSystemMountpoint).map((m) => describeSystemUse(p.devicePath, m)));
    if (asDict(disk)['OSInternal'] === true) systemReasons.push(`${id} holds the running macOS`);
    const drive: DriveInfo = {
      devicePath: str(info['DeviceNode']) ?? `/dev/${id}`,
      identity: macIdentity(usb, partitions, id, num(info['Size']) ?? 0),
      usb,
      model: str(info['MediaName'])?.trim() ?? str(info['IORegistryEntryName']) ?? null,
      vendor: usb?.manufacturer ?? null,
      sizeBytes: num(info['TotalSize']) ?? num(info['Size']) ?? num(disk['Size']) ?? 0,
      removable,
      hotplug: onUsb || !internal,
      readOnly: info['WritableMedia'] === false,
      transport: macTransport(bus),
      system: systemReasons.length > 0,
      systemReasons,
      partitions,
      practice: false,
      allowedBy: null,
    };
    out.push(verdictOnOsDisk(drive, { virtual: virtual ? 'It is a disk image, not a physical device.' : null, internal: `It is an internal ${bus || 'disk'}.` }));
  }
  return out;
}

function physicalDisks(list: PlistValue): PlistDict[] {
  return arr(asDict(list)['AllDisksAndPartitions'])
    .map(asDict)
    .filter((d) => arr(d['APFSPhysicalStores']).length === 0);
}

function macIdentity(usb: UsbDeviceInfo | null, partitions: readonly PartitionInfo[], id: string, size: number): DeviceIdentity {
  if (isPlausibleSerial(usb?.serial)) return serialIdentity('usb-serial', usb.serial);
  return (
    contentIdentity(null, partitions.map((p) => p.uuid)) ?? {
      source: 'partition-table+fs-uuids',
      value: `blank;dev=${id};size=${size}`,
    }
  );
}

function macTransport(bus: string): DriveTransport {
  switch (bus) {
    case 'USB':
      return 'usb';
    case 'SATA':
      return 'sata';
    case 'PCI-Express':
    case 'Apple Fabric':
      return 'nvme';
    case 'Secure Digital':
      return 'mmc';
    case 'Disk Image':
      return 'loop';
    default:
      return 'unknown';
  }
}

function normaliseMacFilesystem(type: string | null): string | null {
  if (type === null || type === '') return null;
  if (type === 'msdos') return 'vfat';
  if (type === 'hfs') return 'hfsplus';
  return type.toLowerCase();
}

/**
 * Finds the USB device that carries a BSD disk in system_profiler's tree. Older macOS nests "Media" with
 * "bsd_name" under each USB device ("_items"); the nearest ancestor with a vendor id is the stick.
 */
function findUsbDevice(profile: unknown, bsdName: string): UsbDeviceInfo | null {
  const visit = (node: unknown, owner: Record<string, unknown> | null): UsbDeviceInfo | null => {
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = visit(item, owner);
        if (found) return found;
      }
      return null;
    }
    if (node === null || typeof node !== 'object') return null;
    const record = node as Record<string, unknown>;
    const device = typeof record['vendor_id'] === 'string' || typeof record['product_id'] === 'string' ? record : owner;
    if (record['bsd_name'] === bsdName && device) {
      return {
        vendorId: hexId(device['vendor_id']),
        productId: hexId(device['product_id']),
        serial: typeof device['serial_num'] === 'string' ? device['serial_num'] : null,
        manufacturer: typeof device['manufacturer'] === 'string' ? device['manufacturer'] : null,
        product: typeof device['_name'] === 'string' ? device['_name'] : null,
      };
    }
    for (const value of Object.values(record)) {
      if (value !== null && typeof value === 'object') {
        const found = visit(value, device);
        if (found) return found;
      }
    }
    return null;
  };
  return visit(profile, null);
}

/** "0x0781  (SanDisk Corporation)" → "0781". */
function hexId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /0x([0-9a-fA-F]{1,4})/.exec(value);
  return m?.[1] ? m[1].toLowerCase().padStart(4, '0') : null;
}

function asDict(value: PlistValue | undefined): PlistDict {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function arr(value: PlistValue | undefined): PlistValue[] {
  return Array.isArray(value) ? value : [];
}

function str(value: PlistValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: PlistValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
