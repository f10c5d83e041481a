import { constants } from 'node:fs';
import { lstat, open, rename, rmdir, stat, statfs, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MEDIUM_DIR } from '../core/medium-manifest';
import {
  promoteStagedFile,
  readBackFromDevice,
  removeFile,
  writeFileAtomically,
  type AtomicWriteResult,
  type PromoteNames,
  type WriterFileHandle,
  type WriterFs,
} from './atomic-file-writer';
import {
  checkStickFolder,
  checkStickPath,
  ensureStickDirectory,
  hashStickFile,
  openStickDirectory,
  openStickFileForWriting,
  openStickRoot,
  readStickFile,
  type StickFileKind,
  type StickRoot,
} from './stick-files';

/**
 * The file operations app/stick-artefacts performs in a stick's STRONGROOM folder, as a port: the desks never
 * touch paths or node:fs, and a test can pull a stick at an exact step by wrapping one operation.
 *
 * Every operation, read or write, goes through the primitives of platform/stick-files relative to the
 * partition's top folder: no path component (STRONGROOM itself included) may be a link, everything stays on
 * the partition's own filesystem (its device id, practice folders too), only regular files are read or
 * replaced, each under the cap for its kind. Writes keep the atomic writer's steps (temp, fsync, rename, folder
 * fsync, read back) with its file operations confined the same way.
 */

export interface StickEntry {
  readonly name: string;
  /** 'other' also for an entry on another filesystem (something mounted inside STRONGROOM). */
  readonly kind: 'file' | 'directory' | 'link' | 'other';
  readonly size: number;
}

/** One partition of a stick, as the operations see it. */
export interface StickPlace {
  /** The partition's top folder: its mount point, or a practice stick's folder. */
  readonly root: string;
  /**
   * Real sticks: the top folder must still be a mount point whenever something is written, because after a lazy
   * unmount the same path is a folder on the kiosk's disk. Practice folders are not mount points.
   */
  readonly mounted: boolean;
  /** How messages name the place: "partition 1 of VAULT-02". */
  readonly where: string;
}

