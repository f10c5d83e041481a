import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DriveEnumerator, DriveInfo } from '../../src-main/platform/drive-enumerator';
import { DriveWatcher, type HotplugSource } from '../../src-main/platform/drive-watcher';

function stick(name: string, mountpoints: string[] = [`/media/${name}`]): DriveInfo {
  return {
    devicePath: `/dev/${name}`,
    identity: { source: 'usb-serial', value: name.toUpperCase() },
    usb: null,
    model: 'Stick',
    vendor: null,
    sizeBytes: 1000,
    removable: true,
    hotplug: true,
    readOnly: false,
    transport: 'usb',
    system: false,
    systemReasons: [],
    partitions: [{ devicePath: `/dev/${name}1`, number: 1, filesystem: 'exfat', label: null, uuid: null, sizeBytes: 1000, mountpoints, readOnly: false }],
    practice: false,
    allowedBy: null,
  };
}

/** An enumerator whose answer the test sets, counting how often it is asked. */
class FakeEnumerator implements DriveEnumerator {
  readonly implementation = 'linux' as const;
  readonly allowances = [] as const;
  drives: DriveInfo[] = [];
  failWith: Error | null = null;
  calls = 0;
  async list(): Promise<DriveInfo[]> {
    this.calls += 1;
    if (this.failWith) throw this.failWith;
    return [...this.drives];
  }
}

