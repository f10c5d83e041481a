/**
 * artefacts/: bytes in and out of the custody files: the vault (vault.kdbx) and seed store (seeds.kdbx) as
 * KeePass KDBX 4 (kdbxweb + Argon2), their public headers and bounded KDF settings, credential history, the
 * account CSV import and the seed CSV export. Opening refuses what a hostile stick could make of a file.
 * May import core/ and packages; not app/, catalog/, cli/, platform/, print/, shell/ or electron.
 */
import { createHash } from 'node:crypto';
import { kdbxweb } from './kdbxweb-package';
import type { Kdbx, KdbxEntry, KdbxGroup, ProtectedValue } from 'kdbxweb';
import type { Account } from '../core/account';
import type { ArtefactRole } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import { CHALLENGE_RESPONSE_HEADER_KEY, explainOpenFailure, markChallengeResponse, requireResponderIfMarked, strongroomCredentials, type ChallengeResponseOption } from './challenge-response';
import {
  DEFAULT_DATA_CIPHER,
  DEFAULT_KDF_PARAMETERS,
  applyDataCipher,
  applyKdfParameters,
  installArgon2,
  readKdfParameters,
  type DataCipher,
  type KdfParameters,
} from './kdbx-crypto';
import { KeptSaltNotVouched, currentDerivationMemo } from './derivation-memo';
import { requireBoundedKdf } from './kdf-bounds';
import { STRONGROOM_HEADER_FORMAT, STRONGROOM_HEADER_KEYS, readKdbxPublicHeader } from './kdbx-public-header';
import {
  classifyOpenFailure,
  corruptFileError,
  unknownKdbxError,
  unsupportedFormatError,
  wrongRoleError,
} from './open-errors';

/**
 * What vault.kdbx and seeds.kdbx have in common: KDBX4 with Argon2, and the artefact's role, generation and
 * format in the header's public custom data, where the medium scanner reads them without any key.
 */

export type { ArtefactRole };

/** Plain-text fields both files carry per entry, so either can be matched to the catalog on its own. */
export const FIELD_ACCOUNT_ID = 'AccountId';
export const FIELD_EMAIL = 'Email';

export interface KdbxWriteOptions extends ChallengeResponseOption {
  /** Counts up with every write of this artefact, so media can be compared without opening them. */
  readonly generation: number;
  readonly passphrase: ProtectedValue;
  readonly kdf?: KdfParameters;
  readonly cipher?: DataCipher;
}

export interface OpenedKdbx {
  readonly db: Kdbx;
  readonly generation: number;
  readonly kdf: KdfParameters | undefined;
}

/** Refuses two entries for one account: a vault must never leave a custodian choosing between two passwords. */
export function requireUniqueAccounts(accounts: readonly Pick<Account, 'accountId'>[]): void {
  const seen = new Set<string>();
  for (const { accountId } of accounts) {
    if (seen.has(accountId)) {
      throw new StrongroomError(
        ErrorCode.DuplicateAccount,
        `Account ${accountId} appears twice. Each account can be kept only once; remove the duplicate and try again.`,
        { accountId },
      );
    }
    seen.add(accountId);
  }
}

function checkGeneration(generation: number): string {
  if (!Number.isSafeInteger(generation) || generation < 0) {
    throw new StrongroomError(ErrorCode.Internal, `A generation is a whole number from 0 up, not ${generation}.`);
  }
  return String(generation);
}

