import type { DriveWatcher } from '../platform/drive-watcher';

/**
 * Lets the renderer follow drives as they come and go without polling: a request waits until the drive list
 * changes (or a timeout passes). The watcher runs only while at least one request is waiting, so an idle kiosk
 * enumerates nothing.
 */
export class MediaChangeFeed {
  private version = 1;
  private readonly waiters = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private primed = false;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly watcher: DriveWatcher | null) {}

  get currentVersion(): number {
    return this.version;
  }

  /** Something this process did changed what a stick holds (label, write, wipe, eject). */
  bump(): void {
    this.version += 1;
    for (const wake of [...this.waiters]) wake();
  }

  async waitForChange(sinceVersion: number, timeoutMs: number): Promise<number> {
    if (this.version > sinceVersion) return this.version;
    // Without a watcher only this process's own changes (bump) wake the request early.
    if (this.watcher) this.ensureWatching();
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        if (this.waiters.size === 0) this.stopSoon();
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
    return this.version;
  }

  close(): void {
    for (const wake of [...this.waiters]) wake();
    this.stopWatching();
  }

  /**
   * The renderer asks again right after each answer; keeping the watcher a little longer means a stick inserted
   * in between is still seen as a change rather than taken as the starting list.
   */
  private stopSoon(): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      if (this.waiters.size === 0) this.stopWatching();
    }, 15_000);
    this.stopTimer.unref?.();
  }

  private ensureWatching(): void {
    if (this.stopTimer) {
      clearTimeout(this.stopTimer);
      this.stopTimer = null;
    }
    if (this.unsubscribe || !this.watcher) return;
    this.primed = false;
    this.unsubscribe = this.watcher.on('changed', () => {
      // The first report after subscribing is the current list, not a change.
      if (!this.primed) {
        this.primed = true;
        return;
      }
      this.bump();
    });
  }

  private stopWatching(): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
