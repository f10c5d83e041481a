import { readFile, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  contentIdentity,
  isPlausibleSerial,
  serialIdentity,
  type DeviceIdentity,
} from '../core/device-identity';
import { z } from 'zod';
import { ErrorCode, StrongroomError } from '../core/errors';
import { nodeCommandRunner, type CommandRunner } from './command-runner';
import {
  describeSystemUse,
  isOfferable,
  isSystemMountpoint,
  type DriveAllowance,
  enumerationFailedError,
  InspectingDriveEnumerator,
  type InspectedDisk,
  type DriveInfo,
  type DriveTransport,
  type PartitionInfo,
  type UsbDeviceInfo,
} from './drive-enumerator';

/** Reads sysfs. Injected so the USB ancestry walk is tested on a recorded tree. */
export interface SysfsReader {
  /** File content with surrounding whitespace trimmed, or null when the file does not exist or cannot be read. */
  readFile(path: string): Promise<string | null>;
  realpath(path: string): Promise<string | null>;
}

export const nodeSysfsReader: SysfsReader = {
  async readFile(path) {
    try {
      return (await readFile(path, 'utf8')).trim();
    } catch {
      return null;
    }
  },
  async realpath(path) {
    try {
      return await realpath(path);
    } catch {
      return null;
    }
  },
};

export interface LinuxDriveEnumeratorOptions {
  readonly runner?: CommandRunner;
  readonly sysfs?: SysfsReader;
  /** Read for STRONGROOM_ALLOW_LOOP_DEVICES; passed in rather than read globally so a test can scope it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** One disk as lsblk and sysfs describe it, with Strongroom's verdict. `inspect()` returns these for every disk. */
/** The subset of `lsblk -J -b -O` Strongroom reads. Old lsblk (< 2.33) prints every value as a string. */
export interface LsblkDevice {
  readonly name: string;
  readonly kname?: string;
  readonly path?: string;
  readonly type: string;
  readonly size?: number | string | null;
  readonly mountpoints?: readonly (string | null)[];
  readonly mountpoint?: string | null;
  readonly fstype?: string | null;
  readonly label?: string | null;
  readonly uuid?: string | null;
  readonly ptuuid?: string | null;
  readonly pttype?: string | null;
  readonly partn?: number | string | null;
  readonly tran?: string | null;
  readonly rm?: boolean | string | null;
  readonly hotplug?: boolean | string | null;
  readonly ro?: boolean | string | null;
  readonly model?: string | null;
  readonly vendor?: string | null;
  readonly serial?: string | null;
  readonly wwn?: string | null;
  readonly children?: readonly LsblkDevice[];
}

/** Facts gathered outside lsblk, keyed by kernel name (sdb, loop3p1). */
export interface LinuxDiskFacts {
  /** `blkid -o export` output per device node name, for devices lsblk knew nothing about (no udev database). */
  readonly blkid: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly usb: ReadonlyMap<string, UsbDeviceInfo>;
  readonly loopBackingFile: ReadonlyMap<string, string>;
}

const text = z.string().nullish();
const flag = z.union([z.boolean(), z.string()]).nullish();
const count = z.union([z.number().nonnegative(), z.string()]).nullish();

/**
 * The fields Strongroom reads, in the types lsblk prints them (old lsblk prints every value as a string). Other
 * fields are kept as they are. A device that does not fit is a broken tool, not a stick to guess about: the
 * listing is refused rather than half-read (a path that is not a string must never become a device path).
 */
const LsblkDeviceSchema: z.ZodType<LsblkDevice> = z.lazy(() =>
  z
    .object({
      name: z.string().min(1),
      kname: z.string().min(1).optional(),
      path: z.string().min(1).optional(),
      type: z.string(),
      size: count,
      mountpoints: z.array(z.string().nullable()).optional(),
      mountpoint: text,
      fstype: text,
      label: text,
      uuid: text,
      ptuuid: text,
      pttype: text,
      partn: count,
      tran: text,
      rm: flag,
      hotplug: flag,
      ro: flag,
      model: text,
      vendor: text,
      serial: text,
      wwn: text,
      children: z.array(LsblkDeviceSchema).optional(),
    })
    .loose(),
) as z.ZodType<LsblkDevice>;

const LsblkOutputSchema = z.object({ blockdevices: z.array(LsblkDeviceSchema) }).loose();

export function parseLsblkJson(text: string): LsblkDevice[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      'Strongroom could not read the list of drives (lsblk printed something that is not JSON). Restart the kiosk; if it happens again, call the Strongroom maintainer.',
    );
  }
  if (!Array.isArray((parsed as { blockdevices?: unknown } | null)?.blockdevices)) {
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      'Strongroom could not read the list of drives (lsblk gave no "blockdevices"). Restart the kiosk; if it happens again, call the Strongroom maintainer.',
    );
  }
  const checked = LsblkOutputSchema.safeParse(parsed);
  if (!checked.success) {
    const where = checked.error.issues[0]?.path.join('.') ?? 'a device';
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      `Strongroom could not read the list of drives (lsblk described ${where} in a form Strongroom does not know). Restart the kiosk; if it happens again, call the Strongroom maintainer.`,
      { where },
    );
  }
  return checked.data.blockdevices;
}

