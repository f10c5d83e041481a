import { api } from '../api';
import { useFollowed } from './use-followed';

const listTokens = () => api().listTokens({});
const waitForTokenChange = (sinceVersion: number) => api().waitForTokenChange({ sinceVersion, timeoutMs: 20_000 });

/** The token inventory and the tokens plugged in now, followed live. */
export function useTokens() {
  const { value: overview, error, setError, reload } = useFollowed(listTokens, waitForTokenChange);
  return { overview, error, setError, reload };
}
