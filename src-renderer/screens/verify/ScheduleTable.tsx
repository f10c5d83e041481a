import type { DueView, ScheduleView } from '../../../src-main/contract/verification-views';
import { Notice } from '../../components/Notice';
import { formatInstant, formatTime } from '../../format';
import { ColumnHeads } from '../../components/ColumnHeads';

/**
 * One stick or token and when it is next due: how late when overdue, how soon when due within days. The row's
 * class colours it by that status; `data` names what it is about (data-medium, data-token).
 */
function DueRow({ due, data, name, kept, lastVerified }: {
  readonly due: Pick<DueView, 'nextDueAt' | 'status' | 'daysLeft'>;
  readonly data: Readonly<Record<`data-${string}`, string>>;
  readonly name: string;
  readonly kept: string;
  readonly lastVerified: string;
}) {
  return (
    <tr className={`due-${due.status}`} {...data}>
      <td>{name}</td>
      <td>{kept}</td>
      <td>{lastVerified}</td>
      <td>
        {formatInstant(due.nextDueAt, 'day')}{' '}
        {due.status === 'overdue' ? <strong className="warn">overdue by {-due.daysLeft} days</strong> : due.status === 'due-soon' ? <strong>due in {due.daysLeft} days</strong> : null}
      </td>
    </tr>
  );
}

export function Schedule({ schedule, onInterval }: { schedule: ScheduleView; onInterval: (days: number) => void }) {
  return (
    <section aria-labelledby="schedule-title">
      <h2 id="schedule-title">When each stick is due</h2>
      <div className="row interval">
        <label htmlFor="verify-interval">Verify each stick every</label>
        <select id="verify-interval" value={schedule.intervalDays} onChange={(e) => onInterval(Number(e.target.value))}>
          {[...new Set([30, 60, 90, 120, 180, schedule.intervalDays])].sort((a, b) => a - b).map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </select>
      </div>
      {schedule.replicas.flatMap((r) => r.warnings).map((warning) => (
        <Notice key={warning} tone="error">
          {warning}
        </Notice>
      ))}
      {schedule.due.length === 0 ? <p className="empty">No stick is labelled yet.</p> : null}
      <table className="audit-table">
        <ColumnHeads columns={['Medium', 'Kept', 'Last verified', 'Next due']} />
        <tbody>
          {schedule.due.map((d) => (
            <DueRow key={d.mediumId} due={d} data={{ 'data-medium': d.mediumId }} name={d.mediumId} kept={d.location} lastVerified={formatTime(d.lastVerifiedAt)} />
          ))}
        </tbody>
      </table>
      {schedule.tokens.length > 0 ? (
        <table className="audit-table" aria-label="When each token of the safe is due">
          <ColumnHeads columns={['Token in the safe', 'Kept at', 'Last verified', 'Next due']} />
          <tbody>
            {schedule.tokens.map((t) => (
              <DueRow key={t.tokenId} due={t} data={{ 'data-token': t.tokenId }} name={t.token} kept={t.location} lastVerified={formatTime(t.lastVerifiedAt)} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

