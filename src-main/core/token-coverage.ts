import { normaliseTokenSerial, tokenCounts, type TokenKind, type TokenState } from './token';

/**
 * The CIS-style view of root MFA across the accounts under custody (CIS AWS Foundations: hardware MFA on the root
 * user, an inventory of the devices, revoked devices removed): which accounts lack a hardware device, which rest on
 * a single device, which still have a lost or revoked token registered in AWS, and which tokens nobody has seen
 * for longer than one verification interval.
 */
export interface CoverageAccount {
  readonly accountId: string;
  readonly name: string;
  /** Root credentials kept by Strongroom (not removed centrally). Others have no root user to protect. */
  readonly custodied: boolean;
  /** A virtual-MFA seed is in the seed store for this account. */
  readonly hasVirtualSeed: boolean;
  /** A serial recorded on the account itself before the token inventory existed, if any. */
  readonly legacyTokenSerial: string | null;
  /** The account says its root MFA is a hardware token (whether or not one is in the inventory yet). */
  readonly recordedHardware?: boolean;
}

export interface CoverageToken {
  readonly tokenId: string;
  readonly kind: TokenKind;
  readonly model: string;
  readonly serial: string;
  readonly state: TokenState;
  readonly addedAt: string;
  readonly lastSeenAt: string | null;
  /** Accounts it is registered on now. */
  readonly accountIds: readonly string[];
}

export interface CoverageSummary {
  readonly accountsChecked: number;
  readonly accountsWithoutHardwareMfa: readonly { readonly accountId: string; readonly name: string; readonly note: string }[];
  readonly accountsWithSingleMfaDevice: readonly { readonly accountId: string; readonly name: string; readonly device: string }[];
  readonly accountsToReregister: readonly { readonly accountId: string; readonly name: string; readonly tokenId: string; readonly state: TokenState; readonly sentence: string }[];
  readonly tokensNotSeen: readonly { readonly tokenId: string; readonly model: string; readonly serial: string; readonly lastSeenAt: string | null; readonly daysUnseen: number }[];
  readonly intervalDays: number;
}

const DAY_MS = 86_400_000;

export function summariseMfaCoverage(input: {
  readonly accounts: readonly CoverageAccount[];
  readonly tokens: readonly CoverageToken[];
  readonly verificationIntervalDays: number;
  readonly now: Date;
}): CoverageSummary {
  const custodied = input.accounts.filter((a) => a.custodied);
  const withoutHardware: CoverageSummary['accountsWithoutHardwareMfa'][number][] = [];
  const single: CoverageSummary['accountsWithSingleMfaDevice'][number][] = [];
  const reregister: CoverageSummary['accountsToReregister'][number][] = [];

  for (const account of custodied) {
    const registered = input.tokens.filter((t) => t.accountIds.includes(account.accountId));
    const counting = registered.filter((t) => tokenCounts(t.state));
    for (const gone of registered.filter((t) => !tokenCounts(t.state))) {
      reregister.push({
        accountId: account.accountId,
        name: account.name,
        tokenId: gone.tokenId,
        state: gone.state,
        sentence: `${gone.tokenId} (${gone.model}, serial ${gone.serial}) is ${gone.state}: deregister this MFA device in AWS for ${account.name} and register a replacement.`,
      });
    }
    if (counting.length === 0) withoutHardware.push({ accountId: account.accountId, name: account.name, note: noHardwareNote(account, input.tokens) });
    const devices = counting.length + (account.hasVirtualSeed ? 1 : 0);
    if (devices === 1) {
      single.push({ accountId: account.accountId, name: account.name, device: counting[0] ? `${counting[0].tokenId} (${counting[0].model})` : 'virtual MFA seed' });
    }
  }

  const cutoff = input.now.getTime() - input.verificationIntervalDays * DAY_MS;
  const tokensNotSeen = input.tokens
    .filter((t) => tokenCounts(t.state))
    .filter((t) => Date.parse(t.lastSeenAt ?? t.addedAt) < cutoff)
    .map((t) => ({
      tokenId: t.tokenId,
      model: t.model,
      serial: t.serial,
      lastSeenAt: t.lastSeenAt,
      daysUnseen: Math.floor((input.now.getTime() - Date.parse(t.lastSeenAt ?? t.addedAt)) / DAY_MS),
    }));

  return {
    accountsChecked: custodied.length,
    accountsWithoutHardwareMfa: withoutHardware,
    accountsWithSingleMfaDevice: single,
    accountsToReregister: reregister,
    tokensNotSeen,
    intervalDays: input.verificationIntervalDays,
  };
}

function noHardwareNote(account: CoverageAccount, tokens: readonly CoverageToken[]): string {
  if (account.legacyTokenSerial) {
    const comparable = safeComparable(account.legacyTokenSerial);
    const known = tokens.find((t) => comparable !== null && safeComparable(t.serial) === comparable);
    return known
      ? `The account names token serial ${account.legacyTokenSerial} (${known.tokenId}), but that token is not registered on it in the inventory: assign it.`
      : `The account names token serial ${account.legacyTokenSerial}, which is not in the token inventory: add the token to the inventory.`;
  }
  if (account.recordedHardware) return 'The root user is recorded as protected by a hardware token, but no token in the inventory is registered on it: add the token to the inventory and assign it.';
  return account.hasVirtualSeed ? 'Only a virtual MFA seed protects this root user.' : 'No MFA device is recorded for this root user.';
}

function safeComparable(serial: string): string | null {
  try {
    return normaliseTokenSerial(serial).comparable;
  } catch {
    return null;
  }
}
