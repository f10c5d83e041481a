import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../src-main/contract/custody-views';
import type { TokenView } from '../../src-main/contract/token-views';
import { api, type ChannelError, type Result } from '../api';
import { AccountChoice } from './AccountChoice';
import { ErrorNotice } from './ErrorNotice';

type Mode = 'assign' | 'unassign' | 'checkout' | 'checkin' | 'lost' | 'revoke' | 'destroy';

const LABELS: Record<Mode, string> = {
  assign: 'Register on accounts',
  unassign: 'Deregistered in AWS',
  checkout: 'Check out',
  checkin: 'Check in by serial',
  lost: 'Report lost',
  revoke: 'Revoke',
  destroy: 'Destroyed',
};

/** Which actions a token's state allows; the desk refuses the others anyway, with a sentence. */
function modesFor(token: TokenView): Mode[] {
  const unassign: Mode[] = token.accounts.length ? ['unassign'] : [];
  switch (token.state) {
    case 'in-safe':
      return ['checkout', 'assign', ...unassign, 'lost', 'revoke', 'destroy'];
    case 'checked-out':
      return ['checkin', 'assign', ...unassign, 'lost'];
    case 'lost':
      return [...unassign, 'revoke'];
    case 'revoked':
      return [...unassign, 'destroy'];
    case 'destroyed':
      return unassign;
  }
}

export function TokenActions({
  token,
  accounts,
  custodian,
  onDone,
}: {
  readonly token: TokenView;
  readonly accounts: readonly AccountView[];
  readonly custodian: string;
  readonly onDone: (sentence: string) => void;
}) {
  const [mode, setMode] = useState<Mode | null>(null);
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [reason, setReason] = useState('');
  const [custodians, setCustodians] = useState(custodian);
  const [hours, setHours] = useState('24');
  const [serial, setSerial] = useState('');
  const [error, setError] = useState<ChannelError | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (next: Mode) => {
    setMode(mode === next ? null : next);
    setError(null);
    setReason('');
    setChosen([]);
    setSerial('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!mode) return;
    setBusy(true);
    setError(null);
    const { tokenId } = token;
    const requests: Record<Mode, () => Promise<Result<TokenView>>> = {
      assign: () => api().assignToken({ tokenId, accountIds: [...chosen] }),
      unassign: () => api().unassignToken({ tokenId, accountIds: [...chosen] }),
      checkout: () =>
        api().checkOutToken({
          tokenId,
          reason,
          custodians: custodians.split(',').map((c) => c.trim()).filter(Boolean),
          returnWithinHours: Number(hours),
        }),
      checkin: () => api().checkInToken({ tokenId, identification: { typedSerial: serial } }),
      lost: () => api().reportTokenLost({ tokenId, reason }),
      revoke: () => api().revokeToken({ tokenId, reason }),
      destroy: () => api().destroyToken({ tokenId, reason }),
    };
    const result = await requests[mode]();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setMode(null);
    onDone(doneSentence(mode, result.value));
  };

  const modes = modesFor(token);
  if (modes.length === 0) return null;
  return (
    <div className="token-actions">
      <div className="row">
        {modes.map((m) => (
          <button key={m} type="button" className={mode === m ? '' : 'secondary'} aria-expanded={mode === m} onClick={() => open(m)}>
            {LABELS[m]}
          </button>
        ))}
      </div>
      {mode ? (
        <form className="inline-form" noValidate onSubmit={(event) => void submit(event)} aria-label={`${LABELS[mode]}: ${token.tokenId}`}>
          <ErrorNotice error={error} />
          {mode === 'assign' ? (
            <AccountChoice legend={`Accounts ${token.tokenId} is now registered on in AWS`} accounts={accounts.filter((a) => !token.accounts.some((t) => t.accountId === a.accountId))} chosen={chosen} onChange={setChosen} />
          ) : null}
          {mode === 'unassign' ? (
            <AccountChoice legend={`Accounts ${token.tokenId} was deregistered from in AWS`} accounts={accounts.filter((a) => token.accounts.some((t) => t.accountId === a.accountId))} chosen={chosen} onChange={setChosen} />
          ) : null}
          {mode === 'checkout' ? (
            <div className="form-grid">
              <label htmlFor={`custodians-${token.tokenId}`}>Who takes it (names, separated by commas)</label>
              <input id={`custodians-${token.tokenId}`} autoComplete="off" value={custodians} onChange={(e) => setCustodians(e.target.value)} />
              <label htmlFor={`hours-${token.tokenId}`}>Back within (hours)</label>
              <input id={`hours-${token.tokenId}`} inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} />
            </div>
          ) : null}
          {mode === 'checkin' ? (
            <div className="form-grid">
              <label htmlFor={`serial-${token.tokenId}`}>Serial printed on the token in your hand</label>
              <input id={`serial-${token.tokenId}`} autoComplete="off" spellCheck={false} value={serial} onChange={(e) => setSerial(e.target.value)} />
            </div>
          ) : null}
          {mode === 'checkout' || mode === 'lost' || mode === 'revoke' || mode === 'destroy' ? (
            <div className="form-grid">
              <label htmlFor={`reason-${token.tokenId}`}>Reason (goes on the audit trail)</label>
              <input id={`reason-${token.tokenId}`} autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
          ) : null}
          <div className="row">
            <button type="submit" className={mode === 'lost' || mode === 'destroy' ? 'danger' : ''} disabled={busy}>
              {LABELS[mode]}: {token.tokenId}
            </button>
            <button type="button" className="secondary" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

function doneSentence(mode: Mode, token: TokenView): string {
  switch (mode) {
    case 'assign':
    case 'unassign':
      return `${token.tokenId} is registered on ${token.accounts.map((a) => a.name || a.accountId).join(', ') || 'no account'}.`;
    case 'checkout':
      return `${token.tokenId} is checked out to ${token.checkout?.custodians.join(' and ')}. Take it from ${token.location}.`;
    case 'checkin':
      return `${token.tokenId} is back in the safe (${token.location}).`;
    case 'lost':
    case 'revoke':
      return token.accounts.length
        ? `${token.tokenId} is recorded as ${token.stateWords}. Deregister it in AWS and register a replacement on: ${token.accounts.map((a) => a.name || a.accountId).join(', ')}.`
        : `${token.tokenId} is recorded as ${token.stateWords}.`;
    case 'destroy':
      return `${token.tokenId} is recorded as destroyed.`;
  }
}