export interface StickFiles {
  /** Creates the STRONGROOM folder if needed (never through a link, never on another filesystem). */
  ensureFolder(place: StickPlace): Promise<void>;
  /** The entries of STRONGROOM, sorted by name; none when it does not exist; refused when it is a link. */
  list(place: StickPlace): Promise<StickEntry[]>;
  /** A whole regular file of STRONGROOM, refused over the cap for its kind. */
  read(place: StickPlace, name: string, kind: StickFileKind): Promise<Uint8Array>;
  /** SHA-256 and size, read in chunks, under the same rules as a read. */
  hash(place: StickPlace, name: string, kind: StickFileKind): Promise<{ sha256: string; size: number }>;
  /** Atomic replace (temp, fsync, rename, folder fsync, read back from the device). */
  write(place: StickPlace, name: string, bytes: Uint8Array): Promise<AtomicWriteResult>;
  promote(place: StickPlace, names: PromoteNames): Promise<AtomicWriteResult>;
  remove(place: StickPlace, name: string): Promise<void>;
  /** Removes the STRONGROOM folder and the files in it (wiping a stick); anything else in it is refused. */
  removeFolder(place: StickPlace): Promise<void>;
  /** Free bytes on the partition, or null when the OS cannot say. */
  freeBytes(place: StickPlace): Promise<number | null>;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export const nodeStickFiles: StickFiles = {
  async ensureFolder(place) {
    const root = await writableRoot(place);
    await ensureStickDirectory(root, MEDIUM_DIR);
  },
  async list(place) {
    const root = await openStickRoot(place.root, place.where);
    let dir;
    try {
      dir = await openStickDirectory(root, MEDIUM_DIR);
    } catch (error) {
      if (error instanceof StrongroomError && error.code === ErrorCode.MediumFileMissing) return [];
      throw error;
    }
    const names: string[] = [];
    try {
      for await (const entry of dir) names.push(entry.name);
    } finally {
      await dir.close().catch(() => undefined);
    }
    const folder = join(root.path, MEDIUM_DIR);
    const entries: StickEntry[] = [];
    for (const name of names.sort()) {
      // FUSE filesystems may list an entry's type as unknown, so its kind comes from lstat, never followed.
      const info = await lstat(join(folder, name)).catch(() => null);
      if (!info) continue;
      const kind = info.isSymbolicLink() ? 'link' : info.dev !== root.device ? 'other' : info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
      entries.push({ name, kind, size: info.size });
    }
    return entries;
  },
  async read(place, name, kind) {
    const root = await openStickRoot(place.root, place.where);
    return readStickFile(root, inFolder(name), kind);
  },
  async hash(place, name, kind) {
    const root = await openStickRoot(place.root, place.where);
    return hashStickFile(root, inFolder(name), kind);
  },
  async write(place, name, bytes) {
    const root = await rootForWriting(place);
    return writeFileAtomically(join(root.path, MEDIUM_DIR), name, bytes, writerOptions(place, root));
  },
  async promote(place, names) {
    const root = await rootForWriting(place);
    return promoteStagedFile(join(root.path, MEDIUM_DIR), names, writerOptions(place, root));
  },
  async remove(place, name) {
    const root = await rootForWriting(place);
    await removeFile(join(root.path, MEDIUM_DIR), name, writerOptions(place, root));
  },
  async removeFolder(place) {
    const root = await writableRoot(place);
    const entries = await nodeStickFiles.list(place);
    // rm -r would walk into a filesystem mounted inside STRONGROOM and delete the kiosk's files: Strongroom only
    // ever writes plain files there, so anything else stops the wipe before a single file is removed.
    const strangers = entries.filter((e) => e.kind === 'directory' || e.kind === 'other');
    if (strangers.length > 0) {
      throw new StrongroomError(
        ErrorCode.MediumFileNotRegular,
        `${MEDIUM_DIR} on ${place.where} holds ${strangers.map((e) => e.name).join(', ')}, which Strongroom never writes (a folder, a device or another filesystem). Nothing was removed; have a custodian look at the stick.`,
        { where: place.where },
      );
    }
    const folder = await checkStickFolder(root, MEDIUM_DIR).catch((error: unknown) => {
      if (error instanceof StrongroomError && error.code === ErrorCode.MediumFileMissing) return null;
      throw error;
    });
    if (folder === null) return;
    const fs = confinedWriterFs(root);
    for (const entry of entries) {
      // A link is removed as the link it is (unlink never follows one); what it points at is not touched.
      if (entry.kind === 'link') await unlink(join(folder, entry.name)).catch(ignoreMissing);
      else await fs.unlink(join(folder, entry.name)).catch(ignoreMissing);
    }
    await rmdir(folder).catch(ignoreMissing);
  },
  async freeBytes(place) {
    try {
      const s = await statfs(place.root);
      // Some FUSE filesystems (fusefat) report no blocks at all: that is "unknown", not "full". A write that
      // finds the stick full is still refused by the writer (ENOSPC) and leaves the stick as it was.
      if (Number(s.blocks) === 0) return null;
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      return null;
    }
  },
};

function inFolder(name: string): string {
  return `${MEDIUM_DIR}/${name}`;
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

function writerOptions(place: StickPlace, root: StickRoot): { where: string; mountPoint?: string; fs: WriterFs } {
  return { where: place.where, fs: confinedWriterFs(root), ...(place.mounted ? { mountPoint: root.path } : {}) };
}

/** The top folder of a stick about to be written; gone means pulled out, said as such. */
async function rootForWriting(place: StickPlace): Promise<StickRoot> {
  try {
    return await openStickRoot(place.root, place.where);
  } catch (error) {
    if (error instanceof StrongroomError && error.code !== ErrorCode.MediumFileMissing && error.code !== ErrorCode.MediumUnreadable && error.code !== ErrorCode.MediumLost) throw error;
    throw new StrongroomError(
      ErrorCode.MediumLost,
      `${place.where} is no longer there (the stick was pulled out or stopped responding), so nothing was written. Plug it in again and let Strongroom check it.`,
      { where: place.where },
    );
  }
}

/** The top folder for a write: on a real stick it must still be a mount point (see StickPlace.mounted). */
async function writableRoot(place: StickPlace): Promise<StickRoot> {
  const root = await rootForWriting(place);
  if (place.mounted) {
    const parent = await lstat(join(root.path, '..'));
    if (parent.dev === root.device) {
      throw new StrongroomError(
        ErrorCode.MediumLost,
        `The stick is no longer mounted at ${root.path}, so nothing was written to ${place.where}. Plug it in again and let Strongroom check it.`,
        { where: place.where },
      );
    }
  }
  return root;
}

/**
 * The atomic writer's file operations, confined to one stick partition: every path it names below the top folder
 * is checked with the stick-file primitives (no link in any component, same filesystem, regular files only)
 * before it is opened, renamed, removed or read back. The top folder itself and its parent (the writer's
 * still-mounted check) are the OS's to give, so they are only looked at.
 */
export function confinedWriterFs(root: StickRoot): WriterFs {
  const inside = (path: string): string | null => {
    const rel = relative(root.path, path);
    if (rel === '') return '';
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
    return rel.split(sep).join('/');
  };
  const required = (path: string, what: string): string => {
    const rel = inside(path);
    if (rel === null || rel === '') {
      throw new StrongroomError(ErrorCode.MediumFileElsewhere, `Strongroom will not ${what} ${path}: it is not inside the stick (${root.where}).`, { path });
    }
    return rel;
  };
  const checkedFile = async (path: string, what: string): Promise<string> => checkStickPath(root, required(path, what));
  return {
    async open(path, flags) {
      const rel = inside(path);
      if (flags === 'wx') return (await openStickFileForWriting(root, required(path, 'create'), 'create-new')) as WriterFileHandle;
      if (flags === 'r' && rel !== null) {
        // The writer opens a folder only to flush it.
        const folder = await checkStickFolder(root, rel);
        return (await open(folder, constants.O_RDONLY | NOFOLLOW)) as WriterFileHandle;
      }
      throw new StrongroomError(ErrorCode.Internal, `The stick writer asked to open ${path} with "${flags}", which it never does.`);
    },
    async rename(from, to) {
      const source = await checkedFile(from, 'move');
      const target = await checkedFile(to, 'replace');
      await rename(source, target);
    },
    async unlink(path) {
      await unlink(await checkedFile(path, 'remove'));
    },
    async stat(path) {
      const rel = inside(path);
      // The top folder (or its parent) as the OS gives it: a mount point may be reached through a link.
      if (rel === null || rel === '') return stat(path);
      const parts = rel.split('/');
      await checkStickFolder(root, parts.slice(0, -1).join('/'));
      const info = await lstat(path);
      if (info.isDirectory()) await checkStickFolder(root, rel);
      else await checkStickPath(root, rel);
      return info;
    },
    async readFile(path) {
      return readStickFile(root, required(path, 'read'), 'artefact');
    },
    async readdir(path) {
      const rel = inside(path);
      if (rel === null) throw new StrongroomError(ErrorCode.MediumFileElsewhere, `Strongroom will not list ${path}: it is not inside the stick (${root.where}).`, { path });
      const dir = await openStickDirectory(root, rel);
      const names: string[] = [];
      try {
        for await (const entry of dir) names.push(entry.name);
      } finally {
        await dir.close().catch(() => undefined);
      }
      return names;
    },
    async readBack(path) {
      return readBackFromDevice(await checkedFile(path, 'read back'));
    },
  };
}