/** A new, empty KDBX4 database carrying the Strongroom role marking, with one group for the entries. */
export function createStrongroomKdbx(
  role: ArtefactRole,
  names: { readonly database: string; readonly group: string },
  options: KdbxWriteOptions,
): { db: Kdbx; group: KdbxGroup } {
  installArgon2();
  const generation = checkGeneration(options.generation);
  const db = kdbxweb().Kdbx.create(strongroomCredentials(options.passphrase, options), names.database);
  applyKdfParameters(db, options.kdf ?? DEFAULT_KDF_PARAMETERS);
  applyDataCipher(db, options.cipher ?? DEFAULT_DATA_CIPHER);

  const publicData = new (kdbxweb().VarDictionary)();
  const { String: StringItem } = kdbxweb().VarDictionary.ValueType;
  publicData.set(STRONGROOM_HEADER_KEYS.role, StringItem, role);
  publicData.set(STRONGROOM_HEADER_KEYS.generation, StringItem, generation);
  publicData.set(STRONGROOM_HEADER_KEYS.format, StringItem, STRONGROOM_HEADER_FORMAT);
  markChallengeResponse(publicData, options);
  db.header.publicCustomData = publicData;

  // No recycle bin: an entry deleted from a vault or seed store must be gone from the next generation, not kept
  // in a bin where the secret it held lives on.
  const root = db.getDefaultGroup();
  const bin = db.meta.recycleBinUuid;
  root.groups = root.groups.filter((group) => !group.uuid.equals(bin));
  db.meta.recycleBinUuid = undefined;
  db.meta.recycleBinEnabled = false;
  // Replaced credentials live in each entry's own history (see credential-history.ts, MAX_ENTRY_HISTORY).
  db.meta.historyMaxItems = 10;

  const group = db.createGroup(root, names.group);
  return { db, group };
}

/** The role a Strongroom database carries, if it may keep a KDF salt: challenge-response files never do. */
function saltKeepingRole(db: Kdbx): ArtefactRole | undefined {
  const custom = db.header.publicCustomData;
  if (custom?.get(CHALLENGE_RESPONSE_HEADER_KEY) !== undefined) return undefined;
  const role = custom?.get(STRONGROOM_HEADER_KEYS.role);
  return role === 'vault' || role === 'seed' ? role : undefined;
}

/**
 * The bytes of a database, with a fresh master seed, IV and inner stream key (kdbxweb draws them on every save).
 * Inside a job (withDerivationMemo) that opened the current generation of this role, the save first tries to keep
 * that file's KDF salt, so the key the open derived serves again (the argument: derivation-memo.ts). The key
 * derivation refuses a kept salt unless this job derived it from the same composite key and settings; then the
 * salt is drawn afresh, as for a new passphrase, new settings or a first generation.
 */
export async function saveKdbx(db: Kdbx): Promise<Uint8Array> {
  installArgon2();
  const memo = currentDerivationMemo();
  const role = saltKeepingRole(db);
  const kept = memo && role ? memo.openedSalt(role) : undefined;
  if (memo && kept) {
    const header = db.header;
    const draw = header.generateSalts.bind(header);
    header.generateSalts = () => {
      draw();
      header.kdfParameters?.set('S', kdbxweb().VarDictionary.ValueType.Bytes, toArrayBuffer(kept));
    };
    memo.trySaltKept(kept);
    try {
      return new Uint8Array(await db.save());
    } catch (error) {
      if (!(error instanceof KeptSaltNotVouched)) throw error;
    } finally {
      memo.endSaltTrial(kept);
      Reflect.deleteProperty(header, 'generateSalts');
    }
  }
  return new Uint8Array(await db.save());
}

/** Lets the rest of this job's saves of the role keep the salt of the file just opened with its key. */
function rememberOpenedSalt(db: Kdbx, role: ArtefactRole): void {
  const memo = currentDerivationMemo();
  const salt = db.header.kdfParameters?.get('S');
  if (memo && salt instanceof ArrayBuffer && saltKeepingRole(db) === role) memo.rememberOpenedSalt(role, new Uint8Array(salt));
}

/**
 * Walks a KDBX4 file's framing without the key: the outer header's fields, its SHA-256 and HMAC, then the HMAC
 * block stream, which always ends with an empty block. A file cut short anywhere (a stick pulled mid-write) is
 * caught here as damaged; without this, a cut inside the header HMAC would read as a wrong passphrase and send
 * the custodian retyping a correct one.
 */
