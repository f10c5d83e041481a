import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  nodeWriterFs,
  promoteStagedFile,
  readBackFromDevice,
  removeLeftoverTemporaryFiles,
  temporaryArtefactTarget,
  writeFileAtomically,
  type WriterFs,
} from '../../src-main/platform/atomic-file-writer';

const sha = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strongroom-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const listing = async (): Promise<string[]> => (await readdir(dir)).sort();

/** The real filesystem, with one operation replaced: how a test pulls the stick at an exact step. */
function faulty(overrides: Partial<WriterFs>): WriterFs {
  return { ...nodeWriterFs, ...overrides };
}

describe('writeFileAtomically', () => {
  it('writes, verifies and returns the SHA-256 and size, leaving no temp file', async () => {
    const result = await writeFileAtomically(dir, 'vault.g1.kdbx.staged', bytes('generation 1'));
    expect(result).toMatchObject({ path: join(dir, 'vault.g1.kdbx.staged'), sha256: sha('generation 1'), size: 12 });
    expect(await readFile(join(dir, 'vault.g1.kdbx.staged'), 'utf8')).toBe('generation 1');
    expect(await listing()).toEqual(['vault.g1.kdbx.staged']);
  });

  it('reads back from the device (O_DIRECT) where the filesystem allows it, and says which it did', async () => {
    await writeFile(join(dir, 'odd-size'), Buffer.alloc(5000, 7));
    const back = await readBackFromDevice(join(dir, 'odd-size'));
    expect(back).toMatchObject({ sha256: sha(Buffer.alloc(5000, 7)), size: 5000 });
    expect(typeof back.fromDevice).toBe('boolean');
    // Linux has O_DIRECT and the test folder is on a disk filesystem, so this read bypassed the page cache.
    if (process.platform === 'linux') expect(back.fromDevice).toBe(true);
  });

  it('replaces a small file in place (medium.json), leaving nothing beside it', async () => {
    await writeFileAtomically(dir, 'medium.json', bytes('{"v":1}'));
    await writeFileAtomically(dir, 'medium.json', bytes('{"v":2}'));
    expect(await listing()).toEqual(['medium.json']);
    expect(await readFile(join(dir, 'medium.json'), 'utf8')).toBe('{"v":2}');
  });

  it('promotes a staged generation: the current one becomes history, the staged one current, never overwriting', async () => {
    await writeFileAtomically(dir, 'vault.kdbx', bytes('generation 1'));
    await writeFileAtomically(dir, 'vault.g2.kdbx.staged', bytes('generation 2'));
    const promoted = await promoteStagedFile(dir, { staged: 'vault.g2.kdbx.staged', current: 'vault.kdbx', history: 'vault.g1.kdbx' });
    expect(promoted).toMatchObject({ sha256: sha('generation 2'), size: 12 });
    expect(await listing()).toEqual(['vault.g1.kdbx', 'vault.kdbx']);
    expect(await readFile(join(dir, 'vault.g1.kdbx'), 'utf8')).toBe('generation 1');

    await writeFileAtomically(dir, 'vault.g3.kdbx.staged', bytes('generation 3'));
    await writeFile(join(dir, 'vault.g2.kdbx'), 'a stray copy');
    await expect(promoteStagedFile(dir, { staged: 'vault.g3.kdbx.staged', current: 'vault.kdbx', history: 'vault.g2.kdbx' })).rejects.toMatchObject({ code: 'GENERATION_CONFLICT' });
    expect(await readFile(join(dir, 'vault.kdbx'), 'utf8')).toBe('generation 2');
  });

  it('finishes a promotion cut between its two renames instead of losing either generation', async () => {
    await writeFileAtomically(dir, 'vault.kdbx', bytes('generation 1'));
    await writeFileAtomically(dir, 'vault.g2.kdbx.staged', bytes('generation 2'));
    let renames = 0;
    const fs = faulty({
      rename: async (from, to) => {
        if (++renames === 2) throw errno('ENOTCONN');
        return nodeWriterFs.rename(from, to);
      },
    });
    await expect(promoteStagedFile(dir, { staged: 'vault.g2.kdbx.staged', current: 'vault.kdbx', history: 'vault.g1.kdbx' }, { fs })).rejects.toMatchObject({
      code: 'MEDIUM_LOST',
      message: expect.stringMatching(/kept on the stick as history/),
    });
    expect(await listing()).toEqual(['vault.g1.kdbx', 'vault.g2.kdbx.staged']);
    // The retry finds no current file: it only needs the second rename.
    await promoteStagedFile(dir, { staged: 'vault.g2.kdbx.staged', current: 'vault.kdbx', history: null });
    expect(await listing()).toEqual(['vault.g1.kdbx', 'vault.kdbx']);
    expect(await readFile(join(dir, 'vault.kdbx'), 'utf8')).toBe('generation 2');
  });

  it('says MEDIUM_FULL when the stick fills up, leaving the previous generation and no temp file', async () => {
    await writeFileAtomically(dir, 'vault.kdbx', bytes('generation 1'));
    // The first chunk fits; the second finds the stick full.
    const fs = faulty({
      open: async (path, flags) => {
        const handle = await nodeWriterFs.open(path, flags);
        if (flags !== 'wx') return handle;
        let chunks = 0;
        return {
          write: (buffer, offset, length, position) => (++chunks > 1 ? Promise.reject(errno('ENOSPC')) : handle.write(buffer, offset, length, position)),
          sync: () => handle.sync(),
          stat: () => handle.stat(),
          close: () => handle.close(),
        };
      },
    });
    const write = writeFileAtomically(dir, 'vault.kdbx', bytes('generation 2 is much longer'), { fs, chunkBytes: 8, where: 'partition 1 of VAULT-02' });
    await expect(write).rejects.toMatchObject({
      code: 'MEDIUM_FULL',
      message: expect.stringMatching(/^The stick is full: vault\.kdbx could not be written to partition 1 of VAULT-02\. The previous generation on the stick was not touched\./),
    });
    expect(await listing()).toEqual(['vault.kdbx']);
    expect(sha(await readFile(join(dir, 'vault.kdbx')))).toBe(sha('generation 1'));
  });

  it('says MEDIUM_READ_ONLY before writing anything on a read-only medium', async () => {
    const fs = faulty({ open: async () => Promise.reject(errno('EROFS')) });
    await expect(writeFileAtomically(dir, 'seeds.kdbx', bytes('x'), { fs })).rejects.toMatchObject({ code: 'MEDIUM_READ_ONLY' });
    expect(await listing()).toEqual([]);
  });

  it('says MEDIUM_LOST when the stick goes away at the final rename, and the old file stays as it was', async () => {
    await writeFileAtomically(dir, 'medium.json', bytes('version 1'));
    const fs = faulty({
      rename: async (from, to) => {
        if (from.includes('strongroom-tmp')) throw errno('ENOTCONN');
        return nodeWriterFs.rename(from, to);
      },
    });
    await expect(writeFileAtomically(dir, 'medium.json', bytes('version 2'), { fs })).rejects.toMatchObject({ code: 'MEDIUM_LOST' });
    expect(await listing()).toEqual(['medium.json']);
    expect(await readFile(join(dir, 'medium.json'), 'utf8')).toBe('version 1');
  });

  it('says WRITE_NOT_VERIFIED when the read-back differs', async () => {
    const fs = faulty({ readBack: async () => ({ sha256: sha('generation 3, bit-flipped'), size: 25, fromDevice: true }) });
    await expect(writeFileAtomically(dir, 'vault.g3.kdbx.staged', bytes('generation 3'), { fs })).rejects.toMatchObject({
      code: 'WRITE_NOT_VERIFIED',
      message: expect.stringMatching(/reading it back gave different contents/),
    });
  });

  it('carries on when the filesystem cannot fsync a folder (FUSE exFAT/FAT)', async () => {
    const fs = faulty({
      open: async (path, flags) => {
        if (path === dir) return Promise.reject(errno('EINVAL'));
        return nodeWriterFs.open(path, flags);
      },
    });
    await expect(writeFileAtomically(dir, 'vault.kdbx', bytes('ok'), { fs })).resolves.toMatchObject({ sha256: sha('ok') });
  });

  it('says MEDIUM_LOST when the folder stops being on the same filesystem mid-write (lazy unmount)', async () => {
    const realStat = nodeWriterFs.stat;
    let calls = 0;
    const fs = faulty({
      stat: async (path) => {
        const s = await realStat(path);
        calls += 1;
        return path === dir && calls > 1 ? { dev: s.dev + 1, isDirectory: () => true } : s;
      },
    });
    await expect(writeFileAtomically(dir, 'vault.kdbx', bytes('x'), { fs })).rejects.toMatchObject({ code: 'MEDIUM_LOST' });
    expect(await listing()).toEqual([]);
  });

  it('refuses a folder that is not on the given mount point, so secrets never land on the kiosk disk', async () => {
    const mountPoint = join(dir, 'not-a-mount');
    await mkdir(mountPoint);
    await expect(writeFileAtomically(mountPoint, 'vault.kdbx', bytes('x'), { mountPoint })).rejects.toMatchObject({
      code: 'MEDIUM_LOST',
      message: expect.stringMatching(/no longer mounted at .*not-a-mount/),
    });
    expect(await readdir(mountPoint)).toEqual([]);
  });

  it('clears temp files an interrupted write left behind, and never takes them for artefacts', async () => {
    await writeFile(join(dir, '.vault.kdbx.strongroom-tmp-00112233aabbccdd'), 'half');
    await writeFile(join(dir, '.audit.jsonl.strongroom-tmp-00112233aabbccdd'), 'half');
    await writeFileAtomically(dir, 'vault.kdbx', bytes('whole'));
    expect(await listing()).toEqual(['.audit.jsonl.strongroom-tmp-00112233aabbccdd', 'vault.kdbx']);
    expect(await removeLeftoverTemporaryFiles(dir)).toEqual(['.audit.jsonl.strongroom-tmp-00112233aabbccdd']);
    expect(temporaryArtefactTarget('.vault.kdbx.strongroom-tmp-00112233aabbccdd')).toBe('vault.kdbx');
    expect(temporaryArtefactTarget('vault.kdbx')).toBeNull();
  });

  it.each(['../vault.kdbx', 'a/b', '.', '..', '.vault.kdbx.strongroom-tmp-00112233aabbccdd'])('refuses the artefact name %j', async (name) => {
    await expect(writeFileAtomically(dir, name, bytes('x'))).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
