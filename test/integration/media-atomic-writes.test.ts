import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWriterFs, promoteStagedFile, removeLeftoverTemporaryFiles, writeFileAtomically, type WriterFs } from '../../src-main/platform/atomic-file-writer';
import { LinuxDriveEnumerator } from '../../src-main/platform/linux-drive-enumerator';
import { scanDevice } from '../../src-main/platform/medium-scanner';
import { loopDevicesUnavailableReason, sticksPerTest } from '../support/loop-device';

const unavailable = await loopDevicesUnavailableReason();
if (unavailable) console.warn(`Skipping loop-device write tests: ${unavailable}`);

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/** Random bytes with a KDBX signature in front, so the scanner treats a half-written copy as a KeePass file. */
const fakeVault = (size: number): Uint8Array => {
  const bytes = randomBytes(size);
  bytes.set([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5], 0);
  return bytes;
};

const stick = sticksPerTest();

async function strongroomDir(mount: string): Promise<string> {
  const dir = join(mount, 'STRONGROOM');
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * A writer file system that does `interrupt` (kill the FUSE daemon, unmount) just before the second chunk is
 * written, and counts the chunks it was asked to write.
 */
function interruptedOnSecondChunk(interrupt: () => Promise<unknown>): { fs: WriterFs; chunks: () => number } {
  let chunks = 0;
  const fs: WriterFs = {
    ...nodeWriterFs,
    open: async (path, flags) => {
      const handle = await nodeWriterFs.open(path, flags);
      if (flags !== 'wx') return handle;
      return {
        write: async (buffer, offset, length, position) => {
          if (++chunks === 2) await interrupt();
          return handle.write(buffer, offset, length, position);
        },
        sync: () => handle.sync(),
        stat: () => handle.stat(),
        close: () => handle.close(),
      };
    },
  };
  return { fs, chunks: () => chunks };
}

describe.skipIf(unavailable !== null)('atomic writes on real FUSE-mounted sticks', () => {
  it('says MEDIUM_FULL when a tiny stick fills up mid-write, and the previous generation stays readable', async () => {
    const tiny = await stick({ fs: 'exfat', sizeMiB: 4 });
    const mount = tiny.mounts[0] as string;
    const dir = await strongroomDir(mount);
    const generation1 = fakeVault(600 * 1024);
    await writeFileAtomically(dir, 'vault.kdbx', generation1, { mountPoint: mount });

    await expect(
      writeFileAtomically(dir, 'vault.kdbx', fakeVault(1800 * 1024), { mountPoint: mount, where: 'partition 1 of VAULT-09' }),
    ).rejects.toMatchObject({ code: 'MEDIUM_FULL', message: expect.stringMatching(/^The stick is full: vault\.kdbx could not be written to partition 1 of VAULT-09/) });
    expect((await readdir(dir)).sort()).toEqual(['vault.kdbx']);

    // Read it back from the device itself, not from what this mount may still cache.
    await tiny.unmount(0);
    const remounted = await tiny.mount(0);
    expect(sha(await readFile(join(remounted, 'STRONGROOM', 'vault.kdbx')))).toBe(sha(generation1));
  });

  it('says MEDIUM_LOST when the stick dies mid-write, and after remounting the previous generation is intact', async () => {
    const target = await stick({ fs: 'exfat', sizeMiB: 32 });
    const mount = target.mounts[0] as string;
    const dir = await strongroomDir(mount);
    const generation1 = fakeVault(256 * 1024);
    await writeFileAtomically(dir, 'vault.kdbx', generation1, { mountPoint: mount });
    await writeFileAtomically(dir, 'vault.kdbx', fakeVault(200 * 1024), { mountPoint: mount });
    const generation2 = await readFile(join(dir, 'vault.kdbx'));

    // After the first 64 KiB reach the stick, its filesystem daemon is killed: what a yanked stick looks like.
    const yanking = interruptedOnSecondChunk(() => target.killFuseDaemon(0));
    await expect(writeFileAtomically(dir, 'vault.kdbx', fakeVault(2 * 1024 * 1024), { mountPoint: mount, fs: yanking.fs })).rejects.toMatchObject({
      code: 'MEDIUM_LOST',
      message: expect.stringMatching(/^The stick went away while vault\.kdbx was being written/),
    });
    expect(yanking.chunks()).toBe(2);

    await target.unmount(0);
    const remounted = await target.mount(0);
    const again = join(remounted, 'STRONGROOM');
    expect(sha(await readFile(join(again, 'vault.kdbx')))).toBe(sha(generation2));
    expect(sha(generation2)).not.toBe(sha(generation1));
    // Whatever the dead daemon left behind is a temp file, never a vault.kdbx that looks good.
    const leftovers = (await readdir(again)).filter((n) => n !== 'vault.kdbx');
    expect(leftovers.every((n) => /^\.vault\.kdbx\.strongroom-tmp-[0-9a-f]{16}$/.test(n))).toBe(true);
    expect(await removeLeftoverTemporaryFiles(again)).toEqual(leftovers);
  });

  it('writes nothing to the kiosk disk when the stick is lazily unmounted mid-write', async () => {
    const target = await stick({ fs: 'exfat', sizeMiB: 16 });
    const mount = target.mounts[0] as string;
    const detaching = interruptedOnSecondChunk(() => target.unmount(0));
    // The stick's root is the target folder: after the unmount that same path is a folder on the kiosk's disk.
    await expect(writeFileAtomically(mount, 'seeds.kdbx', fakeVault(512 * 1024), { mountPoint: mount, fs: detaching.fs })).rejects.toMatchObject({ code: 'MEDIUM_LOST' });
    expect(await readdir(mount)).toEqual([]);
  });

  it('says MEDIUM_READ_ONLY on a read-only stick before writing anything', async () => {
    let generation1: Uint8Array = new Uint8Array();
    const locked = await stick({
      fs: 'exfat',
      sizeMiB: 16,
      readOnly: true,
      prepare: async ([mount]) => {
        generation1 = fakeVault(64 * 1024);
        await mkdir(join(mount as string, 'STRONGROOM'));
        await writeFile(join(mount as string, 'STRONGROOM', 'seeds.kdbx'), generation1);
      },
    });
    const mount = locked.mounts[0] as string;
    const drive = (await new LinuxDriveEnumerator({ env: { STRONGROOM_ALLOW_LOOP_DEVICES: '1' } }).list()).find((d) => d.devicePath === locked.device);
    expect(drive).toMatchObject({ readOnly: true, partitions: [{ readOnly: true }] });

    await expect(writeFileAtomically(join(mount, 'STRONGROOM'), 'seeds.kdbx', fakeVault(1024), { mountPoint: mount })).rejects.toMatchObject({
      code: 'MEDIUM_READ_ONLY',
      message: expect.stringMatching(/is read-only, so seeds\.kdbx was not written/),
    });
    expect(await readdir(join(mount, 'STRONGROOM'))).toEqual(['seeds.kdbx']);
    expect(sha(await readFile(join(mount, 'STRONGROOM', 'seeds.kdbx')))).toBe(sha(generation1));
    // A read-only stick can still be scanned: reading is all the separation check needs.
    if (drive) expect((await scanDevice(drive)).findings).toMatchObject([{ path: 'STRONGROOM/seeds.kdbx', kind: 'kdbx' }]);
  });

  it('stages, promotes and verifies on FAT32 through FUSE as well, reading back from the device', async () => {
    const fat = await stick({ sizeMiB: 40, partitions: [{ fs: 'vfat' }] });
    const mount = fat.mounts[0] as string;
    const dir = await strongroomDir(mount);
    const first = await writeFileAtomically(dir, 'seeds.kdbx', fakeVault(100 * 1024), { mountPoint: mount });
    const staged = await writeFileAtomically(dir, 'seeds.g2.kdbx.staged', fakeVault(120 * 1024), { mountPoint: mount });
    expect(staged.readBackFromDevice).toBe(true);
    const promoted = await promoteStagedFile(dir, { staged: 'seeds.g2.kdbx.staged', current: 'seeds.kdbx', history: 'seeds.g1.kdbx' }, { mountPoint: mount });
    expect(promoted).toMatchObject({ sha256: staged.sha256, readBackFromDevice: true });
    await fat.unmount(0);
    const remounted = await fat.mount(0);
    expect(sha(await readFile(join(remounted, 'STRONGROOM', 'seeds.kdbx')))).toBe(staged.sha256);
    expect(sha(await readFile(join(remounted, 'STRONGROOM', 'seeds.g1.kdbx')))).toBe(first.sha256);
  });
});
