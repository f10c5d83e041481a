import { normaliseTokenSerial, type TokenKind, type TokenState } from './token';

/** A token plugged into the kiosk, as read over HID (see platform/token-detector). */
export interface DetectedToken {
  /** Stable while the token stays plugged in; opaque (no OS paths reach the window). */
  readonly deviceId: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturer: string | null;
  readonly product: string | null;
  /** What its FIDO interface said; null when it has none or it could not be read. */
  readonly fido: { readonly aaguid: string | null; readonly versions: readonly string[]; readonly firmwareVersion: number | null } | null;
  /** The serial read from the key itself, and how. */
  readonly serial: { readonly value: string; readonly source: 'yubikey-otp' | 'usb-descriptor' } | null;
  /** What could not be read, in words. */
  readonly problems: readonly string[];
}

/** How a custodian shows Strongroom a token: plugged in and read, or by the serial printed on it. */
export type TokenSighting = { readonly how: 'hid'; readonly detected: DetectedToken } | { readonly how: 'typed-serial'; readonly serial: string };

export interface InventoryEntryForMatching {
  readonly tokenId: string;
  readonly kind: TokenKind;
  readonly serialComparable: string;
  readonly aaguid: string | null;
  readonly state: TokenState;
}

export type TokenMatch =
  | { readonly outcome: 'identified'; readonly tokenId: string; readonly how: 'hid' | 'typed-serial' }
  /** A serial of the inventory, on something that is not that token (other kind or other model). */
  | { readonly outcome: 'mismatch'; readonly tokenId: string; readonly why: string }
  /** Read over HID, but without a serial: its model fits these tokens; its printed serial decides. */
  | { readonly outcome: 'model-only'; readonly candidates: readonly string[] }
  | { readonly outcome: 'unknown'; readonly why: string };

/**
 * Which inventory token a sighting is. A serial identifies; a model (AAGUID) never does on its own, because every
 * key of a model shares it — but an AAGUID that contradicts the inventory record exposes a swapped key carrying
 * a known serial.
 */
export function matchSighting(sighting: TokenSighting, inventory: readonly InventoryEntryForMatching[]): TokenMatch {
  if (sighting.how === 'typed-serial') {
    const { comparable, display } = normaliseTokenSerial(sighting.serial);
    const token = inventory.find((t) => t.serialComparable === comparable);
    return token ? { outcome: 'identified', tokenId: token.tokenId, how: 'typed-serial' } : { outcome: 'unknown', why: `No token in the inventory has the serial ${display}.` };
  }
  const detected = sighting.detected;
  const aaguid = detected.fido?.aaguid ?? null;
  if (detected.serial) {
    let comparable: string;
    try {
      comparable = normaliseTokenSerial(detected.serial.value).comparable;
    } catch {
      return { outcome: 'unknown', why: 'The serial this key reports is not one Strongroom can compare; identify it by the serial printed on it.' };
    }
    const token = inventory.find((t) => t.serialComparable === comparable);
    if (!token) return { outcome: 'unknown', why: `No token in the inventory has the serial ${detected.serial.value}.` };
    if (token.kind !== 'fido') {
      return { outcome: 'mismatch', tokenId: token.tokenId, why: `${token.tokenId} is recorded as a hardware TOTP display token, but this is a USB security key reporting the same serial.` };
    }
    if (token.aaguid && aaguid && token.aaguid !== aaguid) {
      return {
        outcome: 'mismatch',
        tokenId: token.tokenId,
        why: `This key reports the serial of ${token.tokenId} but a different model (AAGUID ${aaguid}, recorded ${token.aaguid}). It may be a swapped key.`,
      };
    }
    return { outcome: 'identified', tokenId: token.tokenId, how: 'hid' };
  }
  if (aaguid) {
    const candidates = inventory.filter((t) => t.kind === 'fido' && t.aaguid === aaguid).map((t) => t.tokenId);
    if (candidates.length > 0) return { outcome: 'model-only', candidates };
    return { outcome: 'unknown', why: 'This key does not reveal its serial, and no token in the inventory is recorded with its model (AAGUID). Type the serial printed on it to identify it.' };
  }
  return { outcome: 'unknown', why: 'Nothing that identifies this key could be read; identify it by the serial printed on it.' };
}