export function kdbx4FramingIsComplete(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  for (;;) {
    if (offset + 5 > bytes.length) return false;
    const id = view.getUint8(offset);
    const size = view.getUint32(offset + 1, true);
    offset += 5 + size;
    if (id === 0) break;
  }
  offset += 32 + 32;
  for (;;) {
    if (offset + 36 > bytes.length) return false;
    const size = view.getInt32(offset + 32, true);
    if (size < 0) return false;
    offset += 36 + size;
    if (size === 0) return offset === bytes.length;
  }
}

/**
 * KDBX4 stores the SHA-256 of its outer header right after it. It needs no key, so a damaged header is told apart
 * here from one rewritten on purpose (whose hash the writer recomputed): damage says "damaged", not a refusal of
 * the settings it happens to garble. Call only after kdbx4FramingIsComplete.
 */
function kdbx4HeaderHashMatches(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  for (;;) {
    const id = view.getUint8(offset);
    offset += 5 + view.getUint32(offset + 1, true);
    if (id === 0) break;
  }
  const digest = createHash('sha256').update(bytes.subarray(0, offset)).digest();
  return Buffer.from(bytes.subarray(offset, offset + 32)).equals(digest);
}

/**
 * A fresh ArrayBuffer holding exactly these bytes. Not `bytes.slice().buffer`: on a Node Buffer, slice() is a view,
 * and a small Buffer read from disk often sits inside Node's shared pool, so `.buffer` would be the whole pool.
 */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/**
 * Opens a Strongroom artefact of the expected role. The role is checked from the clear header before the key is
 * derived, so a seed store opened as a vault says so instead of "wrong passphrase", and so are the
 * key-derivation settings, so a file asking for days of work is refused at once. After decryption the role
 * is read again from the loaded header, which the passphrase's HMAC now vouches for.
 */
export async function openStrongroomKdbx(bytes: Uint8Array, passphrase: ProtectedValue, expected: ArtefactRole, option: ChallengeResponseOption = {}): Promise<OpenedKdbx> {
  installArgon2();
  const header = readKdbxPublicHeader(bytes);
  if (!header.kdbx) throw corruptFileError(expected, 'not-kdbx');
  if (!header.headerComplete) throw corruptFileError(expected, 'damaged');
  const format = header.publicStrings[STRONGROOM_HEADER_KEYS.format];
  if (format !== undefined && format !== STRONGROOM_HEADER_FORMAT && header.publicStrings[STRONGROOM_HEADER_KEYS.role] !== undefined) {
    throw unsupportedFormatError(format);
  }
  if (header.role === null) throw unknownKdbxError(expected);
  if (header.role !== expected) throw wrongRoleError(expected, header.role);
  if (!kdbx4FramingIsComplete(bytes) || !kdbx4HeaderHashMatches(bytes)) throw corruptFileError(expected, 'damaged');
  requireBoundedKdf(header.kdf, expected === 'vault' ? 'This vault file' : 'This seed store file');
  requireResponderIfMarked(header.publicStrings, option);

  let db: Kdbx;
  try {
    db = await kdbxweb().Kdbx.load(toArrayBuffer(bytes), strongroomCredentials(passphrase, option));
  } catch (error) {
    throw explainOpenFailure(classifyOpenFailure(error, expected), option);
  }
  const authenticated = db.header.publicCustomData;
  const role = authenticated?.get(STRONGROOM_HEADER_KEYS.role);
  const generationText = authenticated?.get(STRONGROOM_HEADER_KEYS.generation);
  if (role !== expected || typeof generationText !== 'string' || !/^\d{1,15}$/.test(generationText)) {
    throw corruptFileError(expected, 'damaged');
  }
  rememberOpenedSalt(db, expected);
  return { db, generation: Number(generationText), kdf: readKdfParameters(db.header) };
}

/** Every entry below a group, skipping a recycle bin if the file has one (KeePassXC creates one on first delete). */
export function liveEntries(db: Kdbx): KdbxEntry[] {
  const bin = db.meta.recycleBinEnabled ? db.meta.recycleBinUuid : undefined;
  const out: KdbxEntry[] = [];
  const walk = (group: KdbxGroup): void => {
    if (bin && group.uuid.equals(bin)) return;
    out.push(...group.entries);
    for (const child of group.groups) walk(child);
  };
  walk(db.getDefaultGroup());
  return out;
}

