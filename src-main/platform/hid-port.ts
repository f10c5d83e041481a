/**
 * USB HID as Strongroom needs it for hardware tokens: list the interfaces plugged in, open one, exchange input /
 * output reports (FIDO's CTAPHID) or feature reports (a YubiKey's OTP interface). The native backend (node-hid) is
 * one implementation, loaded only when first needed; tests use a fake that speaks the tokens' report protocols.
 */
export interface HidInterfaceInfo {
  /** Opaque, OS-specific path of this interface. */
  readonly path: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturer: string | null;
  readonly product: string | null;
  /** The USB serial-number string, when the device reports one. */
  readonly serialNumber: string | null;
  readonly usagePage: number | null;
  readonly usage: number | null;
  readonly interfaceNumber: number | null;
  /**
   * The same value for every interface of one physical device, when the OS says which belong together (Linux
   * sysfs, libusb bus/address); null where it does not.
   */
  readonly physicalDevice: string | null;
}

export interface HidConnection {
  /** Writes one output report (without report id; unnumbered reports are assumed). */
  write(report: Uint8Array): Promise<void>;
  /** Reads one input report, or null when none came within `timeoutMs`. */
  read(timeoutMs: number): Promise<Uint8Array | null>;
  sendFeatureReport(report: Uint8Array): Promise<void>;
  /** Reads a feature report of `length` data bytes (report id 0, stripped). */
  getFeatureReport(length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export type HidBackendStatus = { readonly available: true; readonly backend: string } | { readonly available: false; readonly reason: string };

export interface HidPort {
  /** Whether a HID backend loaded; asking may load it. */
  status(): Promise<HidBackendStatus>;
  /** Every HID interface plugged in; empty when no backend is available. */
  list(): Promise<HidInterfaceInfo[]>;
  open(path: string): Promise<HidConnection>;
}

/** For kiosks and tests that have no HID at all: says so, lists nothing. */
export function unavailableHidPort(reason: string): HidPort {
  return {
    status: async () => ({ available: false, reason }),
    list: async () => [],
    open: async () => {
      throw new Error(reason);
    },
  };
}
