import { createHmac } from 'node:crypto';
import type { HidBackendStatus, HidConnection, HidInterfaceInfo, HidPort } from '../../src-main/platform/hid-port';
import { encodeCbor, type CborInput } from './cbor-encode';

/**
 * Hardware tokens in software, at the HID report level: a FIDO key that speaks CTAPHID (64-byte reports, INIT with
 * channel allocation, CBOR GetInfo answered over continuation packets, keepalives) and a YubiKey OTP interface
 * that speaks the feature-report frame protocol (sequence/write flags, CRC-16, the serial command, HMAC-SHA1
 * challenge-response in slots 1 and 2, touch waits). Written from the protocol descriptions, not from the
 * product's code, so the product is checked against an independent reading.
 */
export interface FakeInterface {
  readonly info: HidInterfaceInfo;
  connect(): HidConnection;
}

export class FakeHidPort implements HidPort {
  private readonly plugged = new Map<string, FakeInterface>();
  readonly opened: string[] = [];
  unavailableReason: string | null = null;
  failListing = false;

  plug(token: { readonly interfaces: readonly FakeInterface[] }): void {
    for (const i of token.interfaces) this.plugged.set(i.info.path, i);
  }

  unplug(token: { readonly interfaces: readonly FakeInterface[] }): void {
    for (const i of token.interfaces) this.plugged.delete(i.info.path);
  }

  async status(): Promise<HidBackendStatus> {
    return this.unavailableReason ? { available: false, reason: this.unavailableReason } : { available: true, backend: 'fake' };
  }

  async list(): Promise<HidInterfaceInfo[]> {
    if (this.unavailableReason) return [];
    if (this.failListing) throw new Error('hid enumeration failed');
    return [...this.plugged.values()].map((i) => i.info);
  }

  async open(path: string): Promise<HidConnection> {
    const device = this.plugged.get(path);
    if (!device) throw new Error(`no device at ${path}`);
    this.opened.push(path);
    return device.connect();
  }
}

let nextPath = 1;
function interfaceInfo(partial: Partial<HidInterfaceInfo> & Pick<HidInterfaceInfo, 'vendorId' | 'productId'>): HidInterfaceInfo {
  return {
    path: `/dev/fake-hidraw${nextPath++}`,
    manufacturer: null,
    product: null,
    serialNumber: null,
    usagePage: null,
    usage: null,
    interfaceNumber: null,
    physicalDevice: null,
    ...partial,
  };
}

