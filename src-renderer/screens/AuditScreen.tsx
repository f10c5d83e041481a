import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditChainView, AuditEntryView, AuditFacetsView, AuditFilterView, AuditPage } from '../../src-main/contract/audit-views';
import type { SessionStatus } from '../../src-main/contract/views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { AuditExportPanel } from './audit/AuditExportPanel';
import { AuditFilterForm } from './audit/AuditFilterForm';
import { AuditRow, ChainVerdict } from './audit/AuditRows';
import { IdleLockSetting } from './audit/IdleLockSetting';
import { ColumnHeads } from '../components/ColumnHeads';

const PAGE = 100;
/** Typing in the search or date fields asks main again once the custodian pauses, not on every key. */
const TYPING_PAUSE_MS = 300;

const EMPTY_FILTER: AuditFilterView = {};

export function AuditScreen({ status, onStatus }: { status: SessionStatus; onStatus: (s: SessionStatus) => void }) {
  const [chain, setChain] = useState<AuditChainView | null>(null);
  const [facets, setFacets] = useState<AuditFacetsView | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  // What the custodian typed (kept as typed, even when main refuses it) and what was last asked of main.
  const [draft, setDraft] = useState<AuditFilterView>(EMPTY_FILTER);
  const [applied, setApplied] = useState<AuditFilterView>(EMPTY_FILTER);
  const [filterError, setFilterError] = useState<ChannelError | null>(null);
  const [page, setPage] = useState<AuditPage | null>(null);
  // The filter the listed page answers; until main answers a newer one, the count says it is still filtering.
  const [pageFilter, setPageFilter] = useState<AuditFilterView | null>(null);
  const [events, setEvents] = useState<readonly AuditEntryView[]>([]);
  const request = useRef(0);

  const load = useCallback(async (filter: AuditFilterView) => {
    const ticket = ++request.current;
    const result = await api().listAudit({ filter, limit: PAGE });
    // A slower answer to an older filter must not replace the newer one.
    if (ticket !== request.current) return;
    if (!result.ok) {
      if (result.error.code === 'AUDIT_FILTER_INVALID') setFilterError(result.error);
      else setError(result.error);
      return;
    }
    setFilterError(null);
    setPage(result.value);
    setPageFilter(filter);
    setEvents(result.value.events);
  }, []);

  const refreshTrail = useCallback(async () => {
    const [verdict, choices] = await Promise.all([api().verifyAudit({}), api().auditFacets({})]);
    if (verdict.ok) setChain(verdict.value);
    else setError(verdict.error);
    if (choices.ok) setFacets(choices.value);
    else setError(choices.error);
  }, []);

  useEffect(() => void refreshTrail(), [refreshTrail]);
  useEffect(() => void load(applied), [load, applied]);

  // Lists and ticks apply at once; typed text after a pause.
  const change = (patch: AuditFilterView, typed = false) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (!typed) setApplied(next);
  };
  useEffect(() => {
    if (draft === applied) return;
    const timer = window.setTimeout(() => setApplied(draft), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, applied]);

  const clear = () => {
    setDraft(EMPTY_FILTER);
    setApplied(EMPTY_FILTER);
  };

  const loadOlder = async () => {
    const oldest = events.at(-1);
    if (!oldest) return;
    const ticket = request.current;
    const result = await api().listAudit({ filter: applied, limit: PAGE, beforeSeq: oldest.seq });
    if (ticket !== request.current) return;
    if (!result.ok) return setError(result.error);
    setEvents([...events, ...result.value.events]);
    setPage(result.value);
  };

  const afterExport = () => {
    void load(applied);
    void refreshTrail();
  };

  const changeIdleLock = async (minutes: number) => {
    const result = await api().setIdleLock({ minutes });
    if (result.ok) {
      onStatus(result.value);
      afterExport();
    } else setError(result.error);
  };

  // The list, its count and the export all speak of the filter main last answered (while a refused filter is shown
  // with its error, the list is still the previous one's).
  const shownFilter = pageFilter ?? EMPTY_FILTER;
  const filtered = Object.values(shownFilter).some((v) => v !== undefined && v !== '' && v !== false);
  const settled = pageFilter === applied || filterError !== null;

  return (
    <section className="screen audit-screen" aria-labelledby="audit-title">
      <div className="audit-head">
        <div>
          <h1 id="audit-title">Audit trail</h1>
          <p className="lead">
            Every custody action, who did it and when (times in UTC). Each entry is sealed with the one before it, so a
            changed, removed or reordered entry shows up here as a break.
          </p>
        </div>
        <IdleLockSetting minutes={status.idleLockMinutes} onChange={(m) => void changeIdleLock(m)} />
      </div>
      <ErrorNotice error={error} />
      {chain ? <ChainVerdict chain={chain} onRecheck={() => void refreshTrail()} /> : null}

      <AuditFilterForm draft={draft} facets={facets} error={filterError} onChange={change} onClear={clear} />

      <div className="audit-toolbar">
        <p className="audit-count" role="status" aria-live="polite">
          {page === null
            ? 'Reading the trail…'
            : !settled
              ? 'Filtering…'
              : filtered
              ? `${page.matching} of ${page.total} entries match this filter${page.matching > events.length ? `; the newest ${events.length} are listed` : ''}.`
              : `${page.total} entries${page.total > events.length ? `; the newest ${events.length} are listed` : ''}.`}
        </p>
        <AuditExportPanel filter={shownFilter} matching={page?.matching ?? 0} ready={page !== null && settled} onExported={afterExport} />
      </div>

      <table className="audit-table">
        <ColumnHeads columns={['#', 'When (UTC)', 'Who', 'What', 'About', 'Details']} />
        <tbody>
          {events.map((event) => (
            <AuditRow key={event.seq} event={event} markPractice={!status.practiceMode} />
          ))}
        </tbody>
      </table>
      {page !== null && events.length === 0 ? <p className="empty">{filtered ? 'No entry matches this filter.' : 'The trail is empty.'}</p> : null}
      {page?.hasMore ? (
        <button type="button" className="secondary" onClick={() => void loadOlder()}>
          Show older entries
        </button>
      ) : null}
    </section>
  );
}