/** `blkid -o export` prints KEY=value lines; values are shell-escaped with backslashes. */
export function parseBlkidExport(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).replace(/\\(.)/g, '$1');
  }
  return out;
}

/**
 * Walks from a block device's sysfs node up to the USB device that carries it. The nearest ancestor with
 * idVendor/idProduct is the stick (or its enclosure); going further would reach the root hub.
 */
export async function readUsbAncestry(sysfs: SysfsReader, kernelName: string): Promise<UsbDeviceInfo | null> {
  const start = await sysfs.realpath(`/sys/block/${kernelName}`);
  if (start === null || !start.startsWith('/sys/devices/')) return null;
  let dir = dirname(start);
  while (dir.startsWith('/sys/devices/') && dir !== '/sys/devices') {
    const vendorId = await sysfs.readFile(`${dir}/idVendor`);
    const productId = await sysfs.readFile(`${dir}/idProduct`);
    if (vendorId !== null && productId !== null) {
      return {
        vendorId: vendorId.toLowerCase(),
        productId: productId.toLowerCase(),
        serial: emptyToNull(await sysfs.readFile(`${dir}/serial`)),
        manufacturer: emptyToNull(await sysfs.readFile(`${dir}/manufacturer`)),
        product: emptyToNull(await sysfs.readFile(`${dir}/product`)),
      };
    }
    dir = dirname(dir);
  }
  return null;
}

export class LinuxDriveEnumerator extends InspectingDriveEnumerator {
  readonly implementation = 'linux' as const;
  readonly allowances: readonly DriveAllowance[];
  private readonly runner: CommandRunner;
  private readonly sysfs: SysfsReader;

  constructor(options: LinuxDriveEnumeratorOptions = {}) {
    super();
    this.runner = options.runner ?? nodeCommandRunner;
    this.sysfs = options.sysfs ?? nodeSysfsReader;
    const env = options.env ?? process.env;
    this.allowances = env['STRONGROOM_ALLOW_LOOP_DEVICES'] === '1' ? ['loop-devices'] : [];
  }

  /** Every disk with the reason it is or is not offered: for diagnostics and for tests of the exclusions. */
  async inspect(): Promise<InspectedDisk[]> {
    const result = await this.runner('lsblk', ['-J', '-b', '-O']);
    if (result.code !== 0) throw enumerationFailedError('lsblk', result);
    const devices = parseLsblkJson(result.stdout);
    const allowLoops = this.allowances.includes('loop-devices');
    const blkid = new Map<string, Record<string, string>>();
    const usb = new Map<string, UsbDeviceInfo>();
    const loopBackingFile = new Map<string, string>();

    for (const disk of devices) {
      const kname = disk.kname ?? disk.name;
      if (disk.type === 'loop') {
        if (!allowLoops) continue;
        const backing = await this.sysfs.readFile(`/sys/block/${kname}/loop/backing_file`);
        if (backing) loopBackingFile.set(kname, backing);
      } else if (disk.type === 'disk') {
        const info = await readUsbAncestry(this.sysfs, kname);
        if (info) usb.set(kname, info);
      } else {
        continue;
      }
      // Only candidates are probed: internal disks are excluded without reading them.
      const candidate = disk.type === 'loop' || usb.has(kname) || disk.tran === 'usb' || asBool(disk.rm);
      if (!candidate || asNumber(disk.size) === 0) continue;
      for (const node of [disk, ...(disk.children ?? [])]) {
        if (node !== disk && node.type !== 'part') continue;
        const lacksFacts = !node.fstype && !node.uuid && (node !== disk || !disk.pttype);
        if (!lacksFacts) continue;
        const probed = await this.runner('blkid', ['-c', '/dev/null', '-o', 'export', devicePathOf(node)]);
        // blkid exits 2 when it finds nothing: a blank device or partition, not an error.
        if (probed.code === 0) blkid.set(node.kname ?? node.name, parseBlkidExport(probed.stdout));
      }
    }
    return interpretLsblk(devices, { blkid, usb, loopBackingFile }, { allowLoopDevices: allowLoops });
  }
}

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

function devicePathOf(node: LsblkDevice): string {
  return node.path ?? `/dev/${node.kname ?? node.name}`;
}

function asBool(value: boolean | string | null | undefined): boolean {
  return value === true || value === '1' || value === 'true';
}

function asNumber(value: number | string | null | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

function emptyToNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}
