import { useCallback, useEffect, useState } from 'react';
import type { AccountView, CustodyWriteView, EnrolmentView, KdfView } from '../../src-main/contract/custody-views';
import { api, type ChannelError } from '../api';
import { AddAccountForm } from '../components/AddAccountForm';
import { ErrorNotice } from '../components/ErrorNotice';
import { ImportAccountsForm } from '../components/ImportAccountsForm';
import { describeKdf, WriteToMediaPanel } from '../components/WriteToMediaPanel';
import { formatInstant } from '../format';
import { EnrolmentPanel } from './EnrolmentPanel';

type Form = 'add' | 'import' | null;

export function AccountsScreen() {
  const [accounts, setAccounts] = useState<readonly AccountView[] | null>(null);
  const [enrolments, setEnrolments] = useState<readonly EnrolmentView[]>([]);
  const [kdf, setKdf] = useState<KdfView | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(null);
  const [justStarted, setJustStarted] = useState<string | null>(null);
  const [written, setWritten] = useState<CustodyWriteView | null>(null);

  const reload = useCallback(async () => {
    const [listed, pending] = await Promise.all([api().listAccounts({}), api().listEnrolments({})]);
    if (!listed.ok) return setError(listed.error);
    if (!pending.ok) return setError(pending.error);
    setAccounts(listed.value);
    setEnrolments(pending.value);
  }, []);

  useEffect(() => {
    void reload();
    void api()
      .kdfSettings({})
      .then((result) => result.ok && setKdf(result.value));
  }, [reload]);

  const enrol = async (account: AccountView) => {
    setError(null);
    setNotice(null);
    const result = await api().startEnrolment({ accountId: account.accountId });
    if (!result.ok) return setError(result.error);
    setJustStarted(result.value.enrolmentId);
    setWritten(null);
    await reload();
  };

  const toggle = (which: Exclude<Form, null>) => {
    setNotice(null);
    setForm(form === which ? null : which);
  };

  const goToEnrolment = (enrolment: EnrolmentView) => {
    document.getElementById(`enrolment-${enrolment.enrolmentId}`)?.focus();
  };

  return (
    <section className="screen" aria-labelledby="accounts-title">
      <h1 id="accounts-title">Accounts</h1>
      <p className="lead">
        The AWS member accounts whose root user Strongroom keeps. Enrol an account to give it a new root password and MFA
        device, then write both to the sticks: the password to the vault sticks, the MFA secret to the seed sticks.
      </p>
      <ErrorNotice error={error} />
      {notice ? (
        <div className="notice notice-ok" role="status">
          {notice}
        </div>
      ) : null}

      <div className="actions">
        <button type="button" className={form === 'add' ? '' : 'secondary'} aria-expanded={form === 'add'} onClick={() => toggle('add')}>
          Add an account
        </button>
        <button type="button" className={form === 'import' ? '' : 'secondary'} aria-expanded={form === 'import'} onClick={() => toggle('import')}>
          Import accounts…
        </button>
      </div>
      {form === 'add' ? (
        <AddAccountForm
          onAdded={(account) => {
            setForm(null);
            setNotice(`Added ${account.name} (${account.accountId}).`);
            void reload();
          }}
          onCancel={() => setForm(null)}
        />
      ) : null}
      {form === 'import' ? (
        <ImportAccountsForm
          onImported={(result) => {
            setForm(null);
            // Main lists a line once per problem; the custodian needs each left-out row once.
            const lines = [...new Set(result.skippedLines)];
            const skipped = lines.length ? ` Left out ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}.` : '';
            setNotice(`Imported: ${result.added} added, ${result.updated} updated.${skipped}`);
            void reload();
          }}
          onCancel={() => setForm(null)}
        />
      ) : null}

      {accounts ? <AccountsTable accounts={accounts} enrolments={enrolments} onEnrol={(a) => void enrol(a)} onGoTo={goToEnrolment} /> : <p className="muted">Loading the accounts…</p>}

      {enrolments.length > 0 ? (
        <section aria-labelledby="enrolments-title">
          <h2 id="enrolments-title">Enrolments in progress</h2>
          <p className="muted">
            Several accounts can be enrolled before writing; they are written to the sticks together. Until then they live only
            in this kiosk’s memory, and signing out forgets them.
          </p>
          <div className="enrolment-list">
            {enrolments.map((enrolment) => (
              <EnrolmentPanel
                key={enrolment.enrolmentId}
                enrolment={enrolment}
                account={accounts?.find((a) => a.accountId === enrolment.accountId)}
                focusOnMount={enrolment.enrolmentId === justStarted}
                onChanged={() => void reload()}
              />
            ))}
          </div>
        </section>
      ) : null}

      {enrolments.length > 0 || written ? (
        <WriteToMediaPanel
          enrolments={enrolments}
          accounts={accounts ?? []}
          kdf={kdf}
          written={written}
          onWritten={(view) => {
            setWritten(view);
            void reload();
          }}
        />
      ) : kdf ? (
        <p className="small-print">New vault and seed files are encrypted with {describeKdf(kdf)}.</p>
      ) : null}
    </section>
  );
}

