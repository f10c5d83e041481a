import type { MediumRole } from '../core/custody-vocabulary';
/**
 * Reads the unencrypted outer header of a KeePass file without any key. The medium scanner needs to know, on a
 * stick nobody has unlocked, whether a .kdbx is a Strongroom vault, a Strongroom seed store, or something else:
 * KDBX4 keeps a "public custom data" dictionary in the clear, and Strongroom writes its role there.
 *
 * Layout (all little-endian): signature 0x9AA2D903, 0xB54BFB67; minor and major version (uint16 each); then header
 * fields of (id: uint8, size: uint32 in KDBX4 / uint16 in KDBX3, data) until the end-of-header field (id 0).
 * Field 12 (KDBX4 only) is a VariantDictionary: version uint16 (major byte 1), then items of
 * (type uint8, name length int32, name, value length int32, value), ended by type 0.
 */

const SIGNATURE_1 = 0x9aa2d903;
const SIGNATURE_2_KDBX = 0xb54bfb67;
/** KeePass 1.x (.kdb) and the KeePass 2 pre-release format share the first signature word. */
const SIGNATURE_2_KDB = 0xb54bfb65;
const SIGNATURE_2_KDBX_PRERELEASE = 0xb54bfb66;
const FIELD_END_OF_HEADER = 0;
/** KDBX3: AES-KDF rounds as a uint64. */
const FIELD_TRANSFORM_ROUNDS = 6;
/** KDBX4: the key-derivation function and its parameters, a VariantDictionary. */
const FIELD_KDF_PARAMETERS = 11;
const FIELD_PUBLIC_CUSTOM_DATA = 12;
const VARIANT_UINT32 = 0x04;
const VARIANT_UINT64 = 0x05;
const VARIANT_STRING = 0x18;
const VARIANT_BYTES = 0x42;
const VARIANT_END = 0;

/** KDF UUIDs in the KDBX4 header, as lowercase hex. */
const KDF_UUIDS: Readonly<Record<string, 'argon2d' | 'argon2id' | 'aes'>> = {
  ef636ddf8c29444b91f7a9a403e30a0c: 'argon2d',
  '9e298b1956db4773b23dfc3ec6f0a1e6': 'argon2id',
  c9d9f39a628a4460bf740d08c18a4fea: 'aes',
};

/** Enough for any real header: KeePass itself refuses headers with public custom data much larger than this. */
export const KDBX_HEADER_READ_LIMIT = 1024 * 1024;

/** Public custom data keys Strongroom writes into every vault and seed store it creates. */
export const STRONGROOM_HEADER_KEYS = {
  role: 'strongroom.role',
  generation: 'strongroom.generation',
  format: 'strongroom.format',
} as const;
export const STRONGROOM_HEADER_FORMAT = '1';

/**
 * The key-derivation settings the header asks for, read before any key is derived so that a file asking for
 * days of work can be refused (artefacts/kdf-bounds.ts). Counts above 2^53 lose precision, which only matters
 * far beyond any limit.
 */
export type KdbxKdfSettings =
  | {
      readonly kind: 'argon2d' | 'argon2id';
      readonly memoryBytes: number | null;
      readonly iterations: number | null;
      readonly parallelism: number | null;
    }
  | { readonly kind: 'aes'; readonly rounds: number | null }
  | { readonly kind: 'unknown'; readonly uuid: string };

export type KdbxPublicHeader =
  | {
      readonly kdbx: true;
      readonly version: { readonly major: number; readonly minor: number };
      /** Null when the header names none (or it is damaged). */
      readonly kdf: KdbxKdfSettings | null;
      /** Null for any KDBX that Strongroom did not write (or wrote in a format this build does not know). */
      readonly role: MediumRole | null;
      /** The generation Strongroom wrote into the header; null when absent or not a decimal number. */
      readonly generation: number | null;
      /** String items of the public custom data; empty for KDBX3 or when there is none. */
      readonly publicStrings: Readonly<Record<string, string>>;
      /** False when the header is cut short or malformed: a half-written or damaged file. */
      readonly headerComplete: boolean;
    }
  | { readonly kdbx: false };

export function isKdbxSignature(bytes: Uint8Array): boolean {
  return keePassFormatOf(bytes) === 'kdbx';
}

/**
 * Which KeePass format the first eight bytes announce: KDBX 3/4, KeePass 1.x (.kdb), the KeePass 2 pre-release
 * format, or none. Any of them can hold passwords or seeds, so the medium scanner counts them all.
 */
export function keePassFormatOf(bytes: Uint8Array): 'kdbx' | 'kdb' | 'kdbx-prerelease' | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== SIGNATURE_1) return null;
  switch (view.getUint32(4, true)) {
    case SIGNATURE_2_KDBX:
      return 'kdbx';
    case SIGNATURE_2_KDB:
      return 'kdb';
    case SIGNATURE_2_KDBX_PRERELEASE:
      return 'kdbx-prerelease';
    default:
      return null;
  }
}

