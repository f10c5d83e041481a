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
  /**
   * Work kept in memory after a lock or a hand-over, for its custodian to resume by signing in again (lost when
   * Strongroom is closed). Only the name and a count: the sign-in screen is shown to whoever is at the kiosk.
   */
  readonly heldWork: { readonly custodian: string; readonly items: number } | null;
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
