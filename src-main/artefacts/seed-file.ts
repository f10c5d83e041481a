import { kdbxweb } from './kdbxweb-package';
import type { KdbxEntry, ProtectedValue } from 'kdbxweb';
import { accountTitle, validateAccountId, validateAccountName, validateRootEmail, type Account } from '../core/account';
import { buildOtpauthUri } from '../core/otpauth';
import { parseSeed, type Seed } from '../core/seed';
import { StrongroomError } from '../core/errors';
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
  requireUniqueAccounts,
  saveKdbx,
  textField,
  type KdbxWriteOptions,
} from './strongroom-kdbx';

/**
 * seeds.kdbx: the virtual-MFA seeds, one entry per account, under a passphrase of its own. The seed sits in the
 * `otp` attribute as an otpauth URI, which is where KeePassXC looks, so a break-glass custodian can read codes in
 * KeePassXC on any machine. No password is ever stored here.
 */

export const SEED_DATABASE_NAME = 'Strongroom seed store';
export const SEED_GROUP_NAME = 'AWS root MFA seeds';
export const FIELD_OTP = 'otp';
export const FIELD_ACCOUNT_NAME = 'AccountName';
/** The otpauth URI of a new MFA device while its rotation waits for AWS to accept it. */
export const FIELD_PENDING_OTP = 'PendingOtp';

export type SeedAccount = Pick<Account, 'accountId' | 'name' | 'rootEmail'>;

export interface SeedEntryInput {
  readonly account: SeedAccount;
  readonly seed: Seed;
  readonly pending?: PendingCredential<Seed>;
  /** Seeds the account had before, oldest first, kept in the entry's KeePass history. */
  readonly history?: readonly ReplacedCredential<Seed>[];
  readonly retired?: RetiredMark;
}

export interface SeedEntry extends SeedAccount {
  readonly title: string;
  readonly seed: Seed;
  readonly pending?: PendingCredential<Seed>;
  readonly history: readonly ReplacedCredential<Seed>[];
  readonly retired?: RetiredMark;
}

export interface OpenedSeeds {
  readonly generation: number;
  readonly kdf: KdfParameters | undefined;
  /** The accounts in use: what break-glass serves and verification expects. */
  readonly entries: readonly SeedEntry[];
  /** Closed or centrally removed accounts, kept with their history. */
  readonly retired: readonly SeedEntry[];
  /** Titles of entries that are not Strongroom accounts or whose otp attribute is not a usable AWS seed. */
  readonly otherEntries: readonly string[];
}

/** The bytes of a new seeds.kdbx generation; nothing is written anywhere. */
export async function buildSeedFile(entries: readonly SeedEntryInput[], options: KdbxWriteOptions): Promise<Uint8Array> {
  requireUniqueAccounts(entries.map((entry) => entry.account));
  const { db, group } = createStrongroomKdbx('seed', { database: SEED_DATABASE_NAME, group: SEED_GROUP_NAME }, options);
  const retiredGroup = entries.some((e) => e.retired) ? db.createGroup(db.getDefaultGroup(), RETIRED_GROUP_NAME) : null;
  for (const { account, seed, pending, history, retired } of entries) {
    const checked: SeedAccount = {
      accountId: validateAccountId(account.accountId),
      name: validateAccountName(account.name),
      rootEmail: validateRootEmail(account.rootEmail),
    };
    // Re-parsed so that a hand-built Seed object cannot carry anything but canonical base32 into the file.
    const uri = (s: Seed) => kdbxweb().ProtectedValue.fromString(buildOtpauthUri(checked, parseSeed(s.base32)));
    const canonical = parseSeed(seed.base32);
    const entry = db.createEntry(retired && retiredGroup ? retiredGroup : group);
    entry.fields.set('Title', accountTitle(checked));
    entry.fields.set(FIELD_ACCOUNT_ID, checked.accountId);
    entry.fields.set(FIELD_ACCOUNT_NAME, checked.name);
    entry.fields.set(FIELD_EMAIL, checked.rootEmail);
    writeEntryHistory(entry, history ?? [], (old) => entry.fields.set(FIELD_OTP, uri(old)));
    entry.fields.set(FIELD_OTP, kdbxweb().ProtectedValue.fromString(buildOtpauthUri(checked, canonical)));
    if (pending) {
      entry.fields.set(FIELD_PENDING_OTP, uri(pending.value));
      writePendingMarks(entry, pending);
    }
    if (retired) entry.fields.set(FIELD_RETIRED, formatRetired(retired));
  }
  return saveKdbx(db);
}

/** Opens a seed-store generation; the seeds come back in memory only. */
export async function openSeedFile(bytes: Uint8Array, passphrase: ProtectedValue): Promise<OpenedSeeds> {
  const { db, generation, kdf } = await openStrongroomKdbx(bytes, passphrase, 'seed');
  const entries: SeedEntry[] = [];
  const retired: SeedEntry[] = [];
  const otherEntries: string[] = [];
  for (const entry of liveEntries(db)) {
    const title = textField(entry, 'Title');
    const accountId = textField(entry, FIELD_ACCOUNT_ID);
    const seed = seedOf(entry, FIELD_OTP);
    if (!/^\d{12}$/.test(accountId) || seed === undefined) {
      otherEntries.push(title);
      continue;
    }
    const retiredMark = readRetired(entry);
    const pendingSeed = seedOf(entry, FIELD_PENDING_OTP);
    const opened: SeedEntry = {
      accountId,
      name: textField(entry, FIELD_ACCOUNT_NAME),
      rootEmail: textField(entry, FIELD_EMAIL),
      title,
      seed,
      history: readEntryHistory(entry, (snapshot) => seedOf(snapshot, FIELD_OTP)),
      ...(pendingSeed ? { pending: { value: pendingSeed, ...readPendingMarks(entry) } } : {}),
      ...(retiredMark ? { retired: retiredMark } : {}),
    };
    (retiredMark ? retired : entries).push(opened);
  }
  return { generation, kdf, entries, retired, otherEntries };
}

/** The seed in an otp-style field, or undefined when the field is absent or not a usable AWS seed. */
function seedOf(entry: KdbxEntry, field: string): Seed | undefined {
  const otp = entry.fields.get(field);
  if (otp === undefined) return undefined;
  try {
    return parseSeed(typeof otp === 'string' ? otp : otp.getText());
  } catch (error) {
    if (!(error instanceof StrongroomError)) throw error;
    return undefined;
  }
}

