import { useState } from 'react';
import type { BreakGlassTokenView } from '../../../src-main/contract/custody-views';
import { api, type ChannelError } from '../../api';

/**
 * The account's hardware tokens during an open break-glass: which one to fetch from the safe and to whom it is
 * checked out, and, for one still in the safe, taking it too (an account with a seed and a token offers both).
 */
export function BreakGlassTokensPanel({
  sessionId,
  tokens: opened,
  onError,
}: {
  readonly sessionId: string;
  readonly tokens: readonly BreakGlassTokenView[];
  readonly onError: (error: ChannelError | null) => void;
}) {
  const [tokens, setTokens] = useState(opened);
  const [taking, setTaking] = useState<string | null>(null);
  if (tokens.length === 0) return null;

  const take = async (tokenId: string) => {
    onError(null);
    setTaking(tokenId);
    const result = await api().takeBreakGlassToken({ sessionId, tokenId });
    setTaking(null);
    if (!result.ok) return onError(result.error);
    setTokens(result.value.tokens);
  };

  const taken = tokens.some((t) => t.status === 'taken');
  return (
    <div className="card bg-token-card" aria-labelledby="bg-tokens-title">
      <h3 id="bg-tokens-title">{taken ? 'Hardware token from the safe' : 'Hardware tokens of this root user'}</h3>
      <ul className="bg-tokens">
        {tokens.map((token) => (
          <li key={token.tokenId} data-token={token.tokenId} data-status={token.status}>
            <p className={token.status === 'taken' ? 'bg-token-taken' : undefined} role={token.status === 'taken' ? 'status' : undefined}>
              {token.sentence}
            </p>
            {token.status === 'in-safe' ? (
              <button type="button" className="secondary" disabled={taking !== null} onClick={() => void take(token.tokenId)}>
                {taking === token.tokenId ? 'Checking it out…' : 'Take this token too'}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
