import { decodeCbor, type CborMap, type CborValue } from './cbor';
import { ctaphidProtocolError } from './ctaphid';

/**
 * authenticatorGetInfo (CTAP 2.x command 0x04): what a FIDO2 key says about itself without any user presence.
 * Strongroom keeps what identifies the model — the AAGUID, the protocol versions, the firmware version — and the
 * options a custodian might ask about. The AAGUID names a model (every YubiKey 5 NFC of a batch shares it), never
 * one physical key: identity comes from a serial number.
 */
export const CTAP2_GET_INFO = 0x04;
const CTAP2_OK = 0x00;

export interface FidoInfo {
  readonly versions: readonly string[];
  readonly extensions: readonly string[];
  /** Lower-case UUID form, e.g. "cb69481e-8ff7-4039-93ec-0a2729a154a8". */
  readonly aaguid: string;
  readonly options: Readonly<Record<string, boolean>>;
  readonly maxMsgSize: number | null;
  readonly firmwareVersion: number | null;
}

/** Parses the CBOR command's answer: a status byte, then the GetInfo map. */
export function parseGetInfoResponse(payload: Uint8Array): FidoInfo {
  const status = payload[0];
  if (status === undefined) throw ctaphidProtocolError('an empty GetInfo answer');
  if (status !== CTAP2_OK) throw ctaphidProtocolError(`GetInfo refused with status 0x${status.toString(16).padStart(2, '0')}`);
  const map = decodeCbor(payload.subarray(1));
  if (!(map instanceof Map)) throw ctaphidProtocolError('GetInfo did not answer with a map');
  const info = map as CborMap;
  const aaguid = info.get(0x03);
  if (!(aaguid instanceof Uint8Array) || aaguid.length !== 16) throw ctaphidProtocolError('GetInfo without a 16-byte AAGUID');
  const versions = textList(info.get(0x01), 'versions');
  if (versions.length === 0) throw ctaphidProtocolError('GetInfo without versions');
  return {
    versions,
    extensions: info.has(0x02) ? textList(info.get(0x02), 'extensions') : [],
    aaguid: formatAaguid(aaguid),
    options: info.has(0x04) ? booleanMap(info.get(0x04)) : {},
    maxMsgSize: optionalCount(info.get(0x05), 'maxMsgSize'),
    firmwareVersion: optionalCount(info.get(0x0e), 'firmwareVersion'),
  };
}

export function formatAaguid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const AAGUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An AAGUID as typed or pasted (any case, with or without dashes) in the canonical form, or null if it is not one. */
export function normaliseAaguid(raw: string): string | null {
  const hex = raw.trim().toLowerCase().replace(/[{}-]/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return AAGUID_TEXT.test(text) ? text : null;
}

function textList(value: CborValue, field: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length > 64)) {
    throw ctaphidProtocolError(`GetInfo ${field} is not a list of short texts`);
  }
  return value as string[];
}

function booleanMap(value: CborValue): Record<string, boolean> {
  if (!(value instanceof Map)) throw ctaphidProtocolError('GetInfo options are not a map');
  const out: Record<string, boolean> = {};
  for (const [key, flag] of value as CborMap) {
    if (typeof key !== 'string' || typeof flag !== 'boolean') throw ctaphidProtocolError('GetInfo options are not names with true or false');
    // Own property names only: a hostile key named "__proto__" must not reach the prototype.
    Object.defineProperty(out, key, { value: flag, enumerable: true, writable: false });
  }
  return out;
}

function optionalCount(value: CborValue, field: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw ctaphidProtocolError(`GetInfo ${field} is not a whole number`);
  return value;
}
