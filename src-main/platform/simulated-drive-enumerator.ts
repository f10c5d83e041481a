import { readdir, stat, statfs } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { DriveEnumerator, DriveInfo, PartitionInfo } from './drive-enumerator';

/**
 * Practice media: a folder (STRONGROOM_MEDIA_ROOT) whose subfolders act as USB sticks, for training and for
 * machines without loop devices. Every drive it lists says `practice: true`, so nothing written there can be
 * mistaken for real custody.
 *
 * Layout:
 *   <root>/<drive>/                  one stick with one partition, "mounted" at <root>/<drive>
 *   <root>/<drive>/.partitions       marker file: this stick has several partitions instead, namely
 *   <root>/<drive>/p1/, p2/, ...     partition 1, 2, ... each "mounted" at its folder
 *   <root>/<drive>/p3.unmounted      an empty file: partition 3 exists but is not mounted (cannot be checked)
 *
 * Folder names starting with "." are ignored, so the root may hold its own bookkeeping.
 */
export const PARTITIONS_MARKER = '.partitions';
const UNMOUNTED_SUFFIX = '.unmounted';

export class SimulatedDriveEnumerator implements DriveEnumerator {
  readonly implementation = 'simulated' as const;
  readonly allowances = [] as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** STRONGROOM_MEDIA_ROOT from the given environment, or null when practice media are not configured. */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): SimulatedDriveEnumerator | null {
    const root = env['STRONGROOM_MEDIA_ROOT'];
    return root && root.trim() !== '' ? new SimulatedDriveEnumerator(root) : null;
  }

  async list(): Promise<DriveInfo[]> {
    let entries;
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (error) {
      throw new StrongroomError(
        ErrorCode.DriveEnumerationFailed,
        `The practice media folder ${this.root} cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'}). Create it, or unset STRONGROOM_MEDIA_ROOT.`,
        { root: this.root },
      );
    }
    const drives: DriveInfo[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const drive = await this.describe(entry.name);
      if (drive) drives.push(drive);
    }
    return drives;
  }

  private async describe(name: string): Promise<DriveInfo | null> {
    const folder = join(this.root, name);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      // Removed between listing and describing: just as a stick pulled during enumeration.
      return null;
    }
    const partitions: PartitionInfo[] = [];
    if (names.includes(PARTITIONS_MARKER)) {
      const numbered = new Map<number, { path: string; mounted: boolean }>();
      for (const n of names) {
        const m = /^p([1-9]\d{0,2})(\.unmounted)?$/.exec(n);
        if (!m?.[1]) continue;
        const path = join(folder, n);
        const mounted = m[2] === undefined && (await isFolder(path));
        if (m[2] === UNMOUNTED_SUFFIX || mounted) numbered.set(Number(m[1]), { path: mounted ? path : join(folder, `p${m[1]}`), mounted });
      }
      for (const [number, p] of [...numbered].sort((a, b) => a[0] - b[0])) {
        partitions.push({
          devicePath: p.path,
          number,
          filesystem: p.mounted ? 'simulated' : null,
          label: `${name.toUpperCase()}-P${number}`,
          uuid: null,
          sizeBytes: p.mounted ? await capacityOf(p.path) : 0,
          mountpoints: p.mounted ? [p.path] : [],
          readOnly: false,
        });
      }
    } else {
      partitions.push({
        devicePath: folder,
        number: 1,
        filesystem: 'simulated',
        label: name.toUpperCase(),
        uuid: null,
        sizeBytes: await capacityOf(folder),
        mountpoints: [folder],
        readOnly: false,
      });
    }
    return {
      devicePath: folder,
      identity: { source: 'simulated', value: name },
      usb: null,
      model: `Practice stick "${name}"`,
      vendor: 'Strongroom practice media',
      sizeBytes: await capacityOf(folder),
      removable: true,
      hotplug: true,
      readOnly: false,
      transport: 'simulated',
      system: false,
      systemReasons: [],
      partitions,
      practice: true,
      allowedBy: null,
    };
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The size of the filesystem holding the folder: practice sticks are as big as the disk they live on. */
async function capacityOf(path: string): Promise<number> {
  try {
    const s = await statfs(path);
    return s.blocks * s.bsize;
  } catch {
    return 0;
  }
}
