import { ErrorCode, StrongroomError } from '../core/errors';
import { nodeCommandRunner, type CommandRunner } from './command-runner';
import type { DriveInfo } from './drive-enumerator';

/**
 * "Safe to remove": everything written is on the stick and nothing has it mounted. The custodian pulls the stick
 * only after this says so; a FAT stick pulled with dirty buffers can lose the very generation just verified.
 */
export interface DriveEjector {
  eject(drive: Pick<DriveInfo, 'devicePath' | 'partitions' | 'transport' | 'practice'>): Promise<EjectReport>;
}

export interface EjectStep {
  readonly action: 'sync' | 'unmount' | 'power-off' | 'eject' | 'flush';
  readonly target: string;
  readonly outcome: 'done' | 'failed' | 'skipped';
  readonly detail: string;
}

export interface EjectReport {
  readonly devicePath: string;
  readonly safeToRemove: boolean;
  readonly steps: readonly EjectStep[];
}

/** For a use case that must not continue on a stick still mounted. */
export function ejectIncompleteError(report: EjectReport): StrongroomError {
  const failed = report.steps.filter((s) => s.outcome === 'failed');
  const lines = failed.map((s) => `${s.action} ${s.target}: ${s.detail}`);
  return new StrongroomError(
    ErrorCode.EjectIncomplete,
    `The stick ${report.devicePath} is NOT safe to remove yet (${lines.join('; ')}). Close any window or program using it, then press Eject again.`,
    { devicePath: report.devicePath },
  );
}

export interface LinuxDriveEjectorOptions {
  readonly runner?: CommandRunner;
  /** Power the USB port off after unmounting (udisksctl), so the stick's light goes out. Default true. */
  readonly powerOff?: boolean;
}

export class LinuxDriveEjector implements DriveEjector {
  private readonly runner: CommandRunner;
  private readonly powerOff: boolean;

  constructor(options: LinuxDriveEjectorOptions = {}) {
    this.runner = options.runner ?? nodeCommandRunner;
    this.powerOff = options.powerOff ?? true;
  }

  async eject(drive: Pick<DriveInfo, 'devicePath' | 'partitions' | 'transport' | 'practice'>): Promise<EjectReport> {
    const steps: EjectStep[] = [];
    steps.push(await this.step('sync', 'all filesystems', 'sync', []));
    // Deepest mount first, so a mount nested inside another never blocks its parent.
    const mounts = [...new Set(drive.partitions.flatMap((p) => p.mountpoints))].sort((a, b) => b.length - a.length);
    for (const mountpoint of mounts) {
      const umount = await this.runner('umount', [mountpoint]);
      if (umount.code === 0) {
        steps.push({ action: 'unmount', target: mountpoint, outcome: 'done', detail: 'unmounted' });
        continue;
      }
      // A FUSE mount (exFAT/FAT on kernels without the driver) may belong to this user: fusermount can unmount it.
      const fuse = await this.runner('fusermount', ['-u', mountpoint]);
      if (fuse.code === 0) {
        steps.push({ action: 'unmount', target: mountpoint, outcome: 'done', detail: 'unmounted (FUSE)' });
        continue;
      }
      steps.push({ action: 'unmount', target: mountpoint, outcome: 'failed', detail: unmountProblem(umount.stderr || fuse.stderr) });
    }
    // A FUSE daemon may still be flushing after unmount returns; one more sync waits for the device's buffers.
    if (mounts.length > 0) steps.push(await this.step('sync', 'all filesystems', 'sync', []));
    const unmounted = steps.every((s) => s.outcome !== 'failed');

    if (!unmounted) {
      steps.push({ action: 'power-off', target: drive.devicePath, outcome: 'skipped', detail: 'a partition is still mounted' });
    } else if (!this.powerOff || drive.transport !== 'usb') {
      steps.push({ action: 'power-off', target: drive.devicePath, outcome: 'skipped', detail: 'not a USB device or not requested' });
    } else {
      const off = await this.runner('udisksctl', ['power-off', '-b', drive.devicePath]);
      steps.push({
        action: 'power-off',
        target: drive.devicePath,
        outcome: off.code === 0 ? 'done' : 'skipped',
        detail:
          off.code === 0
            ? 'USB port powered off'
            : off.code === 127
              ? 'udisksctl is not installed; the stick is unmounted and may be pulled'
              : `udisksctl could not power it off (${firstLine(off.stderr)}); the stick is unmounted and may be pulled`,
      });
    }
    return { devicePath: drive.devicePath, safeToRemove: unmounted, steps };
  }

