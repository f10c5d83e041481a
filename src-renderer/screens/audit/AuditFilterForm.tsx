import type { ReactNode } from 'react';
import type { AuditFacetsView, AuditFilterView } from '../../../src-main/contract/audit-views';
import type { ChannelError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatInstant } from '../../format';

/** The Audit screen's filter: free text, custodian, action, subject, a UTC day range, and refusals only. */
export function AuditFilterForm({
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
  return (
    <form className="audit-filter" aria-label="Filter the audit trail" role="search" onSubmit={(e) => e.preventDefault()}>
      <TextFilter
        className="audit-filter-search"
        id="audit-search"
        label="Search"
        type="search"
        placeholder="Words, ids, names: every word must appear"
        value={draft.text}
        maxLength={500}
        onChange={(text) => onChange({ text }, true)}
      />
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
      <TextFilter
        id="audit-subject"
        label="Account, medium or token"
        list="audit-subjects"
        placeholder="VAULT-02, 111111111111…"
        value={draft.subject}
        maxLength={100}
        onChange={(subject) => onChange({ subject }, true)}
      >
        <datalist id="audit-subjects">
          {facets?.subjects.map((s) => (
            <option key={s.id} value={s.id}>
              {s.words}
            </option>
          ))}
        </datalist>
      </TextFilter>
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

/** A typed filter field; an emptied box means "any" (undefined), never a search for the empty string. */
function TextFilter({
  id,
  label,
  value,
  onChange,
  className,
  children,
  ...input
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  className?: string;
  children?: ReactNode;
  type?: 'search';
  list?: string;
  placeholder: string;
  maxLength: number;
}) {
  return (
    <div {...(className ? { className } : {})}>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      {children}
    </div>
  );
}

