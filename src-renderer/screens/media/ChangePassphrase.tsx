import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { PassphraseField, usePassphraseProblem } from '../../components/PassphraseFields';
import { checkPassphraseEntries } from '../../components/passphrase-entry';
import { ProgressPanel } from '../../components/ProgressPanel';
import { useRequest } from '../../components/use-request';
import type { MediaAction } from './media-action';
import type { MediumRole } from '../../../src-main/contract/media-views';

/**
 * A new master passphrase for the vault or the seed store, as one write over every stick of that role in
 * service. The new one is typed twice; the two must match before anything is opened. A refusal about one of the
 * passphrases is said beside it and clears only that one, so the custodian never retypes what was right.
 */
export function ChangePassphrase({ act }: { act: MediaAction }) {
  const [role, setRole] = useState<MediumRole | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [leaveBehind, setLeaveBehind] = useState(false);
  const [suggesting, setSuggesting] = useState(false);
  const request = useRequest();
  const { problem, show, reset, aboutField } = usePassphraseProblem('change', request.error, (_role, which) => {
    if (which === 'current') return setCurrent('');
    setNext('');
    setAgain('');
  });
  const clear = () => (setCurrent(''), setNext(''), setAgain(''), reset(), setSuggesting(false));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    const missing = checkPassphraseEntries([
      { role, which: 'current', value: current },
      { role, which: 'new', value: next, again },
    ]);
    if (missing) return show(missing);
    reset();
    const body = { role, currentPassphrase: current, newPassphrase: next, newPassphraseAgain: again, leaveBehind };
    const changed = await request.run(() => api().changeMasterPassphrase(body));
    if (changed === null) return;
    clear();
    setRole(null);
    // The Media screen shows the write stick by stick and lists the sticks afresh, as after any of its actions.
    await act(() => Promise.resolve({ ok: true as const, value: changed }), 'The master passphrase was changed.');
  };

  return (
    <section aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Master passphrases</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => (clear(), request.clear(), setRole('vault'))}>
          Change the vault passphrase…
        </button>
        <button type="button" className="secondary" onClick={() => (clear(), request.clear(), setRole('seed'))}>
          Change the seed passphrase…
        </button>
      </div>
      {role ? (
        <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={`Change the ${role} passphrase`} noValidate>
          <p>
            Every {role} stick in service gets a new generation encrypted with the new passphrase. Insert them all, or leave the missing ones
            behind: they keep the old passphrase until the newest generation is copied onto them. Older generations kept as history stay
            under the passphrase they were written with.
          </p>
          <PassphraseField prefix="change" role={role} which="current" fresh={false} value={current} onValue={setCurrent} problem={problem} />
          <PassphraseField
            prefix="change"
            role={role}
            which="new"
            fresh
            value={next}
            again={again}
            onValue={setNext}
            onAgain={setAgain}
            problem={problem}
            suggesting={suggesting}
            onSuggesting={setSuggesting}
          />
          <label>
            <input type="checkbox" checked={leaveBehind} onChange={(e) => setLeaveBehind(e.target.checked)} /> Leave {role} sticks that are not inserted behind
          </label>
          {aboutField ? null : request.notice}
          <div className="row">
            <button type="submit" disabled={request.busy}>
              Change the {role} passphrase
            </button>
            <button type="button" className="secondary" onClick={() => (clear(), request.clear(), setRole(null))}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <ProgressPanel active={request.busy} job="Changing the master passphrase" hint="Opening with the current passphrase, encrypting with the new one" />
    </section>
  );
}
