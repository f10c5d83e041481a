import { FIDO_USAGE_PAGE } from '../core/ctaphid';
import { isStrongroomError } from '../core/errors';
import type { Random } from '../core/random';
import { sha256Hex } from '../core/sha256';
import type { DetectedToken } from '../core/token-identification';
import { YUBICO_VENDOR_ID } from '../core/yubikey-otp';
import { probeFidoKey, type FidoProbe } from './ctaphid-client';
import type { HidBackendStatus, HidInterfaceInfo, HidPort } from './hid-port';
import { YubiKeyOtpClient, type OtpClientOptions } from './yubikey-otp-client';

export interface TokenDetectorOptions {
  readonly otp?: OtpClientOptions;
  readonly fidoTimeoutMs?: number;
}

type Probe<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };
interface ProbeEntry<T> {
  readonly attempts: number;
  readonly result: Promise<Probe<T>>;
  settled: Probe<T> | null;
}

/** A failed read is tried again on the next scans (the key may have been busy), but not for ever. */
const PROBE_ATTEMPTS = 3;

/**
 * Finds the hardware tokens plugged into the kiosk and reads what identifies them: FIDO interfaces (HID usage page
 * 0xF1D0) answer CTAPHID INIT and GetInfo (model AAGUID, versions); a YubiKey's OTP interface gives its factory
 * serial. Only those interfaces are ever opened — never a keyboard or anything else. Each interface is read once
 * while it stays plugged in.
 */
export class HidTokenDetector {
  private readonly fido = new Map<string, ProbeEntry<FidoProbe>>();
  private readonly otp = new Map<string, ProbeEntry<number | null>>();

  constructor(
    private readonly port: HidPort,
    private readonly random: Random,
    private readonly options: TokenDetectorOptions = {},
  ) {}

  status(): Promise<HidBackendStatus> {
    return this.port.status();
  }

  async scan(): Promise<DetectedToken[]> {
    const interfaces = (await this.port.list()).filter((i) => isFidoInterface(i) || isYubicoOtpInterface(i));
    const present = new Set(interfaces.map((i) => i.path));
    for (const cache of [this.fido, this.otp]) for (const path of cache.keys()) if (!present.has(path)) cache.delete(path);
    return Promise.all(groupPhysicalTokens(interfaces).map((group) => this.describe(group)));
  }

  private async describe(group: PhysicalGroup): Promise<DetectedToken> {
    const fidoInterface = group.interfaces.find(isFidoInterface) ?? null;
    const otpInterface = group.interfaces.find(isYubicoOtpInterface) ?? null;
    const first = (fidoInterface ?? otpInterface) as HidInterfaceInfo;
    const problems = [...group.notes];
    const [fido, otpSerial] = await Promise.all([
      fidoInterface ? this.cached(this.fido, fidoInterface.path, () => this.readFido(fidoInterface.path)) : null,
      otpInterface ? this.cached(this.otp, otpInterface.path, () => this.readOtpSerial(otpInterface.path)) : null,
    ]);
    if (fido && !fido.ok) problems.push(`Its FIDO interface could not be read: ${fido.problem}`);
    if (otpSerial && !otpSerial.ok) problems.push(`Its serial number could not be read: ${otpSerial.problem}`);
    if (otpSerial?.ok && otpSerial.value === null) problems.push('This YubiKey is set not to reveal its serial number over USB.');
    const usbSerial = fidoInterface?.serialNumber?.trim() || null;
    const serial =
      otpSerial?.ok && otpSerial.value !== null
        ? { value: String(otpSerial.value), source: 'yubikey-otp' as const }
        : usbSerial
          ? { value: usbSerial, source: 'usb-descriptor' as const }
          : null;
    const info = fido?.ok ? fido.value.info : null;
    return {
      deviceId: `hid-${sha256Hex(group.interfaces.map((i) => i.path).sort().join('\n')).slice(0, 16)}`,
      vendorId: first.vendorId,
      productId: first.productId,
      manufacturer: first.manufacturer,
      product: first.product,
      fido: fido?.ok
        ? {
            aaguid: info?.aaguid ?? null,
            versions: info ? [...info.versions] : ['U2F_V2'],
            firmwareVersion: info?.firmwareVersion ?? null,
          }
        : null,
      serial,
      problems,
    };
  }

