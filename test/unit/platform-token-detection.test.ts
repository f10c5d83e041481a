import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeCryptoRandom } from '../../src-main/platform/crypto-random';
import { linuxPhysicalDevice, NodeHidPort, type NodeHidHandle, type NodeHidModule } from '../../src-main/platform/node-hid-port';
import { HidTokenDetector } from '../../src-main/platform/token-detector';
import { YubiKeyOtpClient } from '../../src-main/platform/yubikey-otp-client';
import { packets, FakeHidPort, fakeKeyboard, fakeOtherFidoKey, fakeYubiKey, FakeYubiKeyOtp, YUBIKEY_5_NFC_AAGUID } from '../support/fake-hid';

const noSleep = async () => {};
const detector = (port: FakeHidPort) => new HidTokenDetector(port, nodeCryptoRandom, { otp: { sleep: noSleep }, fidoTimeoutMs: 500 });

describe('hardware tokens plugged into the kiosk', () => {
  it('reads a YubiKey as one token: model AAGUID and versions over CTAPHID, serial over its OTP interface', async () => {
    const port = new FakeHidPort();
    port.plug(fakeYubiKey({ serial: 12345678, fido: { keepalives: 2, foreignInitFirst: true, crossTalk: true } }));
    const [token, ...others] = await detector(port).scan();
    expect(others).toEqual([]);
    expect(token).toMatchObject({
      vendorId: 0x1050,
      manufacturer: 'Yubico',
      fido: { aaguid: YUBIKEY_5_NFC_AAGUID, versions: ['U2F_V2', 'FIDO_2_0', 'FIDO_2_1'], firmwareVersion: 328707 },
      serial: { value: '12345678', source: 'yubikey-otp' },
      problems: [],
    });
    expect(token!.deviceId).toMatch(/^hid-[0-9a-f]{16}$/);
  });

  it('never opens anything but FIDO and Yubico OTP interfaces (a keyboard stays untouched)', async () => {
    const port = new FakeHidPort();
    const keyboard = fakeKeyboard();
    port.plug(keyboard);
    port.plug(fakeOtherFidoKey({ aaguid: '12345678-1234-1234-1234-123456789abc', usbSerial: 'FT0042' }));
    const tokens = await detector(port).scan();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ manufacturer: 'Feitian', serial: { value: 'FT0042', source: 'usb-descriptor' } });
    expect(port.opened).not.toContain(keyboard.interfaces[0]!.info.path);
  });

  it('says so when a YubiKey hides its serial, and reads an old U2F-only key without GetInfo', async () => {
    const port = new FakeHidPort();
    port.plug(fakeYubiKey({ serial: 999, serialVisible: false }));
    port.plug(fakeOtherFidoKey({ aaguid: '00000000-0000-0000-0000-000000000000', u2fOnly: true }));
    const tokens = await detector(port).scan();
    const yubikey = tokens.find((t) => t.vendorId === 0x1050)!;
    expect(yubikey.serial).toBeNull();
    expect(yubikey.problems).toEqual(['This YubiKey is set not to reveal its serial number over USB.']);
    const u2f = tokens.find((t) => t.vendorId !== 0x1050)!;
    expect(u2f.fido).toEqual({ aaguid: null, versions: ['U2F_V2'], firmwareVersion: null });
  });

  it('does not guess which serial goes with which model when two identical keys cannot be told apart', async () => {
    const port = new FakeHidPort();
    port.plug(fakeYubiKey({ serial: 111, physicalKnown: false }));
    port.plug(fakeYubiKey({ serial: 222, physicalKnown: false }));
    const tokens = await detector(port).scan();
    expect(tokens).toHaveLength(4);
    expect(tokens.filter((t) => t.serial).map((t) => t.serial!.value).sort()).toEqual(['111', '222']);
    expect(tokens.filter((t) => t.serial).every((t) => t.fido === null)).toBe(true);
    expect(tokens.every((t) => t.problems.some((p) => p.includes('plug in one at a time')))).toBe(true);
  });

  it('a hostile device on the FIDO usage page gets a problem in words, quickly, and nothing else breaks', async () => {
    const port = new FakeHidPort();
    const flood = (request: Uint8Array) => Array.from({ length: 50 }, () => packets(0xffffffff, 0x06, request.subarray(7, 15))[0]!.fill(0xee, 15));
    port.plug(fakeOtherFidoKey({ aaguid: '12345678-1234-1234-1234-123456789abc', hostile: flood }));
    port.plug(fakeOtherFidoKey({ aaguid: '12345678-1234-1234-1234-123456789abc', hostile: () => [] }));
    port.plug(fakeYubiKey({ serial: 4242 }));
    const started = performance.now();
    const tokens = await detector(port).scan();
    expect(performance.now() - started).toBeLessThan(5000);
    const broken = tokens.filter((t) => t.vendorId !== 0x1050);
    expect(broken).toHaveLength(2);
    for (const t of broken) {
      expect(t.fido).toBeNull();
      expect(t.problems[0]).toMatch(/^Its FIDO interface could not be read: The security key did not answer as a FIDO key should/);
    }
    expect(tokens.find((t) => t.vendorId === 0x1050)?.serial?.value).toBe('4242');
  });

  it('reads each interface once while it stays plugged in, and again after it is replugged', async () => {
    const port = new FakeHidPort();
    const key = fakeYubiKey({ serial: 5 });
    port.plug(key);
    const d = detector(port);
    await d.scan();
    await d.scan();
    expect(port.opened).toHaveLength(2);
    port.unplug(key);
    expect(await d.scan()).toEqual([]);
    port.plug(key);
    await d.scan();
    expect(port.opened).toHaveLength(4);
  });
});

