import { useState, type FormEvent } from 'react';
import type { DetectedTokenView } from '../../../src-main/contract/token-views';
import type { RunView, TokenCheckView, TokenDueView, TokenStepView } from '../../../src-main/contract/verification-views';
import { api } from '../../api';
import { useRequest } from '../../components/use-request';
import { useTokens } from '../../components/use-tokens';
import { formatInstant } from '../../format';

/** When a token's check is due, in words: the schedule says it, so the verifier knows which ones are late. */
function dueWords(due: TokenDueView | undefined): string | null {
  if (!due) return null;
  const on = formatInstant(due.nextDueAt, 'day');
  return due.status === 'overdue' ? `check overdue since ${on}` : due.status === 'due-soon' ? `check due ${on}` : `next check due ${on}`;
}

/**
 * The token step of the quarterly run, through the same desk method as `strongroom verify --tokens`: each token
 * the inventory keeps in the safe is presented — a security key plugged in and read over USB, a display token by
 * the serial printed on it — and matched to the inventory. Closing the step judges what was not presented.
 */
export function TokenStepPanel({ run, due, onStep }: { readonly run: RunView; readonly due: readonly TokenDueView[]; readonly onStep: (step: TokenStepView) => void }) {
  const step = run.tokens;
  const { overview } = useTokens();
  const [serial, setSerial] = useState('');
  const [explaining, setExplaining] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const request = useRequest();
  const presentedCount = step.expected.filter((t) => t.presented).length;

  const present = async (identification: { detectedDeviceId: string } | { typedSerial: string }) => {
    const next = await request.run(() => api().presentTokenForVerification({ runId: run.runId, identification }));
    if (!next) return;
    onStep(next);
    if ('typedSerial' in identification) setSerial('');
  };
  const bySerial = (event: FormEvent) => {
    event.preventDefault();
    if (serial.trim() !== '') void present({ typedSerial: serial.trim() });
  };
  const explain = async (event: FormEvent) => {
    event.preventDefault();
    if (!explaining) return;
    const next = await request.run(() => api().recordTokenNotPresented({ runId: run.runId, tokenId: explaining, reason }));
    if (!next) return;
    onStep(next);
    setExplaining(null);
    setReason('');
  };
  const close = () => request.run(() => api().closeTokenCheck({ runId: run.runId }), onStep);

  if (step.expected.length === 0 && step.out.length === 0 && step.sightings.length === 0) {
    return (
      <section aria-labelledby="token-step-title" className="token-step">
        <h3 id="token-step-title">Hardware tokens</h3>
        <p className="empty">The inventory keeps no hardware token in the safe, so there is none to present.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="token-step-title" className="token-step">
      <h3 id="token-step-title" data-token-count>
        Hardware tokens: {presentedCount} of {step.expected.length} in the safe presented
      </h3>
      <p className="muted">Take each token out of the safe: plug a security key into the kiosk and present it, or type the serial printed on a display token.</p>
      <ul className="progress-sticks" aria-label="Each token of the safe">
        {step.expected.map((t) => (
          <li key={t.tokenId} className={`progress-stick stick-${t.presented ? 'ok' : 'idle'}`} data-token={t.tokenId} data-state={t.presented ? 'presented' : 'waiting'}>
            <strong>{t.token}</strong> {t.presented ? 'Presented' : 'Waiting'}
            <span className="muted">
              {' '}
              — {t.kindWords}, {t.location}
              {dueWords(due.find((d) => d.tokenId === t.tokenId)) ? `; ${dueWords(due.find((d) => d.tokenId === t.tokenId))}` : ''}
            </span>
            {t.notPresented ? <span data-not-presented> — not presented: {t.notPresented.reason} ({t.notPresented.by})</span> : null}
            {!t.presented && explaining !== t.tokenId ? (
              <button type="button" className="link" onClick={() => setExplaining(t.tokenId)}>
                {t.notPresented ? `Change why ${t.tokenId} is not presented` : `Record why ${t.tokenId} is not presented`}
              </button>
            ) : null}
            {explaining === t.tokenId ? (
              <form className="inline-form" onSubmit={(e) => void explain(e)} aria-label={`Why ${t.tokenId} is not presented`}>
                <label htmlFor="verify-token-reason">Why it is not presented (goes on the audit trail and the report)</label>
                <input id="verify-token-reason" value={reason} maxLength={500} autoComplete="off" onChange={(e) => setReason(e.target.value)} />
                <div className="row">
                  <button type="submit" disabled={request.busy || reason.trim() === ''}>
                    Record it
                  </button>
                  <button type="button" className="secondary" onClick={() => setExplaining(null)}>
                    Cancel
                  </button>
                </div>
              </form>
            ) : null}
          </li>
        ))}
        {step.out.map((t) => (
          <li key={t.tokenId} className={`progress-stick stick-${t.overdue ? 'bad' : 'idle'}`} data-token={t.tokenId} data-state="out">
            <strong>{t.token}</strong> Checked out to {t.custodians.join(' and ')}, due back {formatInstant(t.dueAt)}
            {t.overdue ? ' — OVERDUE' : ''}
          </li>
        ))}
      </ul>

      {overview && !overview.hid.available ? <p className="hint">{overview.hid.sentence}</p> : null}
      {overview?.detected.map((d) => <PluggedIn key={d.deviceId} detected={d} busy={request.busy} onPresent={() => void present({ detectedDeviceId: d.deviceId })} />)}
      <form className="inline-form" onSubmit={bySerial} aria-label="Present a token by its serial">
        <label htmlFor="verify-token-serial">Serial printed on the token</label>
        <input id="verify-token-serial" value={serial} maxLength={64} autoComplete="off" onChange={(e) => setSerial(e.target.value)} />
        <div className="row">
          <button type="submit" className="secondary" disabled={request.busy || serial.trim() === ''}>
            Present by serial
          </button>
        </div>
      </form>
      {request.notice}

      {step.sightings.length > 0 ? (
        <ul className="checks" aria-label="Presented in this run">
          {step.sightings.map((s, index) => (
            <li key={`${s.presentedAt}-${index}`} className={s.outcome === 'identified' ? 'check-pass' : 'check-fail'}>
              <strong>{s.outcome === 'identified' ? `${s.tokenId}: presented` : s.outcome === 'mismatch' ? `${s.tokenId}: does NOT match the inventory` : 'Not in the inventory'}</strong> — {s.described}
              {s.why ? `. ${s.why}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {step.result ? <TokenCheckRows check={step.result} /> : null}
      <div className="actions">
        <button type="button" className="secondary" disabled={request.busy} onClick={() => void close()}>
          {step.result ? 'Judge the token check again' : 'Every token is presented: judge the token check'}
        </button>
      </div>
    </section>
  );
}

function PluggedIn({ detected, busy, onPresent }: { readonly detected: DetectedTokenView; readonly busy: boolean; readonly onPresent: () => void }) {
  const name = [detected.manufacturer, detected.product].filter(Boolean).join(' ') || `USB device ${detected.usbId}`;
  return (
    <article className="card" aria-label={`Plugged-in ${detected.product ?? 'security key'}`} data-device={detected.deviceId}>
      <p>
        <strong>{name}</strong> plugged in{detected.serial ? `, serial ${detected.serial.value}` : ''}. {detected.sentence}
      </p>
      <button type="button" disabled={busy} onClick={onPresent}>
        Present the plugged-in {detected.product ?? 'security key'}
      </button>
    </article>
  );
}

/** The judged token check: each token's result with the accounts a failure concerns. */
export function TokenCheckRows({ check }: { readonly check: TokenCheckView }) {
  return (
    <article className={`result result-${check.passed ? 'passed' : 'failed'}`} aria-label={`Tokens ${check.passed ? 'passed' : 'failed'}`} data-outcome={check.passed ? 'passed' : 'failed'}>
      <h3>
        Tokens: {check.passed ? 'every token of the safe presented' : 'FAILED'} ({check.presented} of {check.expected} presented)
      </h3>
      <ul className="checks">
        {check.rows.map((row, index) => (
          <li key={`${row.tokenId ?? row.token}-${index}`} className={row.passed ? 'check-pass' : 'check-fail'} data-token={row.tokenId ?? ''}>
            <strong>
              {row.passed ? 'Pass' : 'Fail'} — {row.token}.
            </strong>{' '}
            {row.sentence}
            {!row.passed && row.accounts.length > 0 ? ` Accounts it protects: ${row.accounts.map((a) => `${a.name} (${a.accountId})`).join(', ')}.` : ''}
          </li>
        ))}
      </ul>
    </article>
  );
}