  private cached<T>(cache: Map<string, ProbeEntry<T>>, path: string, read: () => Promise<Probe<T>>): Promise<Probe<T>> {
    const known = cache.get(path);
    const retry = known?.settled && !known.settled.ok && known.attempts < PROBE_ATTEMPTS;
    if (known && !retry) return known.result;
    const entry: ProbeEntry<T> = { attempts: (known?.attempts ?? 0) + 1, result: read(), settled: null };
    void entry.result.then((probe) => {
      entry.settled = probe;
    });
    cache.set(path, entry);
    return entry.result;
  }

  private async readFido(path: string): Promise<Probe<FidoProbe>> {
    return this.withConnection(path, (connection) => probeFidoKey(connection, this.random, { timeoutMs: this.options.fidoTimeoutMs ?? 2000 }));
  }

  private async readOtpSerial(path: string): Promise<Probe<number | null>> {
    return this.withConnection(path, (connection) => new YubiKeyOtpClient(connection, this.options.otp).readSerial());
  }

  private async withConnection<T>(path: string, work: (connection: Awaited<ReturnType<HidPort['open']>>) => Promise<T>): Promise<Probe<T>> {
    let connection;
    try {
      connection = await this.port.open(path);
    } catch (error) {
      return { ok: false, problem: `it could not be opened (${describeError(error)}). On Linux the kiosk user needs access to its hidraw device (a udev rule for the key's vendor).` };
    }
    try {
      return { ok: true, value: await work(connection) };
    } catch (error) {
      return { ok: false, problem: describeError(error) };
    } finally {
      await connection.close().catch(() => undefined);
    }
  }
}

function describeError(error: unknown): string {
  if (isStrongroomError(error)) return error.message;
  return error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
}

export function isFidoInterface(i: HidInterfaceInfo): boolean {
  return i.usagePage === FIDO_USAGE_PAGE;
}

/** A YubiKey's OTP interface presents itself as a keyboard; only Yubico's are ever opened. */
export function isYubicoOtpInterface(i: HidInterfaceInfo): boolean {
  if (i.vendorId !== YUBICO_VENDOR_ID) return false;
  if (i.usagePage === null) return i.interfaceNumber === 0;
  return i.usagePage === 0x01 && i.usage === 0x06;
}

interface PhysicalGroup {
  readonly interfaces: readonly HidInterfaceInfo[];
  readonly notes: readonly string[];
}

/**
 * One entry per physical token. Where the OS says which interfaces share a device, that decides. Where it does
 * not, interfaces of one model are taken as one key only if there is one key of that model: with two identical
 * YubiKeys plugged in, nothing tells which FIDO interface goes with which serial, so none is guessed.
 */
export function groupPhysicalTokens(interfaces: readonly HidInterfaceInfo[]): PhysicalGroup[] {
  const groups = new Map<string, HidInterfaceInfo[]>();
  for (const i of interfaces) {
    const key = i.physicalDevice ?? `model:${i.vendorId}:${i.productId}:${i.serialNumber ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const out: PhysicalGroup[] = [];
  for (const [key, members] of groups) {
    const ambiguous = !key.startsWith('model:') ? false : members.filter(isFidoInterface).length > 1 || members.filter(isYubicoOtpInterface).length > 1;
    if (!ambiguous) {
      out.push({ interfaces: members, notes: [] });
      continue;
    }
    const note = 'Several keys of this model are plugged in; plug in one at a time so each one is read whole.';
    for (const member of members) out.push({ interfaces: [member], notes: [note] });
  }
  return out;
}
