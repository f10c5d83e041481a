import { useState, type FormEvent } from 'react';
import type { AccountLifecycleView, AccountView } from '../../../src-main/contract/custody-views';
import { api } from '../../api';
import { useRequest } from '../../components/use-request';

const MARKS: readonly { readonly lifecycle: AccountLifecycleView; readonly words: string }[] = [
  { lifecycle: 'closed', words: 'Closed: the account was closed on AWS' },
  { lifecycle: 'removed-centrally', words: 'Root credentials removed centrally (AWS Organizations centralized root access)' },
  { lifecycle: 'left-organisation', words: 'No longer in the organisation' },
  { lifecycle: 'suspended', words: 'Suspended' },
  { lifecycle: 'pending-closure', words: 'Pending closure' },
  { lifecycle: 'active', words: 'Active' },
];

/** Records where an account stands; closing or central removal retires its credentials at the next write. */
export function LifecycleForm({ account, onDone }: { readonly account: AccountView; readonly onDone: (message: string | null) => void }) {
  const [lifecycle, setLifecycle] = useState<AccountLifecycleView>(account.lifecycle);
  const [reason, setReason] = useState('');
  const request = useRequest();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const marked = await request.run(() => api().markAccountLifecycle({ accountId: account.accountId, lifecycle, reason }));
    if (!marked) return;
    onDone(
      lifecycle === 'closed' || lifecycle === 'removed-centrally'
        ? `${account.name} is now ${lifecycle === 'closed' ? 'closed' : 'removed centrally'}: its credentials move to the retired history at the next write, and break-glass no longer serves them.`
        : `${account.name} is now recorded as ${lifecycle.replace('-', ' ')}.`,
    );
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={`State of ${account.name}`}>
      <fieldset>
        <legend>
          Where does {account.name} ({account.accountId}) stand?
        </legend>
        {MARKS.map((m) => (
          <label key={m.lifecycle}>
            <input type="radio" name={`lifecycle-${account.accountId}`} checked={lifecycle === m.lifecycle} onChange={() => setLifecycle(m.lifecycle)} /> {m.words}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`lifecycle-reason-${account.accountId}`}>Why (recorded on the audit trail)</label>
      <input id={`lifecycle-reason-${account.accountId}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      {request.notice}
      <div className="row">
        <button type="submit" disabled={request.busy || lifecycle === account.lifecycle || reason.trim().length < 5}>
          Record
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