export function readKdbxPublicHeader(bytes: Uint8Array): KdbxPublicHeader {
  if (!isKdbxSignature(bytes)) return { kdbx: false };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) {
    return { kdbx: true, version: { major: 0, minor: 0 }, kdf: null, role: null, generation: null, publicStrings: {}, headerComplete: false };
  }
  const version = { minor: view.getUint16(8, true), major: view.getUint16(10, true) };
  const sizeBytes = version.major >= 4 ? 4 : 2;
  let offset = 12;
  let publicStrings: Record<string, string> = {};
  let kdf: KdbxKdfSettings | null = null;
  let headerComplete = false;
  let malformed = false;
  while (offset + 1 + sizeBytes <= bytes.length) {
    const id = view.getUint8(offset);
    const size = sizeBytes === 4 ? view.getUint32(offset + 1, true) : view.getUint16(offset + 1, true);
    const start = offset + 1 + sizeBytes;
    if (start + size > bytes.length) break;
    if (id === FIELD_END_OF_HEADER) {
      headerComplete = true;
      break;
    }
    const field = bytes.subarray(start, start + size);
    if (id === FIELD_PUBLIC_CUSTOM_DATA && version.major >= 4) {
      const parsed = readVariantDictionary(field);
      const strings = parsed === null ? null : stringItems(parsed);
      if (strings === null) malformed = true;
      else publicStrings = strings;
    } else if (id === FIELD_KDF_PARAMETERS && version.major >= 4) {
      const parsed = readVariantDictionary(field);
      if (parsed === null) malformed = true;
      else kdf = kdfSettings(parsed);
    } else if (id === FIELD_TRANSFORM_ROUNDS && version.major < 4) {
      kdf = { kind: 'aes', rounds: size === 8 ? readUint64(field) : null };
    }
    offset = start + size;
  }
  const complete = headerComplete && !malformed;
  return { kdbx: true, version, kdf, ...strongroomFields(publicStrings), publicStrings, headerComplete: complete };
}

function readUint64(bytes: Uint8Array): number {
  return Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true));
}

function readUint(item: VariantItem | undefined): number | null {
  if (item?.type === VARIANT_UINT64 && item.value.length === 8) return readUint64(item.value);
  if (item?.type === VARIANT_UINT32 && item.value.length === 4) {
    return new DataView(item.value.buffer, item.value.byteOffset, 4).getUint32(0, true);
  }
  return null;
}

function kdfSettings(items: ReadonlyMap<string, VariantItem>): KdbxKdfSettings | null {
  const uuid = items.get('$UUID');
  if (uuid?.type !== VARIANT_BYTES) return null;
  const hex = Buffer.from(uuid.value).toString('hex');
  const kind = KDF_UUIDS[hex];
  if (kind === undefined) return { kind: 'unknown', uuid: hex };
  if (kind === 'aes') return { kind, rounds: readUint(items.get('R')) };
  return { kind, memoryBytes: readUint(items.get('M')), iterations: readUint(items.get('I')), parallelism: readUint(items.get('P')) };
}

function strongroomFields(strings: Readonly<Record<string, string>>): { role: MediumRole | null; generation: number | null } {
  // A role without the format marker might be someone else's key of the same name; only our format counts.
  if (strings[STRONGROOM_HEADER_KEYS.format] !== STRONGROOM_HEADER_FORMAT) return { role: null, generation: null };
  const roleText = strings[STRONGROOM_HEADER_KEYS.role];
  const role = roleText === 'vault' || roleText === 'seed' ? roleText : null;
  const generationText = strings[STRONGROOM_HEADER_KEYS.generation] ?? '';
  const generation = /^\d{1,15}$/.test(generationText) ? Number(generationText) : null;
  return { role, generation };
}

interface VariantItem {
  readonly type: number;
  readonly value: Uint8Array;
}

/** Items by name; null when the dictionary is malformed or of an unknown version. */
function readVariantDictionary(bytes: Uint8Array): Map<string, VariantItem> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 2) return null;
  // Only the major byte is checked, as KeePass does: a newer minor version stays readable.
  if ((view.getUint16(0, true) & 0xff00) !== 0x0100) return null;
  // A Map, not an object: the file comes from a stick anyone could have prepared, and a key named __proto__
  // must never reach an object's prototype.
  const items = new Map<string, VariantItem>();
  let offset = 2;
  for (;;) {
    if (offset >= bytes.length) return null;
    const type = view.getUint8(offset);
    offset += 1;
    if (type === VARIANT_END) return items;
    if (offset + 4 > bytes.length) return null;
    const nameLength = view.getInt32(offset, true);
    offset += 4;
    if (nameLength < 0 || offset + nameLength + 4 > bytes.length) return null;
    const nameBytes = bytes.subarray(offset, offset + nameLength);
    offset += nameLength;
    const valueLength = view.getInt32(offset, true);
    offset += 4;
    if (valueLength < 0 || offset + valueLength > bytes.length) return null;
    const value = bytes.subarray(offset, offset + valueLength);
    offset += valueLength;
    const name = utf8OrNull(nameBytes);
    if (name === null) return null;
    items.set(name, { type, value });
  }
}

/** String items only; other types are skipped. */
function stringItems(items: ReadonlyMap<string, VariantItem>): Record<string, string> | null {
  const strings: Record<string, string> = {};
  for (const [name, item] of items) {
    if (item.type !== VARIANT_STRING || name === '__proto__') continue;
    const text = utf8OrNull(item.value);
    if (text === null) return null;
    strings[name] = text;
  }
  return strings;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or null when they are not UTF-8: a damaged header, or one made to confuse a reader. */
function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}
