import { ErrorCode, StrongroomError } from './errors';

/**
 * The YubiKey "OTP" HID interface, as Yubico's own tools speak it: a command travels as one 70-byte frame
 * (64-byte payload, slot/command byte, CRC-16, filler) cut into 8-byte feature reports — 7 data bytes plus a
 * byte carrying the sequence number and the "host wrote this" flag. The key answers through feature reports too:
 * a status byte tells whether it is busy, waiting for a touch, or handing out the next 7 bytes of an answer,
 * which ends in a CRC that must leave the X.25 residue. Pure framing only; the polling loop lives in platform/.
 */
export const YUBICO_VENDOR_ID = 0x1050;
export const OTP_REPORT_SIZE = 8;
const OTP_REPORT_DATA = OTP_REPORT_SIZE - 1;
const SLOT_DATA_SIZE = 64;
const FRAME_SIZE = SLOT_DATA_SIZE + 1 + 2 + 3;
/** No answer is longer than an OTP response's 10 reports; anything beyond is refused. */
const MAX_RESPONSE_REPORTS = FRAME_SIZE / OTP_REPORT_DATA;

export const OtpCommand = {
  DeviceSerial: 0x10,
  ChallengeHmacSlot1: 0x30,
  ChallengeHmacSlot2: 0x38,
} as const;

export const OtpFlag = {
  /** Set by the host on a report it writes; the key clears it once it has taken the report. */
  SlotWrite: 0x80,
  ResponsePending: 0x40,
  /** The key waits for a touch; seconds left in the low five bits. */
  TimeoutWait: 0x20,
  SequenceMask: 0x1f,
} as const;

/** Written to end a read: an impossible sequence number makes the key drop what it was sending. */
export const OTP_RESET_REPORT = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x8f);

export const HMAC_SHA1_RESPONSE_SIZE = 20;
export const SERIAL_RESPONSE_SIZE = 4;
export const CRC_OK_RESIDUE = 0xf0b8;

export function otpProtocolError(why: string): StrongroomError {
  return new StrongroomError(
    ErrorCode.HidDeviceUnreadable,
    `The YubiKey did not answer as expected (${why}). Unplug it and plug it in again; if it repeats, identify it by the serial printed on it.`,
  );
}

/** CRC-16 as the YubiKey computes it (X.25: reflected 0x8408, start 0xffff, no final inversion). */
export function yubikeyCrc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc;
}