/** "2026-11-23", the UTC day, as every date in Strongroom is written. */
function formatDay(iso: string): string {
  return formatInstant(iso, 'day');
}

function AccountsTable({
  accounts,
  enrolments,
  onEnrol,
  onGoTo,
}: {
  readonly accounts: readonly AccountView[];
  readonly enrolments: readonly EnrolmentView[];
  readonly onEnrol: (account: AccountView) => void;
  readonly onGoTo: (enrolment: EnrolmentView) => void;
}) {
  if (accounts.length === 0) {
    return <p className="empty">No accounts yet. Add one by hand, or import the list from AWS Organizations.</p>;
  }
  return (
    <table className="data-table accounts-table">
      <caption className="visually-hidden">Accounts under custody</caption>
      <thead>
        <tr>
          <th scope="col">Account id</th>
          <th scope="col">Name</th>
          <th scope="col">Root email</th>
          <th scope="col">OU</th>
          <th scope="col">AWS status</th>
          <th scope="col">Root credentials</th>
          <th scope="col">MFA</th>
          <th scope="col">Enrolled</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => {
          const pending = enrolments.find((e) => e.accountId === account.accountId);
          const suspended = account.awsStatus !== 'ACTIVE';
          return (
            <tr key={account.accountId} data-account={account.accountId} className={suspended ? 'row-flagged' : undefined}>
              <td className="mono nowrap">{account.accountId}</td>
              <th scope="row" className="nowrap">
                {account.name}
              </th>
              <td>{account.rootEmail}</td>
              <td>{account.organizationalUnit ?? <span className="muted">—</span>}</td>
              <td>{suspended ? <span className="badge badge-warn">{account.awsStatus}</span> : 'Active'}</td>
              <td>{account.rootCredentialStatus === 'custodied' ? 'Kept here' : 'Removed centrally'}</td>
              <td>{account.mfa.kind === 'virtual' ? 'Virtual (app)' : `Hardware token ${account.mfa.tokenSerial}`}</td>
              <td className="nowrap">{account.enrolledAt ? formatDay(account.enrolledAt) : <span className="muted">not enrolled</span>}</td>
              <td className="cell-action">
                <EnrolAction account={account} pending={pending} onEnrol={onEnrol} onGoTo={onGoTo} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function EnrolAction({
  account,
  pending,
  onEnrol,
  onGoTo,
}: {
  readonly account: AccountView;
  readonly pending: EnrolmentView | undefined;
  readonly onEnrol: (account: AccountView) => void;
  readonly onGoTo: (enrolment: EnrolmentView) => void;
}) {
  if (account.rootCredentialStatus === 'removed-centrally') return <span className="muted">nothing to keep</span>;
  // Starting again would generate a second password and leave doubt which one was set on AWS.
  if (pending) {
    return (
      <button type="button" className="secondary" aria-label={`Continue enrolling ${account.name}`} onClick={() => onGoTo(pending)}>
        Continue enrolling
      </button>
    );
  }
  return (
    <button
      type="button"
      className={account.enrolledAt ? 'secondary' : undefined}
      aria-label={`${account.enrolledAt ? 'Enrol again' : 'Enrol'} ${account.name}`}
      onClick={() => onEnrol(account)}
    >
      {account.enrolledAt ? 'Enrol again' : 'Enrol'}
    </button>
  );
}
