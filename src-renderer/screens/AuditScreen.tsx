import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuditChainView, AuditEntryView, AuditExportView, AuditFacetsView, AuditFilterView, AuditPage } from '../../src-main/contract/audit-views';
import type { SessionStatus } from '../../src-main/contract/views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useInsertedMedia } from '../components/use-inserted-media';
import { formatInstant } from '../format';

const PAGE = 100;
/** Typing in the search or date fields asks main again once the custodian pauses, not on every key. */
const TYPING_PAUSE_MS = 300;
const IDLE_CHOICES = [1, 2, 3, 5, 10, 15, 30] as const;
const REPORTS = 'reports';

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
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">About</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
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

function IdleLockSetting({ minutes, onChange }: { minutes: number; onChange: (minutes: number) => void }) {
  return (
    <section className="card idle-lock" aria-labelledby="idle-lock-title">
      <h2 id="idle-lock-title">Kiosk lock</h2>
      <label htmlFor="idle-lock">Lock the kiosk after this long without keyboard or mouse input</label>
      <select id="idle-lock" value={minutes} onChange={(event) => onChange(Number(event.target.value))}>
        {IDLE_CHOICES.map((m) => (
          <option key={m} value={m}>
            {m} {m === 1 ? 'minute' : 'minutes'}
          </option>
        ))}
      </select>
      <p className="hint">Open secrets are wiped when it locks. Changing this is recorded on the trail.</p>
    </section>
  );
}

function AuditFilterForm({
  draft,
  facets,
  error,
  onChange,
  onClear,
}: {
  draft: AuditFilterView;
  facets: AuditFacetsView | null;
  error: ChannelError | null;
  onChange: (patch: AuditFilterView, typed?: boolean) => void;
  onClear: () => void;
}) {
  const field = (value: string | undefined) => value ?? '';
  const optional = (value: string) => (value === '' ? undefined : value);
  return (
    <form className="audit-filter" aria-label="Filter the audit trail" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="audit-filter-search">
        <label htmlFor="audit-search">Search</label>
        <input
          id="audit-search"
          type="search"
          placeholder="Words, ids, names: every word must appear"
          value={field(draft.text)}
          maxLength={500}
          onChange={(e) => onChange({ text: optional(e.target.value) }, true)}
        />
      </div>
      <ChoiceSelect
        id="audit-custodian"
        label="Custodian"
        any="Anyone"
        value={draft.custodian}
        choices={(facets?.custodians ?? []).map((c) => ({ value: c.name, words: `${c.name} (${c.events})` }))}
        onChange={(custodian) => onChange({ custodian })}
      />
      <ChoiceSelect
        id="audit-action"
        label="Action"
        any="Any action"
        value={draft.action}
        choices={(facets?.actions ?? []).map((a) => ({ value: a.action, words: `${a.title} (${a.events})` }))}
        onChange={(action) => onChange({ action })}
      />
      <div>
        <label htmlFor="audit-subject">Account, medium or token</label>
        <input
          id="audit-subject"
          list="audit-subjects"
          placeholder="VAULT-02, 111111111111…"
          value={field(draft.subject)}
          maxLength={100}
          onChange={(e) => onChange({ subject: optional(e.target.value) }, true)}
        />
        <datalist id="audit-subjects">
          {facets?.subjects.map((s) => (
            <option key={s.id} value={s.id}>
              {s.words}
            </option>
          ))}
        </datalist>
      </div>
      <DayInput id="audit-from" label="From (UTC day)" value={draft.fromDay} example={facets?.firstAt ?? null} onChange={(fromDay) => onChange({ fromDay }, true)} />
      <DayInput id="audit-to" label="To (UTC day)" value={draft.toDay} example={facets?.lastAt ?? null} onChange={(toDay) => onChange({ toDay }, true)} />
      <label className="checkbox audit-alarms">
        <input type="checkbox" checked={draft.alarmsOnly === true} onChange={(e) => onChange({ alarmsOnly: e.target.checked || undefined })} />
        Only refusals, failures and alarms
      </label>
      <button type="button" className="secondary" onClick={onClear}>
        Clear filter
      </button>
      <p id="audit-day-hint" className="hint audit-filter-hint">
        Days as YYYY-MM-DD, both included.
      </p>
      {error ? (
        <div className="audit-filter-error">
          <ErrorNotice error={error} />
        </div>
      ) : null}
    </form>
  );
}

function ChoiceSelect({
  id,
  label,
  any,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  value: string | undefined;
  choices: readonly { value: string; words: string }[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.words}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A UTC day typed as YYYY-MM-DD: a browser date picker would show the machine's own day/month order. */
function DayInput({ id, label, value, example, onChange }: { id: string; label: string; value: string | undefined; example: string | null; onChange: (day: string | undefined) => void }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        placeholder={example ? formatInstant(example, 'day') : 'YYYY-MM-DD'}
        value={value ?? ''}
        maxLength={10}
        aria-describedby="audit-day-hint"
        onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : e.target.value.trim())}
      />
    </div>
  );
}

function AuditExportPanel({ filter, matching, ready, onExported }: { filter: AuditFilterView; matching: number; ready: boolean; onExported: () => void }) {
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

/** `markPractice`: on a real kiosk a practice entry stands out; in practice mode every screen already says so. */
function AuditRow({ event, markPractice }: { event: AuditEntryView; markPractice: boolean }) {
  const when = formatInstant(event.at, 'second');
  const [day, ...time] = when.split(' ');
  return (
    <tr data-seq={event.seq} data-action={event.action} data-highlight={event.highlight ?? undefined} className={event.highlight ? `audit-${event.highlight}` : undefined}>
      <td title={`Seal ${event.seal}`}>{event.seq}</td>
      <td className="audit-when">
        <span>{day}</span> <span>{time.join(' ')}</span>
      </td>
      <td>{event.custodian}</td>
      <td>
        {event.highlightWord ? <span className={`badge audit-badge-${event.highlight}`}>{event.highlightWord}</span> : null} {event.title}
        {event.practice && markPractice ? <> <span className="badge badge-practice">practice</span></> : null}
      </td>
      <td className="audit-about">
        {event.subject}
        {event.subjectName ? <div className="hint">{event.subjectName}</div> : null}
      </td>
      <td className="details">
        <div className="audit-sentence">{event.sentence}</div>
        {event.facts.length > 0 ? <AuditFacts facts={event.facts} /> : null}
      </td>
    </tr>
  );
}

function AuditFacts({ facts }: { facts: AuditEntryView['facts'] }): ReactNode {
  return (
    <dl className="audit-facts">
      {facts
        .filter((f) => f.label !== 'Practice')
        .map((f, i) => (
          <div key={`${f.label}-${i}`}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
    </dl>
  );
}

function ChainVerdict({ chain, onRecheck }: { chain: AuditChainView; onRecheck: () => void }) {
  return chain.intact ? (
    <div className="notice notice-ok" role="status" data-chain="verified">
      <strong>Audit trail verified.</strong> All {chain.count} entries follow one another unchanged (head: entry {chain.count}, seal{' '}
      <code>{groupHex(chain.headHash.slice(0, 16))}</code>).{' '}
      <button type="button" className="link" onClick={onRecheck}>
        Check again
      </button>
    </div>
  ) : (
    <div className="notice notice-error" role="alert" data-chain="broken" data-first-bad-seq={chain.firstBadSeq}>
      <strong>The audit trail is broken at entry {chain.firstBadSeq}.</strong> {chain.explanation} Stop and call your
      security lead; compare with the audit copies on the media.
    </div>
  );
}

function groupHex(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
