import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AccountLifecycleView, AccountView, CustodyWriteView, EnrolmentView, KdfView } from '../../src-main/contract/custody-views';
import type { RotationView, WriteJobView } from '../../src-main/contract/transaction-views';
import { api, type ChannelError } from '../api';
import { AddAccountForm } from '../components/AddAccountForm';
import { ErrorNotice } from '../components/ErrorNotice';
import { ImportAccountsForm } from '../components/ImportAccountsForm';
import { PendingWrites } from '../components/WriteJobStatus';
import { describeKdf, WriteToMediaPanel } from '../components/WriteToMediaPanel';
import { formatInstant } from '../format';
import { EnrolmentPanel } from './EnrolmentPanel';
import { RotationPanel } from './RotationPanel';

const LIFECYCLE_WORDS: Record<AccountLifecycleView, string> = {
  active: 'Kept here',
  suspended: 'Kept here (suspended in AWS)',
  'pending-closure': 'Kept here (closing in AWS)',
  closed: 'Closed: credentials retired',
  'removed-centrally': 'Removed centrally',
  'left-organisation': 'Kept (no longer in the organisation)',
};

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
  const [pendingJobs, setPendingJobs] = useState<readonly WriteJobView[]>([]);
  const [rotations, setRotations] = useState<readonly RotationView[]>([]);
  const [rotating, setRotating] = useState<string | null>(null);
  const [marking, setMarking] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [listed, pending, jobs, open] = await Promise.all([api().listAccounts({}), api().listEnrolments({}), api().listWriteJobs({}), api().listRotations({})]);
    if (!listed.ok) return setError(listed.error);
    if (!pending.ok) return setError(pending.error);
    setAccounts(listed.value);
    setEnrolments(pending.value);
    if (jobs.ok) setPendingJobs(jobs.value.pending);
    if (open.ok) setRotations(open.value);
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

      <PendingWrites jobs={pendingJobs.filter((j) => j.jobId !== written?.job.jobId)} onChanged={() => void reload()} />

      {accounts ? (
        <AccountsTable
          accounts={accounts}
          enrolments={enrolments}
          onEnrol={(a) => void enrol(a)}
          onGoTo={goToEnrolment}
          onRotate={(a) => {
            setRotating(a.accountId);
            setNotice(null);
          }}
          onMark={(a) => setMarking(marking === a.accountId ? null : a.accountId)}
        />
      ) : (
        <p className="muted">Loading the accounts…</p>
      )}

      {marking && accounts?.find((a) => a.accountId === marking) ? (
        <LifecycleForm
          account={accounts.find((a) => a.accountId === marking)!}
          onDone={(message) => {
            setMarking(null);
            if (message) setNotice(message);
            void reload();
          }}
        />
      ) : null}

      {accounts && (rotations.length > 0 || rotating) ? (
        <section aria-labelledby="rotations-title">
          <h2 id="rotations-title">Rotations</h2>
          <div className="enrolment-list">
            {[...new Set([...rotations.map((r) => r.accountId), ...(rotating ? [rotating] : [])])].map((accountId) => {
              const account = accounts.find((a) => a.accountId === accountId);
              return account ? (
                <RotationPanel
                  key={accountId}
                  account={account}
                  rotation={rotations.find((r) => r.accountId === accountId) ?? null}
                  onChanged={() => void reload()}
                  onClose={() => setRotating(null)}
                />
              ) : null;
            })}
          </div>
        </section>
      ) : null}

      {enrolments.length > 0 ? (
        <section aria-labelledby="enrolments-title">
          <h2 id="enrolments-title">Enrolments in progress</h2>
          <p className="muted">
            Several accounts can be enrolled before writing; they are written to the sticks together. Until then they live only
            in this kiosk’s memory: a lock keeps them for you, and signing out asks first, because it forgets them.
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
  onRotate,
  onMark,
}: {
  readonly accounts: readonly AccountView[];
  readonly enrolments: readonly EnrolmentView[];
  readonly onEnrol: (account: AccountView) => void;
  readonly onGoTo: (enrolment: EnrolmentView) => void;
  readonly onRotate: (account: AccountView) => void;
  readonly onMark: (account: AccountView) => void;
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
          <th scope="col">Custody</th>
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
          const suspended = account.awsStatus !== null && account.awsStatus !== 'ACTIVE';
          return (
            <tr key={account.accountId} data-account={account.accountId} className={suspended ? 'row-flagged' : undefined}>
              <td className="mono nowrap">{account.accountId}</td>
              <th scope="row" className="nowrap">
                {account.name}
              </th>
              <td>{account.rootEmail}</td>
              <td>{account.organizationalUnit ?? <span className="muted">—</span>}</td>
              <td>{suspended ? <span className="badge badge-warn">{account.awsStatus}</span> : account.awsStatus === null ? <span className="muted">not stated</span> : 'Active'}</td>
              <td data-lifecycle={account.lifecycle}>
                {LIFECYCLE_WORDS[account.lifecycle]}
                {account.rotation ? <span className="badge badge-warn"> rotation {account.rotation.status}</span> : null}
              </td>
              <td>{account.mfa.kind === 'virtual' ? 'Virtual (app)' : `Hardware token ${account.mfa.tokenSerial}`}</td>
              <td className="nowrap">{account.enrolledAt ? formatDay(account.enrolledAt) : <span className="muted">not enrolled</span>}</td>
              <td className="cell-action">
                <EnrolAction account={account} pending={pending} onEnrol={onEnrol} onGoTo={onGoTo} onRotate={onRotate} />{' '}
                <button type="button" className="link" aria-label={`Change the state of ${account.name}`} onClick={() => onMark(account)}>
                  State…
                </button>
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
  onRotate,
}: {
  readonly account: AccountView;
  readonly pending: EnrolmentView | undefined;
  readonly onEnrol: (account: AccountView) => void;
  readonly onGoTo: (enrolment: EnrolmentView) => void;
  readonly onRotate: (account: AccountView) => void;
}) {
  if (account.lifecycle === 'removed-centrally') return <span className="muted">nothing to keep</span>;
  if (account.lifecycle === 'closed') return <span className="muted">retired</span>;
  // Starting again would generate a second password and leave doubt which one was set on AWS.
  if (pending) {
    return (
      <button type="button" className="secondary" aria-label={`Continue enrolling ${account.name}`} onClick={() => onGoTo(pending)}>
        Continue enrolling
      </button>
    );
  }
  // An enrolled account's credentials change only by a two-phase rotation, never by enrolling it again.
  if (account.enrolledAt) {
    return (
      <button type="button" className="secondary" aria-label={`Rotate ${account.name}`} onClick={() => onRotate(account)}>
        {account.rotation ? 'Rotation…' : 'Rotate…'}
      </button>
    );
  }
  return (
    <button type="button" aria-label={`Enrol ${account.name}`} onClick={() => onEnrol(account)}>
      Enrol
    </button>
  );
}

const MARKS: readonly { readonly lifecycle: AccountLifecycleView; readonly words: string }[] = [
  { lifecycle: 'closed', words: 'Closed: the account was closed on AWS' },
  { lifecycle: 'removed-centrally', words: 'Root credentials removed centrally (AWS Organizations centralized root access)' },
  { lifecycle: 'left-organisation', words: 'No longer in the organisation' },
  { lifecycle: 'suspended', words: 'Suspended' },
  { lifecycle: 'pending-closure', words: 'Pending closure' },
  { lifecycle: 'active', words: 'Active' },
];

/** Records where an account stands; closing or central removal retires its credentials at the next write. */
function LifecycleForm({ account, onDone }: { readonly account: AccountView; readonly onDone: (message: string | null) => void }) {
  const [lifecycle, setLifecycle] = useState<AccountLifecycleView>(account.lifecycle);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ChannelError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api().markAccountLifecycle({ accountId: account.accountId, lifecycle, reason });
    if (!result.ok) return setError(result.error);
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
      <ErrorNotice error={error} />
      <div className="row">
        <button type="submit" disabled={lifecycle === account.lifecycle || reason.trim().length < 5}>
          Record
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
