import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelError, Result } from '../api';

/**
 * Something main can list and announce changes to (inserted sticks, plugged-in tokens), followed live: main holds
 * each wait until something changes, and each change triggers one fresh listing, so nothing is polled. `list` and
 * `waitForChange` must be stable functions (defined once, outside the component).
 */
export function useFollowed<T extends { readonly version: number }>(
  list: () => Promise<Result<T>>,
  waitForChange: (sinceVersion: number) => Promise<Result<{ version: number }>>,
) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    const result = await list();
    if (!alive.current) return 0;
    if (!result.ok) {
      setError(result.error);
      return 0;
    }
    setValue(result.value);
    setError(null);
    return result.value.version;
  }, [list]);

  useEffect(() => {
    alive.current = true;
    void (async () => {
      let version = await reload();
      while (alive.current) {
        const waited = await waitForChange(version);
        if (!alive.current) break;
        if (!waited.ok) {
          setError(waited.error);
          await new Promise((resolve) => setTimeout(resolve, 3000));
          continue;
        }
        if (waited.value.version !== version) version = await reload();
      }
    })();
    return () => {
      alive.current = false;
    };
  }, [reload, waitForChange]);

  return { value, error, setError, reload };
}
