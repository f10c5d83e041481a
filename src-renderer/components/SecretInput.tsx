import { useEffect, useState, type InputHTMLAttributes } from 'react';

/**
 * The one input for anything secret (master passphrases, a pasted MFA secret): masked, never remembered by the
 * browser, never sent to a spell checker or autocorrect. One component, so no passphrase field can drift.
 * A "Show" toggle lets a custodian check a long passphrase before Argon2 spends seconds refusing it; it hides
 * again once the field is emptied, so a shown phrase never carries over to the next person's typing.
 */
export function SecretInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete' | 'spellCheck' | 'autoCorrect' | 'autoCapitalize'>) {
  const [shown, setShown] = useState(false);
  const empty = props.value === '' || props.value === undefined;
  useEffect(() => {
    if (empty) setShown(false);
  }, [empty]);
  return (
    <span className="secret-input">
      <input {...props} type={shown ? 'text' : 'password'} autoComplete="off" spellCheck={false} autoCorrect="off" autoCapitalize="off" />
      {/* A toggle button keeps one name and announces its state through aria-pressed. */}
      <button type="button" className="secondary reveal" aria-pressed={shown} aria-controls={props.id} disabled={props.disabled} onClick={() => setShown((s) => !s)}>
        Show
      </button>
    </span>
  );
}
