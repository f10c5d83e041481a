import { useState } from 'react';
import type { MediaOverview } from '../../../src-main/contract/media-views';
import type { OutOfServiceView } from '../../../src-main/contract/transaction-views';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { formatInstant } from '../../format';
import type { MediaAction } from './media-action';
import { ColumnHeads } from '../../components/ColumnHeads';

/** Every stick in service, inserted or not: one can be reported lost or destroyed without being here. */
export function InService({ overview, act }: { overview: MediaOverview; act: MediaAction }) {
  const [reporting, setReporting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [advice, setAdvice] = useState<{ mediumId: string; advice: string; warning: string | null } | null>(null);
  if (overview.inService.length === 0) return null;
  return (
    <section aria-labelledby="in-service-title">
      <h2 id="in-service-title">Sticks in service</h2>
      {advice ? (
        <Notice tone="warn" title={`${advice.mediumId} is recorded as lost.`} data={{ 'data-lost': advice.mediumId }}>
          {advice.advice}
          {advice.warning ? <div className="warn">{advice.warning}</div> : null}
        </Notice>
      ) : null}
      <table className="data-table">
        <ColumnHeads columns={['Medium', 'Kept', 'Holds']} action />
        <tbody>
          {overview.inService.map((m) => (
            <tr key={m.mediumId} data-medium={m.mediumId}>
              <td>{m.mediumId}</td>
              <td>{m.location}</td>
              <td>{m.generation ? `generation ${m.generation}` : 'nothing yet'}</td>
              <td>
                <button type="button" className="link" onClick={() => (setReporting(m.mediumId), setReason(''))}>
                  Report {m.mediumId} lost…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reporting ? (
        <form
          className="inline-form danger-zone"
          aria-label={`Report ${reporting} lost`}
          onSubmit={(event) => {
            event.preventDefault();
            const mediumId = reporting;
            void act(async () => {
              const result = await api().reportMediumLost({ mediumId, reason });
              if (result.ok) setAdvice(result.value);
              return result;
            }, `${mediumId} is recorded as lost.`).then(() => setReporting(null));
          }}
        >
          <p>
            {reporting} will no longer count as a replica, and the custodians are told what to do (change its role's master passphrase). If
            it turns up again it is treated as a stranger.
          </p>
          <label htmlFor="lost-reason">What happened (recorded on the audit trail)</label>
          <input id="lost-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <div className="row">
            <button type="submit" className="danger" disabled={reason.trim().length < 5}>
              Record {reporting} as lost
            </button>
            <button type="button" className="secondary" onClick={() => setReporting(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** How many generations each stick keeps; older ones are pruned only once a newer one is on that stick. */
export function KeptGenerations({ kept, act }: { kept: number; act: MediaAction }) {
  return (
    <section aria-labelledby="kept-title">
      <h2 id="kept-title">History on every stick</h2>
      <div className="row">
        <label htmlFor="kept-generations">Generations each stick keeps (the current one included)</label>
        <select
          id="kept-generations"
          value={kept}
          onChange={(e) => {
            const generations = Number(e.target.value);
            void act(() => api().setKeptGenerations({ generations }), `Each stick keeps ${generations} generations from its next write on.`);
          }}
        >
          {[...new Set([2, 3, 4, 5, 6, 8, 10, kept])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

export function OutOfService({ media }: { media: readonly OutOfServiceView[] }) {
  return (
    <section aria-labelledby="out-of-service-title">
      <h2 id="out-of-service-title">Out of service</h2>
      <ul>
        {media.map((m) => (
          <li key={m.mediumId} data-medium={m.mediumId} data-lifecycle={m.lifecycle}>
            <strong>{m.mediumId}</strong> — {m.lifecycle} {m.at ? `on ${formatInstant(m.at, 'day')}` : ''}
            {m.reason ? `: ${m.reason}` : ''}
            {m.replacedBy ? ` (replaced by ${m.replacedBy})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
