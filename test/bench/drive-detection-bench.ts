import type { DriveInfo } from '../../src-main/platform/drive-enumerator';
import { createMediaPlatform } from '../../src-main/platform/media-ports';
import { cleanupAllSticks, makeStick } from '../support/loop-device';
import { median } from './measure';

/**
 * How long after a stick's filesystem is mounted the media screen hears of it: a loop-device image is attached,
 * formatted and mounted, and the clock runs from the moment the mount returns until the app's own drive watcher
 * (the one the media screen subscribes to, with the app's poll interval) reports the drive with that mount.
 * Loop devices raise no USB event, so this is the watcher's poll path: the one a mounted partition depends on.
 */
export async function driveDetectionFigures(reps: number): Promise<{ medianMs: number; all: number[] }> {
  const watcher = createMediaPlatform({ STRONGROOM_ALLOW_LOOP_DEVICES: '1' }, 'linux').watcher;
  if (!watcher) throw new Error('this platform has no drive watcher');
  let latest: readonly DriveInfo[] = [];
  const waiters = new Set<() => void>();
  const unsubscribe = watcher.on('changed', (drives) => {
    latest = drives;
    for (const wake of [...waiters]) wake();
  });
  const until = (condition: () => boolean, limitMs: number) =>
    new Promise<number>((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(performance.now());
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the drive watcher did not report the change within ${limitMs} ms`));
      }, limitMs);
      waiters.add(check);
      check();
    });
  const all: number[] = [];
  try {
    await watcher.refresh();
    for (let rep = 0; rep < reps; rep += 1) {
      let device = '';
      let mountpoint = '';
      const seen = until(() => latest.some((d) => d.devicePath === device && d.partitions.some((p) => p.mountpoints.includes(mountpoint))), 30_000);
      const stick = await makeStick({ sizeMiB: 16, fs: 'exfat', label: 'DETECT' });
      const mountedAt = performance.now();
      device = stick.device;
      mountpoint = stick.mounts[0]!;
      for (const wake of [...waiters]) wake();
      // The watcher may have listed the drive while the mount command was still returning: that counts as 0.
      all.push(Math.max(0, (await seen) - mountedAt));
      await stick.cleanup();
      await until(() => !latest.some((d) => d.devicePath === device), 30_000);
    }
  } finally {
    unsubscribe();
    await cleanupAllSticks();
  }
  return { medianMs: median(all), all };
}
