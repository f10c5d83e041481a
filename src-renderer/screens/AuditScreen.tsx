import { useCallback, useEffect, useState } from 'react';
import type { AuditChainView, AuditEventView, SessionStatus } from '../../src-main/contract/views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';

const PAGE = 100;

export function AuditScreen({ status, onStatus }: { status: SessionStatus; onStatus: (s: SessionStatus) => void }) {
  const [events, setEvents] = useState<readonly AuditEventView[]>([]);
  const [chain, setChain] = useState<AuditChainView | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const [more, setMore] = useState(false);

  const load = useCallback(async () => {
    const result = await api().listAudit({ limit: PAGE });
    if (!result.ok) return setError(result.error);
    setError(null);
    setEvents(result.value.events);
    setChain(result.value.chain);
    setMore(result.value.events.length === PAGE);
  }, []);

  useEffect(() => void load(), [load]);

  const loadOlder = async () => {
    const oldest = events.at(-1);
    if (!oldest) return;
    const result = await api().listAudit({ limit: PAGE, beforeSeq: oldest.seq });
    if (!result.ok) return setError(result.error);
    setEvents([...events, ...result.value.events]);
    setMore(result.value.events.length === PAGE);
  };

  const recheck = async () => {
    const result = await api().verifyAudit({});
    if (result.ok) setChain(result.value);
    else setError(result.error);
  };

  const changeIdleLock = async (minutes: number) => {
    const result = await api().setIdleLock({ minutes });
    if (result.ok) {
      onStatus(result.value);
      void load();
    } else setError(result.error);
  };

  return (
    <section className="screen" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <p className="lead">
        Every custody action, who did it and when. Each entry is sealed with the one before it, so a changed, removed
        or reordered entry shows up here as a break.
      </p>
      <ErrorNotice error={error} />
      {chain ? <ChainVerdict chain={chain} onRecheck={() => void recheck()} /> : null}
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.seq} data-action={event.action}>
              <td>{event.seq}</td>
              <td>{formatTime(event.at)}</td>
              <td>{event.custodian}</td>
              <td>{describeAction(event.action)}</td>
              <td>{event.subject}</td>
              <td className="details">{formatDetails(event.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more ? (
        <button type="button" onClick={() => void loadOlder()}>
          Show older entries
        </button>
      ) : null}
      <section className="settings" aria-labelledby="kiosk-settings">
        <h2 id="kiosk-settings">Kiosk settings</h2>
        <label htmlFor="idle-lock">Lock the kiosk after this many minutes without input</label>
        <select
          id="idle-lock"
          value={status.idleLockMinutes}
          onChange={(event) => void changeIdleLock(Number(event.target.value))}
        >
          {[1, 2, 3, 5, 10, 15, 30].map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes} {minutes === 1 ? 'minute' : 'minutes'}
            </option>
          ))}
        </select>
      </section>
    </section>
  );
}

function ChainVerdict({ chain, onRecheck }: { chain: AuditChainView; onRecheck: () => void }) {
  return chain.intact ? (
    <div className="notice notice-ok" role="status" data-chain="verified">
      <strong>Audit trail verified.</strong> All {chain.count} entries follow one another unchanged (seal{' '}
      <code>{chain.headHash.slice(0, 16)}</code>).{' '}
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

const ACTION_WORDS: Record<string, string> = {
  'custodian.signed-in': 'Custodian signed in',
  'custodian.signed-out': 'Custodian signed out',
  'custodian.locked-idle': 'Kiosk locked (idle)',
  'settings.idle-lock-changed': 'Idle lock changed',
  'settings.verification-interval-changed': 'Verification interval changed',
  'airgap.refused': 'Refused: network connected',
  'airgap.override': 'Network override (lab use)',
  'medium.labelled': 'Stick labelled',
  'medium.label-refused': 'Labelling refused',
  'medium.wiped': 'Stick wiped',
  'medium.ejected': 'Stick ejected',
  'artefact.written': 'Written and verified',
  'artefact.write-refused': 'Write refused',
  'artefact.write-failed': 'Write failed',
  'document.saved': 'Document saved on stick',
  'document.save-refused': 'Document save refused',
  'account.added': 'Account added',
  'account.updated': 'Account updated',
  'accounts.imported': 'Accounts imported',
  'accounts.provisioned': 'Accounts provisioned',
  'account.enrolled': 'Account enrolled',
  'enrolment.started': 'Enrolment started',
  'enrolment.password-revealed': 'Enrolment password revealed',
  'enrolment.seed-recorded': 'MFA secret recorded',
  'enrolment.aws-accepted': 'AWS accepted the codes',
  'enrolment.cancelled': 'Enrolment cancelled',
  'breakglass.opened': 'Break-glass opened',
  'breakglass.failed': 'Break-glass failed',
  'breakglass.closed': 'Break-glass closed',
  'breakglass.password-revealed': 'Root password revealed',
  'breakglass.password-copied': 'Root password copied',
  'mfa.code-shown': 'MFA code shown',
  'verification.started': 'Verification started',
  'verification.medium-checked': 'Stick verified',
  'verification.finished': 'Verification finished',
  'print.seed-backup-prepared': 'Seed backup prepared',
  'print.seed-backup-discarded': 'Seed backup discarded',
  'print.seed-backup-failed': 'Seed backup failed',
  'print.printed': 'Printed',
  'print.failed': 'Printing failed',
  'print.save-refused': 'Save refused',
  'print.save-failed': 'Save failed',
  'print.written-to-file': 'Document written to file',
  'print.secrets-wiped': 'Printed secrets wiped from memory',
  'paper.seed-restored': 'Seed restored from paper',
  'paper.seed-restore-failed': 'Seed restore failed',
  'paper.re-enrolment-started': 'Re-enrolment from paper started',
  'passphrase.suggested': 'Passphrase suggested',
  'seeds.csv-exported': 'Seeds exported as plaintext CSV',
};

function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function formatDetails(details: Readonly<Record<string, unknown>>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
