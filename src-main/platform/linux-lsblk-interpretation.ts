/**
 * The pure half of Linux drive enumeration: lsblk's device tree plus the facts gathered from sysfs and blkid,
 * turned into physical drives, their partitions and identity, and the verdict on whether each may be offered.
 */

import {
  contentIdentity,
  isPlausibleSerial,
  serialIdentity,
  type DeviceIdentity,
} from '../core/device-identity';
import {
  describeSystemUse,
  isOfferable,
  isSystemMountpoint,
  type InspectedDisk,
  type DriveInfo,
  type DriveTransport,
  type PartitionInfo,
  type UsbDeviceInfo,
} from './drive-enumerator';
import { asBool, asNumber, devicePathOf, emptyToNull, type LinuxDiskFacts, type LsblkDevice } from './linux-lsblk-output';

/** Pure: turns lsblk's tree plus the gathered facts into physical drives and verdicts. */
export function interpretLsblk(
  devices: readonly LsblkDevice[],
  facts: LinuxDiskFacts,
  options: { readonly allowLoopDevices: boolean },
): InspectedDisk[] {
  const out: InspectedDisk[] = [];
  for (const disk of devices) {
    if (disk.type !== 'disk' && disk.type !== 'loop') continue;
    const kname = disk.kname ?? disk.name;
    const isLoop = disk.type === 'loop';
    const usb = facts.usb.get(kname) ?? null;
    const diskBlkid = facts.blkid.get(kname) ?? {};
    const partitions = partitionsOf(disk, facts);
    const transport = transportOf(disk, usb, isLoop);
    const onUsb = usb !== null || disk.tran === 'usb';
    // Hotplug alone is not enough: SATA hot-swap bays and eSATA report it for disks that live inside the machine.
    const removable = isLoop ? options.allowLoopDevices : onUsb || (asBool(disk.rm) && !isInternalTransport(transport));
    const systemReasons = systemReasonsOf(disk);
    const sizeBytes = asNumber(disk.size);
    const ptuuid = emptyToNull(disk.ptuuid) ?? emptyToNull(diskBlkid['PTUUID']);
    const drive: DriveInfo = {
      devicePath: devicePathOf(disk),
      identity: identityOf(disk, usb, ptuuid, partitions, sizeBytes),
      usb,
      model: isLoop ? (facts.loopBackingFile.get(kname) ?? null) : (emptyToNull(disk.model)?.trim() ?? usb?.product ?? null),
      vendor: emptyToNull(disk.vendor)?.trim() ?? usb?.manufacturer ?? null,
      sizeBytes,
      removable,
      hotplug: asBool(disk.hotplug),
      readOnly: asBool(disk.ro),
      transport,
      system: systemReasons.length > 0,
      systemReasons,
      partitions,
      practice: false,
      allowedBy: isLoop && options.allowLoopDevices ? 'loop-devices' : null,
    };
    out.push({ drive, offered: isOfferable(drive), notOfferedBecause: notOfferedBecause(drive, isLoop) });
  }
  return out;
}

function notOfferedBecause(drive: DriveInfo, isLoop: boolean): string | null {
  if (drive.system) return `It holds the running system: ${drive.systemReasons.join('; ')}.`;
  if (isLoop && !drive.removable) return 'It is a loop device (an image file); loop devices are offered only in lab mode.';
  if (!drive.removable) return `It is an internal ${drive.transport === 'unknown' ? '' : `${drive.transport.toUpperCase()} `}disk.`;
  if (drive.sizeBytes === 0) return 'No medium is inserted (a card reader with an empty slot reports size 0).';
  return null;
}

