import { useEffect, useState } from 'react';
import type { PassphraseStrengthView } from '../../src-main/contract/custody-views';
import { api, type ChannelError } from '../api';
import type { MediumRole } from '../../src-main/contract/media-views';

/**
 * How guessable a new master passphrase is, while it is typed (checked in main, a moment after typing stops).
 * Shown when the passphrase is about to protect a file for the first time; later writes must match the old one.
 */
export function PassphraseStrength({ passphrase, role }: { readonly passphrase: string; readonly role: MediumRole }) {
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

/**
 * Seven random words for one custodian group to learn, or to write by hand on the emergency sheet's blank. The
 * form shows one group's suggestion at a time (`shown`): asking for group B's hides group A's first, so neither
 * group reads the other's passphrase off the screen.
 */
export function SuggestPassphrase({ group, shown, onShown }: { readonly group: 'A' | 'B'; readonly shown: boolean; readonly onShown: (shown: boolean) => void }) {
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  useEffect(() => {
    if (!shown) setSuggestion(null);
  }, [shown]);
  const suggest = async () => {
    setError(null);
    const result = await api().suggestPassphrase({});
    if (result.ok) {
      setSuggestion(result.value.passphrase);
      onShown(true);
    } else setError(result.error);
  };
  return (
    <div className="suggest">
      <button type="button" className="secondary" onClick={() => void suggest()}>
        Suggest a passphrase for group {group}
      </button>
      {shown && suggestion ? (
        <p className="suggestion" role="status" data-suggestion-for={group}>
          <code>{suggestion}</code> — seven random words for custodian group {group} only. Write it by hand in the emergency sheet's box (never in a
          file), then type it above, twice.{' '}
          <button type="button" className="link" onClick={() => onShown(false)}>
            Hide
          </button>
        </p>
      ) : null}
      {error ? <p className="refusal">{error.message}</p> : null}
    </div>
  );
}
