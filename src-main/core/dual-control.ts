import { normaliseCustodianName, sameCustodian } from './custodian';
import { ErrorCode, StrongroomError } from './errors';

/**
 * Two-person control: an action that exposes a root credential or a seed (break-glass, showing an MFA code,
 * the plaintext seed export, printing the seed backup) is done by two different registered custodians, one of
 * them the custodian signed in at the kiosk. The second is always named explicitly; nothing fills it in.
 */

export interface DualControl {
  /** The signed-in custodian's half (for break-glass, whoever the request names for it). */
  readonly first: string;
  readonly second: string;
}

export interface DualControlRequest {
  /** What the two custodians are about to do, for the sentences: "Break-glass", "Printing the seed backup". */
  readonly action: string;
  readonly first: string;
  readonly second: string | null | undefined;
  readonly signedIn: string;
  /** The stored spelling of a registered custodian's name, or null when nobody of that name is registered. */
  readonly registered: (name: string) => string | null;
}

function requireRegistered(name: string, registered: DualControlRequest['registered']): string {
  const stored = registered(normaliseCustodianName(name));
  if (stored === null) {
    throw new StrongroomError(
      ErrorCode.CustodianNotRegistered,
      `"${normaliseCustodianName(name)}" is not a registered custodian of this kiosk. Choose a registered custodian, or have one register them first (strongroom custodians add).`,
      { custodian: normaliseCustodianName(name) },
    );
  }
  return stored;
}

export function requireTwoCustodians(request: DualControlRequest): DualControl {
  const { action } = request;
  if (request.second === null || request.second === undefined || request.second.trim() === '') {
    throw new StrongroomError(
      ErrorCode.SecondCustodianRequired,
      `${action} needs two custodians. Name the second custodian, who must be present and registered; it is never filled in for you.`,
    );
  }
  const first = requireRegistered(request.first, request.registered);
  const second = requireRegistered(request.second, request.registered);
  if (sameCustodian(first, second)) {
    throw new StrongroomError(
      ErrorCode.SameCustodianTwice,
      `${action} needs two different custodians, and ${first === second ? `${first} was named twice` : `${first} and ${second} are the same name`}. Ask a second registered custodian to take part.`,
      { custodian: first },
    );
  }
  if (!sameCustodian(first, request.signedIn) && !sameCustodian(second, request.signedIn)) {
    throw new StrongroomError(
      ErrorCode.SignedInCustodianNotNamed,
      `${action} is done by the custodian signed in (${request.signedIn}) and one other; neither ${first} nor ${second} is signed in. Sign in as one of them first.`,
      { custodian: request.signedIn },
    );
  }
  return { first, second };
}
