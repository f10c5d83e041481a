import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ChannelError, Result } from '../api';

interface Snapshot<T> {
  readonly value: T | null;
  readonly error: ChannelError | null;
}

/**
 * One live follow of something main lists and announces changes to, shared by every component of the window that
 * shows it. Each component waiting on its own would hold one request per component open for up to the wait's
 * length, and those outlive a screen left (the wait ends only when main answers): a few screens later the browser's
 * few connections per host are all waiting, and a click's request queues behind them. So there is one wait per
 * kind of thing, started by the first component that shows it and stopped after the last one goes.
 */
class Follower<T extends { readonly version: number }> {
  private snapshot: Snapshot<T> = { value: null, error: null };
  private readonly listeners = new Set<() => void>();
  private running = false;

  constructor(
    private readonly list: () => Promise<Result<T>>,
    private readonly waitForChange: (sinceVersion: number) => Promise<Result<{ version: number }>>,
  ) {}

  readonly current = (): Snapshot<T> => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.running) void this.follow();
    return () => this.listeners.delete(listener);
  };

  /** Lists afresh now (after an action of this window), telling every component; the new version, or 0. */
  readonly reload = async (): Promise<number> => {
    const result = await this.list();
    this.publish(result.ok ? { value: result.value, error: null } : { value: this.snapshot.value, error: result.error });
    return result.ok ? result.value.version : 0;
  };

  private publish(next: Snapshot<T>): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private async follow(): Promise<void> {
    this.running = true;
    try {
      let version = await this.reload();
      while (this.listeners.size > 0) {
        const waited = await this.waitForChange(version);
        if (this.listeners.size === 0) break;
        if (!waited.ok) {
          this.publish({ value: this.snapshot.value, error: waited.error });
          await new Promise((resolve) => setTimeout(resolve, 3000));
          continue;
        }
        if (waited.value.version !== version) version = await this.reload();
      }
    } finally {
      this.running = false;
    }
    // A component that came while the last wait was ending found the follow still running: start again for it.
    if (this.listeners.size > 0) void this.follow();
  }
}

const followers = new Map<unknown, Follower<{ readonly version: number }>>();

/**
 * Something main can list and announce changes to (inserted sticks, plugged-in tokens), followed live: main holds
 * each wait until something changes, and each change triggers one fresh listing, so nothing is polled. `list` and
 * `waitForChange` must be stable functions (defined once, outside the component): `list` names the follow that
 * every component showing it shares. `setError` sets this component's own error over the shared one.
 */
export function useFollowed<T extends { readonly version: number }>(
  list: () => Promise<Result<T>>,
  waitForChange: (sinceVersion: number) => Promise<Result<{ version: number }>>,
) {
  let follower = followers.get(list) as Follower<T> | undefined;
  if (!follower) {
    follower = new Follower(list, waitForChange);
    followers.set(list, follower as unknown as Follower<{ readonly version: number }>);
  }
  const shared = useSyncExternalStore(follower.subscribe, follower.current);
  const [ownError, setOwnError] = useState<ChannelError | null | undefined>(undefined);
  // A new listing clears this component's own error, as a fresh listing did before the follow was shared.
  useEffect(() => setOwnError(undefined), [shared.value]);
  const setError = useCallback((error: ChannelError | null) => setOwnError(error), []);
  return { value: shared.value, error: ownError === undefined ? shared.error : ownError, setError, reload: follower.reload };
}
