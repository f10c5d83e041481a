import { createHash } from 'node:crypto';
import { constants, type Dir, type Stats } from 'node:fs';
import { lstat, mkdir, open, opendir, stat, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { elsewhere, fsFailure, linkRefused, notRegular, tooLarge, writeFailure } from './stick-file-errors';

/**
 * Files on a stick are untrusted input: whoever had the stick can have replaced STRONGROOM/ by a link to the
 * kiosk's own disk, put a FIFO or a link to /dev/zero where vault.kdbx belongs, or left a 5 GB file. Every read
 * and write of a stick's files goes through here, relative to the stick's root (its mount point, or a practice
 * folder), and is refused unless:
 *
 * - no path component below the root is a symbolic link (or a Windows junction), checked with lstat one
 *   component at a time, and the last one is opened with O_NOFOLLOW, so a link swapped in after the check fails
 *   the open instead of being followed;
 * - every component and the opened file are on the root's own filesystem (same device id), so a folder with
 *   another filesystem mounted on it cannot lead a read or a write off the stick;
 * - the target is a regular file: FIFOs, sockets, devices and folders are refused from lstat before any open,
 *   and the open itself uses O_NONBLOCK so that even a FIFO swapped in at the last moment cannot block, then
 *   fstat decides;
 * - it is no larger than the cap for its kind, from fstat before reading and again while reading, so a file
 *   that grows (or lies about its size) is cut off at the cap instead of filling memory.
 *
 * Node has no openat(), so a component swapped for a link between its lstat and the final open is caught by
 * checking, after the open, that the file opened is the one lstat saw (device and inode).
 */

const MiB = 1024 * 1024;

/** The largest file of each kind Strongroom reads from a stick; anything larger was not written by Strongroom. */
export const STICK_FILE_CAPS = {
  /** vault.kdbx, seeds.kdbx and their kept generations: 5,000 accounts take a few MiB. */
  artefact: 64 * MiB,
  /** PDFs Strongroom saves on sticks (emergency sheet, paper seed backup). */
  document: 64 * MiB,
  /** audit.jsonl: the whole hash chain, some 90,000 events at a few hundred bytes each. */
  audit: 32 * MiB,
  /** medium.json: a label and an artefact list. */
  manifest: 1 * MiB,
} as const;

export type StickFileKind = keyof typeof STICK_FILE_CAPS;

/** A stick's filesystem as the primitives see it: its root folder and that folder's device id. */
export interface StickRoot {
  readonly path: string;
  readonly device: number;
  /** How messages name the place, e.g. "partition 1 of VAULT-02"; defaults to the root path. */
  readonly where: string;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const READ_CHUNK = 1 * MiB;
/** The smallest read past what fstat reported, to see a file that grew or a size that lied. */
const GROWTH_PROBE = 4096;

/** The root folder of a stick (a mount point, or a practice folder); the OS gave it, so it may be reached via links. */
export async function openStickRoot(mountpoint: string, where?: string): Promise<StickRoot> {
  const path = resolve(mountpoint);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw fsFailure(error, where ?? path, path);
  }
  if (!info.isDirectory()) {
    throw new StrongroomError(ErrorCode.MediumNotMounted, `${where ?? path} is not a folder, so it cannot be the top of a stick. Reinsert the stick.`, { path });
  }
  return { path, device: info.dev, where: where ?? path };
}

/** Checks a path relative to the root for the shape Strongroom uses: plain names joined by '/'. */
function splitRelative(root: StickRoot, relativePath: string): string[] {
  const parts = relativePath.split('/');
  if (relativePath === '' || parts.some((p) => p === '' || p === '.' || p === '..' || /[\\\0]/.test(p))) {
    throw new StrongroomError(
      ErrorCode.MediumFileElsewhere,
      `"${relativePath}" does not name a file inside the stick (${root.where}), so Strongroom will not open it.`,
      { path: relativePath },
    );
  }
  return parts;
}

/**
 * lstat of every folder on the way to `parts` (all but the last part): each must exist, be a real folder, and sit
 * on the root's filesystem. Returns the absolute path of the last part.
 */
async function checkFolders(root: StickRoot, parts: readonly string[], count: number): Promise<string> {
  let path = root.path;
  for (let i = 0; i < count; i += 1) {
    path = join(path, parts[i]!);
    const shown = parts.slice(0, i + 1).join('/');
    requireOnStick(root, await lstatOnStick(root, path, shown), shown, 'folder');
  }
  return path;
}

function lstatOnStick(root: StickRoot, path: string, shown: string): Promise<Stats> {
  return lstat(path).catch((error: unknown) => {
    throw fsFailure(error, root.where, shown);
  });
}

/**
 * One name below the root as lstat (or fstat of what was opened) saw it: never a link, the kind wanted, and on the
 * root's own filesystem, checked in that order.
 */
function requireOnStick(root: StickRoot, info: Stats, shown: string, kind: 'folder' | 'file'): void {
  if (info.isSymbolicLink()) throw linkRefused(root, shown);
  if (kind === 'folder' && !info.isDirectory()) {
    throw new StrongroomError(ErrorCode.MediumFileNotRegular, `${shown} on ${root.where} should be a folder but is not. Have a custodian check this stick.`, { path: shown });
  }
  if (kind === 'file' && !info.isFile()) throw notRegular(root, shown, info);
  if (info.dev !== root.device) throw elsewhere(root, shown);
}

/** The absolute path of a file on the stick, once every folder on the way is checked; the file itself is not. */
async function pathInCheckedFolders(root: StickRoot, relativePath: string): Promise<{ path: string; parts: string[] }> {
  const parts = splitRelative(root, relativePath);
  const folder = await checkFolders(root, parts, parts.length - 1);
  return { path: join(folder, parts[parts.length - 1]!), parts };
}

/** Checks that a folder of the stick ('' for the root) and every folder on the way are real folders on the stick. */
export async function checkStickFolder(root: StickRoot, relativeDir: string): Promise<string> {
  const parts = relativeDir === '' ? [] : splitRelative(root, relativeDir);
  return checkFolders(root, parts, parts.length);
}

/** Checks the folders and the file itself without following anything; the file must be a regular file. */
async function checkRegularFile(root: StickRoot, relativePath: string): Promise<{ path: string; info: Stats; parts: string[] }> {
  const { path, parts } = await pathInCheckedFolders(root, relativePath);
  const info = await lstatOnStick(root, path, relativePath);
  requireOnStick(root, info, relativePath, 'file');
  return { path, info, parts };
}

/** An open, checked regular file on a stick; the caller reads and closes it. */
export interface OpenedStickFile {
  readonly handle: FileHandle;
  /** fstat size at open. */
  readonly size: number;
  readonly relativePath: string;
}

/**
 * Opens a regular file on the stick for reading: no links, same filesystem, not a FIFO or device, and the
 * file opened is the one that was checked.
 */
export async function openStickFile(root: StickRoot, relativePath: string): Promise<OpenedStickFile> {
  const checked = await checkRegularFile(root, relativePath);
  let handle: FileHandle;
  try {
    handle = await open(checked.path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (error) {
    throw fsFailure(error, root.where, relativePath);
  }
  try {
    const info = await handle.stat();
    requireOnStick(root, info, relativePath, 'file');
    if (info.ino !== checked.info.ino || info.dev !== checked.info.dev) {
      // Swapped between the check and the open: someone is changing the stick while Strongroom reads it.
      throw linkRefused(root, relativePath);
    }
    // The folders again, now that the file is open: a folder swapped for a link during the open shows here.
    await checkFolders(root, checked.parts, checked.parts.length - 1);
    return { handle, size: info.size, relativePath };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw fsFailure(error, root.where, relativePath);
  }
}

/**
 * Opens a folder of the stick for listing ('' for the root): every component a real folder on the stick, and
 * the folder opened is the one checked. Entries are listed as the OS reports them; nothing in them is followed.
 */
export async function openStickDirectory(root: StickRoot, relativeDir: string): Promise<Dir> {
  const parts = relativeDir === '' ? [] : splitRelative(root, relativeDir);
  const path = await checkFolders(root, parts, parts.length);
  const before = await lstat(path).catch((error: unknown) => {
    throw fsFailure(error, root.where, relativeDir || 'the top folder');
  });
  let dir: Dir;
  try {
    dir = await opendir(path);
  } catch (error) {
    throw fsFailure(error, root.where, relativeDir || 'the top folder');
  }
  try {
    await checkFolders(root, parts, parts.length);
    const after = await lstat(path);
    if (after.ino !== before.ino || after.dev !== before.dev) throw linkRefused(root, relativeDir || 'the top folder');
    return dir;
  } catch (error) {
    await dir.close().catch(() => undefined);
    throw fsFailure(error, root.where, relativeDir || 'the top folder');
  }
}

export interface StickReadOptions {
  /** A lower cap than the kind's own, for callers that expect less. Never raises the cap. */
  readonly maxBytes?: number;
}

/** Reads a whole regular file from the stick, refusing it once it passes the cap for its kind. */
export async function readStickFile(root: StickRoot, relativePath: string, kind: StickFileKind, options: StickReadOptions = {}): Promise<Uint8Array> {
  const cap = Math.min(STICK_FILE_CAPS[kind], options.maxBytes ?? Number.POSITIVE_INFINITY);
  const file = await openStickFile(root, relativePath);
  try {
    if (file.size > cap) throw tooLarge(root, relativePath, cap, false);
    const chunks: Buffer[] = [];
    let total = 0;
    // Read past fstat's size on purpose: a file that grows, or a filesystem that reports a wrong size, is
    // still held to the cap. Each buffer is sized to what fstat says is left (plus a little to see growth), not
    // to a whole chunk: a job reads many small files, and a zero-filled MiB for each was a measurable cost.
    for (;;) {
      const want = Math.min(READ_CHUNK, cap + 1 - total, Math.max(file.size - total + 1, GROWTH_PROBE));
      const buffer = Buffer.alloc(want);
      const { bytesRead } = await file.handle.read(buffer, 0, want, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > cap) throw tooLarge(root, relativePath, cap, true);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } catch (error) {
    throw fsFailure(error, root.where, relativePath);
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

/** SHA-256 and size of a regular file on the stick, read in chunks and held to the cap for its kind like a read. */
export async function hashStickFile(root: StickRoot, relativePath: string, kind: StickFileKind): Promise<{ sha256: string; size: number }> {
  const cap = STICK_FILE_CAPS[kind];
  const file = await openStickFile(root, relativePath);
  try {
    if (file.size > cap) throw tooLarge(root, relativePath, cap, false);
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(Math.min(READ_CHUNK, cap + 1));
    let total = 0;
    for (;;) {
      const { bytesRead } = await file.handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > cap) throw tooLarge(root, relativePath, cap, true);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return { sha256: hash.digest('hex'), size: total };
  } catch (error) {
    throw fsFailure(error, root.where, relativePath);
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

/** The first `limit` bytes of a regular file on the stick (fewer if it is shorter), and its size at open. */
export async function readStickFileHead(root: StickRoot, relativePath: string, limit: number): Promise<{ bytes: Uint8Array; size: number }> {
  const file = await openStickFile(root, relativePath);
  try {
    const buffer = Buffer.alloc(limit);
    let filled = 0;
    while (filled < limit) {
      const { bytesRead } = await file.handle.read(buffer, filled, limit - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: new Uint8Array(buffer.subarray(0, filled)), size: file.size };
  } catch (error) {
    throw fsFailure(error, root.where, relativePath);
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

/**
 * Makes sure a folder exists on the stick (e.g. "STRONGROOM"), creating each missing component one at a time,
 * and refuses if any component is a link, not a folder, or on another filesystem. Returns its absolute path.
 */
export async function ensureStickDirectory(root: StickRoot, relativeDir: string): Promise<string> {
  const parts = splitRelative(root, relativeDir);
  let path = root.path;
  for (let i = 0; i < parts.length; i += 1) {
    path = join(path, parts[i]!);
    const shown = parts.slice(0, i + 1).join('/');
    try {
      // Not recursive: mkdir -p would walk through a link the component check has not seen yet.
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailure(error, root.where, shown);
    }
    await checkFolders(root, parts, i + 1);
  }
  return path;
}

/**
 * Checks where a file on the stick would go (every folder real, on the stick) and that the name, if it exists,
 * is a regular file and not a link; returns the absolute path for a rename or unlink there.
 */
export async function checkStickPath(root: StickRoot, relativePath: string): Promise<string> {
  const { path } = await pathInCheckedFolders(root, relativePath);
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw fsFailure(error, root.where, relativePath);
  }
  requireOnStick(root, info, relativePath, 'file');
  return path;
}

/**
 * Opens a file on the stick for writing without following links: `create-new` fails if the name exists (temp
 * files), `replace` truncates an existing regular file. The parent folders must already be real folders on the
 * stick (see ensureStickDirectory). An OS error of the open itself (full, read-only, gone) is passed on unchanged,
 * so the atomic writer can say what it means for the generation already on the stick.
 */
export async function openStickFileForWriting(root: StickRoot, relativePath: string, mode: 'create-new' | 'replace'): Promise<FileHandle> {
  await checkStickPath(root, relativePath);
  const path = join(root.path, ...relativePath.split('/'));
  const flags = constants.O_WRONLY | constants.O_CREAT | NOFOLLOW | NONBLOCK | (mode === 'create-new' ? constants.O_EXCL : constants.O_TRUNC);
  let handle: FileHandle;
  try {
    handle = await open(path, flags, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new StrongroomError(ErrorCode.MediumWriteFailed, `${relativePath} already exists on ${root.where}; nothing was written. Try again.`, { path: relativePath });
    }
    if (code === 'ELOOP') throw linkRefused(root, relativePath);
    // A full, read-only or vanished stick: passed on as the OS said it, for the writer to explain what is left.
    throw error;
  }
  try {
    const info = await handle.stat();
    requireOnStick(root, info, relativePath, 'file');
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw fsFailure(error, root.where, relativePath);
  }
}
