import { useState, type FormEvent } from 'react';
import type { TamperAlarmView } from '../../src-main/contract/audit-views';
import { api } from '../api';
import { formatInstant } from '../format';
import { usePoll } from './use-poll';
import { useRequest } from './use-request';

const REFRESH_MS = 15_000;
/** The same floor main enforces: a reason says what was found and done, it is not a click-through. */
const MIN_REASON = 5;

/**
 * The most serious notice Strongroom gives, on every screen: the audit trail on a stick or on the kiosk was cut,
 * rewritten or forked. It stays until a custodian has looked into it and acknowledged it with a reason.
 */
export function TamperAlarmNotice() {
  const [alarms, setAlarms] = useState<readonly TamperAlarmView[]>([]);
  const load = async () => {
    const result = await api().tamperAlarms({});
    if (result.ok) setAlarms(result.value);
  };
  usePoll(load, REFRESH_MS, true);

  if (alarms.length === 0) return null;
  return (
    <section className="tamper-alarms" role="alert" aria-label="Tamper alarm">
      {alarms.map((alarm) => (
        <TamperAlarmItem key={alarm.alarmId} alarm={alarm} onAcknowledged={() => void load()} />
      ))}
    </section>
  );
}

function TamperAlarmItem({ alarm, onAcknowledged }: { readonly alarm: TamperAlarmView; readonly onAcknowledged: () => void }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const request = useRequest();
  const fieldId = `tamper-reason-${alarm.alarmId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await request.run(() => api().acknowledgeTamperAlarm({ alarmId: alarm.alarmId, reason }), onAcknowledged);
  };

  return (
    <div className="tamper-alarm" data-alarm={alarm.alarmId} data-subject={alarm.subject}>
      <strong>Tamper alarm — the audit trail does not agree with {alarm.subject === 'kiosk' ? 'the heads seen outside the kiosk' : alarm.subject}.</strong>
      <p className="tamper-alarm-found">{alarm.sentence}</p>
      <p>
        Keep {alarm.subject === 'kiosk' ? 'every stick' : `${alarm.subject}`} as evidence: do not write to it or wipe it. Compare with the other replicas of
        the same role, and call your security lead before any further work. Raised {formatInstant(alarm.raisedAt)} ({alarm.alarmId}).
      </p>
      {asking ? (
        <form className="row" onSubmit={(e) => void submit(e)}>
          <label htmlFor={fieldId}>What was found and done about it (goes on the audit trail)</label>
          <input id={fieldId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required minLength={MIN_REASON} />
          <button type="submit" disabled={request.busy || reason.trim().length < MIN_REASON}>
            Acknowledge
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            Not yet
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          Acknowledge…
        </button>
      )}
      {request.notice}
    </div>
  );
}
