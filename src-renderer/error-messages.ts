import type { ChannelError, ErrorCode } from '../src-main/contract/result';

export interface HumanError {
  readonly title: string;
  readonly next: string;
}

/**
 * Every error code, in words a custodian at the safe understands, with what to do next. Main's message (shown
 * under the title) names the particular stick, file or account. A unit test holds this table complete.
 */
export const HUMAN_ERRORS: Partial<Record<ErrorCode, HumanError>> = {
  BAD_REQUEST: { title: 'That request was not understood', next: 'Check what you typed and try again.' },
  UNKNOWN_CHANNEL: { title: 'This version of Strongroom cannot do that', next: 'Restart Strongroom. If it repeats, call the Strongroom owner.' },
  INTERNAL: { title: 'Something went wrong inside Strongroom', next: 'Nothing was written. Try again; if it repeats, note the time and call the Strongroom owner.' },
  NOT_SIGNED_IN: { title: 'Nobody is signed in', next: 'Say who is at the kiosk first.' },
  SESSION_LOCKED: { title: 'The kiosk locked itself', next: 'It was idle for a while. Say who is at the kiosk to carry on.' },
  INVALID_CUSTODIAN_NAME: { title: 'That name cannot be used', next: 'Type your full name as colleagues know it.' },
  AUDIT_CHAIN_BROKEN: { title: 'The audit trail has been altered', next: 'Stop and call your security lead. Do not write any medium until the trail is explained.' },
  CATALOG_UNAVAILABLE: { title: 'The kiosk catalog cannot be opened', next: 'Call the Strongroom owner; the media and paper copies are not affected.' },
  INVALID_SETTING: { title: 'That setting is not allowed', next: 'Choose a value inside the range shown.' },
  INVALID_ACCOUNT_ID: { title: 'That account id is not valid', next: 'AWS account ids have exactly 12 digits. Copy it again from the AWS console.' },
  INVALID_ACCOUNT_EMAIL: { title: 'That root email address is not valid', next: 'Copy the root email again from the AWS console.' },
  INVALID_ACCOUNT_NAME: { title: 'That account name cannot be used', next: 'Use the account name as AWS Organizations shows it.' },
  DUPLICATE_ACCOUNT: { title: 'That account is listed twice', next: 'Remove the duplicate row and try again.' },
  INVALID_SEED: { title: 'That MFA secret is not valid', next: 'Paste the secret key again exactly as AWS shows it.' },
  INVALID_PASSWORD_LENGTH: { title: 'That password length is not allowed', next: 'Choose a length AWS accepts (8 to 128 characters).' },
  WEAK_PASSPHRASE: { title: 'That master passphrase is too weak', next: 'Use a longer passphrase, for example seven random words.' },
  PASSPHRASES_NOT_DISTINCT: { title: 'The vault and seed passphrases are the same', next: 'They must differ: each is kept by a different group of custodians.' },
  CSV_MALFORMED: { title: 'That CSV file cannot be read', next: 'Check the file is the account table, saved as CSV.' },
  IMPORT_UNREADABLE: { title: 'That file cannot be imported', next: 'Use the JSON from aws organizations list-accounts or the account CSV.' },
  INVALID_KDF_PARAMETERS: { title: 'Those encryption settings are not allowed', next: 'Keep the default settings unless your security lead says otherwise.' },
  KDBX_WRONG_PASSPHRASE: { title: 'The passphrase does not open this file', next: 'Type it again carefully and check Caps Lock. If you are certain of it, open the copy on another stick.' },
  KDBX_CORRUPT: { title: 'The file on the stick is damaged', next: 'Use another replica of the same role, then verify and rewrite this stick.' },
  KDBX_WRONG_ROLE: { title: 'That is the other kind of file', next: 'Insert the right stick: vault for passwords, seed stick for MFA codes.' },
  KDBX_UNKNOWN: { title: 'Strongroom did not write this KeePass file', next: 'Use a Strongroom stick, or ask a custodian to check this file.' },
  KDBX_FORMAT_UNSUPPORTED: { title: 'This file was written by a newer Strongroom', next: 'Open it with that newer version, or with KeePassXC.' },
  KDF_UNAVAILABLE: { title: 'This installation cannot unlock KeePass files', next: 'Reinstall Strongroom from the approved installer for this computer. Until then KeePassXC opens the vault and seed store.' },
  SEED_LINE_WRONG: { title: 'That line does not match its check value', next: 'Look at the paper again: a character in that line was misread or mistyped.' },
  PRINT_INPUT_INVALID: { title: 'That document cannot be printed', next: 'Check the details entered and try again.' },
  PRINT_FONTS_MISSING: { title: 'The print fonts are missing', next: 'Reinstall Strongroom; its fonts ship with it.' },
  DRIVE_ENUMERATION_FAILED: { title: 'The inserted sticks cannot be listed', next: 'Unplug and replug the sticks; if it repeats, restart the kiosk.' },
  MEDIUM_MANIFEST_INVALID: { title: 'The stick’s label file is damaged', next: 'Do not use this stick until a custodian has compared it with the catalog.' },
  SEPARATION_REFUSED: { title: 'Strongroom will not put that on this stick', next: 'Vault and seeds never share a stick. Use a different stick, as the details say.' },
  MEDIUM_FULL: { title: 'The stick is full', next: 'The previous copy is intact. Use a larger stick or remove other files, then write again.' },
  MEDIUM_LOST: { title: 'The stick went away during the write', next: 'Reinsert it and write again; the previous copy is intact.' },
  MEDIUM_READ_ONLY: { title: 'The stick is read-only', next: 'Slide its write-protect switch off and reinsert it, or use another stick.' },
  MEDIUM_WRITE_FAILED: { title: 'Writing to the stick failed', next: 'The previous copy is intact. Try again, or use another stick.' },
  WRITE_NOT_VERIFIED: { title: 'What was read back differs from what was written', next: 'Do not rely on this stick; use another one and verify it.' },
  EJECT_INCOMPLETE: { title: 'The stick is not safe to remove yet', next: 'Close anything using it, then press Eject again.' },
  MEDIUM_NOT_FOUND: { title: 'That stick is not inserted', next: 'Insert it and wait until it shows on the Media screen.' },
  MEDIUM_NOT_MOUNTED: { title: 'The stick has no usable partition', next: 'Format it as exFAT or FAT32 and insert it again.' },
  MEDIUM_NOT_LABELLED: { title: 'The stick is not labelled yet', next: 'Label it as a vault or seed medium on the Media screen first.' },
  MEDIUM_ALREADY_LABELLED: { title: 'The stick is already labelled', next: 'A labelled stick keeps its role; wipe it first to reuse it.' },
  MEDIUM_ID_TAKEN: { title: 'That medium id is taken', next: 'Choose another id, or leave it empty for the next free one.' },
  MEDIUM_UNKNOWN_TO_CATALOG: { title: 'This kiosk does not know this stick', next: 'It may be a copy or a swapped stick. Do not use it; tell your security lead.' },
  CONFIRMATION_REQUIRED: { title: 'Please confirm', next: 'Type exactly what is asked to go ahead.' },
  ACCOUNT_NOT_FOUND: { title: 'That account is not in the catalog', next: 'Add or import it on the Accounts screen first.' },
  IMPORT_HAS_PROBLEMS: { title: 'Nothing was imported', next: 'Some rows have problems. Fix the file, or import the good rows without them.' },
  ENROLMENT_NOT_FOUND: { title: 'That enrolment is no longer open', next: 'Start the account again from the Accounts screen.' },
  ENROLMENT_INCOMPLETE: { title: 'The enrolment is not finished', next: 'Paste the MFA secret and confirm AWS accepted the two codes first.' },
  NO_MEDIUM_INSERTED: { title: 'No stick of that kind is inserted', next: 'Insert a labelled vault stick and a labelled seed stick, then try again.' },
  NEWEST_GENERATION_MISSING: { title: 'The newest copy is not inserted', next: 'Insert a stick that holds the newest generation, as the details say.' },
  BREAK_GLASS_CLOSED: { title: 'The break-glass screen was closed', next: 'Its secrets were wiped. Open it again with both sticks and passphrases.' },
  ACCOUNT_NOT_IN_ARTEFACT: { title: 'That account is not on these sticks', next: 'Check the account id, or use a newer replica.' },
  CLIPBOARD_UNAVAILABLE: { title: 'There is no clipboard here', next: 'Reveal the password and type it instead.' },
  VERIFICATION_RUN_NOT_FOUND: { title: 'That verification is no longer running', next: 'Start the verification again; media already checked keep their results.' },
  MEDIUM_UNREADABLE: { title: 'The stick cannot be read at all', next: 'Try another USB port. If it still fails, this replica is lost: replace it.' },
  NETWORK_UP: { title: 'This kiosk is connected to a network', next: 'Unplug the network cable and switch off Wi-Fi, then try again.' },
  NOTHING_TO_PRINT: { title: 'There is nothing to print yet', next: 'Label the sticks and write the vault and seeds first, then print.' },
  PRINT_DOCUMENT_GONE: { title: 'That document is no longer held', next: 'It was discarded, or wiped when the kiosk locked. Prepare it again.' },
  PREVIEW_UNAVAILABLE: { title: 'The page preview cannot be shown', next: 'The document is ready all the same: print it or save it without a preview.' },
  PRINTER_UNAVAILABLE: { title: 'Strongroom cannot print here', next: 'Save the document on a stick of the right role instead, as the details say.' },
  PRINT_FAILED: { title: 'The printer did not take the document', next: 'Check the printer is on, has paper and shows no error, then print again.' },
  DOCUMENT_NOT_FOR_MEDIA: { title: 'That document is not kept on a stick', next: 'Print it instead.' },
  SEED_DOCUMENT_OFF_MEDIUM: { title: 'Seed backups go only on a seed stick', next: 'Choose a file in the STRONGROOM folder of an inserted seed stick, or print it.' },
  PAPER_RESTORE_GONE: { title: 'The restored seed was wiped', next: 'Type the lines from the paper again to restore it.' },
};

export function humanise(error: ChannelError): HumanError & { readonly code: ErrorCode; readonly detail: string } {
  const known = HUMAN_ERRORS[error.code] ?? { title: 'Strongroom could not do that', next: error.message };
  return { ...known, code: error.code, detail: error.message };
}
