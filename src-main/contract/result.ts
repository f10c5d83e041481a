import type { ErrorCode } from '../core/errors';

export type { ErrorCode };

/** Every channel answers with one of these: a thrown error would cross IPC as a bare, untyped message. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ChannelError };

export interface ChannelError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}
