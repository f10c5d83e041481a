import { useEffect, useState } from 'react';
import type { ScheduleView } from '../../src-main/contract/verification-views';
import { api } from '../api';

const REFRESH_MS = 60_000;

/**
 * What needs attention whenever a custodian signs in: media whose quarterly check is overdue or due soon, and
 * roles with too few replicas or none off site. Quiet when all is well.
 */
export function CustodyStatus({ onOpenVerify }: { onOpenVerify: () => void }) {
  const [schedule, setSchedule] = useState<ScheduleView | null>(null);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      const result = await api().verificationSchedule({});
      if (alive && result.ok) setSchedule(result.value);
    };
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, []);

  if (!schedule) return null;
  const overdue = schedule.due.filter((d) => d.status === 'overdue');
  const soon = schedule.due.filter((d) => d.status === 'due-soon');
  const warnings = schedule.replicas.flatMap((r) => r.warnings);
  const counts = schedule.replicas.map((r) => `${r.role === 'vault' ? 'Vault' : 'Seed'} sticks: ${r.count} (${r.offsite} off site)`).join(' · ');
  const attention = overdue.length > 0 || warnings.length > 0;

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
    </div>
  );
}
