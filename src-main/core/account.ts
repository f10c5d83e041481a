/**
 * core/: pure rules and types, no I/O: accounts, media roles and the separation policy, the audit chain,
 * verification and freshness rules, passwords, TOTP, share and line checks, and the error codes (errors.ts) every
 * other file here builds on. Imports nothing outside core/ but pure packages: no fs, os, process, network,
 * child_process, worker_threads, better-sqlite3, usb, node-hid or electron, and no `fetch` or `process` globals;
 * what needs the world comes in through a port from platform/.
 */
import { ErrorCode, StrongroomError } from './errors';

/**
 * A member account of the AWS Organization whose root user Strongroom keeps. This record holds no secret:
 * the password lives only in the vault, the MFA seed only in the seed store.
 */
export interface Account {
  /** Exactly 12 digits; may start with 0, so it is always a string. */
  readonly accountId: string;
  readonly name: string;
  readonly rootEmail: string;
  readonly organizationalUnit?: string;
  /**
   * As AWS Organizations last reported it (its State, else its older Status), verbatim, so a state AWS adds later
   * is shown as AWS wrote it. Null when the source did not say (a CSV table, an account added by hand).
   */
  readonly awsStatus: AwsAccountStatus | null;
  /**
   * 'removed-centrally': the organization deleted this account's root credentials (centralised root access),
   * so there is nothing to keep and nothing to test.
   */
  readonly rootCredentialStatus: RootCredentialStatus;
  readonly mfa: MfaDevice;
}

// `string & {}` keeps the two known values visible to editors without refusing states AWS adds later
// (State already reports PENDING_CLOSURE and CLOSED).
export type AwsAccountStatus = 'ACTIVE' | 'SUSPENDED' | (string & {});
export type RootCredentialStatus = 'custodied' | 'removed-centrally';

/**
 * Where an account stands in custody. Recorded by a custodian (or by an import diff a custodian confirmed), never
 * inferred silently. Closed and centrally removed accounts keep their credentials only in the artefacts' retired
 * group: break-glass no longer serves them and verification no longer expects them among the live entries.
 */
export const ACCOUNT_LIFECYCLES = ['active', 'suspended', 'pending-closure', 'closed', 'removed-centrally', 'left-organisation'] as const;
export type AccountLifecycle = (typeof ACCOUNT_LIFECYCLES)[number];

export const LIFECYCLE_WORDS: Readonly<Record<AccountLifecycle, string>> = {
  active: 'active',
  suspended: 'suspended',
  'pending-closure': 'pending closure',
  closed: 'closed',
  'removed-centrally': 'root credentials removed centrally',
  'left-organisation': 'no longer in the organisation',
};

/** Whether the account's root credentials are retired: kept in history, not served, not expected. */
export function credentialsRetired(lifecycle: AccountLifecycle): boolean {
  return lifecycle === 'closed' || lifecycle === 'removed-centrally';
}

/** The lifecycle an AWS account state implies; null for a state Strongroom does not know (kept verbatim, shown as is). */
export function lifecycleForAwsState(state: string | null): AccountLifecycle | null {
  switch (state) {
    case 'ACTIVE':
      return 'active';
    case 'SUSPENDED':
      return 'suspended';
    case 'PENDING_CLOSURE':
      return 'pending-closure';
    case 'CLOSED':
      return 'closed';
    default:
      return null;
  }
}
/**
 * What root's MFA rests on, as far as Strongroom keeps it. 'virtual': the seed store keeps a virtual-MFA seed (the
 * account may have hardware tokens from the inventory registered too). 'hardware': only hardware tokens from the
 * token inventory, so no seed is kept. Which tokens is never recorded here: the inventory's registrations say.
 */
export type MfaDevice = { readonly kind: 'virtual' | 'hardware' };

/** AWS Organizations' own limits for the Account type. */
export const ACCOUNT_NAME_MAX = 50;
export const ACCOUNT_EMAIL_MIN = 6;
export const ACCOUNT_EMAIL_MAX = 64;

const ACCOUNT_ID = /^\d{12}$/;

