import { kdbxweb } from './kdbxweb-package';
import type { KdbxChallengeResponseFn, KdbxCredentials, ProtectedValue, VarDictionary } from 'kdbxweb';
import { ErrorCode, isStrongroomError, StrongroomError } from '../core/errors';
import { HMAC_SHA1_RESPONSE_SIZE } from '../core/yubikey-otp';

/**
 * Opt-in second factor for a vault or seed store, the way KeePassXC does it with a YubiKey's HMAC-SHA1
 * challenge-response slot, so a file Strongroom writes this way opens in KeePassXC with the same key:
 *
 * - the challenge is the KDBX4 KDF seed (the Argon2 salt in the outer header, 32 bytes), renewed on every save,
 *   so every write asks the key again;
 * - the key's 20-byte response is hashed (SHA-256) and that hash joins the composite key after the passphrase's
 *   own hash: composite = SHA-256(SHA-256(passphrase) ‖ SHA-256(response)), before Argon2.
 *
 * kdbxweb computes exactly that composite when its Credentials get a challenge-response function, so all this
 * module adds is the bridge to a key, and a mark in the file's public header saying the file needs one — so a
 * custodian without the key is told so rather than "wrong passphrase". The response is key material: it is
 * never stored or logged, and the buffers holding it are zeroed once hashed.
 */
export interface ChallengeResponder {
  /** Names the key for messages, e.g. "YubiKey 12345678, slot 2". Never anything secret. */
  readonly description: string;
  /** HMAC-SHA1 of the challenge with the key's secret: 20 bytes. */
  respond(challenge: Uint8Array): Promise<Uint8Array>;
}

/** What open and build functions take to use a challenge-response key; absent means passphrase only. */
export interface ChallengeResponseOption {
  readonly challengeResponse?: ChallengeResponder;
}

/** Public header entry marking a file that needs a challenge-response key (the scheme, nothing secret). */
export const CHALLENGE_RESPONSE_HEADER_KEY = 'strongroom.challengeResponse';
export const CHALLENGE_RESPONSE_SCHEME = 'yubikey-hmac-sha1';

function asKdbxFunction(responder: ChallengeResponder): KdbxChallengeResponseFn {
  return async (challenge) => {
    let response: Uint8Array;
    try {
      response = await responder.respond(new Uint8Array(challenge));
    } catch (error) {
      if (isStrongroomError(error)) throw error;
      throw new StrongroomError(
        ErrorCode.ChallengeResponseFailed,
        `${responder.description} did not answer the challenge (${error instanceof Error ? error.message : String(error)}). Check it is plugged in and try again.`,
      );
    }
    if (response.length !== HMAC_SHA1_RESPONSE_SIZE) {
      response.fill(0);
      throw new StrongroomError(ErrorCode.ChallengeResponseFailed, `${responder.description} answered with ${response.length} bytes instead of an HMAC-SHA1 response.`);
    }
    return response;
  };
}

/** The credentials for a file: the passphrase, plus the key's response when the option carries a responder. */
export function strongroomCredentials(passphrase: ProtectedValue, option: ChallengeResponseOption = {}): KdbxCredentials {
  return new (kdbxweb().Credentials)(passphrase, null, option.challengeResponse ? asKdbxFunction(option.challengeResponse) : undefined);
}

export function markChallengeResponse(publicData: VarDictionary, option: ChallengeResponseOption = {}): void {
  if (option.challengeResponse) publicData.set(CHALLENGE_RESPONSE_HEADER_KEY, kdbxweb().VarDictionary.ValueType.String, CHALLENGE_RESPONSE_SCHEME);
}

/**
 * Before a file is opened: one marked as needing a key cannot open without one. (The mark is in the clear header,
 * so it is a convenience, not a control: a file stripped of it still needs the key, and then fails as a wrong
 * passphrase.)
 */
export function requireResponderIfMarked(publicStrings: Readonly<Record<string, string>>, option: ChallengeResponseOption = {}): void {
  const scheme = publicStrings[CHALLENGE_RESPONSE_HEADER_KEY];
  if (scheme === undefined || option.challengeResponse) return;
  throw new StrongroomError(
    ErrorCode.ChallengeResponseRequired,
    scheme === CHALLENGE_RESPONSE_SCHEME
      ? 'This file also needs its YubiKey (HMAC-SHA1 challenge-response). Plug in that YubiKey, or the backup key programmed with the same secret, and open it again.'
      : `This file needs a hardware key of a kind this Strongroom does not know (${scheme.slice(0, 40)}). Open it with the version that wrote it.`,
  );
}

/** A wrong passphrase and a wrong key look the same to KDBX; with a key in play, say both. */
export function explainOpenFailure(error: StrongroomError, option: ChallengeResponseOption = {}): StrongroomError {
  if (!option.challengeResponse || error.code !== ErrorCode.KdbxWrongPassphrase) return error;
  return new StrongroomError(
    ErrorCode.KdbxWrongPassphrase,
    `${error.message} This file also takes its YubiKey: check that ${option.challengeResponse.description} is the key (or its backup) programmed for this file.`,
    { ...error.details },
  );
}
