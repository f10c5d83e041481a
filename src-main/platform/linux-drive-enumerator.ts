/**
 * The Linux drive enumerator: runs lsblk, probes only the candidate disks with blkid and sysfs, and hands the facts
 * to the pure interpretation. The parsers and the sysfs walk are re-exported here, the module callers name.
 */

import { nodeCommandRunner, type CommandRunner } from './command-runner';
import {
  type DriveAllowance,
  enumerationFailedError,
  InspectingDriveEnumerator,
  type InspectedDisk,
  type UsbDeviceInfo,
} from './drive-enumerator';
import { interpretLsblk } from './linux-lsblk-interpretation';
import { asBool, asNumber, devicePathOf, parseBlkidExport, parseBlkidExports, parseLsblkJson } from './linux-lsblk-output';
import { nodeSysfsReader, readUsbAncestry, type SysfsReader } from './linux-sysfs-reader';

export { interpretLsblk } from './linux-lsblk-interpretation';
export { parseBlkidExport, parseBlkidExports, parseLsblkJson, type LinuxDiskFacts, type LsblkDevice } from './linux-lsblk-output';
export { nodeSysfsReader, readUsbAncestry, type SysfsReader } from './linux-sysfs-reader';

export interface LinuxDriveEnumeratorOptions {
  readonly runner?: CommandRunner;
  readonly sysfs?: SysfsReader;
  /** Read for STRONGROOM_ALLOW_LOOP_DEVICES; passed in rather than read globally so a test can scope it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
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
    const unprobed = new Map<string, string>();

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
        if (lacksFacts) unprobed.set(devicePathOf(node), node.kname ?? node.name);
      }
    }
    for (const [path, facts] of await this.probe([...unprobed.keys()])) {
      const kname = unprobed.get(path);
      if (kname !== undefined) blkid.set(kname, facts);
    }
    return interpretLsblk(devices, { blkid, usb, loopBackingFile }, { allowLoopDevices: allowLoops });
  }

  /**
   * blkid's facts for every node lsblk could not describe (no udev database, as on a kiosk without udevd), in one
   * process rather than one per node: each spawn costs tens of milliseconds, more as the process grows. Should
   * that one run fail as a whole, each node is probed alone, so one unreadable stick does not hide the others.
   */
  private async probe(paths: readonly string[]): Promise<Map<string, Record<string, string>>> {
    if (paths.length === 0) return new Map();
    const all = await this.runner('blkid', BLKID_ARGS.concat(paths));
    // blkid exits 2 when it finds nothing on any device asked: blank devices or partitions, not an error.
    if (all.code === 0 || all.code === 2) return parseBlkidExports(all.stdout, paths.length === 1 ? paths[0] : undefined);
    if (paths.length === 1) return new Map();
    const found = new Map<string, Record<string, string>>();
    for (const path of paths) {
      const one = await this.runner('blkid', BLKID_ARGS.concat(path));
      if (one.code === 0) found.set(path, parseBlkidExport(one.stdout));
    }
    return found;
  }
}

/** No cache file: a stick's facts are read from the stick each time, never remembered from an earlier one. */
const BLKID_ARGS: readonly string[] = ['-c', '/dev/null', '-o', 'export'];
