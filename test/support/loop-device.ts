import { afterAll, afterEach } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, open, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Real USB-stick stand-ins for integration tests: an image file attached as a loop device, partitioned with
 * sfdisk, formatted exFAT or FAT32, and mounted with FUSE (this kernel has no vfat driver, and FUSE is also how a
 * stick's filesystem daemon can "die" in a test, like a stick being yanked).
 *
 * Needs root, loop devices, /dev/fuse, util-linux, fdisk, exfatprogs, exfat-fuse, dosfstools and fusefat.
 * Everything attached or mounted is released by `cleanup()`; call `cleanupAllSticks()` in afterAll as a net.
 *
 *   const stick = await makeStick({ fs: 'exfat', sizeMiB: 32 });
 *   const stick = await makeStick({ sizeMiB: 48, partitions: [{ fs: 'exfat', sizeMiB: 20 }, { fs: 'vfat' }] });
 *
 * fusefat is mounted with `fsname=<device>` so the mount table (and so lsblk) names the partition, as a kernel
 * vfat mount would.
 */

const run = promisify(execFile);

export type StickFilesystem = 'exfat' | 'vfat';

export interface StickPartitionSpec {
  /** 'none' leaves the partition unformatted (and so unmounted). */
  readonly fs: StickFilesystem | 'none';
  /** Omit on the last partition to use the rest of the image. */
  readonly sizeMiB?: number;
  readonly label?: string;
  /** Default true when the partition has a filesystem. */
  readonly mount?: boolean;
}

export interface StickSpec {
  readonly sizeMiB: number;
  /** Filesystem on the whole device, no partition table. Ignored when `partitions` is given. */
  readonly fs?: StickFilesystem;
  readonly label?: string;
  readonly partitions?: readonly StickPartitionSpec[];
  /** Attach the device read-only (`losetup -r`) and mount read-only, after `prepare` has run read-write. */
  readonly readOnly?: boolean;
  /** Runs once the filesystems are mounted read-write, before a read-only stick is switched to read-only. */
  readonly prepare?: (mounts: readonly (string | null)[]) => Promise<void>;
}

export interface LoopStick {
  readonly image: string;
  /** /dev/loopN */
  readonly device: string;
  /** Filesystem nodes: /dev/loopNp1, ... or the device itself when unpartitioned. */
  readonly partitions: readonly string[];
  /** Mount point per partition; null when not mounted. */
  readonly mounts: readonly (string | null)[];
  mount(index: number): Promise<string>;
  unmount(index: number): Promise<void>;
  /** PID of the FUSE daemon serving partition `index`, found by its exact command line. */
  fuseDaemonPid(index: number): Promise<number | null>;
  /** Kills that FUSE daemon, as if the stick were pulled: its mount answers ENOTCONN from then on. */
  killFuseDaemon(index: number): Promise<void>;
  cleanup(): Promise<void>;
}

const live = new Set<LoopStick>();

/** Null when loop devices and FUSE work here; otherwise why the integration tests must be skipped. */
export async function loopDevicesUnavailableReason(): Promise<string | null> {
  if (process.platform !== 'linux') return 'loop devices exist only on Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'attaching loop devices needs root';
  try {
    await access('/dev/fuse');
  } catch {
    return '/dev/fuse is missing, so exFAT/FAT cannot be mounted';
  }
  for (const tool of ['losetup', 'partx', 'sfdisk', 'mkfs.exfat', 'mkfs.vfat', 'mount.exfat-fuse', 'fusefat', 'blkid', 'lsblk']) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed`;
    }
  }
  try {
    await run('losetup', ['-f']);
  } catch (error) {
    return `losetup -f failed: ${(error as Error).message.split('\n')[0]}`;
  }
  return null;
}

export async function makeStick(spec: StickSpec): Promise<LoopStick> {
  const workdir = await mkdtemp(join(tmpdir(), 'strongroom-stick-'));
  const image = join(workdir, 'stick.img');
  const handle = await open(image, 'w');
  await handle.truncate(spec.sizeMiB * 1024 * 1024);
  await handle.close();

  const layout: StickPartitionSpec[] = spec.partitions ? [...spec.partitions] : [{ fs: spec.fs ?? 'exfat', label: spec.label }];
  if (spec.partitions) {
    const lines = layout.map((p) => `,${p.sizeMiB !== undefined ? `${p.sizeMiB}M` : ''},${p.fs === 'vfat' ? 'c' : p.fs === 'exfat' ? '7' : '83'}`);
    await runWithInput('sfdisk', ['--quiet', image], `label: dos\n${lines.join('\n')}\n`);
  }

  let device = '';
  const mounts: (string | null)[] = layout.map(() => null);
  let nodes: string[] = [];
  const attach = async (readOnly: boolean): Promise<void> => {
    const args = ['-f', '--show', ...(spec.partitions ? ['-P'] : []), ...(readOnly ? ['-r'] : []), image];
    device = (await run('losetup', args)).stdout.trim();
    if (spec.partitions) {
      // losetup -P does not create the partition nodes here (no udev); partx asks the kernel for them.
      await run('partx', ['-a', device]).catch(() => undefined);
      nodes = layout.map((_, i) => `${device}p${i + 1}`);
      for (const node of nodes) await waitForNode(node);
    } else {
      nodes = [device];
    }
  };
  const detach = async (): Promise<void> => {
    if (!device) return;
    if (spec.partitions) await run('partx', ['-d', device]).catch(() => undefined);
    await run('losetup', ['-d', device]).catch(() => undefined);
    device = '';
  };

  let readOnlyNow = false;
  const mountAt = async (index: number): Promise<string> => {
    const part = layout[index];
    const node = nodes[index];
    if (!part || !node || part.fs === 'none') throw new Error(`partition ${index + 1} has no filesystem to mount`);
    const dir = join(workdir, `mnt-p${index + 1}`);
    await mkdir(dir, { recursive: true });
    if (part.fs === 'exfat') {
      await spawnAndWait('mount.exfat-fuse', [...(readOnlyNow ? ['-o', 'ro'] : []), node, dir]);
    } else {
      await spawnAndWait('fusefat', ['-o', `${readOnlyNow ? 'ro' : 'rw+'},fsname=${node}`, node, dir]);
    }
    mounts[index] = dir;
    return dir;
  };
  const unmountAt = async (index: number): Promise<void> => {
    const dir = mounts[index];
    if (!dir) return;
    if (await isMounted(dir)) {
      try {
        await run('umount', [dir]);
      } catch {
        await run('umount', ['-l', dir]).catch(() => undefined);
      }
    }
    mounts[index] = null;
  };

  const stick: LoopStick = {
    image,
    get device() {
      return device;
    },
    get partitions() {
      return nodes;
    },
    get mounts() {
      return mounts;
    },
    mount: mountAt,
    unmount: unmountAt,
    async fuseDaemonPid(index) {
      const node = nodes[index];
      const dir = join(workdir, `mnt-p${index + 1}`);
      if (!node) return null;
      for (const entry of await readdir('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const argv = await readFile(`/proc/${entry}/cmdline`, 'utf8').then((t) => t.split('\0'), () => [] as string[]);
        const program = argv[0]?.split('/').pop() ?? '';
        if ((program === 'mount.exfat-fuse' || program === 'fusefat') && argv.includes(dir) && (argv.includes(node) || argv.some((a) => a.includes(`fsname=${node}`)))) {
          return Number(entry);
        }
      }
      return null;
    },
    async killFuseDaemon(index) {
      const pid = await stick.fuseDaemonPid(index);
      if (pid === null) throw new Error(`no FUSE daemon found for partition ${index + 1}`);
      process.kill(pid, 'SIGKILL');
      // The kernel aborts the FUSE connection when the daemon's /dev/fuse descriptor closes, i.e. when it is gone.
      for (let i = 0; i < 200 && (await processExists(pid)); i++) await new Promise((r) => setTimeout(r, 10));
    },
    async cleanup() {
      live.delete(stick);
      for (let i = 0; i < mounts.length; i++) await unmountAt(i).catch(() => undefined);
      await detach();
      // Never delete through a mount that could not be released: that would erase the stick, or worse.
      const stillMounted = await Promise.all(layout.map((_, i) => isMounted(join(workdir, `mnt-p${i + 1}`))));
      if (!stillMounted.some(Boolean)) await rm(workdir, { recursive: true, force: true });
    },
  };
  live.add(stick);

  try {
    await attach(false);
    for (const [i, part] of layout.entries()) {
      const node = nodes[i];
      if (!node || part.fs === 'none') continue;
      if (part.fs === 'exfat') await run('mkfs.exfat', [...(part.label ? ['-L', part.label] : []), node]);
      else await run('mkfs.vfat', ['-F', '32', ...(part.label ? ['-n', part.label] : []), node]);
    }
    for (const [i, part] of layout.entries()) if (part.fs !== 'none' && part.mount !== false) await mountAt(i);
    if (spec.prepare) await spec.prepare(mounts);
    if (spec.readOnly) {
      const wasMounted = mounts.map((m) => m !== null);
      for (let i = 0; i < mounts.length; i++) await unmountAt(i);
      await detach();
      readOnlyNow = true;
      await attach(true);
      for (const [i, was] of wasMounted.entries()) if (was) await mountAt(i);
    }
  } catch (error) {
    await stick.cleanup();
    throw error;
  }
  return stick;
}

/** Safety net for afterAll: releases every stick a test forgot (or could not) clean up. */
export async function cleanupAllSticks(): Promise<void> {
  for (const stick of [...live]) await stick.cleanup().catch(() => undefined);
}

export async function isMounted(dir: string): Promise<boolean> {
  const table = await readFile('/proc/self/mountinfo', 'utf8');
  return table.split('\n').some((line) => line.split(' ')[4] === dir);
}

async function waitForNode(path: string): Promise<void> {
  // devtmpfs creates partition nodes synchronously with the kernel's partition scan; this only covers a slow scan.
  for (let i = 0; i < 100; i++) {
    try {
      await access(path);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`${path} did not appear after partx -a`);
}

async function processExists(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // A zombie has released its descriptors already; only its exit status is left for the parent to collect.
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** FUSE daemons fork into the background; stdio is ignored so no pipe keeps this waiting for the daemon. */
function spawnAndWait(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

function runWithInput(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed: ${stderr.trim()}`))));
    child.stdin.end(input);
  });
}

/**
 * For a test file: a `stick()` maker whose sticks are detached after each test, and everything this process
 * attached is cleaned up after the file, even when a test fails half-way.
 */
export function sticksPerTest(): (spec: StickSpec) => Promise<LoopStick> {
  const made: LoopStick[] = [];
  afterEach(async () => {
    for (const s of made.splice(0)) await s.cleanup();
  });
  afterAll(async () => {
    await cleanupAllSticks();
  });
  return async (spec) => {
    const stick = await makeStick(spec);
    made.push(stick);
    return stick;
  };
}
