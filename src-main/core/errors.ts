/**
 * Every failure a custodian can meet has one code here. The renderer turns each code into a sentence and a
 * next step (src-renderer/error-messages.ts); the CLI prints the code and the message.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  /** A command-line option or argument that is missing or not in the accepted form (exit code 2). */
  Usage: 'USAGE',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  Internal: 'INTERNAL',
  NotSignedIn: 'NOT_SIGNED_IN',
  SessionLocked: 'SESSION_LOCKED',
  InvalidCustodianName: 'INVALID_CUSTODIAN_NAME',
  AuditChainBroken: 'AUDIT_CHAIN_BROKEN',
  // The audit trail witnessed by the sticks (app/audit-witness, catalog/sqlite-audit-log)
  /** A stick's audit copy is not extended by the kiosk chain (rewritten, forked, altered): nothing is written there. */
  AuditCopyDiverged: 'AUDIT_COPY_DIVERGED',
  /** The kiosk chain lacks events a stick or a report holds (cut short, or an old catalog). */
  AuditTrailIncomplete: 'AUDIT_TRAIL_INCOMPLETE',
  /** The event describing an action could not be recorded, so the action did not happen. */
  AuditUnavailable: 'AUDIT_UNAVAILABLE',
  /** A stick took the write (or was read), but its audit.jsonl could not be brought up to date. */
  AuditCopyNotWritten: 'AUDIT_COPY_NOT_WRITTEN',
  /** Another Strongroom window or command is writing to the same physical stick right now. */
  StickBusy: 'STICK_BUSY',
  TamperAlarmNotFound: 'TAMPER_ALARM_NOT_FOUND',
  CatalogUnavailable: 'CATALOG_UNAVAILABLE',
  InvalidSetting: 'INVALID_SETTING',
  NetworkUp: 'NETWORK_UP',
  ReasonTooShort: 'REASON_TOO_SHORT',
  // Business refusals of the custody desks, each with its own sentence in the window
  AccountStateUnknown: 'ACCOUNT_STATE_UNKNOWN',
  SeedHalfIncomplete: 'SEED_HALF_INCOMPLETE',
  CloudTrailFolderOutsideStick: 'CLOUDTRAIL_FOLDER_OUTSIDE_STICK',
  CloudTrailNothingToRead: 'CLOUDTRAIL_NOTHING_TO_READ',
  MasterKeyMissing: 'MASTER_KEY_MISSING',
  PassphraseUnchanged: 'PASSPHRASE_UNCHANGED',
  CredentialUnchanged: 'CREDENTIAL_UNCHANGED',
  KeyCardsWrongUse: 'KEY_CARDS_WRONG_USE',
  SealSerialInvalid: 'SEAL_SERIAL_INVALID',
  SealSerialReused: 'SEAL_SERIAL_REUSED',
  RotationNotApplicable: 'ROTATION_NOT_APPLICABLE',
  // Typed input on the terminal or standard input (cli/passphrase-input)
  InputMissing: 'INPUT_MISSING',
  InputCancelled: 'INPUT_CANCELLED',
  InputRejected: 'INPUT_REJECTED',
  PassphrasesDiffer: 'PASSPHRASES_DIFFER',
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
  KdbxKdfOutOfBounds: 'KDBX_KDF_OUT_OF_BOUNDS',
  KdfUnavailable: 'KDF_UNAVAILABLE',
  // Paper (core/seed-line-check, print/)
  SeedLineWrong: 'SEED_LINE_WRONG',
  PaperLineOutOfRange: 'PAPER_LINE_OUT_OF_RANGE',
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
  // Files on a stick are untrusted input (platform/stick-files)
  MediumLinkRefused: 'MEDIUM_LINK_REFUSED',
  MediumFileElsewhere: 'MEDIUM_FILE_ELSEWHERE',
  MediumFileNotRegular: 'MEDIUM_FILE_NOT_REGULAR',
  MediumFileTooLarge: 'MEDIUM_FILE_TOO_LARGE',
  MediumFileMissing: 'MEDIUM_FILE_MISSING',
  // Media custody (app/media-desk)
  MediumNotFound: 'MEDIUM_NOT_FOUND',
  MediumNotMounted: 'MEDIUM_NOT_MOUNTED',
  MediumNotLabelled: 'MEDIUM_NOT_LABELLED',
  MediumAlreadyLabelled: 'MEDIUM_ALREADY_LABELLED',
  /** A label without a word on where exactly the stick is kept (safe, shelf, box). */
  LocationNoteMissing: 'LOCATION_NOTE_MISSING',
  MediumIdTaken: 'MEDIUM_ID_TAKEN',
  /** A medium id asked for at label time that is not of the stick's role (VAULT-nn, SEEDS-nn). */
  MediumIdNotForRole: 'MEDIUM_ID_NOT_FOR_ROLE',
  MediumUnknownToCatalog: 'MEDIUM_UNKNOWN_TO_CATALOG',
  ConfirmationRequired: 'CONFIRMATION_REQUIRED',
  // Custody jobs (app/accounts, enrolment, custody-writer, break-glass)
  AccountNotFound: 'ACCOUNT_NOT_FOUND',
  ImportHasProblems: 'IMPORT_HAS_PROBLEMS',
  EnrolmentNotFound: 'ENROLMENT_NOT_FOUND',
  RootCredentialsRemoved: 'ROOT_CREDENTIALS_REMOVED',
  EnrolmentIncomplete: 'ENROLMENT_INCOMPLETE',
  NoMediumInserted: 'NO_MEDIUM_INSERTED',
  NewestGenerationMissing: 'NEWEST_GENERATION_MISSING',
  BreakGlassClosed: 'BREAK_GLASS_CLOSED',
  AccountNotInArtefact: 'ACCOUNT_NOT_IN_ARTEFACT',
  ClipboardUnavailable: 'CLIPBOARD_UNAVAILABLE',
  // Quarterly verification (app/verification-desk)
  VerificationRunNotFound: 'VERIFICATION_RUN_NOT_FOUND',
  MediumUnreadable: 'MEDIUM_UNREADABLE',
  VerificationRunEmpty: 'VERIFICATION_RUN_EMPTY',
  // Printing and restoring from paper (app/print-desk and its parts, app/paper-restore-desk, platform/printer, platform/pdf-preview)
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
  // Key cards wired into custody (app/master-keys, app/key-card-desk)
  KeyCardSetGone: 'KEY_CARD_SET_GONE',
  KeyCardsNotPrinted: 'KEY_CARDS_NOT_PRINTED',
  KeyCardNotShown: 'KEY_CARD_NOT_SHOWN',
  // Custodians and two-person control (core/dual-control, app/custodian-roster, app/custody-incidents)
  CustodianNotRegistered: 'CUSTODIAN_NOT_REGISTERED',
  CustodianAlreadyRegistered: 'CUSTODIAN_ALREADY_REGISTERED',
  CustodianRegistrationRefused: 'CUSTODIAN_REGISTRATION_REFUSED',
  SecondCustodianRequired: 'SECOND_CUSTODIAN_REQUIRED',
  SameCustodianTwice: 'SAME_CUSTODIAN_TWICE',
  SignedInCustodianNotNamed: 'SIGNED_IN_CUSTODIAN_NOT_NAMED',
  IncidentNotFound: 'INCIDENT_NOT_FOUND',
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
  // Tokens in break-glass and quarterly verification (core/break-glass-mfa, app/break-glass-tokens, app/token-verification)
  SeedStickNeeded: 'SEED_STICK_NEEDED',
  NoSeedKept: 'NO_SEED_KEPT',
  MfaCodeUnavailable: 'MFA_CODE_UNAVAILABLE',
  TokenNeedsUsb: 'TOKEN_NEEDS_USB',
  HidDeviceUnreadable: 'HID_DEVICE_UNREADABLE',
  ChallengeResponseFailed: 'CHALLENGE_RESPONSE_FAILED',
  ChallengeResponseRequired: 'CHALLENGE_RESPONSE_REQUIRED',
  RestoreAccountMismatch: 'RESTORE_ACCOUNT_MISMATCH',
  PageOutOfRange: 'PAGE_OUT_OF_RANGE',
  PrinterNameInvalid: 'PRINTER_NAME_INVALID',
  FileNameInvalid: 'FILE_NAME_INVALID',
  FolderNotFound: 'FOLDER_NOT_FOUND',
  DocumentOutsideMediumFolder: 'DOCUMENT_OUTSIDE_MEDIUM_FOLDER',
  FileNotSaved: 'FILE_NOT_SAVED',
  // Custody transactions and lifecycles (app/write-jobs, stick-artefacts, rotation, medium and account lifecycles)
  WriteRefused: 'WRITE_REFUSED',
  WriteIncomplete: 'WRITE_INCOMPLETE',
  WriteCutOff: 'WRITE_CUT_OFF',
  WriteJobPending: 'WRITE_JOB_PENDING',
  WriteJobNotFound: 'WRITE_JOB_NOT_FOUND',
  GenerationConflict: 'GENERATION_CONFLICT',
  ArtefactNotOnMedium: 'ARTEFACT_NOT_ON_MEDIUM',
  AccountAlreadyEnrolled: 'ACCOUNT_ALREADY_ENROLLED',
  AccountRetired: 'ACCOUNT_RETIRED',
  RotationPending: 'ROTATION_PENDING',
  RotationNotFound: 'ROTATION_NOT_FOUND',
  MediumNotInService: 'MEDIUM_NOT_IN_SERVICE',
  LastGoodCopy: 'LAST_GOOD_COPY',
  PendingWorkWouldBeLost: 'PENDING_WORK_WOULD_BE_LOST',
  ImportNeedsReview: 'IMPORT_NEEDS_REVIEW',
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
