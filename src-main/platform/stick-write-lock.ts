import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { sha256Hex } from '../core/sha256';

/**
 * One writer per physical stick. Two writes to one stick at once (a double click, two windows, the CLI beside
 * the window) would interleave their staging and commits, so every write path holds this lock for the stick's
 * device identity while it writes. It is a file in the kiosk's app-data folder, not on the stick: a stick may be
 * read-only or hostile, and the lock must hold across processes of this kiosk.
 *
 * The lock file names its holder (pid and the process's start time); one whose process is gone, or whose pid now
 * belongs to a later process, is stale and is taken over, so a killed process never blocks a stick for ever.
 */
export interface StickWriteLocks {
  /** Holds the lock of every identity for the duration of `work`; refuses at once when one is held elsewhere. */
  hold<T>(sticks: readonly LockedStick[], work: () => Promise<T>): Promise<T>;
}

export interface LockedStick {
  /** identityKey() of the physical device. */
  readonly identity: string;
  /** How the custodian knows it: a medium id, else the device. */
  readonly name: string;
}

interface LockHolder {
  readonly pid: number;
  /** The process's start time as the OS gives it (Linux clock ticks since boot); null where it cannot be read. */
  readonly started: string | null;
  readonly since: string;
}

export class FileStickWriteLocks implements StickWriteLocks {
  constructor(private readonly folder: string) {}

  async hold<T>(sticks: readonly LockedStick[], work: () => Promise<T>): Promise<T> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const taken: string[] = [];
    try {
      const unique = [...new Map(sticks.map((s) => [s.identity, s])).values()];
      for (const stick of unique) {
        const path = this.pathOf(stick.identity);
        await this.take(path, stick.name);
        taken.push(path);
      }
      return await work();
    } finally {
      for (const path of taken.reverse()) await unlink(path).catch(() => undefined);
    }
  }

  private pathOf(identity: string): string {
    return join(this.folder, `${sha256Hex(identity).slice(0, 32)}.lock`);
  }

  /**
   * The holder is written to a file of its own and then linked to the lock's name: link() fails when the name
   * exists, like an O_EXCL create, and a reader never sees a lock file without its holder.
   */
  private async take(path: string, name: string): Promise<void> {
    const own: LockHolder = { pid: process.pid, started: startTimeOf(process.pid), since: new Date().toISOString() };
    const draft = `${path}.${randomBytes(6).toString('hex')}.draft`;
    await writeFile(draft, JSON.stringify(own), { flag: 'wx', mode: 0o600 });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await link(draft, path);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const seen = await readFile(path, 'utf8').catch(() => null);
        if (seen === null) continue; // released between the two calls
        if (!isStale(seen)) break;
        // Taken over only if it is still the same stale holder: another process may have taken it over just now.
        const again = await readFile(path, 'utf8').catch(() => null);
        if (again === seen) await unlink(path).catch(() => undefined);
      }
    } finally {
      await unlink(draft).catch(() => undefined);
    }
    throw new StrongroomError(ErrorCode.StickBusy, `${name} is being written by another Strongroom window or command; wait for it to finish, then try again.`, { medium: name });
  }
}

function isStale(text: string): boolean {
  let holder: LockHolder;
  try {
    holder = JSON.parse(text) as LockHolder;
  } catch {
    // Written whole before it is linked, so an unreadable lock was not made by Strongroom: it holds nothing.
    return true;
  }
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return true;
  if (!processAlive(holder.pid)) return true;
  const started = startTimeOf(holder.pid);
  return holder.started !== null && started !== null && started !== holder.started;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process its parent has not yet reaped still answers signals, but holds nothing any more.
  return statFields(pid)?.[0] !== 'Z';
}

/** Field 22 of /proc/PID/stat (counted after the parenthesised name, which may itself hold spaces). */
function startTimeOf(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** The fields of /proc/PID/stat from the state on; null off Linux or when the process is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
