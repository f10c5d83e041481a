import { useEffect, useState, type FormEvent } from 'react';
import type { CustodianView, SessionStatus } from '../../src-main/contract/views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';

export function CustodianScreen({ status, onSignedIn }: { status: SessionStatus; onSignedIn: (s: SessionStatus) => void }) {
  const [custodians, setCustodians] = useState<readonly CustodianView[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<ChannelError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()
      .listCustodians({})
      .then((result) => result.ok && setCustodians(result.value));
  }, []);

  const signIn = async (who: string) => {
    setBusy(true);
    setError(null);
    const result = await api().signIn({ name: who });
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else setError(result.error);
  };

  // A fresh kiosk has nobody to sign in as: its first custodian registers themself (main refuses it later).
  const registerFirst = async (who: string) => {
    setBusy(true);
    setError(null);
    const result = await api().registerFirstCustodian({ name: who });
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else setError(result.error);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void (custodians.length === 0 ? registerFirst(name) : signIn(name));
  };

  return (
    <main className="custodian-screen">
      <h1>Who is at the kiosk?</h1>
      {status.lockedForIdle ? (
        <p className="notice notice-info" role="status">
          The kiosk locked itself after {status.idleLockMinutes} minutes without input. Say who you are to carry on.
        </p>
      ) : null}
      {status.heldWork ? (
        <p className="notice notice-warn" role="status" data-held-for={status.heldWork.custodian}>
          {status.heldWork.custodian} has {status.heldWork.items} {status.heldWork.items === 1 ? 'piece' : 'pieces'} of work in progress (an enrolment or a
          rotation) kept in this kiosk’s memory. Sign in as {status.heldWork.custodian} to resume it; it is lost if Strongroom is closed.
        </p>
      ) : null}
      <p className="lead">Everything you do here is recorded in the audit trail under your name.</p>
      {custodians.length > 0 ? (
        <section aria-labelledby="known-custodians">
          <h2 id="known-custodians">Known custodians</h2>
          <ul className="custodian-list">
            {custodians.map((custodian) => (
              <li key={custodian.name}>
                <button type="button" disabled={busy} onClick={() => void signIn(custodian.name)}>
                  {custodian.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form onSubmit={submit} className="add-custodian">
        <label htmlFor="custodian-name">{custodians.length > 0 ? 'Someone else — your full name' : 'Your full name'}</label>
        <p className="hint">
          {custodians.length > 0
            ? 'Only registered custodians sign in. A registered custodian adds a new one (strongroom custodians add).'
            : 'No custodian is registered yet: you become this kiosk’s first custodian, and every later one is added by a registered custodian.'}
        </p>
        <div className="row">
          <input
            id="custodian-name"
            autoFocus
            autoComplete="off"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" disabled={busy || name.trim().length < 2}>
            Continue
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
    </main>
  );
}
