import { realpath } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { HidBackendStatus, HidConnection, HidInterfaceInfo, HidPort } from './hid-port';

/** The part of node-hid this adapter uses, so a test can stand in for the native module. */
export interface NodeHidModule {
  devicesAsync(): Promise<NodeHidDevice[]>;
  HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<NodeHidHandle> };
}

export interface NodeHidDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly product?: string | undefined;
  readonly interface: number;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
}

export interface NodeHidHandle {
  write(values: number[] | Buffer): Promise<number>;
  read(timeoutMs?: number): Promise<Buffer | undefined>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Imports node-hid; a missing prebuild, libusb or libudev surfaces here as a rejection. */
export async function importNodeHid(): Promise<NodeHidModule> {
  const loaded = (await import('node-hid')) as unknown as NodeHidModule & { default?: NodeHidModule };
  const module = loaded.default ?? loaded;
  // Loading the JavaScript alone proves nothing: the native binding is bound on first use.
  await module.devicesAsync();
  return module;
}

/**
 * HID through node-hid, loaded the first time a token is looked for, so the CLI and a kiosk whose native HID
 * library cannot load start without it. When it cannot load, `status()` says why in words and `list()` is empty:
 * the Tokens screen says so and everything else works.
 */
export class NodeHidPort implements HidPort {
  private loading: Promise<{ module: NodeHidModule } | { error: string }> | null = null;

  constructor(
    private readonly load: () => Promise<NodeHidModule> = importNodeHid,
    private readonly physicalDeviceOf: (path: string) => Promise<string | null> = linuxPhysicalDevice,
  ) {}

  async status(): Promise<HidBackendStatus> {
    const loaded = await this.loaded();
    return 'module' in loaded ? { available: true, backend: 'node-hid' } : { available: false, reason: loaded.error };
  }

  async list(): Promise<HidInterfaceInfo[]> {
    const loaded = await this.loaded();
    if (!('module' in loaded)) return [];
    const devices = await loaded.module.devicesAsync();
    return Promise.all(
      devices
        .filter((d): d is NodeHidDevice & { path: string } => typeof d.path === 'string' && d.path !== '')
        .map(async (d) => ({
          path: d.path,
          vendorId: d.vendorId,
          productId: d.productId,
          manufacturer: d.manufacturer || null,
          product: d.product || null,
          serialNumber: d.serialNumber || null,
          usagePage: d.usagePage ?? null,
          usage: d.usage ?? null,
          interfaceNumber: d.interface >= 0 ? d.interface : null,
          physicalDevice: await this.physicalDeviceOf(d.path).catch(() => null),
        })),
    );
  }

  async open(path: string): Promise<HidConnection> {
    const loaded = await this.loaded();
    if (!('module' in loaded)) throw new Error(loaded.error);
    // Shared, so Strongroom looking at a key never takes it away from anything else using it.
    const handle = await loaded.module.HIDAsync.open(path, { nonExclusive: true });
    return new NodeHidConnection(handle);
  }

  private loaded(): Promise<{ module: NodeHidModule } | { error: string }> {
    this.loading ??= this.load().then(
      (module) => ({ module }),
      (error: unknown) => ({
        error: `The USB token reader (node-hid) could not load on this kiosk: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      }),
    );
    return this.loading;
  }
}

class NodeHidConnection implements HidConnection {
  constructor(private readonly handle: NodeHidHandle) {}

  async write(report: Uint8Array): Promise<void> {
    // hidapi takes the report id first; 0 for devices without numbered reports, as FIDO keys are.
    await this.handle.write(Buffer.concat([Buffer.of(0), report]));
  }

  async read(timeoutMs: number): Promise<Uint8Array | null> {
    const data = await this.handle.read(timeoutMs);
    return data && data.length > 0 ? new Uint8Array(data) : null;
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    await this.handle.sendFeatureReport(Buffer.concat([Buffer.of(0), report]));
  }

  async getFeatureReport(length: number): Promise<Uint8Array> {
    // hidapi hands back the report id in front of the data on every OS.
    const data = await this.handle.getFeatureReport(0, length + 1);
    return new Uint8Array(data.subarray(1));
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * Which USB device a HID interface belongs to, so a YubiKey's FIDO and OTP interfaces are read as one key.
 * hidraw nodes lead through sysfs to ".../<usb-device>/<interface>/<hid-device>"; libusb paths are
 * "bus:address:interface".
 */
export async function linuxPhysicalDevice(path: string, resolve: (p: string) => Promise<string> = realpath): Promise<string | null> {
  const libusb = /^([0-9a-f]{4}:[0-9a-f]{4}):[0-9a-f]{2}$/i.exec(path);
  if (libusb) return `usb:${libusb[1]}`;
  const hidraw = /^\/dev\/(hidraw\d+)$/.exec(path);
  if (!hidraw) return null;
  const device = await resolve(`/sys/class/hidraw/${hidraw[1]}/device`);
  const usbInterface = dirname(device);
  if (!/^\d+-[\d.]+:\d+\.\d+$/.test(basename(usbInterface))) return null;
  return dirname(usbInterface);
}
