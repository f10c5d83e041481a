import { ErrorCode, StrongroomError } from '../core/errors';
import { matchSighting, type DetectedToken, type TokenMatch, type TokenSighting } from '../core/token-identification';
import type { TokenRecord } from '../catalog/token-store';
import type { TokenDetectionFeed } from './token-detection-feed';

/** How a token is shown to the kiosk: the id of a token detected over HID, or its serial typed from the label. */
export type TokenIdentification = { readonly detectedDeviceId: string } | { readonly typedSerial: string };

export interface TokenPresentation {
  readonly match: TokenMatch;
  readonly token: TokenRecord | null;
  /** What was read over HID, when the token was plugged in. */
  readonly detected: DetectedToken | null;
}

/**
 * Which inventory token is in front of the kiosk, for app/token-desk: a key read over HID, or a serial typed from
 * its label, matched against the inventory without recording anything; and why a presented token is refused.
 */
export class TokenSightings {
  constructor(private readonly detection: TokenDetectionFeed) {}

  /** Which inventory token this is, without recording anything. */
  async identify(identification: TokenIdentification, list: () => readonly TokenRecord[]): Promise<TokenPresentation> {
    const sighting = await this.sighting(identification);
    const inventory = list();
    const match = matchSighting(sighting, inventory);
    const tokenId = match.outcome === 'identified' || match.outcome === 'mismatch' ? match.tokenId : null;
    return { match, token: tokenId ? (inventory.find((t) => t.tokenId === tokenId) ?? null) : null, detected: sighting.how === 'hid' ? sighting.detected : null };
  }

  private async sighting(identification: TokenIdentification): Promise<TokenSighting> {
    if ('typedSerial' in identification) return { how: 'typed-serial', serial: identification.typedSerial };
    const detected = await this.findDetected(identification.detectedDeviceId);
    return { how: 'hid', detected };
  }

  private async findDetected(deviceId: string): Promise<DetectedToken> {
    const inList = (tokens: readonly DetectedToken[]) => tokens.find((t) => t.deviceId === deviceId);
    const found = inList(this.detection.current.tokens) ?? inList(await this.detection.refresh());
    if (!found) {
      throw new StrongroomError(ErrorCode.TokenNotIdentified, 'That token is no longer plugged in. Plug it in again and wait until it shows on the Tokens screen, or type its serial.');
    }
    return found;
  }
}

/** Why a token presented for check-in is not the one checked out. */
export function refusalWords(expected: TokenRecord, match: TokenMatch): string {
  switch (match.outcome) {
    case 'identified':
      return `the token presented is ${match.tokenId}, not ${expected.tokenId}.`;
    case 'mismatch':
      return match.why;
    case 'model-only':
      // Never the expected serial: a check-in must prove the token is here, not echo what the record says.
      return 'this key does not reveal its serial over USB. Type the serial printed on it instead.';
    case 'unknown':
      return match.why;
  }
}
