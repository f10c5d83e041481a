import type { ReactNode } from 'react';
import type { AuditChainView, AuditEntryView } from '../../../src-main/contract/audit-views';
import { formatInstant } from '../../format';

export function AuditRow({ event, markPractice }: { event: AuditEntryView; markPractice: boolean }) {
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

export function ChainVerdict({ chain, onRecheck }: { chain: AuditChainView; onRecheck: () => void }) {
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

/** Hash digits in groups of four, as the paper prints them. */
export function groupHex(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
