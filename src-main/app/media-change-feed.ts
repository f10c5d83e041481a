import type { DriveWatcher } from '../platform/drive-watcher';

/** How often a waiting window looks for catalog changes made by another Strongroom process (a CLI command). */
const OTHER_PROCESS_POLL_MS = 1000;

/**
 * Lets the renderer follow drives as they come and go without polling: a request waits until the drive list
 * changes (or a timeout passes). The watcher runs only while at least one request is waiting, so an idle kiosk
 * enumerates nothing. Three things move the feed on: a drive coming or going (the watcher), a change this process
 * made (bump), and a catalog change another process committed (`othersChanged`, read while a request waits): a
 * stick labelled or written by `strongroom` beside an open window shows there within a second.
 */
export class MediaChangeFeed {
  private version = 1;
  private readonly waiters = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private primed = false;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  private othersTimer: ReturnType<typeof setTimeout> | null = null;
  private othersSeen: number | null = null;

  constructor(
    private readonly watcher: DriveWatcher | null,
    private readonly othersChanged: (() => number) | null = null,
    private readonly othersPollMs = OTHER_PROCESS_POLL_MS,
  ) {}

  get currentVersion(): number {
    return this.version;
  }

  /** Something this process did changed what a stick holds (label, write, wipe, eject). */
  bump(): void {
    this.version += 1;
    for (const wake of [...this.waiters]) wake();
  }

  async waitForChange(sinceVersion: number, timeoutMs: number): Promise<number> {
    if (this.othersMoved()) this.bump();
    if (this.version > sinceVersion) return this.version;
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
      this.watchOthers();
    });
    return this.version;
  }

  close(): void {
    for (const wake of [...this.waiters]) wake();
    this.stopWatching();
    if (this.othersTimer) clearTimeout(this.othersTimer);
    this.othersTimer = null;
  }

  /** True once another process has committed to the catalog since the last look (the first look only remembers). */
  private othersMoved(): boolean {
    if (!this.othersChanged) return false;
    const now = this.othersChanged();
    const moved = this.othersSeen !== null && now !== this.othersSeen;
    this.othersSeen = now;
    return moved;
  }

  /** A chain of timeouts, only while a request waits: an idle kiosk reads nothing. */
  private watchOthers(): void {
    if (!this.othersChanged || this.othersTimer) return;
    this.othersTimer = setTimeout(() => {
      this.othersTimer = null;
      if (this.waiters.size === 0) return;
      if (this.othersMoved()) this.bump();
      if (this.waiters.size > 0) this.watchOthers();
    }, this.othersPollMs);
    this.othersTimer.unref?.();
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
