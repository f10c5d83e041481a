import { Fragment, useState, type ReactNode } from 'react';
import type { ChannelError, Result } from '../api';

const GROUP = 5;

/**
 * A root password, hidden until the custodian asks for it. Main records every reveal on the audit trail; the
 * text lives in this component's state only while shown, and goes when it is hidden or the screen closes.
 * Shown in groups of five so a 40-character password can be typed from the screen without losing one's place;
 * the groups are spacing only, so selecting and copying gives the password exactly.
 */
export function SecretPassword({
  reveal,
  onError,
  children,
}: {
  readonly reveal: () => Promise<Result<{ password: string }>>;
  readonly onError: (error: ChannelError) => void;
  readonly children?: ReactNode;
}) {
  const [password, setPassword] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = async () => {
    if (password !== null) return setPassword(null);
    setBusy(true);
    const result = await reveal();
    setBusy(false);
    if (result.ok) setPassword(result.value.password);
    else onError(result.error);
  };

  const groups = password === null ? [] : Array.from({ length: Math.ceil(password.length / GROUP) }, (_, i) => password.slice(i * GROUP, (i + 1) * GROUP));
  return (
    <div className="secret">
      {password === null ? (
        <span className="secret-hidden">
          <span aria-hidden="true">●●●●●●●●●●●●●●●● </span>
          hidden
        </span>
      ) : (
        <span className="secret-value" data-secret="password">
          {groups.map((group, i) => (
            <Fragment key={i}>
              {i > 0 ? <wbr /> : null}
              <span>{group}</span>
            </Fragment>
          ))}
        </span>
      )}
      <div className="row">
        <button type="button" className="secondary" disabled={busy} onClick={() => void toggle()}>
          {password === null ? 'Reveal password' : 'Hide password'}
        </button>
        {children}
      </div>
      <p className="muted">Each reveal is recorded in the audit trail.</p>
    </div>
  );
}