describe('YubiKey OTP interface', () => {
  it('answers HMAC-SHA1 challenge-response from slot 1 and 2 exactly as a variable-input slot computes it', async () => {
    const otp = new FakeYubiKeyOtp({ serial: 7, secrets: { 1: Buffer.alloc(20, 1), 2: Buffer.alloc(20, 2) }, busyPolls: 2 });
    const client = new YubiKeyOtpClient(otp.connection(), { sleep: noSleep });
    const challenge = new Uint8Array(32).map((_, i) => i * 7);
    expect(Buffer.from(await client.challengeHmac(2, challenge))).toEqual(createHmac('sha1', Buffer.alloc(20, 2)).update(challenge).digest());
    expect(Buffer.from(await client.challengeHmac(1, challenge))).toEqual(createHmac('sha1', Buffer.alloc(20, 1)).update(challenge).digest());
    expect(otp.commands).toEqual([0x38, 0x30]);
    expect(await client.readSerial()).toBe(7);
  });

  it('waits for a touch when the slot asks for one, and says so when none comes', async () => {
    const touched = new FakeYubiKeyOtp({ serial: 7, secrets: { 2: Buffer.alloc(20, 9) }, touchPolls: 5 });
    const response = await new YubiKeyOtpClient(touched.connection(), { sleep: noSleep }).challengeHmac(2, Uint8Array.of(1, 2, 3));
    expect(response).toHaveLength(20);
    const untouched = new FakeYubiKeyOtp({ serial: 7, secrets: { 2: Buffer.alloc(20, 9) }, touchPolls: Infinity });
    const client = new YubiKeyOtpClient(untouched.connection(), { sleep: noSleep, touchTimeoutMs: 30 });
    await expect(client.challengeHmac(2, Uint8Array.of(1, 2, 3))).rejects.toThrow(/no answer in time/);
    await expect(client.challengeHmac(2, Uint8Array.of(1, 2, 3), { mayWaitForTouch: false })).rejects.toMatchObject({ code: 'CHALLENGE_RESPONSE_FAILED' });
  });

  it('says which slot is not programmed instead of returning nothing', async () => {
    const otp = new FakeYubiKeyOtp({ serial: 7, secrets: { 1: Buffer.alloc(20, 1) } });
    await expect(new YubiKeyOtpClient(otp.connection(), { sleep: noSleep }).challengeHmac(2, Uint8Array.of(1))).rejects.toThrow(/slot 2 is programmed/);
  });
});

describe('node-hid adapter', () => {
  function fakeModule(handle: Partial<NodeHidHandle>, writes: Buffer[]): NodeHidModule {
    return {
      devicesAsync: async () => [{ vendorId: 0x1050, productId: 0x407, path: '0001:0004:01', interface: 1, usagePage: 0xf1d0, usage: 1, product: 'YubiKey', manufacturer: 'Yubico', serialNumber: '' }],
      HIDAsync: {
        open: async () => ({
          write: async (v) => (writes.push(Buffer.from(v as Buffer)), 65),
          read: async () => Buffer.alloc(64, 3),
          sendFeatureReport: async (v) => (writes.push(Buffer.from(v as Buffer)), 9),
          getFeatureReport: async (_id, length) => Buffer.from([0, ...new Array(length - 1).fill(4)]),
          close: async () => {},
          ...handle,
        }),
      },
    };
  }

  it('adds the report id hidapi wants in front of what it sends, and takes it off what it reads', async () => {
    const writes: Buffer[] = [];
    const port = new NodeHidPort(async () => fakeModule({}, writes));
    expect(await port.status()).toEqual({ available: true, backend: 'node-hid' });
    const [device] = await port.list();
    expect(device).toMatchObject({ usagePage: 0xf1d0, serialNumber: null, physicalDevice: 'usb:0001:0004', interfaceNumber: 1 });
    const connection = await port.open(device!.path);
    await connection.write(new Uint8Array(64).fill(1));
    await connection.sendFeatureReport(new Uint8Array(8).fill(2));
    expect(writes.map((w) => [w.length, w[0], w[1]])).toEqual([[65, 0, 1], [9, 0, 2]]);
    expect(await connection.getFeatureReport(8)).toEqual(new Uint8Array(8).fill(4));
    expect(await connection.read(100)).toEqual(new Uint8Array(64).fill(3));
  });

  it('when the native module cannot load, says why in words and lists nothing', async () => {
    const port = new NodeHidPort(async () => {
      throw new Error('libudev.so.1: cannot open shared object file: No such file or directory\n    at Module._extensions');
    });
    expect(await port.status()).toEqual({
      available: false,
      reason: 'The USB token reader (node-hid) could not load on this kiosk: libudev.so.1: cannot open shared object file: No such file or directory',
    });
    expect(await port.list()).toEqual([]);
  });

  it('loads the real node-hid on this machine from its prebuild', async () => {
    expect(await new NodeHidPort().status()).toEqual({ available: true, backend: 'node-hid' });
  });

  it('finds the USB device a hidraw node belongs to through sysfs', async () => {
    const sysfs = async () => '/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.1/0003:1050:0407.0007';
    expect(await linuxPhysicalDevice('/dev/hidraw3', sysfs)).toBe('/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2');
    expect(await linuxPhysicalDevice('/dev/hidraw3', async () => '/sys/devices/virtual/misc/uhid/0003:1050:0407.0001')).toBeNull();
    expect(await linuxPhysicalDevice('DevSrvsID:4294971234')).toBeNull();
  });
});
