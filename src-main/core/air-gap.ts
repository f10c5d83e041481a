/**
 * The kiosk is air-gapped by policy: secrets are only ever opened on a machine with no network. A network
 * interface that is up with an address (Wi-Fi joined, cable plugged in, phone tethered) breaks that, so secret
 * operations are refused until it is gone, or until a custodian records an explicit override for lab use.
 */
export interface NetworkInterfaceSummary {
  readonly name: string;
  readonly addresses: readonly string[];
}

export interface AirGapVerdict {
  readonly isolated: boolean;
  readonly interfaces: readonly NetworkInterfaceSummary[];
  readonly sentence: string;
}

export function judgeAirGap(interfaces: readonly NetworkInterfaceSummary[]): AirGapVerdict {
  const up = interfaces.filter((i) => i.addresses.length > 0);
  if (up.length === 0) return { isolated: true, interfaces: [], sentence: 'No network connection: the kiosk is isolated.' };
  const names = up.map((i) => `${i.name} (${i.addresses.join(', ')})`).join('; ');
  return {
    isolated: false,
    interfaces: up,
    sentence: `This kiosk is connected to a network: ${names}. Unplug the cable and switch off Wi-Fi before opening any secret.`,
  };
}
