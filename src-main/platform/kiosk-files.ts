import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { nodeWriterFs, writeFileAtomically, type WriterFs } from './atomic-file-writer';

/**
 * Files on the kiosk's own disk that hold no secret: account listings brought in to import, verification reports
 * kept beside the catalog, documents without secrets saved where the custodian asks. app/ and cli/ reach the
 * file system only through platform/, so what touches which disk stays in one place.
 */

/** A text file a custodian names (an account listing); refused whole when larger than `maxBytes`. */
export async function readKioskTextFile(path: string, maxBytes: number): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > maxBytes) {
      throw new StrongroomError(ErrorCode.ImportUnreadable, `${path} is ${info.size} bytes; an account listing is at most ${maxBytes}. Check that this is the right file.`);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof StrongroomError) throw error;
    throw new StrongroomError(ErrorCode.ImportUnreadable, `The file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** How a kiosk file that cannot be saved is explained, from the OS's code for what failed. */
export type KioskWriteFailure = (path: string, code: string) => string;

export interface KioskWriteOptions {
  /** Make the file's folder first when it is missing (the reports folder, a copy's folder). */
  readonly makeFolder?: boolean;
  readonly fs?: WriterFs;
}

/** A document's words when it cannot be saved; `what` names it: "The stick labels". */
export const documentNotSaved =
  (what = 'The document'): KioskWriteFailure =>
  (path, code) =>
    `${what} could not be saved to ${path} (${code}); nothing was written under that name. Check that the folder is writable and has space, or choose another.`;

/**
 * Writes a file that holds no secret (a report, labels, a sheet) to a path on the kiosk, beside its final name and
 * renamed into place, so a full disk or a cut write never leaves half a file under that name and an earlier file
 * there stays whole. A failure is one FILE_NOT_SAVED in the caller's words, for the kiosk's disk, not a stick's.
 */
export async function writeKioskFile(path: string, bytes: Uint8Array, failure: KioskWriteFailure = documentNotSaved(), options: KioskWriteOptions = {}): Promise<void> {
  try {
    if (options.makeFolder) await ensureKioskFolder(dirname(path));
    await writeFileAtomically(dirname(path), basename(path), bytes, { fs: options.fs ?? nodeWriterFs });
  } catch (error) {
    throw new StrongroomError(ErrorCode.FileNotSaved, failure(path, osCode(error)), { path });
  }
}

/** The OS's code for what failed; the atomic writer words its errors for sticks, so only its code is taken. */
function osCode(error: unknown): string {
  if (error instanceof StrongroomError) {
    const errno = error.details['errno'];
    return typeof errno === 'string' && errno !== '' ? errno : error.code;
  }
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

export async function ensureKioskFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

/** The folder with links resolved, or null when it does not exist. */
export async function resolvedFolder(path: string): Promise<string | null> {
  return realpath(path).catch(() => null);
}
