import { ErrorCode, StrongroomError } from '../core/errors';
import type { HidConnection, HidPort } from './hid-port';
import { isYubicoOtpInterface } from './token-detector';
import { YubiKeyOtpClient, type OtpClientOptions } from './yubikey-otp-client';

export interface YubiKeyTarget {
  readonly slot: 1 | 2;
  /**
   * The keys programmed with this file's secret — the primary and its backup — by serial. Empty: whichever single
   * YubiKey is plugged in (for keys set not to reveal their serial).
   */
  readonly serials: readonly number[];
}

/**
 * Answers KDBX challenges with a YubiKey's HMAC-SHA1 slot over its OTP HID interface (artefacts/
 * challenge-response.ts takes it as a ChallengeResponder). It picks the plugged-in key by serial, so a custodian's
 * own YubiKey plugged in beside the right one is never challenged by mistake.
 */
export class YubiKeyHidChallengeResponder {
  readonly description: string;

  constructor(
    private readonly port: HidPort,
    private readonly target: YubiKeyTarget,
    private readonly options: OtpClientOptions = {},
  ) {
    const which = target.serials.length ? `YubiKey ${target.serials.join(' or ')}` : 'the YubiKey';
    this.description = `${which}, slot ${target.slot}`;
  }

  async respond(challenge: Uint8Array): Promise<Uint8Array> {
    const status = await this.port.status();
    if (!status.available) throw new StrongroomError(ErrorCode.HidUnavailable, `${status.reason} A file that needs its YubiKey cannot be opened or written here.`);
    const candidates = (await this.port.list()).filter(isYubicoOtpInterface);
    if (candidates.length === 0) throw new StrongroomError(ErrorCode.ChallengeResponseFailed, `No YubiKey is plugged in. Plug in ${this.description.split(',')[0]} and try again.`);
    if (this.target.serials.length === 0 && candidates.length > 1) {
      throw new StrongroomError(ErrorCode.ChallengeResponseFailed, 'Several YubiKeys are plugged in. Leave only the one programmed for this file and try again.');
    }
    const seen: string[] = [];
    for (const candidate of candidates) {
      const connection = await this.port.open(candidate.path);
      try {
        const client = new YubiKeyOtpClient(connection, this.options);
        if (this.target.serials.length > 0) {
          const serial = await client.readSerial();
          seen.push(serial === null ? 'one that hides its serial' : String(serial));
          if (serial === null || !this.target.serials.includes(serial)) continue;
        }
        return await client.challengeHmac(this.target.slot, challenge);
      } finally {
        await closeQuietly(connection);
      }
    }
    throw new StrongroomError(ErrorCode.ChallengeResponseFailed, `${this.description.split(',')[0]} is not plugged in (plugged in: YubiKey ${seen.join(', ')}).`);
  }
}

async function closeQuietly(connection: HidConnection): Promise<void> {
  await connection.close().catch(() => undefined);
}
