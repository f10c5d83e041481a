import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { writeFileAtomically } from './atomic-file-writer';

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

/**
 * Writes a document that holds no secret (a report, labels, a sheet) to a path on the kiosk, beside its final name
 * and renamed into place, so a full disk or a cut write never leaves half a document under that name and an earlier
 * file there stays whole. A failure says where and why, in words for the kiosk's disk, not a stick's.
 */
export async function writeKioskFile(path: string, bytes: Uint8Array, what = 'The document'): Promise<void> {
  try {
    await writeFileAtomically(dirname(path), basename(path), bytes);
  } catch (error) {
    throw new StrongroomError(
      ErrorCode.FileNotSaved,
      `${what} could not be saved to ${path} (${osCode(error)}); nothing was written under that name. Check that the folder is writable and has space, or choose another.`,
      { path },
    );
  }
}

/** The OS's code for what failed; the atomic writer words its errors for sticks, so only its code is taken. */
export function osCode(error: unknown): string {
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
