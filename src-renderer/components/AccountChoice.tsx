import type { AccountView } from '../../src-main/contract/custody-views';

/** Tick the accounts a token is (or is no longer) registered on. Accounts without root credentials are left out. */
export function AccountChoice({
  legend,
  accounts,
  chosen,
  onChange,
}: {
  readonly legend: string;
  readonly accounts: readonly AccountView[];
  readonly chosen: readonly string[];
  readonly onChange: (chosen: readonly string[]) => void;
}) {
  const eligible = accounts.filter((a) => a.rootCredentialStatus === 'custodied');
  if (eligible.length === 0) return <p className="hint">No account with root credentials is in the catalog yet.</p>;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {eligible.map((account) => (
        <label key={account.accountId} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(account.accountId)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, account.accountId] : chosen.filter((id) => id !== account.accountId))}
          />
          {account.name} ({account.accountId})
        </label>
      ))}
    </fieldset>
  );
}
