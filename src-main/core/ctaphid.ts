import { ErrorCode, StrongroomError } from './errors';

/**
 * CTAPHID framing (CTAP 2.x, "USB HID" transport): messages travel in 64-byte HID reports. The first report of a
 * message carries channel id, command (top bit set) and the payload length; continuation reports carry the
 * channel id and a sequence number 0..127. Pure functions only: the HID connection lives in platform/.
 *
 * Whatever sits on the FIDO usage page may be hostile, so a payload length over the protocol's maximum, a
 * continuation out of sequence or a report of the wrong size is refused, never trusted.
 */
export const CTAPHID_REPORT_SIZE = 64;
export const CTAPHID_BROADCAST_CHANNEL = 0xffffffff;
const INIT_HEADER = 7;
const CONT_HEADER = 5;
/** 57 bytes in the first report and 59 in each of 128 continuations. */
export const CTAPHID_MAX_PAYLOAD = CTAPHID_REPORT_SIZE - INIT_HEADER + 128 * (CTAPHID_REPORT_SIZE - CONT_HEADER);

export const CtaphidCommand = {
  Ping: 0x01,
  Msg: 0x03,
  Init: 0x06,
  Wink: 0x08,
  Cbor: 0x10,
  Cancel: 0x11,
  Keepalive: 0x3b,
  Error: 0x3f,
} as const;

/** The FIDO Alliance's HID usage page: every CTAPHID interface declares it. */
export const FIDO_USAGE_PAGE = 0xf1d0;
export const INIT_NONCE_SIZE = 8;

export interface CtaphidMessage {
  readonly command: number;
  readonly payload: Uint8Array;
}

export interface CtaphidInitResponse {
  readonly nonce: Uint8Array;
  readonly channel: number;
  readonly protocolVersion: number;
  readonly deviceVersion: { readonly major: number; readonly minor: number; readonly build: number };
  readonly capabilities: { readonly wink: boolean; readonly cbor: boolean; readonly noMsg: boolean };
}

export function ctaphidProtocolError(why: string): StrongroomError {
  return new StrongroomError(
    ErrorCode.HidDeviceUnreadable,
    `The security key did not answer as a FIDO key should (${why}). Unplug it and plug it in again; if it repeats, identify it by the serial printed on it.`,
  );
}

/** Splits one message into the 64-byte reports that carry it, zero-padded as the transport requires. */
export function encodeCtaphidMessage(channel: number, command: number, payload: Uint8Array): Uint8Array[] {
  if (payload.length > CTAPHID_MAX_PAYLOAD) throw new RangeError(`A CTAPHID message holds at most ${CTAPHID_MAX_PAYLOAD} bytes`);
  const reports: Uint8Array[] = [];
  const first = new Uint8Array(CTAPHID_REPORT_SIZE);
  writeChannel(first, channel);
  first[4] = 0x80 | (command & 0x7f);
  first[5] = payload.length >> 8;
  first[6] = payload.length & 0xff;
  first.set(payload.subarray(0, CTAPHID_REPORT_SIZE - INIT_HEADER), INIT_HEADER);
  reports.push(first);
  let offset = CTAPHID_REPORT_SIZE - INIT_HEADER;
  for (let seq = 0; offset < payload.length; seq += 1) {
    const report = new Uint8Array(CTAPHID_REPORT_SIZE);
    writeChannel(report, channel);
    report[4] = seq;
    report.set(payload.subarray(offset, offset + CTAPHID_REPORT_SIZE - CONT_HEADER), CONT_HEADER);
    reports.push(report);
    offset += CTAPHID_REPORT_SIZE - CONT_HEADER;
  }
  return reports;
}

export function readChannel(report: Uint8Array): number {
  return (((report[0] ?? 0) << 24) | ((report[1] ?? 0) << 16) | ((report[2] ?? 0) << 8) | (report[3] ?? 0)) >>> 0;
}

