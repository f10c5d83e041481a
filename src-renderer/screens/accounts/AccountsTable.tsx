import type { AccountView, EnrolmentView } from '../../../src-main/contract/custody-views';
import { custodyWords } from './custody-words';
import { formatInstant } from '../../format';
import { ColumnHeads } from '../../components/ColumnHeads';


/** "2026-11-23", the UTC day, as every date in Strongroom is written. */
function formatDay(iso: string): string {
  return formatInstant(iso, 'day');
}

export function AccountsTable({
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
      <ColumnHeads columns={['Account id', 'Name', 'Root email', 'OU', 'AWS status', 'Custody', 'MFA', 'Enrolled']} action />
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
                {custodyWords(account)}
                {account.rotation ? <span className="badge badge-warn"> rotation {account.rotation.status}</span> : null}
              </td>
              <td>{account.mfa.kind === 'virtual' ? 'Virtual (app)' : `Hardware token: ${account.mfa.tokenSerial}`}</td>
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

