import { readFile } from 'node:fs/promises';
import type { DriveEnumerator } from './drive-enumerator';
import { DriveWatcher, loadUsbHotplug, type HotplugSource } from './drive-watcher';
import { LinuxDriveEjector, MacosDriveEjector, SimulatedDriveEjector, WindowsDriveEjector, type DriveEjector } from './eject';
import { LinuxDriveEnumerator } from './linux-drive-enumerator';
import { MacosDriveEnumerator } from './macos-drive-enumerator';
import { SimulatedDriveEnumerator } from './simulated-drive-enumerator';
import { WindowsDriveEnumerator } from './windows-drive-enumerator';

export interface MediaPlatform {
  readonly drives: DriveEnumerator;
  readonly ejector: DriveEjector;
  readonly watcher: DriveWatcher | null;
}

/**
 * While a screen watches, drives are re-listed every second, and on Linux at once when the mount table changes
 * (read, not spawned, five times a second): a stick's partitions are mounted a moment after its USB event, and the
 * custodian should see the change within a second. Nobody watching, nothing runs.
 */
const WATCH_POLL_MS = 1000;

/**
 * Chooses the drive adapters for this machine. STRONGROOM_MEDIA_ROOT switches the whole kiosk to practice media
 * (folders acting as sticks); otherwise the OS's own enumerator is used.
 */
export function createMediaPlatform(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): MediaPlatform {
  const simulated = SimulatedDriveEnumerator.fromEnv(env);
  if (simulated) {
    // Practice folders have no USB events; the watcher's slow poll covers them.
    return { drives: simulated, ejector: new SimulatedDriveEjector(), watcher: new DriveWatcher(simulated, { hotplug: null, pollMs: WATCH_POLL_MS }) };
  }
  const [drives, ejector]: [DriveEnumerator, DriveEjector] =
    platform === 'darwin'
      ? [new MacosDriveEnumerator(), new MacosDriveEjector()]
      : platform === 'win32'
        ? [new WindowsDriveEnumerator(), new WindowsDriveEjector()]
        : [new LinuxDriveEnumerator({ env }), new LinuxDriveEjector()];
  const mountTable = platform === 'linux' ? () => readFile('/proc/self/mountinfo', 'utf8') : null;
  return { drives, ejector, watcher: new DriveWatcher(drives, { hotplug: new LazyUsbHotplug(), pollMs: WATCH_POLL_MS, mountTable }) };
}

/**
 * Loads the native `usb` module only when someone first watches for drives, so the CLI and a kiosk without
 * libusb start without it; until (or unless) it loads, the watcher's poll alone notices sticks.
 */
class LazyUsbHotplug implements HotplugSource {
  private source: Promise<HotplugSource | null> | null = null;
  private readonly listeners: { event: 'attach' | 'detach'; listener: () => void }[] = [];

  on(event: 'attach' | 'detach', listener: () => void): void {
    this.listeners.push({ event, listener });
    this.source ??= loadUsbHotplug();
    void this.source.then((source) => {
      if (this.listeners.some((l) => l.listener === listener && l.event === event)) source?.on(event, listener);
    });
  }

  off(event: 'attach' | 'detach', listener: () => void): void {
    const index = this.listeners.findIndex((l) => l.listener === listener && l.event === event);
    if (index >= 0) this.listeners.splice(index, 1);
    void this.source?.then((source) => source?.off(event, listener));
  }
}