class FakeHotplug implements HotplugSource {
  readonly listeners = new Map<string, Set<() => void>>();
  on(event: 'attach' | 'detach', listener: () => void): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(listener);
  }
  off(event: 'attach' | 'detach', listener: () => void): void {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: 'attach' | 'detach'): void {
    for (const l of this.listeners.get(event) ?? []) l();
  }
  get listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DriveWatcher', () => {
  it('does nothing at all while nobody is watching', async () => {
    const enumerator = new FakeEnumerator();
    const hotplug = new FakeHotplug();
    new DriveWatcher(enumerator, { hotplug, pollMs: 2000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(enumerator.calls).toBe(0);
    expect(hotplug.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives the first watcher the current list, then reports only changes', async () => {
    const enumerator = new FakeEnumerator();
    enumerator.drives = [stick('sdb')];
    const watcher = new DriveWatcher(enumerator, { hotplug: null, pollMs: 2000 });
    const seen: string[][] = [];
    watcher.on('changed', (drives) => seen.push(drives.map((d) => d.devicePath)));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([['/dev/sdb']]);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(enumerator.calls).toBeGreaterThan(1);
    expect(seen).toEqual([['/dev/sdb']]);

    enumerator.drives = [stick('sdb'), stick('sdc')];
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual([['/dev/sdb'], ['/dev/sdb', '/dev/sdc']]);
  });

  it('notices a partition being mounted, which no USB event announces', async () => {
    const enumerator = new FakeEnumerator();
    enumerator.drives = [stick('sdb', [])];
    const watcher = new DriveWatcher(enumerator, { hotplug: new FakeHotplug(), pollMs: 2000 });
    const seen: (readonly DriveInfo[])[] = [];
    watcher.on('changed', (drives) => seen.push(drives));
    await vi.advanceTimersByTimeAsync(0);
    enumerator.drives = [stick('sdb', ['/media/kiosk/VAULT02'])];
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen.map((list) => list[0]?.partitions[0]?.mountpoints)).toEqual([[], ['/media/kiosk/VAULT02']]);
  });

  it('re-lists within a mount check when the mount table changes, long before the poll', async () => {
    const enumerator = new FakeEnumerator();
    enumerator.drives = [stick('sdb', [])];
    let table = '36 25 0:31 / / rw - ext4 /dev/sda1 rw\n';
    const reads = { count: 0 };
    const mountTable = async () => (reads.count++, table);
    const watcher = new DriveWatcher(enumerator, { hotplug: new FakeHotplug(), pollMs: 60_000, mountTable, mountCheckMs: 200 });
    const seen: (readonly DriveInfo[])[] = [];
    const stop = watcher.on('changed', (drives) => seen.push(drives));
    await vi.advanceTimersByTimeAsync(1000);
    // An unchanged table lists nothing: only the first enumeration has run.
    expect(enumerator.calls).toBe(1);
    expect(reads.count).toBeGreaterThanOrEqual(5);

    enumerator.drives = [stick('sdb', ['/media/kiosk/VAULT02'])];
    table += '90 36 0:52 / /media/kiosk/VAULT02 rw - fuseblk /dev/sdb1 rw\n';
    await vi.advanceTimersByTimeAsync(200);
    expect(enumerator.calls).toBe(2);
    expect(seen.map((list) => list[0]?.partitions[0]?.mountpoints)).toEqual([[], ['/media/kiosk/VAULT02']]);

    stop();
    const readsWhenStopped = reads.count;
    await vi.advanceTimersByTimeAsync(5000);
    expect(reads.count).toBe(readsWhenStopped);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops reading a mount table that cannot be read, and the poll still notices the mount', async () => {
    const enumerator = new FakeEnumerator();
    enumerator.drives = [stick('sdb', [])];
    const reads = { count: 0 };
    const mountTable = async () => {
      reads.count += 1;
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    };
    const watcher = new DriveWatcher(enumerator, { hotplug: null, pollMs: 2000, mountTable, mountCheckMs: 200 });
    const seen: (readonly DriveInfo[])[] = [];
    watcher.on('changed', (drives) => seen.push(drives));
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads.count).toBe(1);
    enumerator.drives = [stick('sdb', ['/media/kiosk/VAULT02'])];
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toHaveLength(2);
  });

  it('does not report the same sticks listed in another order as a change', async () => {
    const enumerator = new FakeEnumerator();
    enumerator.drives = [stick('sdb'), stick('sdc')];
    const watcher = new DriveWatcher(enumerator, { hotplug: null, pollMs: 2000 });
    const listener = vi.fn();
    watcher.on('changed', listener);
    await vi.advanceTimersByTimeAsync(0);
    enumerator.drives = [stick('sdc'), stick('sdb')];
    await vi.advanceTimersByTimeAsync(4000);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('re-enumerates once after a burst of USB events, after the debounce', async () => {
    const enumerator = new FakeEnumerator();
    const hotplug = new FakeHotplug();
    const watcher = new DriveWatcher(enumerator, { hotplug, debounceMs: 400, pollMs: 60_000 });
    const seen: string[][] = [];
    watcher.on('changed', (drives) => seen.push(drives.map((d) => d.devicePath)));
    await vi.advanceTimersByTimeAsync(0);
    const before = enumerator.calls;

    enumerator.drives = [stick('sdd')];
    hotplug.emit('attach');
    await vi.advanceTimersByTimeAsync(100);
    hotplug.emit('attach');
    await vi.advanceTimersByTimeAsync(100);
    hotplug.emit('detach');
    await vi.advanceTimersByTimeAsync(399);
    expect(enumerator.calls).toBe(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(enumerator.calls).toBe(before + 1);
    expect(seen).toEqual([[], ['/dev/sdd']]);
  });

  it('stops polling and lets go of USB events when the last watcher leaves', async () => {
    const enumerator = new FakeEnumerator();
    const hotplug = new FakeHotplug();
    const watcher = new DriveWatcher(enumerator, { hotplug, pollMs: 2000 });
    const stopA = watcher.on('changed', () => undefined);
    const stopB = watcher.on('changed', () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(hotplug.listenerCount).toBe(2);
    stopA();
    expect(watcher.watching).toBe(true);
    stopB();
    expect(watcher.watching).toBe(false);
    expect(hotplug.listenerCount).toBe(0);
    const calls = enumerator.calls;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(enumerator.calls).toBe(calls);
    expect(watcher.current).toBeNull();
  });

  it('works by polling alone when USB hotplug is unavailable', async () => {
    const enumerator = new FakeEnumerator();
    const watcher = new DriveWatcher(enumerator, { hotplug: null, pollMs: 2000 });
    const seen: number[] = [];
    watcher.on('changed', (drives) => seen.push(drives.length));
    await vi.advanceTimersByTimeAsync(0);
    enumerator.drives = [stick('sde')];
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual([0, 1]);
  });

  it('reports enumeration errors and keeps watching', async () => {
    const enumerator = new FakeEnumerator();
    enumerator.failWith = new Error('lsblk failed');
    const watcher = new DriveWatcher(enumerator, { hotplug: null, pollMs: 2000 });
    const errors: unknown[] = [];
    const seen: number[] = [];
    watcher.on('error', (e) => errors.push(e));
    watcher.on('changed', (drives) => seen.push(drives.length));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    enumerator.failWith = null;
    enumerator.drives = [stick('sdb')];
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual([1]);
  });

  it('runs one more enumeration when asked while one is in flight, never two at once', async () => {
    const pending: (() => void)[] = [];
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const slow: DriveEnumerator = {
      implementation: 'linux',
      allowances: [],
      list: () =>
        new Promise<DriveInfo[]>((resolve) => {
          calls += 1;
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          pending.push(() => {
            inFlight -= 1;
            resolve([]);
          });
        }),
    };
    const watcher = new DriveWatcher(slow, { hotplug: null, pollMs: 60_000 });
    watcher.on('changed', () => undefined);
    const asked = [watcher.refresh(), watcher.refresh()];
    expect(calls).toBe(1);
    pending.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    pending.shift()?.();
    await Promise.all(asked);
    expect(calls).toBe(2);
    expect(maxInFlight).toBe(1);
  });
});