/** The feature reports that carry one command; all-zero middle reports are skipped, as the key expects. */
export function encodeOtpFrame(command: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array[] {
  if (payload.length > SLOT_DATA_SIZE) throw new RangeError(`An OTP command carries at most ${SLOT_DATA_SIZE} bytes`);
  const frame = new Uint8Array(FRAME_SIZE);
  frame.set(payload);
  frame[SLOT_DATA_SIZE] = command;
  const crc = yubikeyCrc16(frame.subarray(0, SLOT_DATA_SIZE));
  frame[SLOT_DATA_SIZE + 1] = crc & 0xff;
  frame[SLOT_DATA_SIZE + 2] = crc >> 8;
  const reports: Uint8Array[] = [];
  const last = FRAME_SIZE / OTP_REPORT_DATA - 1;
  for (let seq = 0; seq <= last; seq += 1) {
    const chunk = frame.subarray(seq * OTP_REPORT_DATA, (seq + 1) * OTP_REPORT_DATA);
    if (seq > 0 && seq < last && chunk.every((b) => b === 0)) continue;
    const report = new Uint8Array(OTP_REPORT_SIZE);
    report.set(chunk);
    report[OTP_REPORT_DATA] = OtpFlag.SlotWrite | seq;
    reports.push(report);
  }
  frame.fill(0);
  return reports;
}

export interface OtpStatus {
  readonly firmware: { readonly major: number; readonly minor: number; readonly build: number };
  /** Counts up with each configuration write; 0 when no slot is configured. */
  readonly programmingSequence: number;
  readonly slot1Configured: boolean;
  readonly slot2Configured: boolean;
  readonly slot1NeedsTouch: boolean;
  readonly slot2NeedsTouch: boolean;
}

/** The status block every feature report read carries in bytes 1..6. */
export function parseOtpStatus(report: Uint8Array): OtpStatus {
  if (report.length !== OTP_REPORT_SIZE) throw otpProtocolError(`a status report of ${report.length} bytes`);
  const touch = (report[5] as number) | ((report[6] as number) << 8);
  return {
    firmware: { major: report[1] as number, minor: report[2] as number, build: report[3] as number },
    programmingSequence: report[4] as number,
    slot1Configured: (touch & 0x01) !== 0,
    slot2Configured: (touch & 0x02) !== 0,
    slot1NeedsTouch: (touch & 0x04) !== 0,
    slot2NeedsTouch: (touch & 0x08) !== 0,
  };
}

export function keyTakesWrites(report: Uint8Array): boolean {
  return ((report[OTP_REPORT_DATA] ?? 0) & OtpFlag.SlotWrite) === 0;
}

export type OtpReading =
  | { readonly kind: 'wait'; readonly touch: boolean }
  | { readonly kind: 'chunk' }
  | { readonly kind: 'done'; readonly data: Uint8Array }
  | { readonly kind: 'no-answer' };

/** Collects an answer report by report, in sequence, never past the longest answer the key can give. */
export class OtpResponseAssembler {
  private readonly chunks: Uint8Array[] = [];

  accept(report: Uint8Array): OtpReading {
    if (report.length !== OTP_REPORT_SIZE) throw otpProtocolError(`a report of ${report.length} bytes`);
    const status = report[OTP_REPORT_DATA] as number;
    if (status & OtpFlag.ResponsePending) {
      const seq = status & OtpFlag.SequenceMask;
      if (seq === this.chunks.length && seq < MAX_RESPONSE_REPORTS) {
        this.chunks.push(report.slice(0, OTP_REPORT_DATA));
        return { kind: 'chunk' };
      }
      // Back to sequence 0 after at least one part: the answer is complete.
      if (seq === 0 && this.chunks.length > 0) return { kind: 'done', data: this.takeData() };
      throw otpProtocolError(`answer part ${seq} where ${this.chunks.length} was due`);
    }
    if (this.chunks.length > 0) throw otpProtocolError('the answer stopped half way');
    if (status === 0) return { kind: 'no-answer' };
    return { kind: 'wait', touch: (status & OtpFlag.TimeoutWait) !== 0 };
  }

  private takeData(): Uint8Array {
    const data = new Uint8Array(this.chunks.length * OTP_REPORT_DATA);
    this.chunks.forEach((chunk, i) => {
      data.set(chunk, i * OTP_REPORT_DATA);
      chunk.fill(0);
    });
    this.chunks.length = 0;
    return data;
  }
}

/**
 * Checks an answer of `expected` bytes: it comes rounded up to whole 7-byte parts, and its first expected+2 bytes
 * (the data and the key's CRC) must leave the CRC residue. Returns the data alone.
 */
export function checkOtpAnswer(data: Uint8Array, expected: number): Uint8Array {
  const withCrc = expected + 2;
  const rounded = Math.ceil(withCrc / OTP_REPORT_DATA) * OTP_REPORT_DATA;
  if (data.length !== rounded) throw otpProtocolError(`an answer of ${data.length} bytes where ${rounded} were due`);
  if (yubikeyCrc16(data.subarray(0, withCrc)) !== CRC_OK_RESIDUE) throw otpProtocolError('an answer whose checksum is wrong');
  return data.slice(0, expected);
}

/** The factory serial, sent big-endian although the rest of the protocol is little-endian. */
export function decodeOtpSerial(data: Uint8Array): number {
  if (data.length !== SERIAL_RESPONSE_SIZE) throw otpProtocolError('a serial that is not 4 bytes');
  return (((data[0] as number) << 24) | ((data[1] as number) << 16) | ((data[2] as number) << 8) | (data[3] as number)) >>> 0;
}

/**
 * KeePassXC always sends the key a 64-byte challenge, padding a shorter one PKCS#7-style (n bytes of value n). A
 * slot programmed for variable-length input drops that padding again, so the HMAC is over the KDF seed itself;
 * doing exactly the same keeps a Strongroom file and KeePassXC agreeing on the response.
 */
export function padChallengeLikeKeepassxc(challenge: Uint8Array): Uint8Array {
  if (challenge.length > SLOT_DATA_SIZE) throw new RangeError(`A challenge is at most ${SLOT_DATA_SIZE} bytes`);
  const padded = new Uint8Array(SLOT_DATA_SIZE);
  padded.set(challenge);
  const pad = SLOT_DATA_SIZE - challenge.length;
  padded.fill(pad, challenge.length);
  return padded;
}

export function hmacCommandForSlot(slot: 1 | 2): number {
  return slot === 1 ? OtpCommand.ChallengeHmacSlot1 : OtpCommand.ChallengeHmacSlot2;
}
