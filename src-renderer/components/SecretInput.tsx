import type { InputHTMLAttributes } from 'react';

/**
 * The one input for anything secret (master passphrases, a pasted MFA secret): masked, never remembered by the
 * browser, never sent to a spell checker or autocorrect. One component, so no passphrase field can drift.
 */
export function SecretInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete' | 'spellCheck' | 'autoCorrect' | 'autoCapitalize'>) {
  return <input {...props} type="password" autoComplete="off" spellCheck={false} autoCorrect="off" autoCapitalize="off" />;
}
