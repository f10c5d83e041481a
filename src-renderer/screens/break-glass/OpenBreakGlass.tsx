import { useCallback, useEffect, useRef, useState } from 'react';
import type { BreakGlassOpenView, CodesView } from '../../../src-main/contract/custody-views';
import { api, type ChannelError } from '../../api';
import { Countdown } from '../../components/Countdown';
import { ErrorNotice } from '../../components/ErrorNotice';
import { OtpCode } from '../../components/OtpCode';
import { SecretPassword } from '../../components/SecretPassword';
import { usePoll } from '../../components/use-poll';
import { BreakGlassTokensPanel } from './BreakGlassTokensPanel';

/** Answers that mean main has already wiped the open secrets; the screen goes back to the start. */
export const CLOSED_CODES = new Set(['BREAK_GLASS_CLOSED', 'SESSION_LOCKED', 'NOT_SIGNED_IN']);

export type Closed = { readonly why: string; readonly kind: 'ok' | 'info' };

/** One open break-glass: the password, and the MFA code from the seed store or the token taken from the safe. */
export function OpenBreakGlass({ view, onClosed }: { readonly view: BreakGlassOpenView; readonly onClosed: (why: Closed) => void }) {
  const [codes, setCodes] = useState<CodesView | null>(null);
  const [pendingCodes, setPendingCodes] = useState<CodesView | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const sessionId = view.sessionId;
  const idleMinutes = Math.round(view.closesAfterIdleMs / 60_000);

  useEffect(() => heading.current?.focus(), []);

  const closedFor = useCallback(
    (why: 'wiped' | 'locked') => {
      const wiped = view.hasCode
        ? 'The password and MFA seed were wiped from memory; to see them again, open it again with both sticks and passphrases.'
        : 'The password was wiped from memory; to see it again, open it again with the vault stick and its passphrase.';
      const words = {
        wiped: `The break-glass screen was closed (it closes itself after ${idleMinutes} minutes without use). ${wiped}`,
        locked: `The break-glass screen closed because the kiosk locked. ${wiped}`,
      };
      onClosed({ kind: 'info', why: words[why] });
    },
    [idleMinutes, onClosed, view.hasCode],
  );

  usePoll(
    async () => {
      // Without a seed there is no code to show, but the poll still notices the session being wiped in main.
      const result = view.hasCode ? await api().breakGlassCode({ sessionId }) : await api().breakGlassPendingCode({ sessionId });
      if (result.ok) {
        if (!view.hasCode) return;
        setCodes(result.value as CodesView);
        if (view.rotation?.seed) {
          const pending = await api().breakGlassPendingCode({ sessionId });
          if (pending.ok) setPendingCodes(pending.value);
        }
        return;
      }
      if (CLOSED_CODES.has(result.error.code)) closedFor(result.error.code === 'BREAK_GLASS_CLOSED' ? 'wiped' : 'locked');
      else setError(result.error);
    },
    1000,
    true,
  );

  const copy = async () => {
    setError(null);
    setCopied(null);
    const result = await api().copyBreakGlassPassword({ sessionId });
    if (!result.ok) return setError(result.error);
    setCopied(`Password copied. The clipboard is cleared in ${Math.round(result.value.clearsAfterMs / 1000)} seconds.`);
  };

  const close = async () => {
    const result = await api().closeBreakGlass({ sessionId });
    if (!result.ok && !CLOSED_CODES.has(result.error.code)) return setError(result.error);
    onClosed({ kind: 'ok', why: `Closed. The ${view.hasCode ? 'password and MFA seed' : 'password'} of ${view.accountName} ${view.hasCode ? 'were' : 'was'} wiped from memory.` });
  };

  return (
    <div className="breakglass-open" data-session={sessionId}>
      <h2 ref={heading} tabIndex={-1}>
        Root login for {view.accountName}
      </h2>
      <p className="notice notice-info" data-wipe-warning>
        Going to another screen, locking the kiosk or signing out wipes this session: the password and the codes are gone and
        break-glass must be opened again. Stay here until you have signed in to AWS.
      </p>
      {view.rotation ? (
        <div className="notice notice-warn" role="alert" data-rotation="pending">
          <strong>A rotation is pending{view.rotation.reason ? ` (${view.rotation.reason})` : ''}.</strong> {view.rotation.advice}
        </div>
      ) : null}
      {view.warnings.length > 0 ? (
        <div className="notice notice-warn" role="alert">
          <strong>Check before you rely on this:</strong>
          <ul>
            {view.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {copied ? (
        <div className="notice notice-ok" role="status">
          {copied}
        </div>
      ) : null}

      <div className="bg-open-grid">
        <div className="card">
          <h3>Sign in</h3>
          <dl className="facts">
            <dt>Account</dt>
            <dd>
              {view.accountName} <span className="mono">{view.accountId}</span>
            </dd>
            <dt>Root email</dt>
            <dd className="mono selectable">{view.rootEmail}</dd>
            <dt>Sign in at</dt>
            <dd className="mono selectable">{view.signInUrl}</dd>
            <dt>Opened from</dt>
            <dd>
              vault generation {view.vaultGeneration}
              {view.seedGeneration === null ? ' (no seed store: the MFA device is a hardware token)' : `, seed store generation ${view.seedGeneration}`}
            </dd>
          </dl>
          <ol className="signin-steps">
            <li>On the computer you sign in from, open the address above and choose <em>Root user</em>.</li>
            <li>Enter the root email, then the password below.</li>
            <li>
              {view.hasCode
                ? 'When AWS asks for the MFA code, type the code shown here.'
                : 'When AWS asks for MFA, use the hardware token taken from the safe (touch the security key, or type the code its display shows).'}
            </li>
          </ol>
          {view.rotation?.password ? (
            <>
              <h3>New password (pending rotation) — try this first</h3>
              <div data-password="pending">
                <SecretPassword
                  reveal={async () => {
                    const result = await api().breakGlassPendingPassword({ sessionId });
                    return result.ok ? { ok: true, value: { password: result.value.password ?? '' } } : result;
                  }}
                  onError={setError}
                />
              </div>
              <h3>Current password — if AWS refuses the new one</h3>
            </>
          ) : (
            <h3>Password</h3>
          )}
          <div data-password="current">
            <SecretPassword reveal={() => api().revealBreakGlassPassword({ sessionId })} onError={setError}>
              <button type="button" className="secondary" onClick={() => void copy()}>
                Copy password
              </button>
            </SecretPassword>
          </div>
        </div>
        <div className="bg-mfa-column">
          {view.hasCode ? (
            <div className="card bg-code-card">
              {view.rotation?.seed && pendingCodes ? (
                <div data-code="pending">
                  <h3>New MFA device (pending rotation) — try this first</h3>
                  <OtpCode label="New device code now" code={pendingCodes.current} />
                </div>
              ) : null}
              <h3>{view.rotation?.seed ? 'Current MFA device' : 'MFA code'}</h3>
              {codes ? (
                <div role="status" aria-live="polite" aria-atomic="true">
                  <OtpCode label="Code now" code={codes.current} />
                </div>
              ) : (
                <p className="muted">Computing the code…</p>
              )}
              {codes ? <Countdown secondsLeft={codes.secondsLeft} /> : null}
              {codes && codes.secondsLeft <= 5 ? <p className="warn">This code is about to change: wait for the next one.</p> : null}
            </div>
          ) : null}
          <BreakGlassTokensPanel sessionId={sessionId} tokens={view.tokens} onError={setError} />
        </div>
      </div>

      <div className="actions">
        <button type="button" className="danger" onClick={() => void close()}>
          Close and wipe
        </button>
        <span className="muted">Also closes by itself after {idleMinutes} minutes without use, or when the kiosk locks.</span>
      </div>
    </div>
  );
}
