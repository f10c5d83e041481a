import { useEffect, useState, type FormEvent } from 'react';
import type { CustodianRosterView } from '../../src-main/contract/custodian-channels';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { useRequest } from '../components/use-request';
import { formatInstant } from '../format';
import { ColumnHeads } from '../components/ColumnHeads';

/**
 * The kiosk's roster: who may act here, who registered each, and when each last signed in. The signed-in
 * custodian registers someone new under their own name on the audit trail. Main refuses a name that reads the
 * same as a registered one, so two people can never be told apart only by capitals or accents on a report.
 */
export function CustodiansScreen({ custodian }: { readonly custodian: string }) {
  const [roster, setRoster] = useState<readonly CustodianRosterView[] | null>(null);
  const [name, setName] = useState('');
  const [registered, setRegistered] = useState<string | null>(null);
  const request = useRequest();
  const listing = useRequest();

  const { run: runListing } = listing;
  useEffect(() => {
    void runListing(() => api().custodianRoster({}), setRoster);
  }, [runListing]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRegistered(null);
    const wanted = name;
    const next = await request.run(() => api().registerCustodian({ name: wanted }));
    if (!next) return;
    setRoster(next);
    setName('');
    // The roster's own spelling (trimmed, spaces folded), not what was typed.
    const added = next.find((c) => !roster?.some((old) => old.name === c.name));
    setRegistered(added?.name ?? wanted.trim());
  };

  return (
    <section className="custodians-screen" aria-labelledby="custodians-title">
      <h1 id="custodians-title">Custodians</h1>
      <p className="lead">
        Only registered custodians sign in, and break-glass, seed codes, seed exports and the paper seed backup each need two of them. You register a new custodian
        under your own name; the audit trail records who added whom.
      </p>
      {listing.notice}
      {roster ? (
        <table className="data-table custodian-roster" aria-label="Registered custodians">
          <ColumnHeads columns={['Name', 'Registered', 'By', 'Last signed in']} />
          <tbody>
            {roster.map((c) => (
              <tr key={c.name} data-custodian={c.name}>
                <td>
                  {c.name}
                  {c.name === custodian ? ' (you)' : ''}
                </td>
                <td>{formatInstant(c.addedAt)}</td>
                <td>{c.registeredBy ?? 'registered themself, as the kiosk’s first custodian'}</td>
                <td>{c.lastSeenAt ? formatInstant(c.lastSeenAt) : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="register-custodian" onSubmit={(e) => void submit(e)}>
        <h2>Register a custodian</h2>
        <label htmlFor="new-custodian-name">Their full name, as colleagues know it</label>
        <p className="hint">They must be here: check who they are before you register them. Registering is recorded under your name ({custodian}).</p>
        <div className="row">
          <input id="new-custodian-name" autoComplete="off" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={request.busy || name.trim().length < 2}>
            Register
          </button>
        </div>
      </form>
      {request.notice}
      {registered ? (
        <Notice tone="ok" data={{ 'data-registered': registered }}>
          {registered} is registered. They can now sign in at this kiosk and be named as a custodian or key card holder.
        </Notice>
      ) : null}
      <p className="hint">
        Strongroom keeps every custodian it has registered: the audit trail names them. Someone who leaves simply stops signing in; if they held a key card or
        knew a master passphrase, draw new key cards or change that passphrase.
      </p>
    </section>
  );
}
