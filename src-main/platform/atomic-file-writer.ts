import { sha256Hex } from '../core/sha256';
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * Writes one file to a medium so that, whatever happens (stick pulled, filesystem full, FUSE daemon gone), the
 * medium holds either the new file, read back and verified, or the old one untouched:
 *
 *   temp file in the same folder → write → fsync → check the stick is still mounted → rename temp → name
 *   → fsync folder → read back (from the device where the OS allows it) and compare SHA-256.
 *
 * The temp file has a name no reader takes for an artefact (see temporaryArtefactTarget), and the rename is
 * within one folder, which FAT and exFAT perform as a single directory-entry update. An artefact generation is
 * never written over another: it is staged under its own name and promoted by renames (promoteStagedFile), so
 * the generation it replaces is kept as history rather than overwritten.
 */

export interface WriterFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  stat(): Promise<{ dev: number }>;
  close(): Promise<void>;
}

/** The file operations the writer uses; injected so a test can pull the medium at an exact step. */
export interface WriterFs {
  open(path: string, flags: string): Promise<WriterFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ dev: number; isDirectory(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
  readdir(path: string): Promise<string[]>;
  /** Reads a file back for its hash, bypassing the page cache where the OS allows it. */
  readBack(path: string): Promise<ReadBack>;
}

export interface ReadBack {
  readonly sha256: string;
  readonly size: number;
  /** True when the bytes came from the device (O_DIRECT), false when the OS served them from its cache. */
  readonly fromDevice: boolean;
}

export const nodeWriterFs: WriterFs = {
  open: (path, flags) => open(path, flags),
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  stat: (path) => stat(path),
  readFile: (path) => readFile(path),
  readdir: (path) => readdir(path),
  readBack: (path) => readBackFromDevice(path),
};

const DIRECT_CHUNK = 1 << 20;
let directBuffer: Uint8Array | null = null;

/**
 * O_DIRECT needs a buffer aligned to the device's block size. A WebAssembly memory is page-aligned in the address
 * space, so a view of it from offset 0 is aligned too; it is reused for every read-back (one at a time).
 */
function alignedBuffer(): Uint8Array {
  // Typed by hand: this project's TypeScript libraries declare no WebAssembly values.
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer } } }).WebAssembly;
  directBuffer ??= new Uint8Array(new wasm.Memory({ initial: DIRECT_CHUNK / 65_536 }).buffer);
  return directBuffer;
}

/**
 * The SHA-256 of a file as the device holds it. After the fsync, an ordinary read would most likely be answered
 * from the page cache the write just filled, which proves nothing about the stick; O_DIRECT asks the filesystem
 * for the bytes instead (for FUSE exFAT/FAT, the daemon reads the device). Where O_DIRECT is not available
 * (macOS, Windows, some filesystems) the read falls back to an ordinary one and says so.
 */
