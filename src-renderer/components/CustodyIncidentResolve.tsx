import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useRequest } from './use-request';

/** The floor main enforces (app/custody-incidents): a resolution says what was done, it is not a click-through. */
const MIN_RESOLUTION = 10;

/**
 * Resolving one open custody incident, beside its notice: the custodian says what was done (the stick taken out
 * of service, the credentials rotated), and that sentence goes on the audit trail under their name.
 */
export function CustodyIncidentResolve({ incidentId, onResolved }: { readonly incidentId: string; readonly onResolved: () => void }) {
  const [asking, setAsking] = useState(false);
  const [resolution, setResolution] = useState('');
  const request = useRequest();
  const fieldId = `incident-resolution-${incidentId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await request.run(() => api().resolveCustodyIncident({ incidentId, reason: resolution }), onResolved);
  };

  if (!asking) {
    return (
      <button type="button" className="link" onClick={() => setAsking(true)}>
        Resolve…
      </button>
    );
  }
  return (
    <span className="incident-resolve" data-incident-form={incidentId}>
      <form className="row" onSubmit={(e) => void submit(e)}>
        <label htmlFor={fieldId}>What was done about it (goes on the audit trail)</label>
        <input id={fieldId} value={resolution} onChange={(e) => setResolution(e.target.value)} maxLength={1000} required minLength={MIN_RESOLUTION} />
        <button type="submit" disabled={request.busy || resolution.trim().length < MIN_RESOLUTION}>
          Resolve
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          Not yet
        </button>
      </form>
      {request.notice}
    </span>
  );
}