export function validateAccountId(raw: string): string {
  const id = raw.trim();
  if (ACCOUNT_ID.test(id)) return id;
  if (/^\d{1,11}$/.test(id)) {
    throw new StrongroomError(
      ErrorCode.InvalidAccountId,
      `The account id ${id} has only ${id.length} digits; AWS account ids have exactly 12. ` +
        'A spreadsheet may have dropped leading zeros: copy the id again from the AWS console or CLI output.',
      { digits: id.length },
    );
  }
  if (/^\d{13,}$/.test(id)) {
    throw new StrongroomError(
      ErrorCode.InvalidAccountId,
      `The account id has ${id.length} digits; AWS account ids have exactly 12. Check for a digit typed twice.`,
      { digits: id.length },
    );
  }
  throw new StrongroomError(
    ErrorCode.InvalidAccountId,
    id === ''
      ? 'The account id is missing. Every account needs its 12-digit AWS account id.'
      : 'An AWS account id is exactly 12 digits with nothing else in it (no spaces, dashes or letters).',
  );
}

export function isValidAccountId(raw: string): boolean {
  return ACCOUNT_ID.test(raw);
}

/**
 * The root email is what a custodian types on the AWS sign-in page, so it is checked the way AWS Organizations
 * checks it (one @, a dot in the domain, no white space, 6 to 64 characters) and kept exactly as given apart from
 * surrounding spaces, so it matches AWS's own record character for character.
 */
export function validateRootEmail(raw: string): string {
  const email = raw.trim();
  if (email === '') {
    throw new StrongroomError(ErrorCode.InvalidAccountEmail, 'The root email address is missing. Every account needs the email its root user signs in with.');
  }
  if (email.length < ACCOUNT_EMAIL_MIN || email.length > ACCOUNT_EMAIL_MAX) {
    throw new StrongroomError(
      ErrorCode.InvalidAccountEmail,
      `The root email address has ${email.length} characters; AWS accepts ${ACCOUNT_EMAIL_MIN} to ${ACCOUNT_EMAIL_MAX}. Check it was copied whole.`,
    );
  }
  const at = email.indexOf('@');
  const domain = email.slice(at + 1);
  const wellFormed =
    at > 0 &&
    at === email.lastIndexOf('@') &&
    !/\s/.test(email) &&
    !/[\p{Cc}\p{Cf}]/u.test(email) &&
    /^[^.].*\.[^.]+$/.test(domain) &&
    !domain.includes('..');
  if (!wellFormed) {
    throw new StrongroomError(
      ErrorCode.InvalidAccountEmail,
      'The root email address is not a valid address (it needs one @, a domain with a dot, and no spaces). Copy it again from AWS.',
    );
  }
  return email;
}

export function isValidRootEmail(raw: string): boolean {
  try {
    validateRootEmail(raw);
    return true;
  } catch {
    return false;
  }
}

export function validateAccountName(raw: string): string {
  const name = raw.trim();
  if (name === '') {
    throw new StrongroomError(ErrorCode.InvalidAccountName, 'The account name is missing. Use the name the account has in AWS Organizations.');
  }
  if (name.length > ACCOUNT_NAME_MAX) {
    throw new StrongroomError(
      ErrorCode.InvalidAccountName,
      `The account name has ${name.length} characters; AWS allows at most ${ACCOUNT_NAME_MAX}. Use the name shown in AWS Organizations.`,
    );
  }
  // A control character in a name could forge extra lines on printed sheets and in the audit copy.
  if (/[\p{Cc}\p{Cf}]/u.test(name)) {
    throw new StrongroomError(ErrorCode.InvalidAccountName, 'The account name contains a control character. Type the name again by hand.');
  }
  return name;
}

/** The title used for the account's entry in both KeePass files and on paper, e.g. "Payments prod (012345678901)". */
export function accountTitle(account: Pick<Account, 'name' | 'accountId'>): string {
  return `${account.name} (${account.accountId})`;
}

export interface NewAccountInput {
  readonly accountId: string;
  readonly name: string;
  readonly rootEmail: string;
  readonly organizationalUnit?: string;
  readonly awsStatus?: AwsAccountStatus | null;
  readonly rootCredentialStatus?: RootCredentialStatus;
  readonly mfa?: MfaDevice;
}

/** Builds a checked Account; throws the first problem found as a StrongroomError. */
export function makeAccount(input: NewAccountInput): Account {
  const account: Account = {
    accountId: validateAccountId(input.accountId),
    name: validateAccountName(input.name),
    rootEmail: validateRootEmail(input.rootEmail),
    awsStatus: input.awsStatus ?? null,
    rootCredentialStatus: input.rootCredentialStatus ?? 'custodied',
    mfa: input.mfa ?? { kind: 'virtual' },
  };
  const ou = input.organizationalUnit?.trim();
  return ou ? { ...account, organizationalUnit: ou } : account;
}
