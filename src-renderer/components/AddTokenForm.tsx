import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../src-main/contract/custody-views';
import type { DetectedTokenView, TokenView } from '../../src-main/contract/token-views';
import { api } from '../api';
import { AccountChoice } from './AccountChoice';
import { FormButtons } from './FormButtons';
import { useRequest } from './use-request';

/** A token for the inventory, typed in, or taken from one plugged in (model, serial and AAGUID as read). */
export function AddTokenForm({
  accounts,
  from,
  onAdded,
  onCancel,
}: {
  readonly accounts: readonly AccountView[];
  readonly from: DetectedTokenView | null;
  readonly onAdded: (token: TokenView) => void;
  readonly onCancel: () => void;
}) {
  const [kind, setKind] = useState<'fido' | 'totp'>('fido');
  const [serial, setSerial] = useState(from?.serial?.value ?? '');
  const [make, setMake] = useState(from?.manufacturer ?? '');
  const [model, setModel] = useState(from?.product ?? '');
  const [location, setLocation] = useState('');
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const request = useRequest();
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const aaguid = from?.fido?.aaguid;
    const token = {
      kind,
      serial,
      model,
      make,
      location,
      accountIds: [...chosen],
      ...(kind === 'fido' && aaguid ? { aaguid } : {}),
    };
    await request.run(() => api().addToken(token), onAdded);
  };

  return (
    <form className="inline-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="add-token-title">
      <h2 id="add-token-title">{from ? 'Add the plugged-in token to the inventory' : 'Add a token'}</h2>
      {request.notice}
      <div className="form-grid">
        <label htmlFor="token-kind">Kind of token</label>
        <select id="token-kind" ref={first} value={kind} onChange={(e) => setKind(e.target.value as 'fido' | 'totp')}>
          <option value="fido">FIDO security key (e.g. YubiKey)</option>
          <option value="totp">Hardware TOTP display token</option>
        </select>
        <label htmlFor="token-serial">Serial (as printed on the token)</label>
        <input id="token-serial" autoComplete="off" spellCheck={false} value={serial} onChange={(e) => setSerial(e.target.value)} />
        <label htmlFor="token-make">Make (optional)</label>
        <input id="token-make" autoComplete="off" value={make} onChange={(e) => setMake(e.target.value)} />
        <label htmlFor="token-model">Model</label>
        <input id="token-model" autoComplete="off" value={model} onChange={(e) => setModel(e.target.value)} />
        <label htmlFor="token-location">Kept at (e.g. Safe A, shelf 2)</label>
        <input id="token-location" autoComplete="off" value={location} onChange={(e) => setLocation(e.target.value)} />
      </div>
      {from?.fido?.aaguid ? <p className="hint">Model identifier (AAGUID) as read from the key: {from.fido.aaguid}</p> : null}
      <AccountChoice legend="Registered as an MFA device on (optional)" accounts={accounts} chosen={chosen} onChange={setChosen} />
      <FormButtons submit="Add token" disabled={request.busy} onCancel={onCancel} />
    </form>
  );
}
