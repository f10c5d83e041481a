/**
 * The kiosk is air-gapped by policy: secrets are only ever opened on a machine with no network. An interface
 * breaks that as soon as it has a link, not only once it has an address: a cable plugged in, Wi-Fi associated, or
 * a phone tethered is a path out while DHCP is still running, and some networks never hand out an address to
 * the kiosk at all yet carry its traffic (static routes, IPv6 router advertisements, a bridge). So secret
 * operations are refused while any interface other than loopback has an address or a link, until it is gone or
 * a custodian records an explicit override for lab use.
 */
export interface NetworkInterfaceSummary {
  readonly name: string;
  readonly addresses: readonly string[];
  /**
   * The link layer is up (Linux: operstate up or dormant, or carrier; the LOWER_UP that `ip link` shows). Absent
   * where the OS does not say, and then only addresses count.
   */
  readonly linkUp?: boolean;
}

export interface AirGapVerdict {
  readonly isolated: boolean;
  readonly interfaces: readonly NetworkInterfaceSummary[];
  readonly sentence: string;
}

export function isConnected(networkInterface: NetworkInterfaceSummary): boolean {
  return networkInterface.addresses.length > 0 || networkInterface.linkUp === true;
}

function describe(networkInterface: NetworkInterfaceSummary): string {
  if (networkInterface.addresses.length > 0) return `${networkInterface.name} (${networkInterface.addresses.join(', ')})`;
  return `${networkInterface.name} (link up, no address yet)`;
}

export function judgeAirGap(interfaces: readonly NetworkInterfaceSummary[]): AirGapVerdict {
  const up = interfaces.filter(isConnected);
  if (up.length === 0) return { isolated: true, interfaces: [], sentence: 'No network connection: the kiosk is isolated.' };
  return {
    isolated: false,
    interfaces: up,
    sentence: `This kiosk is connected to a network: ${up.map(describe).join('; ')}. Unplug the cable and switch off Wi-Fi before opening any secret.`,
  };
}

/**
 * Audit actions that open, show, print or write a secret. Each records, in its details, whether a network
 * override was in force (the guard adds it centrally, see app/air-gap-guard.ts); every other event recorded
 * while an override is in force says so too.
 */
const SECRET_ACTION_PREFIXES = ['breakglass.', 'mfa.', 'paper.', 'enrolment.password-revealed', 'enrolment.seed-recorded', 'account.enrolled', 'accounts.provisioned', 'artefact.written', 'seeds.', 'print.seed-backup', 'print.printed', 'verification.medium-checked', 'document.saved'];

export function isSecretAuditAction(action: string): boolean {
  return SECRET_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix));
}
