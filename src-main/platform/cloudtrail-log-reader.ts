import { sha256Hex } from '../core/sha256';
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Reads CloudTrail log files from folders and sticks the kiosk does not trust. Logs hold no secret, but the
 * stick may be hostile: symbolic links are not followed (they could point at the kiosk's own files), anything
 * that is not a regular file is left alone (a FIFO would block the read forever), and every size is capped —
 * the file, what gzip may expand it to (a few kilobytes can inflate to gigabytes), the number of files and
 * the total read.
 */

export const CLOUDTRAIL_LIMITS = {
  /** A CloudTrail delivery file is a few megabytes at most. */
  maxFileBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxFiles: 20_000,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  /** S3 keys nest AWSLogs/<org>/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>: eight levels and some margin. */
  maxFolderDepth: 12,
} as const;

export type CloudTrailLimits = { readonly [K in keyof typeof CLOUDTRAIL_LIMITS]: number };

export interface LogFileRead {
  /** The path as given or found, for the report and the audit event. */
  readonly path: string;
  /** SHA-256 of the bytes on the stick (before decompression). */
  readonly sha256: string;
  readonly bytes: number;
  readonly gzipped: boolean;
  readonly text: string;
}

export interface LogFileSkipped {
  readonly path: string;
  readonly reason: string;
}

export interface LogFileCollection {
  readonly files: readonly LogFileRead[];
  readonly skipped: readonly LogFileSkipped[];
}

/** The reading side of the port, so the desk can be tested on fakes and the CLI and window share one reader. */
export interface CloudTrailLogReader {
  collect(paths: readonly string[]): Promise<LogFileCollection>;
}

const LOG_NAME = /\.json(\.gz)?$/i;
const GZIP_MAGIC = [0x1f, 0x8b];

function mebibytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${Math.round(bytes / (1024 * 1024))} MiB`;
}

export class NodeCloudTrailLogReader implements CloudTrailLogReader {
  constructor(private readonly limits: CloudTrailLimits = CLOUDTRAIL_LIMITS) {}

  async collect(paths: readonly string[]): Promise<LogFileCollection> {
    const files: LogFileRead[] = [];
    const skipped: LogFileSkipped[] = [];
    const state = { files: 0, total: 0 };
    const visit = async (path: string, depth: number, named: boolean): Promise<void> => {
      let info;
      try {
        info = await lstat(path);
      } catch (error) {
        skipped.push({ path, reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
        return;
      }
      if (info.isSymbolicLink()) {
        skipped.push({ path, reason: 'it is a symbolic link, which Strongroom never follows on a stick' });
        return;
      }
      if (info.isDirectory()) {
        if (depth >= this.limits.maxFolderDepth) {
          skipped.push({ path, reason: `it is more than ${this.limits.maxFolderDepth} folders deep` });
          return;
        }
        // Strongroom's own folder on a custody stick holds the vault or seeds, never logs.
        if (!named && basename(path) === 'STRONGROOM') return;
        let entries: string[];
        try {
          entries = (await readdir(path)).sort();
        } catch (error) {
          skipped.push({ path, reason: `the folder cannot be listed (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
          return;
        }
        for (const entry of entries) await visit(join(path, entry), depth + 1, false);
        return;
      }
      if (!info.isFile()) {
        skipped.push({ path, reason: 'it is not a regular file' });
        return;
      }
      // Inside folders only log files are read; a file named on the command line is read whatever its name.
      if (!named && !LOG_NAME.test(path)) return;
      if (state.files >= this.limits.maxFiles) {
        skipped.push({ path, reason: `more than ${this.limits.maxFiles} log files were given; read the rest in another run` });
        return;
      }
      if (info.size > this.limits.maxFileBytes) {
        skipped.push({ path, reason: `it is ${mebibytes(info.size)}, larger than any CloudTrail log file (${mebibytes(this.limits.maxFileBytes)} at most)` });
        return;
      }
      if (state.total + info.size > this.limits.maxTotalBytes) {
        skipped.push({ path, reason: `the files given add up to more than ${mebibytes(this.limits.maxTotalBytes)}; read the rest in another run` });
        return;
      }
      const read = await this.readOne(path);
      if ('reason' in read) {
        skipped.push(read);
        return;
      }
      state.files += 1;
      state.total += read.bytes;
      files.push(read);
    };
    for (const path of paths) await visit(path, 0, true);
    return { files, skipped };
  }

  private async readOne(path: string): Promise<LogFileRead | LogFileSkipped> {
    let handle;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      return { path, reason: `it cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { path, reason: 'it is not a regular file' };
      // Read at most one byte past the cap, so a file that grew after lstat is still refused.
      const buffer = Buffer.alloc(Math.min(info.size, this.limits.maxFileBytes) + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === buffer.length) break;
      }
      if (length > this.limits.maxFileBytes) return { path, reason: `it is larger than ${mebibytes(this.limits.maxFileBytes)}` };
      const raw = buffer.subarray(0, length);
      const sha256 = sha256Hex(raw);
      const gzipped = raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1];
      let content: Buffer = raw;
      if (gzipped) {
        try {
          content = gunzipSync(raw, { maxOutputLength: this.limits.maxDecompressedBytes });
        } catch (error) {
          const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
          return {
            path,
            reason: tooLarge
              ? `it expands to more than ${mebibytes(this.limits.maxDecompressedBytes)} when unzipped, which no CloudTrail file does`
              : 'it looks gzipped but does not unzip (damaged or cut short)',
          };
        }
      }
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
      try {
        return { path, sha256, bytes: length, gzipped, text: text.decode(content) };
      } catch {
        return { path, reason: 'it is not UTF-8 text, as every CloudTrail file is' };
      }
    } finally {
      await handle.close();
    }
  }
}

export const nodeCloudTrailLogReader: CloudTrailLogReader = new NodeCloudTrailLogReader();
