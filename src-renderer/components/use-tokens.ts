import { useCallback, useEffect, useRef, useState } from 'react';
import type { TokensOverview } from '../../src-main/contract/token-views';
import { api, type ChannelError } from '../api';

/** The token inventory and the tokens plugged in now, followed live: each change main reports triggers one listing. */
export function useTokens() {
  const [overview, setOverview] = useState<TokensOverview | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    const result = await api().listTokens({});
    if (!alive.current) return 0;
    if (!result.ok) {
      setError(result.error);
      return 0;
    }
    setOverview(result.value);
    return result.value.version;
  }, []);

  useEffect(() => {
    alive.current = true;
    void (async () => {
      let version = await reload();
      while (alive.current) {
        const waited = await api().waitForTokenChange({ sinceVersion: version, timeoutMs: 20_000 });
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
  }, [reload]);

  return { overview, error, setError, reload };
}
