import { useEffect, useState } from 'react';
import type { CustodyAlertView } from '../../src-main/contract/transaction-views';
import type { ScheduleView } from '../../src-main/contract/verification-views';
import { api } from '../api';
import { CustodyIncidentResolve } from './CustodyIncidentResolve';
import { useInsertedMedia } from './use-inserted-media';
import { usePoll } from './use-poll';

// Catalog reads only, so cheap; short enough that a count never lags a label or a write by more than a moment.
const REFRESH_MS = 3_000;

/**
 * What needs attention, on every screen: media whose quarterly check is overdue or due soon, roles with too few
 * replicas or none off site, writes still pending on some stick, rotations waiting for AWS, sticks reported
 * lost, replicas behind, a paper seed backup older than the seed store, and open custody incidents (each with its
 * Resolve action). Quiet when all is well.
 */
export function CustodyStatus({ onOpenVerify }: { onOpenVerify: () => void }) {
  const [schedule, setSchedule] = useState<ScheduleView | null>(null);
  const [alerts, setAlerts] = useState<readonly CustodyAlertView[]>([]);

  // Every stick plugged in, labelled or written changes the media version: read the counts again at once then,
  // and on a short poll for what changes without a stick (a rotation confirmed, a check falling due).
  const { overview } = useInsertedMedia();
  const load = async () => {
    const [result, attention] = await Promise.all([api().verificationSchedule({}), api().custodyAlerts({})]);
    if (result.ok) setSchedule(result.value);
    if (attention.ok) setAlerts(attention.value);
  };
  usePoll(load, REFRESH_MS, true);
  const version = overview?.version;
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    // `load` only sets state; the version (or an incident just resolved here) is what triggers it.
    if (version !== undefined || reloads > 0) void load();
  }, [version, reloads]);

  if (!schedule) return null;
  const overdue = schedule.due.filter((d) => d.status === 'overdue');
  const soon = schedule.due.filter((d) => d.status === 'due-soon');
  const warnings = schedule.replicas.flatMap((r) => r.warnings);
  const counts = schedule.replicas.map((r) => `${r.role === 'vault' ? 'Vault' : 'Seed'} sticks: ${r.count} (${r.offsite} off site)`).join(' · ');
  const act = alerts.filter((a) => a.severity === 'act');
  const attention = overdue.length > 0 || warnings.length > 0 || act.length > 0;

  return (
    <div className={`custody-status ${attention ? 'custody-status-alert' : ''}`} role="status" aria-label="Custody status">
      <span>{counts}</span>
      {overdue.length > 0 ? (
        <strong>
          Verification overdue: {overdue.map((d) => d.mediumId).join(', ')}.{' '}
          <button type="button" className="link" onClick={onOpenVerify}>
            Verify now
          </button>
        </strong>
      ) : null}
      {soon.length > 0 ? <span>Due within two weeks: {soon.map((d) => d.mediumId).join(', ')}.</span> : null}
      {warnings.map((w) => (
        <strong key={w}>{w}</strong>
      ))}
      {alerts.map((a) =>
        a.kind === 'custody-incident' && a.incidentId ? (
          // An open custody incident stays here, on every screen, until a custodian says what was done about it.
          <div key={`${a.kind}-${a.incidentId}`} className="custody-incident" data-alert={a.kind} data-incident={a.incidentId}>
            <strong>{a.sentence}</strong>
            <CustodyIncidentResolve incidentId={a.incidentId} onResolved={() => setReloads((n) => n + 1)} />
          </div>
        ) : a.severity === 'act' ? (
          <strong key={`${a.kind}-${a.subject}`} data-alert={a.kind}>
            {a.sentence}
          </strong>
        ) : (
          <span key={`${a.kind}-${a.subject}`} data-alert={a.kind}>
            {a.sentence}
          </span>
        ),
      )}
    </div>
  );
}