/**
 * Wraps text that arrived as a string (from the passphrase prompt or the generator) so that from here on it is
 * held XOR-masked, as kdbxweb keeps every protected field.
 */
export function protect(text: string): ProtectedValue {
  return kdbxweb().ProtectedValue.fromString(text);
}

export function textField(entry: KdbxEntry, name: string): string {
  const value = entry.fields.get(name);
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.getText();
}

export function protectedField(entry: KdbxEntry, name: string): ProtectedValue {
  const value = entry.fields.get(name);
  if (value === undefined) return kdbxweb().ProtectedValue.fromString('');
  return typeof value === 'string' ? kdbxweb().ProtectedValue.fromString(value) : value;
}

/** One entry of any KeePass file, as read without interpretation. */
export interface RawKdbxEntry {
  readonly groupPath: readonly string[];
  readonly title: string;
  readonly userName: string;
  readonly password: ProtectedValue;
  readonly url: string;
  readonly notes: string;
  /** KeePassXC's TOTP attribute, if the entry has one. */
  readonly otp: ProtectedValue | undefined;
  /** Every field other than the five standard ones and otp; protected ones stay protected. */
  readonly customFields: ReadonlyMap<string, string | ProtectedValue>;
}

export interface RawKdbx {
  /** The Strongroom role if the file carries one, else null (e.g. a database made in KeePassXC). */
  readonly role: ArtefactRole | null;
  readonly entries: readonly RawKdbxEntry[];
}

const STANDARD_FIELDS = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes', 'otp']);

/**
 * Reads any KDBX3 or KDBX4 file a passphrase opens, Strongroom's or not. The role-typed openers refuse a file
 * without the Strongroom marking (KDBX_UNKNOWN), because treating a stray KeePass file as a vault would hide a
 * mix-up; this raw read is the deliberate way to look inside one, e.g. to take over credentials kept in
 * KeePassXC before Strongroom.
 */
export async function openKdbxRaw(bytes: Uint8Array, passphrase: ProtectedValue): Promise<RawKdbx> {
  installArgon2();
  const header = readKdbxPublicHeader(bytes);
  if (!header.kdbx) throw corruptFileError(null, 'not-kdbx');
  if (!header.headerComplete) throw corruptFileError(null, 'damaged');
  if (header.version.major === 4 && (!kdbx4FramingIsComplete(bytes) || !kdbx4HeaderHashMatches(bytes))) throw corruptFileError(header.role, 'damaged');
  requireBoundedKdf(header.kdf, 'This KeePass file');
  let db: Kdbx;
  try {
    db = await kdbxweb().Kdbx.load(toArrayBuffer(bytes), new (kdbxweb().Credentials)(passphrase));
  } catch (error) {
    throw classifyOpenFailure(error, header.role);
  }
  const bin = db.meta.recycleBinEnabled ? db.meta.recycleBinUuid : undefined;
  const entries: RawKdbxEntry[] = [];
  const walk = (group: KdbxGroup, path: readonly string[]): void => {
    if (bin && group.uuid.equals(bin)) return;
    for (const entry of group.entries) {
      const customFields = new Map<string, string | ProtectedValue>();
      for (const [name, value] of entry.fields) if (!STANDARD_FIELDS.has(name)) customFields.set(name, value);
      entries.push({
        groupPath: path,
        title: textField(entry, 'Title'),
        userName: textField(entry, 'UserName'),
        password: protectedField(entry, 'Password'),
        url: textField(entry, 'URL'),
        notes: textField(entry, 'Notes'),
        otp: entry.fields.has('otp') ? protectedField(entry, 'otp') : undefined,
        customFields,
      });
    }
    for (const child of group.groups) walk(child, [...path, child.name ?? '']);
  };
  const root = db.getDefaultGroup();
  walk(root, [root.name ?? '']);
  return { role: header.role, entries };
}
