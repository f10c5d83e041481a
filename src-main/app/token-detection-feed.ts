import type { DetectedToken } from '../core/token-identification';
import type { HidBackendStatus } from '../platform/hid-port';
import type { HidTokenDetector } from '../platform/token-detector';

export interface TokenDetectionOptions {
  /** How often HID is listed while the Tokens screen watches: a token plugged in shows within a second or two. */
  readonly pollMs?: number;
  /** Keep listing this long after the last watcher left, so a token plugged in between two requests is a change. */
  readonly lingerMs?: number;
}

/**
 * The tokens plugged into the kiosk, followed while someone watches. The window asks and waits; the feed lists
 * HID on a short timer only while a request is waiting (or just was), so an idle kiosk touches no USB device.
 * Inventory changes move the version on too, so every open Tokens screen refreshes.
 */
export class TokenDetectionFeed {
  private version = 1;
  private detected: readonly DetectedToken[] = [];
  private fingerprint = '[]';
  private scanError: string | null = null;
  private readonly waiters = new Set<() => void>();
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private lingerUntil = 0;
  private scanning: Promise<readonly DetectedToken[]> | null = null;
  private closed = false;
  private readonly pollMs: number;
  private readonly lingerMs: number;

  constructor(
    private readonly detector: HidTokenDetector,
    options: TokenDetectionOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 750;
    this.lingerMs = options.lingerMs ?? 15_000;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** The last tokens seen, and why listing failed if it did. */
  get current(): { readonly tokens: readonly DetectedToken[]; readonly scanError: string | null } {
    return { tokens: this.detected, scanError: this.scanError };
  }

  status(): Promise<HidBackendStatus> {
    return this.detector.status();
  }

  /** Something changed that open screens should show (a token added, checked in, reported lost). */
  bump(): void {
    this.version += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** Lists HID now; concurrent callers share one listing. */
  refresh(): Promise<readonly DetectedToken[]> {
    this.scanning ??= this.detector
      .scan()
      .then(
        (tokens) => {
          this.scanError = null;
          const fingerprint = JSON.stringify([...tokens].sort((a, b) => a.deviceId.localeCompare(b.deviceId)));
          if (fingerprint !== this.fingerprint) {
            this.fingerprint = fingerprint;
            this.detected = tokens;
            this.bump();
          }
          return this.detected;
        },
        (error: unknown) => {
          this.scanError = `Plugged-in tokens could not be listed: ${error instanceof Error ? error.message : String(error)}`;
          return this.detected;
        },
      )
      .finally(() => {
        this.scanning = null;
      });
    return this.scanning;
  }

  async waitForChange(sinceVersion: number, timeoutMs: number): Promise<number> {
    if (this.version > sinceVersion || this.closed) return this.version;
    this.lingerUntil = Date.now() + timeoutMs + this.lingerMs;
    this.schedulePoll();
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
    return this.version;
  }

  close(): void {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.closed) return;
    this.pollTimer = setTimeout(() => {
      void this.refresh().finally(() => {
        this.pollTimer = null;
        if (this.waiters.size > 0 || Date.now() < this.lingerUntil) this.schedulePoll();
      });
    }, this.pollMs);
    this.pollTimer.unref?.();
  }
}
