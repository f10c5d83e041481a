import type { Stats } from 'node:fs';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * The refusals of platform/stick-files, each in words a custodian can act on: a link, another filesystem, a file
 * that is not ordinary or too large, and what an OS error on a stick means (never a bare errno).
 */

const MiB = 1024 * 1024;

/** All a refusal needs of the stick's root: how messages name the place. */
interface StickPlaceName {
  readonly where: string;
}

export function linkRefused(root: StickPlaceName, shown: string): StrongroomError {
  return new StrongroomError(
    ErrorCode.MediumLinkRefused,
    `${shown} on ${root.where} is a link to somewhere else, not a real file or folder. ` +
      'Strongroom never follows links on a stick: what it reads or writes there could be on the kiosk instead. Do not use this stick until a custodian has checked it.',
    { path: shown },
  );
}

export function elsewhere(root: StickPlaceName, shown: string): StrongroomError {
  return new StrongroomError(
    ErrorCode.MediumFileElsewhere,
    `${shown} on ${root.where} is not on the stick's own filesystem (another filesystem is mounted there). Strongroom reads and writes only the stick itself; do not use it until a custodian has checked it.`,
    { path: shown },
  );
}

export function notRegular(root: StickPlaceName, shown: string, info: Stats): StrongroomError {
  const what = info.isDirectory()
    ? 'a folder'
    : info.isFIFO()
      ? 'a named pipe'
      : info.isSocket()
        ? 'a socket'
        : info.isCharacterDevice() || info.isBlockDevice()
          ? 'a device'
          : 'not an ordinary file';
  return new StrongroomError(
    ErrorCode.MediumFileNotRegular,
    `${shown} on ${root.where} is ${what}, not an ordinary file, so Strongroom did not read it. Use another replica and have a custodian check this stick.`,
    { path: shown },
  );
}

export function tooLarge(root: StickPlaceName, shown: string, cap: number, grew: boolean): StrongroomError {
  return new StrongroomError(
    ErrorCode.MediumFileTooLarge,
    `${shown} on ${root.where} ${grew ? 'kept growing while it was read and passed' : 'is larger than'} ${describeBytes(cap)}, more than Strongroom ever writes there, so it was not read. ` +
      'Use another replica and have a custodian check this stick.',
    { path: shown, capBytes: cap },
  );
}

function describeBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${bytes} bytes`;
}

/** What an OS error on a stick means for the custodian; never a bare errno. */
export function fsFailure(error: unknown, where: string, shown: string): StrongroomError {
  if (error instanceof StrongroomError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new StrongroomError(ErrorCode.MediumFileMissing, `${shown} is not on ${where}.`, { path: shown });
    case 'ELOOP':
      return new StrongroomError(ErrorCode.MediumLinkRefused, `${shown} on ${where} is a link to somewhere else; Strongroom never follows links on a stick. Do not use this stick until a custodian has checked it.`, { path: shown });
    case 'EACCES':
    case 'EPERM':
      return new StrongroomError(ErrorCode.MediumUnreadable, `${shown} on ${where} cannot be opened: permission denied. Reinsert the stick; if it repeats, use another replica.`, { path: shown });
    // The device itself is gone (a FUSE mount whose daemon died answers ENOTCONN, a pulled stick ENODEV or ENXIO):
    // the same fact, and the same code, whether the step that met it was a read or a write.
    case 'ENOTCONN':
    case 'ENODEV':
    case 'ENXIO':
    case 'ESHUTDOWN':
    case 'ECONNABORTED':
      return new StrongroomError(ErrorCode.MediumLost, `${shown} on ${where} cannot be reached: the stick went away (pulled out) or stopped responding. Plug it in again; if it repeats, use another replica.`, { path: shown });
    case 'EIO':
      return new StrongroomError(ErrorCode.MediumUnreadable, `${shown} on ${where} cannot be read: the stick may be failing or was pulled out. Reinsert it; if it repeats, use another replica.`, { path: shown });
    default:
      return new StrongroomError(ErrorCode.MediumUnreadable, `${shown} on ${where} cannot be read (${code ?? 'unknown error'}). Reinsert the stick; if it repeats, use another replica.`, { path: shown });
  }
}

/** What an OS error while creating something on a stick means; never a bare errno. */
export function writeFailure(error: unknown, where: string, shown: string): StrongroomError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new StrongroomError(ErrorCode.MediumReadOnly, `${shown} cannot be created on ${where}: the stick is read-only. Nothing was written; check its write-protect switch, or use another stick.`, { path: shown });
    case 'ENOSPC':
    case 'EDQUOT':
      return new StrongroomError(ErrorCode.MediumFull, `${shown} cannot be created on ${where}: the stick is full. Nothing was written; use a bigger stick or remove files that do not belong there.`, { path: shown });
    case 'EIO':
    case 'ENOTCONN':
    case 'ENODEV':
    case 'ENXIO':
    case 'ENOENT':
      return new StrongroomError(ErrorCode.MediumLost, `${shown} cannot be created on ${where}: the stick went away or stopped responding. Nothing was written; plug it in again and let Strongroom check it.`, { path: shown });
    default:
      return fsFailure(error, where, shown);
  }
}
