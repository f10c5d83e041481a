import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../src-main/contract/custody-views';
import { api } from '../api';
import { FormButtons } from './FormButtons';
import { useRequest } from './use-request';

/** One account typed in by hand, e.g. a member account created after the last import. */
export function AddAccountForm({ onAdded, onCancel }: { readonly onAdded: (account: AccountView) => void; readonly onCancel: () => void }) {
  const [accountId, setAccountId] = useState('');
  const [name, setName] = useState('');
  const [rootEmail, setRootEmail] = useState('');
  const [organizationalUnit, setOrganizationalUnit] = useState('');
  const [removedCentrally, setRemovedCentrally] = useState(false);
  const [tokenIds, setTokenIds] = useState('');
  const request = useRequest();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    request.clear();
    // The AWS console shows ids as 1111-2222-3333; what is typed or pasted that way is still the same id.
    const id = accountId.replace(/[\s-]/g, '');
    if (!/^\d{12}$/.test(id)) {
      const digits = id.replace(/\D/g, '').length;
      const message = /^\d+$/.test(id)
        ? `This id has ${digits} digits. A spreadsheet may have dropped leading zeros: copy the id again from the AWS console.`
        : 'An AWS account id is 12 digits with nothing else in it.';
      // The keyboard goes back to the id to retype it, not to the notice.
      request.fail({ code: 'INVALID_ACCOUNT_ID', message }, { focus: false });
      first.current?.focus();
      return;
    }
    const tokenList = tokenIds.split(',').map((t) => t.trim().toUpperCase()).filter((t) => t !== '');
    const account = {
      accountId: id,
      name: name.trim(),
      rootEmail: rootEmail.trim(),
      ...(organizationalUnit.trim() ? { organizationalUnit: organizationalUnit.trim() } : {}),
      rootCredentialStatus: removedCentrally ? 'removed-centrally' : 'custodied',
      // Root's hardware tokens are named by their inventory id; a token not yet in the inventory is added on the Tokens screen first.
      ...(tokenList.length > 0 ? { tokenIds: tokenList } : {}),
    } as const;
    await request.run(() => api().addAccount(account), onAdded);
  };

  return (
    <form className="inline-form account-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="add-account-title">
      <h2 id="add-account-title">Add an account</h2>
      {request.notice}
      <div className="form-grid">
        <label htmlFor="account-id">AWS account id (12 digits)</label>
        <input id="account-id" ref={first} inputMode="numeric" autoComplete="off" value={accountId} onChange={(e) => setAccountId(e.target.value)} />
        <label htmlFor="account-name">Account name (as AWS Organizations shows it)</label>
        <input id="account-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="account-email">Root email address</label>
        <input id="account-email" type="email" autoComplete="off" value={rootEmail} onChange={(e) => setRootEmail(e.target.value)} />
        <label htmlFor="account-ou">Organizational unit (optional)</label>
        <input id="account-ou" autoComplete="off" value={organizationalUnit} onChange={(e) => setOrganizationalUnit(e.target.value)} />
        <label htmlFor="account-token">Hardware MFA tokens, by inventory id, separated by commas (only if root uses one; add a new token on the Tokens screen first)</label>
        <input id="account-token" autoComplete="off" placeholder="TOKEN-07" value={tokenIds} onChange={(e) => setTokenIds(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={removedCentrally} onChange={(e) => setRemovedCentrally(e.target.checked)} /> Root credentials removed centrally
        (the organization deleted them: there is no password to keep)
      </label>
      <FormButtons submit="Add account" disabled={request.busy} onCancel={onCancel} />
    </form>
  );
}
