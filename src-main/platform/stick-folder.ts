import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rm, statfs } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MEDIUM_DIR } from '../core/medium-manifest';
import { promoteStagedFile, removeFile, writeFileAtomically, type AtomicWriteResult, type PromoteNames } from './atomic-file-writer';

/**
 * The file operations app/stick-artefacts performs in a stick's STRONGROOM folder, as a port: the desks never
 * touch paths or node:fs, and a test can pull a stick at an exact step by wrapping one operation.
 *
 * Reads never follow a link and never take more than a cap: a stick is untrusted input, and a link named
 * vault.kdbx could point anywhere on the kiosk.
 */

export interface StickEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'link' | 'other';
  readonly size: number;
}

/** Where a write lands, for the lazy-unmount guard and for messages ("partition 1 of VAULT-02"). */
export interface StickPlace {
  /** The STRONGROOM folder. */
  readonly dir: string;
  /** The partition's mount point; omitted for practice folders, which are not mount points. */
  readonly mountPoint?: string;
  readonly where: string;
}

export interface StickFiles {
  /** Creates the STRONGROOM folder under a mount point if needed; returns it. */
  ensureFolder(mountpoint: string): Promise<string>;
  folderOf(mountpoint: string): string;
  list(dir: string): Promise<StickEntry[]>;
  /** The whole file; refuses links and files over `maxBytes`. */
  read(dir: string, name: string, maxBytes: number): Promise<Uint8Array>;
  /** SHA-256 and size, read in chunks; refuses links and files over `maxBytes`. */
  hash(dir: string, name: string, maxBytes: number): Promise<{ sha256: string; size: number }>;
  /** Atomic replace (temp, fsync, rename, folder fsync, read back from the device). */
  write(place: StickPlace, name: string, bytes: Uint8Array): Promise<AtomicWriteResult>;
  promote(place: StickPlace, names: PromoteNames): Promise<AtomicWriteResult>;
  remove(place: StickPlace, name: string): Promise<void>;
  /** Removes the whole STRONGROOM folder (wiping a stick). */
  removeFolder(place: StickPlace): Promise<void>;
  /** Free bytes on the filesystem holding `dir`, or null when the OS cannot say. */
  freeBytes(dir: string): Promise<number | null>;
}

export const nodeStickFiles: StickFiles = {
  async ensureFolder(mountpoint) {
    const dir = join(mountpoint, MEDIUM_DIR);
    const existing = await lstat(dir).catch(() => null);
    if (existing && !existing.isDirectory()) {
      throw new StrongroomError(ErrorCode.MediumWriteFailed, `${MEDIUM_DIR} on this stick is not a folder (${existing.isSymbolicLink() ? 'a link' : 'a file'}). Have a custodian look at the stick before using it.`);
    }
    await mkdir(dir, { recursive: true });
    return dir;
  },
  folderOf: (mountpoint) => join(mountpoint, MEDIUM_DIR),
  async list(dir) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: StickEntry[] = [];
    for (const name of names.sort()) {
      const info = await lstat(join(dir, name)).catch(() => null);
      if (!info) continue;
      entries.push({ name, kind: info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other', size: info.size });
    }
    return entries;
  },
  async read(dir, name, maxBytes) {
    const chunks: Buffer[] = [];
    await readCapped(join(dir, name), maxBytes, (chunk) => chunks.push(Buffer.from(chunk)));
    return Buffer.concat(chunks);
  },
  async hash(dir, name, maxBytes) {
    const hash = createHash('sha256');
    const size = await readCapped(join(dir, name), maxBytes, (chunk) => hash.update(chunk));
    return { sha256: hash.digest('hex'), size };
  },
  write: (place, name, bytes) => writeFileAtomically(place.dir, name, bytes, placeOptions(place)),
  promote: (place, names) => promoteStagedFile(place.dir, names, placeOptions(place)),
  remove: (place, name) => removeFile(place.dir, name, placeOptions(place)),
  async removeFolder(place) {
    await rm(place.dir, { recursive: true, force: true });
  },
  async freeBytes(dir) {
    try {
      const s = await statfs(dir);
      // Some FUSE filesystems (fusefat) report no blocks at all: that is "unknown", not "full". A write that
      // finds the stick full is still refused by the writer (ENOSPC) and leaves the stick as it was.
      if (Number(s.blocks) === 0) return null;
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      return null;
    }
  },
};

function placeOptions(place: StickPlace): { where: string; mountPoint?: string } {
  return { where: place.where, ...(place.mountPoint !== undefined ? { mountPoint: place.mountPoint } : {}) };
}

/** Reads a regular file in chunks without following a link; more than `maxBytes` is refused, not truncated. */
async function readCapped(path: string, maxBytes: number, onChunk: (chunk: Uint8Array) => void): Promise<number> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    if (info.size > maxBytes) {
      throw new StrongroomError(ErrorCode.MediumUnreadable, `The file is ${info.size} bytes, more than the ${maxBytes} a Strongroom file can be. It was not read.`, { size: info.size });
    }
    const buffer = Buffer.alloc(Math.min(1 << 20, Math.max(1, maxBytes + 1)));
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) {
        throw new StrongroomError(ErrorCode.MediumUnreadable, `The file grew past ${maxBytes} bytes while it was read. It was not used.`, { size: total });
      }
      onChunk(buffer.subarray(0, bytesRead));
    }
    return total;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
