import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DriveWatcher } from '../../src-main/platform/drive-watcher';
import { SimulatedDriveEjector } from '../../src-main/platform/eject';
import type { MediaPlatform } from '../../src-main/platform/media-ports';
import { PARTITIONS_MARKER, SimulatedDriveEnumerator } from '../../src-main/platform/simulated-drive-enumerator';

/** A practice-media folder whose subfolders act as sticks (see SimulatedDriveEnumerator). */
export class PracticeMedia {
  readonly root: string;
  readonly platform: MediaPlatform;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'strongroom-practice-'));
    const drives = new SimulatedDriveEnumerator(this.root);
    this.platform = { drives, ejector: new SimulatedDriveEjector(), watcher: new DriveWatcher(drives, { hotplug: null, pollMs: 200, debounceMs: 20 }) };
  }

  /** Inserts a one-partition stick; returns its folder (its "mount point"). */
  insertStick(name: string): string {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Inserts a stick with several partitions; returns their folders. */
  insertPartitionedStick(name: string, partitions: number): string[] {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, PARTITIONS_MARKER), '');
    return Array.from({ length: partitions }, (_, i) => {
      const p = join(dir, `p${i + 1}`);
      mkdirSync(p);
      return p;
    });
  }

  removeStick(name: string): void {
    rmSync(join(this.root, name), { recursive: true, force: true });
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
