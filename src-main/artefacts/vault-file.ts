import type { ProtectedValue } from 'kdbxweb';
import { accountTitle, validateAccountId, validateAccountName, validateRootEmail, type Account } from '../core/account';
import { ErrorCode, StrongroomError } from '../core/errors';
import {
  FIELD_RETIRED,
  RETIRED_GROUP_NAME,
  formatRetired,
  readEntryHistory,
  readPendingMarks,
  readRetired,
  writeEntryHistory,
  writePendingMarks,
  type PendingCredential,
  type ReplacedCredential,
  type RetiredMark,
} from './credential-history';
import type { KdfParameters } from './kdbx-crypto';
import {
  FIELD_ACCOUNT_ID,
  FIELD_EMAIL,
  createStrongroomKdbx,
  liveEntries,
  openStrongroomKdbx,
  protectedField,
  requireUniqueAccounts,
  saveKdbx,
  textField,
  type KdbxWriteOptions,
} from './strongroom-kdbx';

/**
 * vault.kdbx: the root passwords, one entry per member account. It never holds an MFA seed: the type below has
 * no place for one, so whoever holds the vault and its passphrase still cannot sign in without the seed store.
 */

export const VAULT_DATABASE_NAME = 'Strongroom vault';
export const VAULT_GROUP_NAME = 'AWS root accounts';
/** The root user's sign-in page; "Root user" is chosen there and the email typed in. */
export const AWS_ROOT_SIGN_IN_URL = 'https://signin.aws.amazon.com/console';
export const VAULT_USER_NAME = 'root';

export type VaultAccount = Pick<Account, 'accountId' | 'name' | 'rootEmail'>;

/** The field holding a new root password while its rotation waits for AWS to accept it. */
export const FIELD_PENDING_PASSWORD = 'PendingPassword';

export interface VaultEntryInput {
  readonly account: VaultAccount;
  readonly password: ProtectedValue;
  /** A new password being rotated in, kept beside the current one until the rotation is confirmed. */
  readonly pending?: PendingCredential<ProtectedValue>;
  /** Passwords the account had before, oldest first, kept in the entry's KeePass history. */
  readonly history?: readonly ReplacedCredential<ProtectedValue>[];
  /** A closed or centrally removed account: kept in the retired group, never served. */
  readonly retired?: RetiredMark;
}

export interface VaultEntry extends VaultAccount {
  readonly title: string;
  readonly userName: string;
  readonly url: string;
  readonly password: ProtectedValue;
  readonly pending?: PendingCredential<ProtectedValue>;
  readonly history: readonly ReplacedCredential<ProtectedValue>[];
  readonly retired?: RetiredMark;
}

export interface OpenedVault {
  readonly generation: number;
  readonly kdf: KdfParameters | undefined;
  /** The accounts in use: what break-glass serves and verification expects. */
  readonly entries: readonly VaultEntry[];
  /** Closed or centrally removed accounts, kept with their history. */
  readonly retired: readonly VaultEntry[];
  /** Titles of entries that are not Strongroom accounts (e.g. added by hand in KeePassXC during a break-glass). */
  readonly otherEntries: readonly string[];
}

function vaultNotes(account: VaultAccount): string {
  return [
    `AWS account id: ${account.accountId}`,
    `Root user email: ${account.rootEmail}`,
    'Sign in: choose "Root user", type the email above, then this password, then the MFA code from the seed store.',
  ].join('\n');
}

/** The bytes of a new vault.kdbx generation; nothing is written anywhere. */
export async function buildVaultFile(entries: readonly VaultEntryInput[], options: KdbxWriteOptions): Promise<Uint8Array> {
  requireUniqueAccounts(entries.map((entry) => entry.account));
  const { db, group } = createStrongroomKdbx('vault', { database: VAULT_DATABASE_NAME, group: VAULT_GROUP_NAME }, options);
  const retiredGroup = entries.some((e) => e.retired) ? db.createGroup(db.getDefaultGroup(), RETIRED_GROUP_NAME) : null;
  for (const { account, password, pending, history, retired } of entries) {
    const checked: VaultAccount = {
      accountId: validateAccountId(account.accountId),
      name: validateAccountName(account.name),
      rootEmail: validateRootEmail(account.rootEmail),
    };
    if (password.byteLength === 0) {
      throw new StrongroomError(ErrorCode.Internal, `The password for account ${checked.accountId} is empty; nothing was written.`);
    }
    if (pending && pending.value.byteLength === 0) {
      throw new StrongroomError(ErrorCode.Internal, `The pending password for account ${checked.accountId} is empty; nothing was written.`);
    }
    const entry = db.createEntry(retired && retiredGroup ? retiredGroup : group);
    entry.fields.set('Title', accountTitle(checked));
    entry.fields.set('UserName', VAULT_USER_NAME);
    entry.fields.set('URL', AWS_ROOT_SIGN_IN_URL);
    entry.fields.set('Notes', vaultNotes(checked));
    entry.fields.set(FIELD_ACCOUNT_ID, checked.accountId);
    entry.fields.set(FIELD_EMAIL, checked.rootEmail);
    writeEntryHistory(entry, history ?? [], (old) => entry.fields.set('Password', old.clone()));
    entry.fields.set('Password', password.clone());
    if (pending) {
      entry.fields.set(FIELD_PENDING_PASSWORD, pending.value.clone());
      writePendingMarks(entry, pending);
    }
    if (retired) entry.fields.set(FIELD_RETIRED, formatRetired(retired));
  }
  return saveKdbx(db);
}

function nameFromTitle(title: string, accountId: string): string {
  const suffix = ` (${accountId})`;
  return title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
}

/** Opens a vault generation; refuses seed stores, unmarked KeePass files and damaged files with their own codes. */
export async function openVaultFile(bytes: Uint8Array, passphrase: ProtectedValue): Promise<OpenedVault> {
  const { db, generation, kdf } = await openStrongroomKdbx(bytes, passphrase, 'vault');
  const entries: VaultEntry[] = [];
  const retired: VaultEntry[] = [];
  const otherEntries: string[] = [];
  for (const entry of liveEntries(db)) {
    const title = textField(entry, 'Title');
    const accountId = textField(entry, FIELD_ACCOUNT_ID);
    if (!/^\d{12}$/.test(accountId)) {
      otherEntries.push(title);
      continue;
    }
    const retiredMark = readRetired(entry);
    const pending = entry.fields.has(FIELD_PENDING_PASSWORD) ? { value: protectedField(entry, FIELD_PENDING_PASSWORD), ...readPendingMarks(entry) } : undefined;
    const opened: VaultEntry = {
      accountId,
      name: nameFromTitle(title, accountId),
      rootEmail: textField(entry, FIELD_EMAIL),
      title,
      userName: textField(entry, 'UserName'),
      url: textField(entry, 'URL'),
      password: protectedField(entry, 'Password'),
      history: readEntryHistory(entry, (snapshot) => (snapshot.fields.has('Password') ? protectedField(snapshot, 'Password') : undefined)),
      ...(pending && pending.value.byteLength > 0 ? { pending } : {}),
      ...(retiredMark ? { retired: retiredMark } : {}),
    };
    (retiredMark ? retired : entries).push(opened);
  }
  return { generation, kdf, entries, retired, otherEntries };
}

// Kept here too: use cases that build a vault wrap the generated passwords with it.
export { protect } from './strongroom-kdbx';
