import { networkInterfaces } from 'node:os';
import type { NetworkInterfaceSummary } from '../core/air-gap';

/** Which network interfaces are up with an address, loopback excluded. */
export interface NetworkProbe {
  activeInterfaces(): NetworkInterfaceSummary[];
}

export const osNetworkProbe: NetworkProbe = {
  activeInterfaces() {
    return Object.entries(networkInterfaces()).flatMap(([name, addresses]) => {
      const external = (addresses ?? []).filter((a) => !a.internal).map((a) => a.address);
      return external.length > 0 ? [{ name, addresses: external }] : [];
    });
  },
};

/** For practice rigs and tests that stand in for an isolated kiosk. */
export const isolatedNetworkProbe: NetworkProbe = { activeInterfaces: () => [] };
