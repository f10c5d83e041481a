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
const FIELD_END_OF_HEADER = 0;
const FIELD_PUBLIC_CUSTOM_DATA = 12;
const VARIANT_STRING = 0x18;
const VARIANT_END = 0;

/** Enough for any real header: KeePass itself refuses headers with public custom data much larger than this. */
export const KDBX_HEADER_READ_LIMIT = 1024 * 1024;

/** Public custom data keys Strongroom writes into every vault and seed store it creates. */
export const STRONGROOM_HEADER_KEYS = {
  role: 'strongroom.role',
  generation: 'strongroom.generation',
  format: 'strongroom.format',
} as const;
export const STRONGROOM_HEADER_FORMAT = '1';

export type KdbxPublicHeader =
  | {
      readonly kdbx: true;
      readonly version: { readonly major: number; readonly minor: number };
      /** Null for any KDBX that Strongroom did not write (or wrote in a format this build does not know). */
      readonly role: 'vault' | 'seed' | null;
      /** The generation Strongroom wrote into the header; null when absent or not a decimal number. */
      readonly generation: number | null;
      /** String items of the public custom data; empty for KDBX3 or when there is none. */
      readonly publicStrings: Readonly<Record<string, string>>;
      /** False when the header is cut short or malformed: a half-written or damaged file. */
      readonly headerComplete: boolean;
    }
  | { readonly kdbx: false };

export function isKdbxSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(0, true) === SIGNATURE_1 && view.getUint32(4, true) === SIGNATURE_2_KDBX;
}

export function readKdbxPublicHeader(bytes: Uint8Array): KdbxPublicHeader {
  if (!isKdbxSignature(bytes)) return { kdbx: false };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) {
    return { kdbx: true, version: { major: 0, minor: 0 }, role: null, generation: null, publicStrings: {}, headerComplete: false };
  }
  const version = { minor: view.getUint16(8, true), major: view.getUint16(10, true) };
  const sizeBytes = version.major >= 4 ? 4 : 2;
  let offset = 12;
  let publicStrings: Record<string, string> = {};
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
    if (id === FIELD_PUBLIC_CUSTOM_DATA && version.major >= 4) {
      const parsed = readVariantDictionaryStrings(bytes.subarray(start, start + size));
      if (parsed === null) malformed = true;
      else publicStrings = parsed;
    }
    offset = start + size;
  }
  const complete = headerComplete && !malformed;
  return { kdbx: true, version, ...strongroomFields(publicStrings), publicStrings, headerComplete: complete };
}

function strongroomFields(strings: Readonly<Record<string, string>>): { role: 'vault' | 'seed' | null; generation: number | null } {
  // A role without the format marker might be someone else's key of the same name; only our format counts.
  if (strings[STRONGROOM_HEADER_KEYS.format] !== STRONGROOM_HEADER_FORMAT) return { role: null, generation: null };
  const roleText = strings[STRONGROOM_HEADER_KEYS.role];
  const role = roleText === 'vault' || roleText === 'seed' ? roleText : null;
  const generationText = strings[STRONGROOM_HEADER_KEYS.generation] ?? '';
  const generation = /^\d{1,15}$/.test(generationText) ? Number(generationText) : null;
  return { role, generation };
}

/** String items only; other types are skipped. Null when the dictionary is malformed or of an unknown version. */
function readVariantDictionaryStrings(bytes: Uint8Array): Record<string, string> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 2) return null;
  // Only the major byte is checked, as KeePass does: a newer minor version stays readable.
  if ((view.getUint16(0, true) & 0xff00) !== 0x0100) return null;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const strings: Record<string, string> = {};
  let offset = 2;
  for (;;) {
    if (offset >= bytes.length) return null;
    const type = view.getUint8(offset);
    offset += 1;
    if (type === VARIANT_END) return strings;
    if (offset + 4 > bytes.length) return null;
    const nameLength = view.getInt32(offset, true);
    offset += 4;
    if (nameLength < 0 || offset + nameLength + 4 > bytes.length) return null;
    const nameBytes = bytes.subarray(offset, offset + nameLength);
    offset += nameLength;
    const valueLength = view.getInt32(offset, true);
    offset += 4;
    if (valueLength < 0 || offset + valueLength > bytes.length) return null;
    const valueBytes = bytes.subarray(offset, offset + valueLength);
    offset += valueLength;
    if (type !== VARIANT_STRING) continue;
    let name: string;
    let value: string;
    try {
      name = decoder.decode(nameBytes);
      value = decoder.decode(valueBytes);
    } catch {
      return null;
    }
    // The file comes from a stick anyone could have prepared: never let a key reach the object's prototype.
    if (name !== '__proto__') strings[name] = value;
  }
}
