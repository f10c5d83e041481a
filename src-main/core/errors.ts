/**
 * Every failure a custodian can meet has one code here. The renderer turns each code into a sentence and a
 * next step (src-renderer/error-messages.ts); the CLI prints the code and the message.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  Internal: 'INTERNAL',
  NotSignedIn: 'NOT_SIGNED_IN',
  SessionLocked: 'SESSION_LOCKED',
  InvalidCustodianName: 'INVALID_CUSTODIAN_NAME',
  AuditChainBroken: 'AUDIT_CHAIN_BROKEN',
  CatalogUnavailable: 'CATALOG_UNAVAILABLE',
  InvalidSetting: 'INVALID_SETTING',
  NetworkUp: 'NETWORK_UP',
  // Accounts, seeds, passwords and passphrases (core/account, seed, password-generator, passphrase-policy)
  InvalidAccountId: 'INVALID_ACCOUNT_ID',
  InvalidAccountEmail: 'INVALID_ACCOUNT_EMAIL',
  InvalidAccountName: 'INVALID_ACCOUNT_NAME',
  DuplicateAccount: 'DUPLICATE_ACCOUNT',
  InvalidSeed: 'INVALID_SEED',
  InvalidPasswordLength: 'INVALID_PASSWORD_LENGTH',
  WeakPassphrase: 'WEAK_PASSPHRASE',
  PassphrasesNotDistinct: 'PASSPHRASES_NOT_DISTINCT',
  // Files in and out (core/csv, artefacts/)
  CsvMalformed: 'CSV_MALFORMED',
  ImportUnreadable: 'IMPORT_UNREADABLE',
  InvalidKdfParameters: 'INVALID_KDF_PARAMETERS',
  KdbxWrongPassphrase: 'KDBX_WRONG_PASSPHRASE',
  KdbxCorrupt: 'KDBX_CORRUPT',
  KdbxWrongRole: 'KDBX_WRONG_ROLE',
  KdbxUnknown: 'KDBX_UNKNOWN',
  KdbxFormatUnsupported: 'KDBX_FORMAT_UNSUPPORTED',
  // Paper (core/seed-line-check, print/)
  SeedLineWrong: 'SEED_LINE_WRONG',
  PrintInputInvalid: 'PRINT_INPUT_INVALID',
  PrintFontsMissing: 'PRINT_FONTS_MISSING',
  // Removable media (platform/ drive enumeration, medium scanner, atomic writer, eject; core/separation-policy)
  DriveEnumerationFailed: 'DRIVE_ENUMERATION_FAILED',
  MediumManifestInvalid: 'MEDIUM_MANIFEST_INVALID',
  SeparationRefused: 'SEPARATION_REFUSED',
  MediumFull: 'MEDIUM_FULL',
  MediumLost: 'MEDIUM_LOST',
  MediumReadOnly: 'MEDIUM_READ_ONLY',
  MediumWriteFailed: 'MEDIUM_WRITE_FAILED',
  WriteNotVerified: 'WRITE_NOT_VERIFIED',
  EjectIncomplete: 'EJECT_INCOMPLETE',
  // Media custody (app/media-desk)
  MediumNotFound: 'MEDIUM_NOT_FOUND',
  MediumNotMounted: 'MEDIUM_NOT_MOUNTED',
  MediumNotLabelled: 'MEDIUM_NOT_LABELLED',
  MediumAlreadyLabelled: 'MEDIUM_ALREADY_LABELLED',
  MediumIdTaken: 'MEDIUM_ID_TAKEN',
  MediumUnknownToCatalog: 'MEDIUM_UNKNOWN_TO_CATALOG',
  ConfirmationRequired: 'CONFIRMATION_REQUIRED',
  // Custody jobs (app/accounts, enrolment, custody-writer, break-glass)
  AccountNotFound: 'ACCOUNT_NOT_FOUND',
  ImportHasProblems: 'IMPORT_HAS_PROBLEMS',
  EnrolmentNotFound: 'ENROLMENT_NOT_FOUND',
  EnrolmentIncomplete: 'ENROLMENT_INCOMPLETE',
  NoMediumInserted: 'NO_MEDIUM_INSERTED',
  NewestGenerationMissing: 'NEWEST_GENERATION_MISSING',
  BreakGlassClosed: 'BREAK_GLASS_CLOSED',
  AccountNotInArtefact: 'ACCOUNT_NOT_IN_ARTEFACT',
  ClipboardUnavailable: 'CLIPBOARD_UNAVAILABLE',
  // Quarterly verification (app/verification-desk)
  VerificationRunNotFound: 'VERIFICATION_RUN_NOT_FOUND',
  MediumUnreadable: 'MEDIUM_UNREADABLE',
  // Printing and restoring from paper (app/print-desk, platform/printer, platform/pdf-preview)
  NothingToPrint: 'NOTHING_TO_PRINT',
  PrintDocumentGone: 'PRINT_DOCUMENT_GONE',
  PreviewUnavailable: 'PREVIEW_UNAVAILABLE',
  PrinterUnavailable: 'PRINTER_UNAVAILABLE',
  PrintFailed: 'PRINT_FAILED',
  DocumentNotForMedia: 'DOCUMENT_NOT_FOR_MEDIA',
  SeedDocumentOffMedium: 'SEED_DOCUMENT_OFF_MEDIUM',
  PaperRestoreGone: 'PAPER_RESTORE_GONE',
  // Master passphrase shares (core/master-key-shares, print/share-card)
  InvalidShareScheme: 'INVALID_SHARE_SCHEME',
  ShareLineWrong: 'SHARE_LINE_WRONG',
  ShareUnreadable: 'SHARE_UNREADABLE',
  ShareFromAnotherSet: 'SHARE_FROM_ANOTHER_SET',
  ShareTypedTwice: 'SHARE_TYPED_TWICE',
  SharesTooFew: 'SHARES_TOO_FEW',
  SharesDoNotCombine: 'SHARES_DO_NOT_COMBINE',
  // CloudTrail reconciliation (app/cloudtrail-desk)
  CloudTrailNothingRead: 'CLOUDTRAIL_NOTHING_READ',
  CloudTrailReportGone: 'CLOUDTRAIL_REPORT_GONE',
  // Hardware MFA tokens (core/token, app/token-desk, platform/ HID, artefacts/challenge-response)
  TokenNotFound: 'TOKEN_NOT_FOUND',
  InvalidTokenSerial: 'INVALID_TOKEN_SERIAL',
  DuplicateTokenSerial: 'DUPLICATE_TOKEN_SERIAL',
  InvalidTokenDetails: 'INVALID_TOKEN_DETAILS',
  TokenStateRefused: 'TOKEN_STATE_REFUSED',
  TokenNotIdentified: 'TOKEN_NOT_IDENTIFIED',
  MfaDeviceLimit: 'MFA_DEVICE_LIMIT',
  HidUnavailable: 'HID_UNAVAILABLE',
  HidDeviceUnreadable: 'HID_DEVICE_UNREADABLE',
  ChallengeResponseFailed: 'CHALLENGE_RESPONSE_FAILED',
  ChallengeResponseRequired: 'CHALLENGE_RESPONSE_REQUIRED',
  // The audit screen's filter and exports (core/audit-filter, app/audit-trail)
  AuditFilterInvalid: 'AUDIT_FILTER_INVALID',
  AuditExportTooLarge: 'AUDIT_EXPORT_TOO_LARGE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class StrongroomError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(code: ErrorCode, message: string, details: Record<string, string | number | boolean> = {}) {
    super(message);
    this.name = 'StrongroomError';
    this.code = code;
    this.details = details;
  }
}

export function isStrongroomError(value: unknown): value is StrongroomError {
  return value instanceof StrongroomError;
}
