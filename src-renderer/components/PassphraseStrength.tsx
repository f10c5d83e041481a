import { useEffect, useState } from 'react';
import type { PassphraseStrengthView } from '../../src-main/contract/custody-views';
import { api, type ChannelError } from '../api';

/**
 * How guessable a new master passphrase is, while it is typed (checked in main, a moment after typing stops).
 * Shown when the passphrase is about to protect a file for the first time; later writes must match the old one.
 */
export function PassphraseStrength({ passphrase, role }: { readonly passphrase: string; readonly role: 'vault' | 'seed' }) {
  const [strength, setStrength] = useState<PassphraseStrengthView | null>(null);
  useEffect(() => {
    if (passphrase === '') {
      setStrength(null);
      return;
    }
    let alive = true;
    const timer = window.setTimeout(() => {
      void api()
        .assessPassphrase({ passphrase, role })
        .then((result) => alive && result.ok && setStrength(result.value));
    }, 300);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [passphrase, role]);

  if (!strength) return null;
  return (
    <div className={`strength strength-${strength.acceptable ? 'ok' : 'weak'}`} role="status" aria-live="polite" data-acceptable={strength.acceptable}>
      {/* Main reads the meter off the acceptance bar, so a refused passphrase never shows as strong. */}
      <meter min={0} max={4} low={2} high={3} optimum={4} value={strength.level} aria-label="Passphrase strength" />{' '}
      <strong>{strength.words}</strong>
      {strength.acceptable ? ' — strong enough for a master passphrase.' : ` — not accepted: use at least ${strength.minimumLength} characters that are hard to guess.`}
      {strength.warning ? <span> {strength.warning}</span> : null}
    </div>
  );
}

/** Seven random words, for a custodian to learn, or to write by hand on the emergency sheet's blank. */
export function SuggestPassphrase() {
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const suggest = async () => {
    const result = await api().suggestPassphrase({});
    if (result.ok) setSuggestion(result.value.passphrase);
    else setError(result.error);
  };
  return (
    <div className="suggest">
      <button type="button" className="secondary" onClick={() => void suggest()}>
        Suggest a passphrase
      </button>
      {suggestion ? (
        <p className="suggestion" role="status">
          <code>{suggestion}</code> — seven random words. Write it by hand in the emergency sheet's box (never in a file), then type it above.{' '}
          <button type="button" className="link" onClick={() => setSuggestion(null)}>
            Hide
          </button>
        </p>
      ) : null}
      {error ? <p className="refusal">{error.message}</p> : null}
    </div>
  );
}
