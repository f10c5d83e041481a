import type { ScheduleView } from '../../../src-main/contract/verification-views';
import { Notice } from '../../components/Notice';
import { formatInstant, formatTime } from '../../format';
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
        <thead>
          <tr>
            <th scope="col">Medium</th>
            <th scope="col">Kept</th>
            <th scope="col">Last verified</th>
            <th scope="col">Next due</th>
          </tr>
        </thead>
        <tbody>
          {schedule.due.map((d) => (
            <tr key={d.mediumId} className={`due-${d.status}`} data-medium={d.mediumId}>
              <td>{d.mediumId}</td>
              <td>{d.location}</td>
              <td>{formatTime(d.lastVerifiedAt)}</td>
              <td>
                {formatInstant(d.nextDueAt, 'day')}{' '}
                {d.status === 'overdue' ? <strong className="warn">overdue by {-d.daysLeft} days</strong> : d.status === 'due-soon' ? <strong>due in {d.daysLeft} days</strong> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {schedule.tokens.length > 0 ? (
        <table className="audit-table" aria-label="When each token of the safe is due">
          <thead>
            <tr>
              <th scope="col">Token in the safe</th>
              <th scope="col">Kept at</th>
              <th scope="col">Last verified</th>
              <th scope="col">Next due</th>
            </tr>
          </thead>
          <tbody>
            {schedule.tokens.map((t) => (
              <tr key={t.tokenId} className={`due-${t.status}`} data-token={t.tokenId}>
                <td>{t.token}</td>
                <td>{t.location}</td>
                <td>{t.lastVerifiedAt ? formatTime(t.lastVerifiedAt) : 'never'}</td>
                <td>
                  {formatInstant(t.nextDueAt, 'day')}{' '}
                  {t.status === 'overdue' ? <strong className="warn">overdue by {-t.daysLeft} days</strong> : t.status === 'due-soon' ? <strong>due in {t.daysLeft} days</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

