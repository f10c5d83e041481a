import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { NetworkInterfaceSummary } from '../core/air-gap';

/** Every network interface but loopback, with its addresses and, where the OS tells, whether its link is up. */
export interface NetworkProbe {
  activeInterfaces(): NetworkInterfaceSummary[];
}

type AddressSource = () => ReturnType<typeof networkInterfaces>;

const ARPHRD_LOOPBACK = '772';

function externalAddresses(source: AddressSource): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [name, addresses] of Object.entries(source())) {
    const external = (addresses ?? []).filter((a) => !a.internal).map((a) => a.address);
    if (external.length > 0) found.set(name, external);
  }
  return found;
}

/** Addresses only: what Node reports on every OS. */
export class AddressNetworkProbe implements NetworkProbe {
  constructor(private readonly addresses: AddressSource = networkInterfaces) {}

  activeInterfaces(): NetworkInterfaceSummary[] {
    return [...externalAddresses(this.addresses)].map(([name, addresses]) => ({ name, addresses }));
  }
}

/**
 * Linux: every interface in /sys/class/net, so one with a link but no address is seen too. The link is up when
 * operstate is "up" or "dormant" (associated Wi-Fi waiting for 802.1X), or when carrier reads 1 (interfaces whose
 * operstate is "unknown", such as tun and many USB modems); reading carrier fails while the interface is down.
 */
export class LinuxNetworkProbe implements NetworkProbe {
  constructor(
    private readonly sysfsRoot = '/sys/class/net',
    private readonly addresses: AddressSource = networkInterfaces,
  ) {}

  activeInterfaces(): NetworkInterfaceSummary[] {
    const byAddress = externalAddresses(this.addresses);
    let names: string[];
    try {
      names = readdirSync(this.sysfsRoot);
    } catch {
      names = [];
    }
    const summaries: NetworkInterfaceSummary[] = [];
    for (const name of new Set([...names, ...byAddress.keys()])) {
      const read = (file: string): string | null => {
        try {
          return readFileSync(join(this.sysfsRoot, name, file), 'utf8').trim();
        } catch {
          return null;
        }
      };
      if (name === 'lo' || read('type') === ARPHRD_LOOPBACK) continue;
      const operstate = read('operstate');
      const linkUp = operstate === 'up' || operstate === 'dormant' || read('carrier') === '1';
      const addresses = byAddress.get(name) ?? [];
      if (linkUp || addresses.length > 0) summaries.push({ name, addresses, linkUp });
    }
    return summaries.sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** The probe for this machine: link state from sysfs on Linux, addresses elsewhere. */
export function createNetworkProbe(platform: NodeJS.Platform = process.platform): NetworkProbe {
  return platform === 'linux' ? new LinuxNetworkProbe() : new AddressNetworkProbe();
}

export const osNetworkProbe: NetworkProbe = createNetworkProbe();

/** For practice rigs and tests that stand in for an isolated kiosk. */
export const isolatedNetworkProbe: NetworkProbe = { activeInterfaces: () => [] };