function partitionsOf(disk: LsblkDevice, facts: LinuxDiskFacts): PartitionInfo[] {
  const diskRo = asBool(disk.ro);
  const children = (disk.children ?? []).filter((c) => c.type === 'part');
  if (children.length === 0) {
    const blk = facts.blkid.get(disk.kname ?? disk.name) ?? {};
    const filesystem = emptyToNull(disk.fstype) ?? emptyToNull(blk['TYPE']);
    if (filesystem === null) return [];
    // A filesystem straight on the device, no partition table: one "partition" that is the whole stick.
    return [
      {
        devicePath: devicePathOf(disk),
        number: 0,
        filesystem: filesystem.toLowerCase(),
        label: emptyToNull(disk.label) ?? emptyToNull(blk['LABEL']),
        uuid: emptyToNull(disk.uuid) ?? emptyToNull(blk['UUID']),
        sizeBytes: asNumber(disk.size),
        mountpoints: mountpointsOf(disk),
        readOnly: diskRo,
      },
    ];
  }
  return children.map((part, index) => {
    const blk = facts.blkid.get(part.kname ?? part.name) ?? {};
    const filesystem = emptyToNull(part.fstype) ?? emptyToNull(blk['TYPE']);
    return {
      devicePath: devicePathOf(part),
      number: partitionNumberOf(disk, part) ?? index + 1,
      filesystem: filesystem?.toLowerCase() ?? null,
      label: emptyToNull(part.label) ?? emptyToNull(blk['LABEL']),
      uuid: emptyToNull(part.uuid) ?? emptyToNull(blk['UUID']),
      sizeBytes: asNumber(part.size),
      // A LUKS or LVM layer inside the partition is mounted as a child; its files are on this partition all the same.
      mountpoints: mountpointsOf(part),
      readOnly: diskRo || asBool(part.ro),
    };
  });
}

function partitionNumberOf(disk: LsblkDevice, part: LsblkDevice): number | null {
  const explicit = asNumber(part.partn);
  if (explicit > 0) return explicit;
  const diskName = disk.kname ?? disk.name;
  const partName = part.kname ?? part.name;
  if (!partName.startsWith(diskName)) return null;
  const suffix = partName.slice(diskName.length).replace(/^p/, '');
  return /^\d+$/.test(suffix) ? Number(suffix) : null;
}

/** Mount points of a device and everything stacked on it (crypt, lvm), without duplicates. */
function mountpointsOf(node: LsblkDevice): string[] {
  const found = new Set<string>();
  const visit = (n: LsblkDevice): void => {
    for (const m of ownMountpoints(n)) found.add(m);
    for (const child of n.children ?? []) visit(child);
  };
  visit(node);
  return [...found];
}

function systemReasonsOf(disk: LsblkDevice): string[] {
  const reasons: string[] = [];
  const visit = (node: LsblkDevice, owner: string): void => {
    for (const m of ownMountpoints(node)) if (isSystemMountpoint(m)) reasons.push(describeSystemUse(owner, m));
    for (const child of node.children ?? []) visit(child, child.type === 'part' ? devicePathOf(child) : owner);
  };
  visit(disk, devicePathOf(disk));
  return reasons;
}

function ownMountpoints(node: LsblkDevice): string[] {
  const listed = node.mountpoints ?? (node.mountpoint !== undefined ? [node.mountpoint] : []);
  return listed.filter((m): m is string => typeof m === 'string' && m !== '');
}

function identityOf(
  disk: LsblkDevice,
  usb: UsbDeviceInfo | null,
  ptuuid: string | null,
  partitions: readonly PartitionInfo[],
  sizeBytes: number,
): DeviceIdentity {
  if (disk.type !== 'loop') {
    if (isPlausibleSerial(usb?.serial)) return serialIdentity('usb-serial', usb.serial);
    if (emptyToNull(disk.wwn)) return serialIdentity('wwn', disk.wwn as string);
    if (isPlausibleSerial(disk.serial)) return serialIdentity('disk-serial', disk.serial);
  }
  const fromContent = contentIdentity(ptuuid, partitions.map((p) => p.uuid));
  // A blank device has nothing to be recognised by until it is formatted; this identity lasts only while plugged in.
  return fromContent ?? { source: 'partition-table+fs-uuids', value: `blank;dev=${disk.kname ?? disk.name};size=${sizeBytes}` };
}

function transportOf(disk: LsblkDevice, usb: UsbDeviceInfo | null, isLoop: boolean): DriveTransport {
  if (isLoop) return 'loop';
  if (usb !== null) return 'usb';
  const tran = (disk.tran ?? '').toLowerCase();
  switch (tran) {
    case 'usb':
    case 'sata':
    case 'ata':
    case 'nvme':
    case 'mmc':
      return tran;
    case 'sas':
    case 'fc':
    case 'iscsi':
    case 'spi':
      return 'scsi';
    default:
      break;
  }
  const name = disk.kname ?? disk.name;
  if (name.startsWith('nvme')) return 'nvme';
  if (name.startsWith('mmcblk')) return 'mmc';
  if (name.startsWith('vd')) return 'virtio';
  return 'unknown';
}

function isInternalTransport(transport: DriveTransport): boolean {
  return transport === 'sata' || transport === 'ata' || transport === 'nvme' || transport === 'scsi' || transport === 'virtio';
}
