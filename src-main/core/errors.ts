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