function writeChannel(report: Uint8Array, channel: number): void {
  report[0] = (channel >>> 24) & 0xff;
  report[1] = (channel >>> 16) & 0xff;
  report[2] = (channel >>> 8) & 0xff;
  report[3] = channel & 0xff;
}

/**
 * Puts one message back together from the reports read for a channel. Reports for other channels belong to
 * other programs talking to the same key and are skipped; a keepalive is handed back as a message of its own so
 * the caller can keep waiting.
 */
export class CtaphidMessageAssembler {
  private command = 0;
  private expected = 0;
  private nextSeq = 0;
  private buffer: Uint8Array | null = null;
  private filled = 0;

  constructor(private readonly channel: number) {}

  /** Feeds one input report: the whole message once complete, else null. */
  accept(report: Uint8Array): CtaphidMessage | null {
    if (report.length !== CTAPHID_REPORT_SIZE) throw ctaphidProtocolError(`a report of ${report.length} bytes instead of ${CTAPHID_REPORT_SIZE}`);
    if (readChannel(report) !== this.channel) return null;
    const head = report[4] as number;
    if (head & 0x80) {
      const command = head & 0x7f;
      const length = ((report[5] as number) << 8) | (report[6] as number);
      if (command === CtaphidCommand.Keepalive) return { command, payload: report.slice(INIT_HEADER, INIT_HEADER + Math.min(length, 1)) };
      if (this.buffer) throw ctaphidProtocolError('a new message began before the last one ended');
      if (length > CTAPHID_MAX_PAYLOAD) throw ctaphidProtocolError(`a message of ${length} bytes, more than the protocol allows`);
      this.command = command;
      this.expected = length;
      this.nextSeq = 0;
      this.buffer = new Uint8Array(length);
      this.filled = 0;
      this.copy(report, INIT_HEADER);
    } else {
      if (!this.buffer) throw ctaphidProtocolError('a continuation without a message');
      if (head !== this.nextSeq) throw ctaphidProtocolError(`continuation ${head} where ${this.nextSeq} was due`);
      this.nextSeq += 1;
      this.copy(report, CONT_HEADER);
    }
    if (this.filled < this.expected) return null;
    const message = { command: this.command, payload: this.buffer };
    this.buffer = null;
    return message;
  }

  private copy(report: Uint8Array, from: number): void {
    const buffer = this.buffer as Uint8Array;
    const n = Math.min(this.expected - this.filled, report.length - from);
    buffer.set(report.subarray(from, from + n), this.filled);
    this.filled += n;
  }
}

/** The 17-byte answer to CTAPHID_INIT. */
export function parseInitResponse(payload: Uint8Array): CtaphidInitResponse {
  if (payload.length < 17) throw ctaphidProtocolError(`an INIT answer of ${payload.length} bytes`);
  const channel = readChannel(payload.subarray(8, 12));
  if (channel === 0 || channel === CTAPHID_BROADCAST_CHANNEL) throw ctaphidProtocolError('a reserved channel id');
  const caps = payload[16] as number;
  return {
    nonce: payload.slice(0, INIT_NONCE_SIZE),
    channel,
    protocolVersion: payload[12] as number,
    deviceVersion: { major: payload[13] as number, minor: payload[14] as number, build: payload[15] as number },
    capabilities: { wink: (caps & 0x01) !== 0, cbor: (caps & 0x04) !== 0, noMsg: (caps & 0x08) !== 0 },
  };
}

/** CTAPHID_ERROR codes, in words for a log line or an error message. */
export function ctaphidErrorWords(code: number | undefined): string {
  const words: Record<number, string> = {
    0x01: 'invalid command',
    0x02: 'invalid parameter',
    0x03: 'invalid length',
    0x04: 'invalid sequence',
    0x05: 'timeout',
    0x06: 'channel busy',
    0x0a: 'lock required',
    0x0b: 'invalid channel',
  };
  return code === undefined ? 'an empty error' : (words[code] ?? `error 0x${code.toString(16).padStart(2, '0')}`);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
