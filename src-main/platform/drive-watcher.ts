import type { DriveEnumerator, DriveInfo } from './drive-enumerator';

/**
 * Keeps the list of drives current while someone (the media screen) is watching. A USB attach/detach event
 * triggers a re-enumeration after a short debounce (one stick fires several events, and its partitions appear
 * a moment later); a slow poll catches what USB events cannot see: a partition being mounted or unmounted, or
 * a machine where USB hotplug is unavailable. Where the OS offers its mount table as a file (Linux), a quick,
 * spawn-free read of it notices a mount or unmount within a fraction of a second and re-lists at once, so a stick
 * mounted after its USB event appears without waiting for the poll. Nothing runs while nobody listens.
 */
export interface HotplugSource {
  on(event: 'attach' | 'detach', listener: () => void): void;
  off(event: 'attach' | 'detach', listener: () => void): void;
}

/**
 * The `usb` package's hotplug events, or null when the native module or libusb is unavailable (then the watcher
 * polls only). Loaded lazily so a kiosk without libusb still starts.
 */
export async function loadUsbHotplug(): Promise<HotplugSource | null> {
  try {
    const { usb } = await import('usb');
    return {
      on: (event, listener) => void usb.on(event, listener),
      off: (event, listener) => void usb.off(event, listener),
    };
  } catch {
    return null;
  }
}

export interface DriveWatcherOptions {
  readonly hotplug?: HotplugSource | null;
  /** Wait after the last USB event before enumerating. */
  readonly debounceMs?: number;
  /** Fallback poll interval while someone is watching. */
  readonly pollMs?: number;
  /** The OS's mount table as text (Linux: /proc/self/mountinfo); a change re-lists the drives at once. */
  readonly mountTable?: (() => Promise<string>) | null;
  /** How often the mount table is read while someone is watching. */
  readonly mountCheckMs?: number;
}

type ChangedListener = (drives: readonly DriveInfo[]) => void;
type ErrorListener = (error: unknown) => void;

export class DriveWatcher {
  private readonly hotplug: HotplugSource | null;
  private readonly debounceMs: number;
  private readonly pollMs: number;
  private readonly changedListeners = new Set<ChangedListener>();
  private readonly errorListeners = new Set<ErrorListener>();
  private last: { readonly drives: readonly DriveInfo[]; readonly fingerprint: string } | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly mountTable: (() => Promise<string>) | null;
  private readonly mountCheckMs: number;
  private mountTimer: ReturnType<typeof setTimeout> | null = null;
  private lastMountTable: string | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private readonly onHotplug = (): void => this.scheduleDebounced();

  constructor(
    private readonly enumerator: DriveEnumerator,
    options: DriveWatcherOptions = {},
  ) {
    this.hotplug = options.hotplug ?? null;
    this.debounceMs = options.debounceMs ?? 400;
    this.pollMs = options.pollMs ?? 2000;
    this.mountTable = options.mountTable ?? null;
    this.mountCheckMs = options.mountCheckMs ?? 200;
  }

  /** The last list seen, or null before the first enumeration (and after everyone stopped watching). */
  get current(): readonly DriveInfo[] | null {
    return this.last?.drives ?? null;
  }

  get watching(): boolean {
    return this.changedListeners.size > 0;
  }

  /** Subscribes; the first subscriber starts watching. Returns the unsubscribe function. */
  on(event: 'changed', listener: ChangedListener): () => void;
  on(event: 'error', listener: ErrorListener): () => void;
  on(event: 'changed' | 'error', listener: ChangedListener | ErrorListener): () => void {
    if (event === 'error') {
      this.errorListeners.add(listener as ErrorListener);
      return () => this.errorListeners.delete(listener as ErrorListener);
    }
    const wasWatching = this.watching;
    this.changedListeners.add(listener as ChangedListener);
    if (!wasWatching) this.start();
    return () => this.off('changed', listener as ChangedListener);
  }

  off(event: 'changed', listener: ChangedListener): void;
  off(event: 'error', listener: ErrorListener): void;
  off(event: 'changed' | 'error', listener: ChangedListener | ErrorListener): void {
    if (event === 'error') {
      this.errorListeners.delete(listener as ErrorListener);
      return;
    }
    if (this.changedListeners.delete(listener as ChangedListener) && !this.watching) this.stop();
  }

  /** Re-enumerate now (after a format or a write, when the caller knows the list changed). */
  refresh(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.enumerateLoop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private start(): void {
    this.hotplug?.on('attach', this.onHotplug);
    this.hotplug?.on('detach', this.onHotplug);
    void this.refresh().then(() => this.schedulePoll());
    this.scheduleMountCheck(0);
  }

  private stop(): void {
    this.hotplug?.off('attach', this.onHotplug);
    this.hotplug?.off('detach', this.onHotplug);
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.mountTimer) clearTimeout(this.mountTimer);
    this.debounceTimer = null;
    this.pollTimer = null;
    this.mountTimer = null;
    this.lastMountTable = null;
    // The next watcher must receive the list it starts with, not only later changes.
    this.last = null;
  }

  private scheduleDebounced(): void {
    if (!this.watching) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.refresh();
    }, this.debounceMs);
  }

  /** A chain of timeouts rather than an interval: a slow enumeration never stacks up behind itself. */
  private schedulePoll(): void {
    if (!this.watching || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.refresh().then(() => this.schedulePoll());
    }, this.pollMs);
  }

  /**
   * Reads the mount table on a short chain of timeouts; a table unlike the last one re-lists now. The first read
   * only sets the baseline (the first enumeration runs anyway). A table that cannot be read ends the checks: the
   * poll still covers mounts, as on a system without the file.
   */
  private scheduleMountCheck(delayMs = this.mountCheckMs): void {
    const read = this.mountTable;
    if (!read || !this.watching || this.mountTimer) return;
    this.mountTimer = setTimeout(() => {
      void read().then(
        (table) => {
          this.mountTimer = null;
          if (!this.watching) return;
          const changed = this.lastMountTable !== null && table !== this.lastMountTable;
          this.lastMountTable = table;
          if (changed) void this.refresh();
          this.scheduleMountCheck();
        },
        () => {
          this.mountTimer = null;
        },
      );
    }, delayMs);
  }

  private async enumerateLoop(): Promise<void> {
    do {
      this.rerun = false;
      let drives: DriveInfo[];
      try {
        drives = await this.enumerator.list();
      } catch (error) {
        for (const listener of [...this.errorListeners]) listener(error);
        continue;
      }
      if (!this.watching) return;
      const fingerprint = fingerprintOf(drives);
      if (this.last?.fingerprint === fingerprint) continue;
      this.last = { drives, fingerprint };
      for (const listener of [...this.changedListeners]) listener(drives);
    } while (this.rerun);
  }
}

/** Order-independent: the OS may list the same sticks in a different order from one call to the next. */
function fingerprintOf(drives: readonly DriveInfo[]): string {
  return JSON.stringify([...drives].sort((a, b) => a.devicePath.localeCompare(b.devicePath)));
}
