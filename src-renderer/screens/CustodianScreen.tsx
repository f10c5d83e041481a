import { useEffect, useState, type FormEvent } from 'react';
import type { CustodianView, SessionStatus } from '../../src-main/contract/views';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { PracticeBadge } from '../components/PracticeBadge';
import { useRequest } from '../components/use-request';

export function CustodianScreen({ status, onSignedIn }: { status: SessionStatus; onSignedIn: (s: SessionStatus) => void }) {
  const [custodians, setCustodians] = useState<readonly CustodianView[]>([]);
  const [name, setName] = useState('');
  const request = useRequest();
  const { busy } = request;

  useEffect(() => {
    void api()
      .listCustodians({})
      .then((result) => result.ok && setCustodians(result.value));
  }, []);

  const signIn = (who: string) => request.run(() => api().signIn({ name: who }), onSignedIn);

  // A fresh kiosk has nobody to sign in as: its first custodian registers themself (main refuses it later).
  const registerFirst = (who: string) => request.run(() => api().registerFirstCustodian({ name: who }), onSignedIn);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void (custodians.length === 0 ? registerFirst(name) : signIn(name));
  };

  return (
    <main className="custodian-screen">
      <PracticeBadge practiceMode={status.practiceMode} />
      <h1>Who is at the kiosk?</h1>
      {status.lockedForIdle ? (
        <Notice tone="info">The kiosk locked itself after {status.idleLockMinutes} minutes without input. Say who you are to carry on.</Notice>
      ) : null}
      {status.heldWork ? (
        <Notice tone="warn" role="status" data={{ 'data-held-for': status.heldWork.custodian }}>
          {status.heldWork.custodian} has {status.heldWork.items} {status.heldWork.items === 1 ? 'piece' : 'pieces'} of work in progress (an enrolment or a
          rotation) kept in this kiosk’s memory. Sign in as {status.heldWork.custodian} to resume it; it is lost if Strongroom is closed.
        </Notice>
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
            ? 'Only registered custodians sign in. A registered custodian adds a new one on the Custodians screen (or with strongroom custodians add).'
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
      {request.notice}
    </main>
  );
}
