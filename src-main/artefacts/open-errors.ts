import { kdbxweb } from './kdbxweb-package';
import { ErrorCode, StrongroomError } from '../core/errors';
import { ROLE_FACTS } from '../core/custody-vocabulary';
import type { ArtefactRole } from './strongroom-kdbx';

/**
 * Why a KeePass file did not open, told apart so the custodian knows what to do next: a wrong passphrase (try
 * again, check the keyboard), a damaged file (use another medium), the other half of the custody pair (wrong
 * stick or wrong button), or a KeePass file Strongroom did not write. Messages never repeat the passphrase.
 */

const OTHER_PASSPHRASE: Record<ArtefactRole, string> = { vault: 'seed', seed: 'vault' };

export function wrongPassphraseError(role: ArtefactRole | null): StrongroomError {
  const what = role ? `this ${ROLE_FACTS[role].noun}` : 'this KeePass file';
  const hint = role ? ` Make sure it is the ${role} passphrase, not the ${OTHER_PASSPHRASE[role]} passphrase.` : '';
  // KDBX checks the passphrase with an HMAC over the header, so a few damaged bytes in that HMAC look exactly like
  // a wrong passphrase; the last sentence covers that rare case.
  return new StrongroomError(
    ErrorCode.KdbxWrongPassphrase,
    `That passphrase does not open ${what}. Check Caps Lock and the keyboard layout, then type it again.${hint} ` +
      'If you are certain of the passphrase, open the copy on another medium instead.',
  );
}

export function corruptFileError(role: ArtefactRole | null, reason: 'not-kdbx' | 'damaged'): StrongroomError {
  const what = role ? `This ${ROLE_FACTS[role].noun} file` : 'This file';
  const message =
    reason === 'not-kdbx'
      ? `${what} is not a KeePass database, or its beginning is damaged. Open the copy on another medium instead.`
      : `${what} is damaged or incomplete (perhaps the stick was pulled out while it was written). ` +
        'Open the copy on another medium instead, and replace this one.';
  return new StrongroomError(ErrorCode.KdbxCorrupt, message, { reason });
}

export function wrongRoleError(expected: ArtefactRole, found: ArtefactRole): StrongroomError {
  return new StrongroomError(
    ErrorCode.KdbxWrongRole,
    `This is a ${ROLE_FACTS[found].noun}, not a ${ROLE_FACTS[expected].noun}. Insert a ${ROLE_FACTS[expected].noun} medium, or open this file as a ${ROLE_FACTS[found].noun}.`,
    { expected, found },
  );
}

export function unknownKdbxError(expected: ArtefactRole): StrongroomError {
  return new StrongroomError(
    ErrorCode.KdbxUnknown,
    `This KeePass file was not written by Strongroom: it carries no vault or seed marking, so it is not opened as a ${ROLE_FACTS[expected].noun}. ` +
      `Check that this is a Strongroom ${ROLE_FACTS[expected].noun} medium.`,
    { expected },
  );
}

export function unsupportedFormatError(format: string): StrongroomError {
  return new StrongroomError(
    ErrorCode.KdbxFormatUnsupported,
    `This file was written by a newer version of Strongroom (file format ${format}). Open it with that version, or with KeePassXC.`,
    { format },
  );
}

/**
 * Maps what kdbxweb (or the byte reader under it) threw while opening into one of the errors above. An InvalidKey
 * is a wrong passphrase; every other failure of a file whose outer header was readable means its body is
 * damaged: a bad block HMAC, a header hash mismatch, a stream cut short (kdbxweb then reads past the end of its
 * buffer and throws RangeError), or undecodable XML.
 */
export function classifyOpenFailure(error: unknown, role: ArtefactRole | null): StrongroomError {
  if (error instanceof StrongroomError) return error;
  if (error instanceof kdbxweb().KdbxError) {
    if (error.code === kdbxweb().Consts.ErrorCodes.InvalidKey) return wrongPassphraseError(role);
    if (error.code === kdbxweb().Consts.ErrorCodes.BadSignature) return corruptFileError(role, 'not-kdbx');
  }
  return corruptFileError(role, 'damaged');
}
