/** Said wherever the paper seed backup is prepared or shown: it is the one secret document. */
export function SeedSecretNotice() {
  return (
    <div className="secret-notice" role="note" aria-label="Secret document">
      <strong>SECRET — MFA SEEDS.</strong> Anyone holding these pages and the vault can sign in as root. Collect every page
      at once, seal it, and store it apart from the vault: never beside a vault stick, the vault emergency sheet or anything
      holding the vault passphrase.
    </div>
  );
}
