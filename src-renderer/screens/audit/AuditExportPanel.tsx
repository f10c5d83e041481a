import { useEffect, useMemo, useRef, useState } from 'react';
import type { AuditExportView, AuditFilterView } from '../../../src-main/contract/audit-views';
import { api, type ChannelError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useInsertedMedia } from '../../components/use-inserted-media';
import { groupHex } from './AuditRows';

const REPORTS = 'reports';

export function AuditExportPanel({ filter, matching, ready, onExported }: { filter: AuditFilterView; matching: number; ready: boolean; onExported: () => void }) {
  const { media } = useInsertedMedia();
  const sticks = useMemo(() => (media ?? []).filter((m) => m.label !== null), [media]);
  const [destination, setDestination] = useState(REPORTS);
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [done, setDone] = useState<AuditExportView | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  // A stick that was taken out is no longer offered; the reports folder always is.
  const chosen = destination === REPORTS || sticks.some((m) => m.devicePath === destination) ? destination : REPORTS;

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const exportAs = async (format: 'csv' | 'pdf') => {
    setBusy(format);
    setError(null);
    setDone(null);
    const result = await api().exportAudit({
      filter,
      format,
      destination: chosen === REPORTS ? { kind: 'reports' } : { kind: 'medium', devicePath: chosen },
    });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setDone(result.value);
    onExported();
  };

  return (
    <section className="audit-export" aria-labelledby="audit-export-title">
      <h2 id="audit-export-title">
        Export the {matching} {matching === 1 ? 'entry' : 'entries'} shown
      </h2>
      <div className="row">
        <label htmlFor="audit-export-to">Save to</label>
        <select id="audit-export-to" value={chosen} onChange={(e) => setDestination(e.target.value)}>
          <option value={REPORTS}>The kiosk’s reports folder</option>
          {sticks.map((m) => (
            <option key={m.devicePath} value={m.devicePath}>
              {m.label!.mediumId} — {m.label!.role === 'vault' ? 'vault' : 'seed'} stick
            </option>
          ))}
        </select>
        <button type="button" disabled={busy !== null || !ready} onClick={() => void exportAs('csv')}>
          {busy === 'csv' ? 'Exporting…' : 'Export CSV'}
        </button>
        <button type="button" disabled={busy !== null || !ready} onClick={() => void exportAs('pdf')}>
          {busy === 'pdf' ? 'Exporting…' : 'Export PDF'}
        </button>
      </div>
      <p className="hint">Audit entries hold no secret: any labelled stick, vault or seed, may take a copy.</p>
      <div ref={errorRef} tabIndex={-1}>
        <ErrorNotice error={error} />
      </div>
      {done ? (
        <p ref={doneRef} tabIndex={-1} className="notice notice-ok" role="status" data-exported={done.format}>
          <strong>
            Saved {done.events} {done.events === 1 ? 'entry' : 'entries'} as {done.format.toUpperCase()}{' '}
            {done.savedOn ? `on ${done.savedOn} as ${done.location}` : `in the kiosk’s reports folder as ${done.fileName}`}.
          </strong>{' '}
          Chain head {done.chainHead ? `event ${done.chainHead.seq} (seal ${groupHex(done.chainHead.hash.slice(0, 16))}…)` : 'none (empty trail)'},{' '}
          {done.chainIntact ? 'chain verified' : 'CHAIN BROKEN'}.
        </p>
      ) : null}
    </section>
  );
}

