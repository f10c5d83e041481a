import kdbxweb from 'kdbxweb';
import type { ProtectedValue } from 'kdbxweb';
import { accountTitle, validateAccountId, validateAccountName, validateRootEmail, type Account } from '../core/account';
import { buildOtpauthUri } from '../core/otpauth';
import { parseSeed, type Seed } from '../core/seed';
import { StrongroomError } from '../core/errors';
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

export type SeedAccount = Pick<Account, 'accountId' | 'name' | 'rootEmail'>;

export interface SeedEntryInput {
  readonly account: SeedAccount;
  readonly seed: Seed;
}

export interface SeedEntry extends SeedAccount {
  readonly title: string;
  readonly seed: Seed;
}

export interface OpenedSeeds {
  readonly generation: number;
  readonly kdf: KdfParameters | undefined;
  readonly entries: readonly SeedEntry[];
  /** Titles of entries that are not Strongroom accounts or whose otp attribute is not a usable AWS seed. */
  readonly otherEntries: readonly string[];
}

/** The bytes of a new seeds.kdbx generation; nothing is written anywhere. */
export async function buildSeedFile(entries: readonly SeedEntryInput[], options: KdbxWriteOptions): Promise<Uint8Array> {
  requireUniqueAccounts(entries.map((entry) => entry.account));
  const { db, group } = createStrongroomKdbx('seed', { database: SEED_DATABASE_NAME, group: SEED_GROUP_NAME }, options);
  for (const { account, seed } of entries) {
    const checked: SeedAccount = {
      accountId: validateAccountId(account.accountId),
      name: validateAccountName(account.name),
      rootEmail: validateRootEmail(account.rootEmail),
    };
    // Re-parsed so that a hand-built Seed object cannot carry anything but canonical base32 into the file.
    const canonical = parseSeed(seed.base32);
    const entry = db.createEntry(group);
    entry.fields.set('Title', accountTitle(checked));
    entry.fields.set(FIELD_OTP, kdbxweb.ProtectedValue.fromString(buildOtpauthUri(checked, canonical)));
    entry.fields.set(FIELD_ACCOUNT_ID, checked.accountId);
    entry.fields.set(FIELD_ACCOUNT_NAME, checked.name);
    entry.fields.set(FIELD_EMAIL, checked.rootEmail);
  }
  return saveKdbx(db);
}

/** Opens a seed-store generation; the seeds come back in memory only. */
export async function openSeedFile(bytes: Uint8Array, passphrase: ProtectedValue): Promise<OpenedSeeds> {
  const { db, generation, kdf } = await openStrongroomKdbx(bytes, passphrase, 'seed');
  const entries: SeedEntry[] = [];
  const otherEntries: string[] = [];
  for (const entry of liveEntries(db)) {
    const title = textField(entry, 'Title');
    const accountId = textField(entry, FIELD_ACCOUNT_ID);
    const otp = entry.fields.get(FIELD_OTP);
    let seed: Seed | undefined;
    if (otp !== undefined) {
      try {
        seed = parseSeed(typeof otp === 'string' ? otp : otp.getText());
      } catch (error) {
        if (!(error instanceof StrongroomError)) throw error;
      }
    }
    if (!/^\d{12}$/.test(accountId) || seed === undefined) {
      otherEntries.push(title);
      continue;
    }
    entries.push({
      accountId,
      name: textField(entry, FIELD_ACCOUNT_NAME),
      rootEmail: textField(entry, FIELD_EMAIL),
      title,
      seed,
    });
  }
  return { generation, kdf, entries, otherEntries };
}

