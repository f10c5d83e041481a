import { useEffect, useState, type FormEvent } from 'react';
import type { AirGapView } from '../../src-main/contract/views';
import { api } from '../api';
import { useRequest } from './use-request';

const REFRESH_MS = 5_000;

/**
 * A loud warning while any network interface is up: secrets are refused until it is gone. A lab may record an
 * override with a reason; it lasts until the custodian signs out and is on the audit trail.
 */
export function AirGapNotice() {
  const [status, setStatus] = useState<AirGapView | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const request = useRequest();

  useEffect(() => {
    let alive = true;
    const load = async () => {
      const result = await api().airGapStatus({});
      if (alive && result.ok) setStatus(result.value);
    };
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, []);

  if (!status || status.isolated) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await request.run(
      () => api().allowNetwork({ reason }),
      (allowed) => {
        setStatus(allowed);
        setAsking(false);
      },
    );
  };

  return (
    <div className="airgap" role="alert">
      <strong>Network connected.</strong> {status.sentence}
      {status.override ? (
        <span>
          {' '}
          Lab override in force, recorded by {status.override.by}: “{status.override.reason}”.
        </span>
      ) : asking ? (
        <form className="row" onSubmit={(e) => void submit(e)}>
          <label htmlFor="airgap-reason">Why must secrets be opened on a networked machine?</label>
          <input id="airgap-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          <button type="submit">Allow for lab use</button>
        </form>
      ) : (
        <button type="button" className="link" onClick={() => setAsking(true)}>
          Lab use only: allow anyway…
        </button>
      )}
      {request.notice}
    </div>
  );
}
