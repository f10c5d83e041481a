import { ErrorCode, StrongroomError } from '../core/errors';
import {
  checkOtpAnswer,
  decodeOtpSerial,
  encodeOtpFrame,
  HMAC_SHA1_RESPONSE_SIZE,
  hmacCommandForSlot,
  keyTakesWrites,
  OTP_REPORT_SIZE,
  OTP_RESET_REPORT,
  OtpCommand,
  otpProtocolError,
  OtpResponseAssembler,
  padChallengeLikeKeepassxc,
  parseOtpStatus,
  SERIAL_RESPONSE_SIZE,
  type OtpStatus,
} from '../core/yubikey-otp';
import type { HidConnection } from './hid-port';

export interface OtpClientOptions {
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long a slot that needs a touch may wait for one (the key's own default is 15 seconds). */
  readonly touchTimeoutMs?: number;
  /** How long the key may take to process a command that needs no touch. */
  readonly processingTimeoutMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Talks to a YubiKey's OTP HID interface with feature reports: the status block, the factory serial (where the
 * key's configuration lets it be read) and HMAC-SHA1 challenge-response in slot 1 or 2. Every wait is bounded,
 * and a read always ends with the reset report so the key is left ready for the next program.
 */
export class YubiKeyOtpClient {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly touchTimeoutMs: number;
  private readonly processingTimeoutMs: number;

  constructor(
    private readonly connection: HidConnection,
    options: OtpClientOptions = {},
  ) {
    this.sleep = options.sleep ?? realSleep;
    this.touchTimeoutMs = options.touchTimeoutMs ?? 15_000;
    this.processingTimeoutMs = options.processingTimeoutMs ?? 1000;
  }

  async status(): Promise<OtpStatus> {
    return parseOtpStatus(await this.readReport());
  }

  /** The serial number, or null when this key is configured not to reveal it. */
  async readSerial(): Promise<number | null> {
    const answer = await this.exchange(OtpCommand.DeviceSerial, new Uint8Array(0), { mayWaitForTouch: false });
    if (!answer) return null;
    const serial = decodeOtpSerial(checkOtpAnswer(answer, SERIAL_RESPONSE_SIZE));
    answer.fill(0);
    return serial;
  }

  /**
   * HMAC-SHA1 of `challenge` with the secret programmed into `slot`, padded to 64 bytes as KeePassXC pads it.
   * The response is key material: the caller owns it and should zero it when done.
   */
  async challengeHmac(slot: 1 | 2, challenge: Uint8Array, options: { mayWaitForTouch: boolean } = { mayWaitForTouch: true }): Promise<Uint8Array> {
    const padded = padChallengeLikeKeepassxc(challenge);
    let answer: Uint8Array | null;
    try {
      answer = await this.exchange(hmacCommandForSlot(slot), padded, options);
    } finally {
      padded.fill(0);
    }
    if (!answer) {
      throw new StrongroomError(
        ErrorCode.ChallengeResponseFailed,
        `The YubiKey gave no challenge-response answer from slot ${slot}. Check that slot ${slot} is programmed for HMAC-SHA1 challenge-response, or use the other slot.`,
        { slot },
      );
    }
    try {
      return checkOtpAnswer(answer, HMAC_SHA1_RESPONSE_SIZE);
    } finally {
      answer.fill(0);
    }
  }

  private async exchange(command: number, payload: Uint8Array, options: { mayWaitForTouch: boolean }): Promise<Uint8Array | null> {
    const reports = encodeOtpFrame(command, payload);
    try {
      for (const report of reports) {
        await this.waitUntilKeyTakesWrites();
        await this.connection.sendFeatureReport(report);
      }
      return await this.readAnswer(options.mayWaitForTouch);
    } finally {
      for (const report of reports) report.fill(0);
      // Leave the key ready for whoever talks to it next, whatever happened above.
      await this.connection.sendFeatureReport(OTP_RESET_REPORT).catch(() => undefined);
    }
  }

  private async waitUntilKeyTakesWrites(): Promise<void> {
    const deadline = performance.now() + this.processingTimeoutMs;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      if (keyTakesWrites(await this.readReport())) return;
      if (performance.now() > deadline) throw otpProtocolError('it did not take the command');
      await this.sleep(delay);
    }
  }

  private async readAnswer(mayWaitForTouch: boolean): Promise<Uint8Array | null> {
    const assembler = new OtpResponseAssembler();
    let deadline = performance.now() + this.processingTimeoutMs;
    let touchAsked = false;
    let silentReads = 0;
    for (let delay = 1; ; ) {
      const reading = assembler.accept(await this.readReport());
      if (reading.kind === 'done') return reading.data;
      if (reading.kind === 'chunk') continue;
      if (reading.kind === 'no-answer') {
        // A key that has nothing to say shows an idle status; a few reads in a row rule out a slow start.
        silentReads += 1;
        if (silentReads >= 3) return null;
      } else {
        silentReads = 0;
        if (reading.touch) {
          if (!mayWaitForTouch) {
            throw new StrongroomError(ErrorCode.ChallengeResponseFailed, 'The YubiKey wants a touch for this, and none was asked for here. Try again and touch the key when it blinks.');
          }
          if (!touchAsked) deadline = performance.now() + this.touchTimeoutMs;
          touchAsked = true;
        } else if (touchAsked) {
          throw new StrongroomError(ErrorCode.ChallengeResponseFailed, 'The YubiKey was not touched in time. Try again and touch the key when it blinks.');
        }
      }
      if (performance.now() > deadline) throw otpProtocolError('no answer in time');
      await this.sleep(delay);
      delay = Math.min(delay * 2, touchAsked ? 100 : 20);
    }
  }

  private async readReport(): Promise<Uint8Array> {
    const report = await this.connection.getFeatureReport(OTP_REPORT_SIZE);
    if (report.length !== OTP_REPORT_SIZE) throw otpProtocolError(`a report of ${report.length} bytes`);
    return report;
  }
}
