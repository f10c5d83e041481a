import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ProgressPanel } from '../../components/ProgressPanel';
import { SecretInput } from '../../components/SecretInput';
import type { MediaAction } from './media-action';

/**
 * A new master passphrase for the vault or the seed store, as one write over every stick of that role in
 * service. Typed twice; the two must match before anything is opened.
 */
export function ChangePassphrase({ act }: { act: MediaAction }) {
  const [role, setRole] = useState<'vault' | 'seed' | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [leaveBehind, setLeaveBehind] = useState(false);
  const [busy, setBusy] = useState(false);
  const clear = () => (setCurrent(''), setNext(''), setAgain(''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    const request = { role, currentPassphrase: current, newPassphrase: next, newPassphraseAgain: again, leaveBehind };
    clear();
    setBusy(true);
    void act(() => api().changeMasterPassphrase(request), 'The master passphrase was changed.').then(() => (setBusy(false), setRole(null)));
  };
  return (
    <section aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Master passphrases</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setRole('vault')}>
          Change the vault passphrase…
        </button>
        <button type="button" className="secondary" onClick={() => setRole('seed')}>
          Change the seed passphrase…
        </button>
      </div>
      {role ? (
        <form className="inline-form" onSubmit={submit} aria-label={`Change the ${role} passphrase`}>
          <p>
            Every {role} stick in service gets a new generation encrypted with the new passphrase. Insert them all, or leave the missing ones
            behind: they keep the old passphrase until the newest generation is copied onto them. Older generations kept as history stay
            under the passphrase they were written with.
          </p>
          <label htmlFor="passphrase-current">Current {role} master passphrase</label>
          <SecretInput id="passphrase-current" value={current} onChange={(e) => setCurrent(e.target.value)} />
          <label htmlFor="passphrase-new">New {role} master passphrase</label>
          <SecretInput id="passphrase-new" value={next} onChange={(e) => setNext(e.target.value)} />
          <label htmlFor="passphrase-again">New {role} master passphrase again</label>
          <SecretInput id="passphrase-again" value={again} onChange={(e) => setAgain(e.target.value)} />
          {again !== '' && again !== next ? <p className="warn">The two new passphrases differ.</p> : null}
          <label>
            <input type="checkbox" checked={leaveBehind} onChange={(e) => setLeaveBehind(e.target.checked)} /> Leave {role} sticks that are not inserted behind
          </label>
          <div className="row">
            <button type="submit" disabled={busy || current === '' || next === '' || next !== again}>
              Change the {role} passphrase
            </button>
            <button type="button" className="secondary" onClick={() => (clear(), setRole(null))}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <ProgressPanel active={busy} job="Changing the master passphrase" hint="Opening with the current passphrase, encrypting with the new one" />
    </section>
  );
}