const unsupported = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} is not supported by this interface`);
};

// ---------------------------------------------------------------- FIDO (CTAPHID)

export interface FakeFidoOptions {
  readonly aaguid?: string;
  readonly versions?: readonly string[];
  /** No CBOR capability: an old U2F-only key. */
  readonly u2fOnly?: boolean;
  /** Keepalive packets sent before the GetInfo answer. */
  readonly keepalives?: number;
  /** Answer another program's INIT (other nonce) before ours. */
  readonly foreignInitFirst?: boolean;
  /** Reports on another channel mixed into every answer. */
  readonly crossTalk?: boolean;
  /** Replaces every answer: a hostile device. */
  readonly hostile?: (request: Uint8Array) => Uint8Array[];
}

export function fakeFidoInterface(info: Partial<HidInterfaceInfo> & Pick<HidInterfaceInfo, 'vendorId' | 'productId'>, options: FakeFidoOptions = {}): FakeInterface {
  const full = interfaceInfo({ usagePage: 0xf1d0, usage: 0x01, ...info });
  return { info: full, connect: () => new FakeCtaphidConnection(options) };
}

const aaguidBytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/-/g, ''), 'hex'));

class FakeCtaphidConnection implements HidConnection {
  private readonly queue: Uint8Array[] = [];
  private nextChannel = 0x1a2b3c00;
  sendFeatureReport = unsupported('sendFeatureReport');
  getFeatureReport = unsupported('getFeatureReport');

  constructor(private readonly options: FakeFidoOptions) {}

  async write(report: Uint8Array): Promise<void> {
    if (report.length !== 64) throw new Error('CTAPHID reports are 64 bytes');
    if (this.options.hostile) {
      this.queue.push(...this.options.hostile(report));
      return;
    }
    const channel = Buffer.from(report.subarray(0, 4)).readUInt32BE(0);
    const command = report[4]! & 0x7f;
    const length = (report[5]! << 8) | report[6]!;
    const data = report.slice(7, 7 + length);
    if (this.options.crossTalk) this.queue.push(...packets(0x0badf00d, 0x10, Uint8Array.of(0, 1, 2, 3)));
    if (command === 0x06) {
      if (this.options.foreignInitFirst) this.queue.push(...packets(0xffffffff, 0x06, initAnswer(Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9), 0x77777777, true)));
      this.nextChannel += 1;
      this.queue.push(...packets(0xffffffff, 0x06, initAnswer(data, this.nextChannel, !this.options.u2fOnly)));
    } else if (command === 0x10 && data[0] === 0x04 && channel === this.nextChannel) {
      for (let i = 0; i < (this.options.keepalives ?? 0); i += 1) this.queue.push(...packets(channel, 0x3b, Uint8Array.of(1)));
      const info: CborInput = new Map<number, CborInput>([
        [0x01, [...(this.options.versions ?? ['U2F_V2', 'FIDO_2_0', 'FIDO_2_1'])]],
        [0x02, ['credProtect', 'hmac-secret', 'largeBlobKey', 'credBlob', 'minPinLength']],
        [0x03, aaguidBytes(this.options.aaguid ?? 'cb69481e-8ff7-4039-93ec-0a2729a154a8')],
        [0x04, new Map<string, CborInput>([['rk', true], ['up', true], ['plat', false], ['clientPin', false], ['credMgmt', true]])],
        [0x05, 1200],
        [0x06, [2, 1]],
        [0x0e, 328707],
      ]);
      this.queue.push(...packets(channel, 0x10, Uint8Array.from([0x00, ...encodeCbor(info)])));
    } else {
      this.queue.push(...packets(channel, 0x3f, Uint8Array.of(0x01)));
    }
  }

  async read(): Promise<Uint8Array | null> {
    return this.queue.shift() ?? null;
  }

  async close(): Promise<void> {}
}

function initAnswer(nonce: Uint8Array, channel: number, cbor: boolean): Uint8Array {
  const answer = new Uint8Array(17);
  answer.set(nonce.subarray(0, 8));
  Buffer.from(answer.buffer).writeUInt32BE(channel, 8);
  answer.set([2, 5, 4, 3, cbor ? 0x05 : 0x01], 12);
  return answer;
}

/** A message as CTAPHID reports: 57 payload bytes in the first, 59 in each continuation. */
export function packets(channel: number, command: number, payload: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const first = Buffer.alloc(64);
  first.writeUInt32BE(channel >>> 0, 0);
  first[4] = 0x80 | command;
  first.writeUInt16BE(payload.length, 5);
  Buffer.from(payload.subarray(0, 57)).copy(first, 7);
  out.push(new Uint8Array(first));
  for (let offset = 57, seq = 0; offset < payload.length; offset += 59, seq += 1) {
    const cont = Buffer.alloc(64);
    cont.writeUInt32BE(channel >>> 0, 0);
    cont[4] = seq;
    Buffer.from(payload.subarray(offset, offset + 59)).copy(cont, 5);
    out.push(new Uint8Array(cont));
  }
  return out;
}

// ---------------------------------------------------------------- YubiKey OTP (feature reports)

export interface FakeOtpOptions {
  readonly serial: number;
  /** Serial readable over USB (a YubiKey can be configured to hide it). */
  readonly serialVisible?: boolean;
  /** HMAC-SHA1 secrets programmed into slot 1 and 2. */
  readonly secrets?: { readonly 1?: Uint8Array; readonly 2?: Uint8Array };
  /** The slot drops trailing padding (the "variable input" setting KeePassXC asks for). */
  readonly variableLength?: boolean;
  /** Polls that show "waiting for touch" before the answer; Infinity: never touched. */
  readonly touchPolls?: number;
  /** Polls after each written report during which the key still shows the write flag. */
  readonly busyPolls?: number;
}

/** A CRC-16/X.25 of its own, so the product's CRC is checked rather than reused. */
function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i += 1) crc = crc & 1 ? (crc >> 1) ^ 0x8408 : crc >> 1;
  }
  return crc & 0xffff;
}

export class FakeYubiKeyOtp {
  readonly commands: number[] = [];
  private frame = new Uint8Array(70);
  private answer: Uint8Array | null = null;
  private answerIndex = 0;
  private touchLeft = 0;
  private busy = 0;

  constructor(private readonly options: FakeOtpOptions) {}

  connection(): HidConnection {
    return {
      write: unsupported('write'),
      read: unsupported('read'),
      sendFeatureReport: async (report) => this.receive(report),
      getFeatureReport: async (length) => {
        if (length !== 8) throw new Error('the OTP interface uses 8-byte feature reports');
        return this.report();
      },
      close: async () => {},
    };
  }

  private statusBlock(flags: number): Uint8Array {
    const touchLevel = (this.options.secrets?.[1] ? 0x01 : 0) | (this.options.secrets?.[2] ? 0x02 : 0);
    return Uint8Array.of(0, 5, 4, 3, 7, touchLevel, 0, flags);
  }

  private receive(report: Uint8Array): void {
    if (report.length !== 8) throw new Error('the OTP interface uses 8-byte feature reports');
    const flags = report[7]!;
    if (flags === 0x8f) {
      this.answer = null;
      this.answerIndex = 0;
      return;
    }
    if (!(flags & 0x80)) return;
    const seq = flags & 0x1f;
    if (seq === 0) this.frame = new Uint8Array(70);
    this.frame.set(report.subarray(0, 7), seq * 7);
    this.busy = this.options.busyPolls ?? 0;
    if (seq === 9) this.process();
  }

  private process(): void {
    const payload = this.frame.subarray(0, 64);
    const command = this.frame[64]!;
    const crc = this.frame[65]! | (this.frame[66]! << 8);
    if (crc !== crc16(payload)) return;
    this.commands.push(command);
    let data: Uint8Array | null = null;
    if (command === 0x10 && this.options.serialVisible !== false) data = Uint8Array.from(Buffer.from(this.options.serial.toString(16).padStart(8, '0'), 'hex'));
    if (command === 0x30 || command === 0x38) {
      const secret = this.options.secrets?.[command === 0x30 ? 1 : 2];
      if (secret) {
        let challenge = payload;
        if (this.options.variableLength !== false) {
          const pad = challenge[63]!;
          let end = 64;
          while (end > 0 && challenge[end - 1] === pad) end -= 1;
          challenge = challenge.subarray(0, end);
        }
        data = new Uint8Array(createHmac('sha1', secret).update(challenge).digest());
        this.touchLeft = this.options.touchPolls ?? 0;
      }
    }
    if (!data) return;
    const check = ~crc16(data) & 0xffff;
    const whole = new Uint8Array(Math.ceil((data.length + 2) / 7) * 7);
    whole.set(data);
    whole[data.length] = check & 0xff;
    whole[data.length + 1] = check >> 8;
    this.answer = whole;
    this.answerIndex = 0;
  }

  private report(): Uint8Array {
    if (this.busy > 0) {
      this.busy -= 1;
      return this.statusBlock(0x80);
    }
    if (this.answer && this.touchLeft > 0) {
      this.touchLeft -= 1;
      return this.statusBlock(0x20 | 14);
    }
    if (!this.answer) return this.statusBlock(0);
    const parts = this.answer.length / 7;
    if (this.answerIndex >= parts) return this.statusBlock(0x40);
    const out = new Uint8Array(8);
    out.set(this.answer.subarray(this.answerIndex * 7, this.answerIndex * 7 + 7));
    out[7] = 0x40 | this.answerIndex;
    this.answerIndex += 1;
    return out;
  }
}

// ---------------------------------------------------------------- whole tokens

export const YUBIKEY_5_NFC_AAGUID = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118';

export interface FakeToken {
  readonly interfaces: readonly FakeInterface[];
  readonly otp: FakeYubiKeyOtp | null;
}

let nextPhysical = 1;

/** A YubiKey 5 as the OS lists it: a FIDO interface and an OTP (keyboard) interface on one USB device. */
export function fakeYubiKey(options: FakeOtpOptions & { aaguid?: string; product?: string; physicalKnown?: boolean; fido?: FakeFidoOptions }): FakeToken {
  const physicalDevice = options.physicalKnown === false ? null : `/sys/devices/fake/usb1/1-${nextPhysical++}`;
  const common = { vendorId: 0x1050, productId: 0x0407, manufacturer: 'Yubico', product: options.product ?? 'YubiKey OTP+FIDO+CCID', physicalDevice };
  const otp = new FakeYubiKeyOtp(options);
  return {
    otp,
    interfaces: [
      fakeFidoInterface({ ...common, interfaceNumber: 1 }, { aaguid: options.aaguid ?? YUBIKEY_5_NFC_AAGUID, ...options.fido }),
      { info: interfaceInfo({ ...common, usagePage: 0x01, usage: 0x06, interfaceNumber: 0 }), connect: () => otp.connection() },
    ],
  };
}

/** A FIDO key of another make, with (or without) a USB serial-number string and no OTP interface. */
export function fakeOtherFidoKey(options: { aaguid: string; usbSerial?: string } & FakeFidoOptions): FakeToken {
  return {
    otp: null,
    interfaces: [
      fakeFidoInterface(
        { vendorId: 0x096e, productId: 0x0858, manufacturer: 'Feitian', product: 'ePass FIDO', serialNumber: options.usbSerial ?? null, physicalDevice: `/sys/devices/fake/usb1/1-${nextPhysical++}` },
        options,
      ),
    ],
  };
}

/** A keyboard: Strongroom must never open it. */
export function fakeKeyboard(): FakeToken {
  return {
    otp: null,
    interfaces: [{ info: interfaceInfo({ vendorId: 0x046d, productId: 0xc31c, manufacturer: 'Logitech', product: 'USB Keyboard', usagePage: 0x01, usage: 0x06, interfaceNumber: 0 }), connect: () => {
      throw new Error('a keyboard was opened');
    } }],
  };
}
