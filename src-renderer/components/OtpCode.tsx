/**
 * A 6-digit code, large and monospace, shown as two groups of three so it can be read aloud and typed without
 * losing one's place. The groups are spacing only: the text is the six digits, so a copied code pastes cleanly.
 * Screen readers get the digits one by one instead of "four hundred thousand...".
 */
export function OtpCode({ code, label, size = 'large' }: { readonly code: string; readonly label: string; readonly size?: 'large' | 'medium' }) {
  return (
    <div className={`otp otp-${size}`}>
      <span className="otp-label">{label}</span>
      <span className="visually-hidden">{code.split('').join(' ')}</span>
      <span className="otp-code" data-code={code} aria-hidden="true">
        <span>{code.slice(0, 3)}</span>
        <span>{code.slice(3)}</span>
      </span>
    </div>
  );
}