  private async step(action: EjectStep['action'], target: string, command: string, args: string[]): Promise<EjectStep> {
    const result = await this.runner(command, args);
    return result.code === 0
      ? { action, target, outcome: 'done', detail: `${command} finished` }
      : { action, target, outcome: 'failed', detail: `${command} failed: ${firstLine(result.stderr) || `exit code ${result.code}`}` };
  }
}

export class MacosDriveEjector implements DriveEjector {
  constructor(private readonly runner: CommandRunner = nodeCommandRunner) {}

  async eject(drive: Pick<DriveInfo, 'devicePath' | 'partitions' | 'transport' | 'practice'>): Promise<EjectReport> {
    // diskutil eject unmounts every volume of the whole disk, flushes, and detaches it in one step.
    const result = await this.runner('diskutil', ['eject', drive.devicePath]);
    const ok = result.code === 0;
    return {
      devicePath: drive.devicePath,
      safeToRemove: ok,
      steps: [
        {
          action: 'eject',
          target: drive.devicePath,
          outcome: ok ? 'done' : 'failed',
          detail: ok ? firstLine(result.stdout) || 'ejected' : unmountProblem(result.stderr || result.stdout),
        },
      ],
    };
  }
}

export class WindowsDriveEjector implements DriveEjector {
  constructor(private readonly runner: CommandRunner = nodeCommandRunner) {}

  async eject(drive: Pick<DriveInfo, 'devicePath' | 'partitions' | 'transport' | 'practice'>): Promise<EjectReport> {
    const steps: EjectStep[] = [];
    const letters = [
      ...new Set(
        drive.partitions
          .flatMap((p) => p.mountpoints)
          .map((m) => /^([A-Za-z]):\\?$/.exec(m.replace(/\\$/, ''))?.[1]?.toUpperCase())
          .filter((l): l is string => l !== undefined),
      ),
    ];
    for (const letter of letters) {
      // Letters come from Get-Volume, but are re-checked: only a single letter ever reaches the script text.
      if (!/^[A-Z]$/.test(letter)) continue;
      const script = [
        "$ErrorActionPreference = 'Stop'",
        `Write-VolumeCache -DriveLetter ${letter}`,
        `(New-Object -ComObject Shell.Application).Namespace(17).ParseName('${letter}:').InvokeVerb('Eject')`,
        'Start-Sleep -Milliseconds 500',
        `if (Test-Path '${letter}:\\') { Write-Error 'still mounted' }`,
      ].join('; ');
      const result = await this.runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script]);
      steps.push({
        action: 'eject',
        target: `${letter}:`,
        outcome: result.code === 0 ? 'done' : 'failed',
        detail: result.code === 0 ? 'flushed and ejected' : unmountProblem(result.stderr),
      });
    }
    return { devicePath: drive.devicePath, safeToRemove: steps.every((s) => s.outcome === 'done'), steps };
  }
}

/** Practice drives are folders: nothing to flush or unmount, but the custody steps are rehearsed all the same. */
export class SimulatedDriveEjector implements DriveEjector {
  async eject(drive: Pick<DriveInfo, 'devicePath' | 'partitions' | 'transport' | 'practice'>): Promise<EjectReport> {
    return {
      devicePath: drive.devicePath,
      safeToRemove: true,
      steps: [{ action: 'eject', target: drive.devicePath, outcome: 'skipped', detail: 'practice drive: nothing to eject' }],
    };
  }
}

function unmountProblem(stderr: string): string {
  const line = firstLine(stderr);
  if (/busy/i.test(line)) return 'a program still has files open on it';
  return line || 'unknown error';
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
