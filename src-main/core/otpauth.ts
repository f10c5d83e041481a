import type { Account } from './account';
import type { Seed } from './seed';

/** How the seed store names the issuer; KeePassXC and authenticator apps show it above the code. */
export const AWS_OTP_ISSUER = 'Amazon Web Services';

/**
 * Each label part is percent-encoded as a URI component: spaces become %20 and a ':' inside an account name
 * becomes %3A, so the only bare colon is the one between issuer and account that readers split on. Parentheses
 * are legal in a URI path and stay as they are, so the label reads "(012345678901)".
 */
function encodeLabelPart(text: string): string {
  return encodeURIComponent(text);
}

/**
 * The otpauth URI kept in each seed-store entry's `otp` attribute, in KeePassXC's convention:
 * otpauth://totp/Amazon%20Web%20Services:<name>%20(<id>)?secret=...&issuer=Amazon%20Web%20Services&period=30&digits=6
 * KeePassXC reads this attribute for its TOTP display, and the same text goes into the paper QR code.
 */
export function buildOtpauthUri(account: Pick<Account, 'name' | 'accountId'>, seed: Seed): string {
  const label = `${encodeLabelPart(AWS_OTP_ISSUER)}:${encodeLabelPart(`${account.name} (${account.accountId})`)}`;
  const issuer = encodeLabelPart(AWS_OTP_ISSUER);
  return `otpauth://totp/${label}?secret=${seed.base32}&issuer=${issuer}&period=${seed.period}&digits=${seed.digits}`;
}

/** The account label inside an otpauth URI, decoded (e.g. "Payments prod (012345678901)"), if it has one. */
export function otpauthAccountLabel(uri: string): string | undefined {
  const match = /^otpauth:\/\/totp\/([^?]*)/i.exec(uri);
  if (!match) return undefined;
  const path = match[1] ?? '';
  const colon = path.indexOf(':');
  try {
    return decodeURIComponent(colon >= 0 ? path.slice(colon + 1) : path);
  } catch {
    return undefined;
  }
}
