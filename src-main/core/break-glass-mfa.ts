import type { MfaDevice } from './account';
import { ErrorCode, StrongroomError } from './errors';
import { formatInstant } from './instant-format';
import type { TokenWhereabouts } from './token';

/**
 * Which MFA device a break-glass uses. The vault alone never signs in as root: the second factor is either the
 * virtual-MFA seed (a seed stick and its passphrase) or a hardware token taken out of the safe. A token-only
 * account needs no seed stick at all; an account with both may use either, or both.
 */
export type BreakGlassToken = TokenWhereabouts;

export interface BreakGlassMfaPlan {
  /** Whether the seed store is opened, for the live MFA code. */
  readonly useSeed: boolean;
  /** The token to take out of the safe now, checked out to the custodians of this break-glass. */
  readonly take: BreakGlassToken | null;
  /** The account's other tokens that still count, named on screen (in the safe, or out with whom). */
  readonly others: readonly BreakGlassToken[];
  /** Why the custodians may not have an MFA device in hand, when a token-only account has none in the safe. */
  readonly warnings: readonly string[];
}

export interface BreakGlassMfaInput {
  readonly accountId: string;
  /** The catalog's record; null for an account this kiosk does not know (its seed is then the only route). */
  readonly mfa: MfaDevice | null;
  /** Counting tokens (in the safe or checked out) registered on the account, in token-id order. */
  readonly tokens: readonly BreakGlassToken[];
  readonly seedStickGiven: boolean;
  /** A token asked for by id; without one, the first in the safe is taken when no seed stick is used. */
  readonly tokenId: string | null;
}

export function describeBreakGlassToken(token: BreakGlassToken): string {
  return `${token.tokenId} (${token.model}, serial ${token.serial})`;
}

function whereIs(token: BreakGlassToken): string {
  if (token.state === 'checked-out' && token.checkout) {
    return `${describeBreakGlassToken(token)} is checked out to ${token.checkout.custodians.join(' and ')} since ${formatInstant(token.checkout.checkedOutAt) ?? token.checkout.checkedOutAt}`;
  }
  return `${describeBreakGlassToken(token)} is in ${token.location}`;
}

export function planBreakGlassMfa(input: BreakGlassMfaInput): BreakGlassMfaPlan {
  const tokenOnly = input.mfa?.kind === 'hardware';
  if (tokenOnly && input.seedStickGiven) {
    const tokens = input.tokens.length ? input.tokens.map(describeBreakGlassToken).join(', ') : 'a hardware token';
    throw new StrongroomError(
      ErrorCode.NoSeedKept,
      `Account ${input.accountId} keeps no MFA seed: root's MFA is ${tokens}. Leave the seed stick out; its passphrase is not needed.`,
      { accountId: input.accountId },
    );
  }
  let take: BreakGlassToken | null = null;
  if (input.tokenId !== null) {
    const asked = input.tokens.find((t) => t.tokenId === input.tokenId);
    if (!asked) {
      const registered = input.tokens.map((t) => t.tokenId).join(', ');
      throw new StrongroomError(
        ErrorCode.TokenNotFound,
        `${input.tokenId} is not a token registered on account ${input.accountId} that still counts. ${registered ? `Its tokens: ${registered}.` : 'No token is registered on it.'}`,
        { accountId: input.accountId, tokenId: input.tokenId },
      );
    }
    if (asked.state !== 'in-safe') throw new StrongroomError(ErrorCode.TokenStateRefused, `${whereIs(asked)}: it is not in the safe to take.`, { tokenId: asked.tokenId });
    take = asked;
  } else if (!input.seedStickGiven) {
    take = input.tokens.find((t) => t.state === 'in-safe') ?? null;
    if (!take && !tokenOnly) {
      const why = input.tokens.length ? `no token of it is in the safe (${input.tokens.map(whereIs).join('; ')})` : 'it has no hardware token registered';
      throw new StrongroomError(
        ErrorCode.SeedStickNeeded,
        `Account ${input.accountId}'s MFA is its virtual MFA seed, and ${why}. Insert a seed stick and give the seed passphrase.`,
        { accountId: input.accountId },
      );
    }
  }
  const warnings: string[] = [];
  if (tokenOnly && !take) {
    warnings.push(
      input.tokens.length
        ? `No token of this account is in the safe: ${input.tokens.map(whereIs).join('; ')}. Fetch it from them before signing in.`
        : "No MFA device of this account is recorded (its tokens are lost or revoked, or none is registered). AWS's lost-MFA recovery (root email and phone) is the way in; register a replacement afterwards.",
    );
  }
  return { useSeed: input.seedStickGiven, take, others: input.tokens.filter((t) => t !== take), warnings };
}
