import { useCallback, useEffect, useState } from 'react';
import type { AccountView, CustodyWriteView, EnrolmentView, KdfView } from '../../src-main/contract/custody-views';
import type { RotationView, WriteJobView } from '../../src-main/contract/transaction-views';
import { api } from '../api';
import { AddAccountForm } from '../components/AddAccountForm';
import { ImportAccountsForm } from '../components/ImportAccountsForm';
import { Notice } from '../components/Notice';
import { useRequest } from '../components/use-request';
import { PendingWrites } from '../components/WriteJobStatus';
import { describeKdf, WriteToMediaPanel } from '../components/WriteToMediaPanel';
import { AccountsTable } from './accounts/AccountsTable';
import { LifecycleForm } from './accounts/LifecycleForm';
import { EnrolmentPanel } from './EnrolmentPanel';
import { RotationPanel } from './RotationPanel';

type Form = 'add' | 'import' | null;

export function AccountsScreen() {
  const [accounts, setAccounts] = useState<readonly AccountView[] | null>(null);
  const [enrolments, setEnrolments] = useState<readonly EnrolmentView[]>([]);
  const [kdf, setKdf] = useState<KdfView | null>(null);
  const request = useRequest();
  const { fail } = request;
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
    if (!listed.ok) return fail(listed.error);
    if (!pending.ok) return fail(pending.error);
    setAccounts(listed.value);
    setEnrolments(pending.value);
    if (jobs.ok) setPendingJobs(jobs.value.pending);
    if (open.ok) setRotations(open.value);
  }, [fail]);

  useEffect(() => {
    void reload();
    void api()
      .kdfSettings({})
      .then((result) => result.ok && setKdf(result.value));
  }, [reload]);

  const enrol = async (account: AccountView) => {
    setNotice(null);
    const started = await request.run(() => api().startEnrolment({ accountId: account.accountId }));
    if (!started) return;
    setJustStarted(started.enrolmentId);
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
      {request.notice}
      {notice ? <Notice tone="ok">{notice}</Notice> : null}

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
