import type { AccountView } from '../../../src-main/contract/custody-views';

/** Where the second factor of a break-glass comes from: the seed stick's live code, a token from the safe, or both. */
export type MfaRoute = 'seed' | 'token' | 'both';

/**
 * What an account's root MFA lets the custodians choose: 'seed' when only a virtual-MFA seed is kept (or the
 * account is not in the list), 'token' when root's MFA is hardware tokens only, 'either' when it has both.
 */
export function mfaOfferOf(account: AccountView | undefined): 'seed' | 'token' | 'either' {
  if (!account) return 'seed';
  if (account.mfa.kind === 'hardware') return 'token';
  return account.tokens.length > 0 ? 'either' : 'seed';
}

/** The route the form uses: the custodians' choice only where the account offers one. */
export function effectiveRoute(account: AccountView | undefined, chosen: MfaRoute): MfaRoute {
  const offer = mfaOfferOf(account);
  return offer === 'either' ? chosen : offer;
}

const ROUTE_WORDS: Record<MfaRoute, string> = {
  seed: 'MFA code from the seed stick',
  token: 'A hardware token from the safe',
  both: 'Both: the code and a token',
};

/**
 * The MFA part of the break-glass form: for a token account, which token to take from the safe; for an account
 * with a seed and tokens, whether to use the seed stick, a token, or both.
 */
export function BreakGlassMfaChoice({
  account,
  route,
  onRoute,
  tokenId,
  onToken,
}: {
  readonly account: AccountView | undefined;
  readonly route: MfaRoute;
  readonly onRoute: (route: MfaRoute) => void;
  readonly tokenId: string;
  readonly onToken: (tokenId: string) => void;
}) {
  const offer = mfaOfferOf(account);
  if (!account || offer === 'seed') return null;
  const inSafe = account.tokens.filter((t) => t.state === 'in-safe');
  const effective = effectiveRoute(account, route);
  return (
    <fieldset className="bg-mfa" aria-describedby="bg-mfa-hint">
      <legend>MFA device</legend>
      {offer === 'token' ? (
        <p id="bg-mfa-hint" className="hint">
          Root’s MFA on this account is a hardware token kept in the safe, so no seed stick or seed passphrase is needed. A second
          registered custodian is still needed: the token is checked out to both of you.
        </p>
      ) : (
        <>
          <p id="bg-mfa-hint" className="hint">
            This root user has a virtual-MFA seed on the seed sticks and a hardware token in the safe: choose which to use.
          </p>
          {(Object.keys(ROUTE_WORDS) as MfaRoute[]).map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="bg-mfa-route"
                value={option}
                checked={route === option}
                disabled={option !== 'seed' && inSafe.length === 0}
                onChange={() => onRoute(option)}
              />{' '}
              {ROUTE_WORDS[option]}
            </label>
          ))}
        </>
      )}
      {effective !== 'seed' ? <TokenToTake tokens={inSafe} all={account.tokens.length} tokenId={tokenId} onToken={onToken} /> : null}
    </fieldset>
  );
}

function TokenToTake({
  tokens,
  all,
  tokenId,
  onToken,
}: {
  readonly tokens: AccountView['tokens'];
  readonly all: number;
  readonly tokenId: string;
  readonly onToken: (tokenId: string) => void;
}) {
  const words = (t: AccountView['tokens'][number]) => `${t.tokenId} (${t.model}, serial ${t.serial}), ${t.location}`;
  if (tokens.length === 0) {
    return (
      <p className="notice notice-warn">
        {all > 0
          ? 'No token of this account is in the safe now: it is checked out. Break-glass still opens the password; fetch the token from whoever has it.'
          : 'No hardware token of this account is recorded: use AWS’s lost-MFA recovery, and register a replacement afterwards.'}
      </p>
    );
  }
  if (tokens.length === 1) return <p className="hint">Token to take from the safe: {words(tokens[0]!)}</p>;
  return (
    <>
      <label htmlFor="bg-token">Token to take from the safe</label>
      <select id="bg-token" value={tokenId} onChange={(e) => onToken(e.target.value)}>
        {tokens.map((t) => (
          <option key={t.tokenId} value={t.tokenId}>
            {words(t)}
          </option>
        ))}
      </select>
    </>
  );
}
