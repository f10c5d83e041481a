/**
 * What the renderer sees. Plain data only: no file paths of secrets, no secrets, nothing the renderer could
 * use to reach the file system.
 */

export interface SessionStatus {
  readonly custodian: string | null;
  /** True when the kiosk locked itself after idle time; the renderer shows the sign-in screen. */
  readonly lockedForIdle: boolean;
  readonly idleLockMinutes: number;
  readonly practiceMode: boolean;
}

export interface AirGapView {
  readonly isolated: boolean;
  readonly sentence: string;
  readonly interfaces: readonly string[];
  readonly override: { readonly by: string; readonly reason: string } | null;
}

export interface CustodianView {
  readonly name: string;
  readonly lastSeenAt: string | null;
}
