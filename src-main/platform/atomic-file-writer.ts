import { createHash, randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * Writes one artefact to a medium so that, whatever happens (stick pulled, filesystem full, FUSE daemon gone),
 * the medium holds either the new generation, verified, or the previous one, intact:
 *
 *   temp file in the same folder → write → fsync → [old name → name.prev, older .prev kept aside]
 *   → rename temp → name → fsync folder → read back, compare SHA-256 → only then drop the older .prev.
 *
 * The temp file has a name no reader takes for an artefact (see temporaryArtefactTarget), and the rename is
 * within one folder, which FAT and exFAT perform as a single directory-entry update.
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
}

export const nodeWriterFs: WriterFs = {
  open: (path, flags) => open(path, flags),
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  stat: (path) => stat(path),
  readFile: (path) => readFile(path),
  readdir: (path) => readdir(path),
};

export interface AtomicWriteOptions {
  /** Keep the generation being replaced as `<name>.prev`. Default true. */
  readonly keepPrevious?: boolean;
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
  /** Path of the kept previous generation, or null when there was none (or keepPrevious was false). */
  readonly previousPath: string | null;
}

export const PREVIOUS_SUFFIX = '.prev';
/** The generation before .prev, kept only while a new write is unverified. */
export const OLDER_SUFFIX = '.prev.old';
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
  const keepPrevious = options.keepPrevious ?? true;
  const where = options.where ?? dir;
  const chunk = options.chunkBytes ?? 64 * 1024;
  if (!/^[^/\\]+$/.test(name) || name === '.' || name === '..' || temporaryArtefactTarget(name) !== null) {
    throw new StrongroomError(ErrorCode.Internal, `Refusing to write an artefact with the name "${name}".`);
  }
  const target = join(dir, name);
  const previous = target + PREVIOUS_SUFFIX;
  const older = target + OLDER_SUFFIX;
  const expected = sha256Hex(bytes);

  let tempPath: string | null = null;
  let tempRenamed = false;
  let targetMovedToPrevious = false;
  let previousMovedToOlder = false;
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

    if (keepPrevious && (await exists(fs, target))) {
      step = 'keeping the previous generation';
      if (await exists(fs, previous)) {
        await fs.rename(previous, older);
        previousMovedToOlder = true;
      }
      await fs.rename(target, previous);
      targetMovedToPrevious = true;
    }
    step = 'putting the new file in place';
    await fs.rename(tempPath, target);
    tempRenamed = true;
    step = 'flushing the folder';
    await syncFolder(fs, dir);

    step = 'reading the file back';
    const readBack = await fs.readFile(target);
    const actual = sha256Hex(readBack);
    if (actual !== expected || readBack.length !== bytes.length) {
      throw new StrongroomError(
        ErrorCode.WriteNotVerified,
        `${name} was written to ${where}, but reading it back gave different contents. The stick may be failing. ` +
          (targetMovedToPrevious ? `The previous generation is kept as ${name}${PREVIOUS_SUFFIX}. ` : '') +
          'Use a different stick and write again.',
        { file: name, where, expectedSha256: expected, actualSha256: actual },
      );
    }
    if (previousMovedToOlder) {
      step = 'removing the generation before the previous one';
      await fs.unlink(older).catch(() => undefined);
    }
    return { path: target, sha256: expected, size: bytes.length, previousPath: targetMovedToPrevious ? previous : null };
  } catch (error) {
    if (tempPath !== null && !tempRenamed) await fs.unlink(tempPath).catch(() => undefined);
    if (!tempRenamed && targetMovedToPrevious) {
      // Put the old generation back under its own name so readers need no fallback; best effort on a failing stick.
      await fs
        .rename(previous, target)
        .then(() => (previousMovedToOlder ? fs.rename(older, previous) : undefined))
        .catch(() => undefined);
    }
    if (error instanceof StrongroomError) throw error;
    throw mediumWriteError(error, { name, where, step, previousKept: targetMovedToPrevious });
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

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function mediumWriteError(
  error: unknown,
  context: { name: string; where: string; step: string; previousKept: boolean },
): StrongroomError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const { name, where, step } = context;
  const details = { file: name, where, step, errno: code };
  const previous = context.previousKept
    ? `The previous generation may be under ${name}${PREVIOUS_SUFFIX}; let Strongroom check the stick before using it.`
    : 'The previous generation on the stick was not touched.';
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