export async function readBackFromDevice(path: string): Promise<ReadBack> {
  const direct = (constants as Record<string, number | undefined>)['O_DIRECT'];
  if (direct !== undefined) {
    let handle;
    try {
      handle = await open(path, constants.O_RDONLY | direct | (constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      if (!['EINVAL', 'ENOTSUP', 'EOPNOTSUPP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
    if (handle) {
      try {
        const buffer = alignedBuffer();
        const hash = createHash('sha256');
        let position = 0;
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, DIRECT_CHUNK, position);
          if (bytesRead === 0) break;
          hash.update(buffer.subarray(0, bytesRead));
          position += bytesRead;
          // A short read marks the end of the file (its last, partial block).
          if (bytesRead < DIRECT_CHUNK) break;
        }
        return { sha256: hash.digest('hex'), size: position, fromDevice: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
  }
  const bytes = await readFile(path);
  return { sha256: sha256Hex(bytes), size: bytes.length, fromDevice: false };
}

export interface AtomicWriteOptions {
  /**
   * The medium's mount point. When given, the writer refuses unless it is still a mount point and `dir` lies on
   * it: after a lazy unmount the same path leads to the kiosk's own disk, and a secret must never land there.
   */
  readonly mountPoint?: string;
  /** How messages name the place: "partition 1 of VAULT-02". Defaults to the folder path. */
  readonly where?: string;
  readonly fs?: WriterFs;
  readonly chunkBytes?: number;
}

export interface AtomicWriteResult {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Whether the read-back came from the device rather than the OS's cache. */
  readonly readBackFromDevice: boolean;
}
const TEMP_PATTERN = /^\.(.+)\.strongroom-tmp-[0-9a-f]{16}$/;

/** For a writer temp file name, the artefact it was becoming; null for any other name. */
export function temporaryArtefactTarget(fileName: string): string | null {
  return TEMP_PATTERN.exec(fileName)?.[1] ?? null;
}

function temporaryName(name: string): string {
  return `.${name}.strongroom-tmp-${randomBytes(8).toString('hex')}`;
}

/** Removes temp files an interrupted write left behind for `name` (or for every artefact when name is omitted). */
export async function removeLeftoverTemporaryFiles(dir: string, name?: string, fs: WriterFs = nodeWriterFs): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await fs.readdir(dir)) {
    const target = temporaryArtefactTarget(entry);
    if (target === null || (name !== undefined && target !== name)) continue;
    await fs.unlink(join(dir, entry));
    removed.push(entry);
  }
  return removed;
}

export async function writeFileAtomically(
  dir: string,
  name: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<AtomicWriteResult> {
  const fs = options.fs ?? nodeWriterFs;
  const where = options.where ?? dir;
  const chunk = options.chunkBytes ?? 64 * 1024;
  requirePlainName(name);
  const target = join(dir, name);
  const expected = sha256Hex(bytes);

  let tempPath: string | null = null;
  let tempRenamed = false;
  let step = 'checking the folder';
  try {
    const dirDev = await checkedFolderDevice(fs, dir, options.mountPoint, where);
    step = 'clearing an earlier interrupted write';
    await removeLeftoverTemporaryFiles(dir, name, fs).catch(() => undefined);

    step = 'creating the temporary file';
    tempPath = join(dir, temporaryName(name));
    const handle = await fs.open(tempPath, 'wx');
    try {
      step = 'writing';
      let offset = 0;
      while (offset < bytes.length) {
        const length = Math.min(chunk, bytes.length - offset);
        const { bytesWritten } = await handle.write(bytes, offset, length, offset);
        if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
        offset += bytesWritten;
      }
      step = 'flushing to the stick';
      await handle.sync();
      // After a lazy unmount the open file still reaches the stick but the folder path no longer does.
      step = 'checking the stick is still mounted';
      const [fileDev, nowDirDev] = [(await handle.stat()).dev, (await fs.stat(dir)).dev];
      if (fileDev !== dirDev || nowDirDev !== dirDev) throw Object.assign(new Error('medium unmounted'), { code: 'ENODEV' });
    } finally {
      await handle.close().catch(() => undefined);
    }

    step = 'putting the new file in place';
    await fs.rename(tempPath, target);
    tempRenamed = true;
    step = 'flushing the folder';
    await syncFolder(fs, dir);

    step = 'reading the file back';
    const readBack = await fs.readBack(target);
    if (readBack.sha256 !== expected || readBack.size !== bytes.length) {
      throw new StrongroomError(
        ErrorCode.WriteNotVerified,
        `${name} was written to ${where}, but reading it back gave different contents. The stick may be failing. Use a different stick and write again.`,
        { file: name, where, expectedSha256: expected, actualSha256: readBack.sha256 },
      );
    }
    return { path: target, sha256: expected, size: bytes.length, readBackFromDevice: readBack.fromDevice };
  } catch (error) {
    if (tempPath !== null && !tempRenamed) await fs.unlink(tempPath).catch(() => undefined);
    if (error instanceof StrongroomError) throw error;
    throw mediumWriteError(error, { name, where, step, untouched: !tempRenamed });
  }
}

export interface PromoteNames {
  /** The staged generation, already written and verified under its own name. */
  readonly staged: string;
  /** The artefact's current name (vault.kdbx). */
  readonly current: string;
  /** Where the generation now current goes, as history (vault.g6.kdbx); null when there is none yet. */
  readonly history: string | null;
}

/**
 * Commits a staged generation: the current file becomes history, the staged file becomes current, both by
 * renames within the folder, the folder is flushed and the new current file read back. Never overwrites a file:
 * if the history name is taken, nothing is renamed. A cut between the two renames leaves the old generation
 * under its history name and the new one under its staged name, both listed in medium.json, and a retry
 * finishes the promotion.
 */
export async function promoteStagedFile(dir: string, names: PromoteNames, options: AtomicWriteOptions = {}): Promise<AtomicWriteResult> {
  const fs = options.fs ?? nodeWriterFs;
  const where = options.where ?? dir;
  for (const name of [names.staged, names.current, ...(names.history ? [names.history] : [])]) requirePlainName(name);
  let step = 'checking the folder';
  let renamed = false;
  try {
    await checkedFolderDevice(fs, dir, options.mountPoint, where);
    const current = join(dir, names.current);
    if (await exists(fs, current)) {
      if (!names.history) throw new StrongroomError(ErrorCode.Internal, `${names.current} exists on ${where} but no history name was given for it.`);
      if (await exists(fs, join(dir, names.history))) {
        throw new StrongroomError(ErrorCode.GenerationConflict, `${names.history} already exists on ${where}, so ${names.current} was not moved aside. Let Strongroom verify the stick.`, {
          file: names.history,
          where,
        });
      }
      step = 'keeping the current generation as history';
      await fs.rename(current, join(dir, names.history));
      renamed = true;
    }
    step = 'making the new generation current';
    await fs.rename(join(dir, names.staged), current);
    renamed = true;
    step = 'flushing the folder';
    await syncFolder(fs, dir);
    step = 'reading the new generation back';
    const readBack = await fs.readBack(current);
    return { path: current, sha256: readBack.sha256, size: readBack.size, readBackFromDevice: readBack.fromDevice };
  } catch (error) {
    if (error instanceof StrongroomError) throw error;
    throw mediumWriteError(error, { name: names.current, where, step, untouched: !renamed });
  }
}

/** Deletes one file in a medium folder and flushes the folder. */
export async function removeFile(dir: string, name: string, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeWriterFs;
  const where = options.where ?? dir;
  // A temp file left by an interrupted write may be removed; it may never be written under its own name.
  requirePlainName(name, { temporaryAllowed: true });
  try {
    await checkedFolderDevice(fs, dir, options.mountPoint, where);
    await fs.unlink(join(dir, name));
    await syncFolder(fs, dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if (error instanceof StrongroomError) throw error;
    throw mediumWriteError(error, { name, where, step: 'removing it', untouched: true });
  }
}

function requirePlainName(name: string, options: { temporaryAllowed?: boolean } = {}): void {
  if (!/^[^/\\]+$/.test(name) || name === '.' || name === '..' || (!options.temporaryAllowed && temporaryArtefactTarget(name) !== null)) {
    throw new StrongroomError(ErrorCode.Internal, `Refusing to write a file with the name "${name}".`);
  }
}

async function checkedFolderDevice(fs: WriterFs, dir: string, mountPoint: string | undefined, where: string): Promise<number> {
  const dirStat = await fs.stat(dir);
  if (!dirStat.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  if (mountPoint !== undefined) {
    const [mount, parent] = [await fs.stat(mountPoint), await fs.stat(dirname(mountPoint))];
    if (mount.dev === parent.dev || dirStat.dev !== mount.dev) {
      throw new StrongroomError(
        ErrorCode.MediumLost,
        `The stick is no longer mounted at ${mountPoint}, so nothing was written to ${where}. Plug it in again and let Strongroom check it.`,
        { where, mountPoint },
      );
    }
  }
  return dirStat.dev;
}

/**
 * Makes the rename durable. Some filesystems cannot fsync a folder: FUSE exFAT/FAT may answer EINVAL or
 * ENOTSUP, and Windows cannot open a folder as a file at all. There the rename is already a single
 * directory-entry write that the eject's sync and unmount flush, and the read-back below still checks it.
 */
async function syncFolder(fs: WriterFs, dir: string): Promise<void> {
  let handle: WriterFileHandle | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EISDIR', 'EPERM', 'EBADF'].includes(code ?? '')) throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function exists(fs: WriterFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

// Kept here too for stick-artefacts, which imports it from this module.
export { sha256Hex };

function mediumWriteError(
  error: unknown,
  context: { name: string; where: string; step: string; untouched: boolean },
): StrongroomError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const { name, where, step } = context;
  const details = { file: name, where, step, errno: code };
  const previous = context.untouched
    ? 'The previous generation on the stick was not touched.'
    : 'The previous generation is kept on the stick as history; let Strongroom check the stick before using it.';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new StrongroomError(
        ErrorCode.MediumFull,
        `The stick is full: ${name} could not be written to ${where}. ${previous} The stick needs room for the new file next to the old one; use a bigger stick or remove files that do not belong there.`,
        details,
      );
    case 'EIO':
    case 'ENOTCONN':
    case 'ENODEV':
    case 'ENXIO':
    case 'ESHUTDOWN':
    case 'ECONNABORTED':
    case 'ENOENT':
      return new StrongroomError(
        ErrorCode.MediumLost,
        `The stick went away while ${name} was being written to ${where} (step: ${step}); it was pulled out or stopped responding. ${previous} Plug it in again and let Strongroom check it before writing again.`,
        details,
      );
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new StrongroomError(
        ErrorCode.MediumReadOnly,
        `${capital(where)} is read-only, so ${name} was not written. ${previous} Check the stick's write-protect switch, or use a different stick.`,
        details,
      );
    default:
      return new StrongroomError(
        ErrorCode.MediumWriteFailed,
        `${name} could not be written to ${where} (step: ${step}, ${code || (error as Error | undefined)?.message || 'unknown error'}). ${previous}`,
        details,
      );
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
