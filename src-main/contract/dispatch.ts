import { ErrorCode, isStrongroomError } from '../core/errors';
import { channels, isChannelName, type ChannelName, type ParsedRequestOf, type ResponseOf } from './channels';
import type { Result } from './result';

export type Handler<K extends ChannelName> = (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
export type Handlers = { readonly [K in ChannelName]: Handler<K> };
/** The handlers of one feature's channel table. */
export type FeatureHandlers<T> = { readonly [K in keyof T & ChannelName]: Handler<K> };

export type Dispatch = (channel: string, rawRequest: unknown) => Promise<Result<unknown>>;

/** Shared by every binding (Electron IPC, browser harness): validate, run, and fold any failure into a Result. */
export function createDispatcher(handlers: Handlers, onInternalError: (channel: string, error: unknown) => void): Dispatch {
  return async (channel, rawRequest) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: ErrorCode.UnknownChannel, message: `There is no request called "${channel}".` } };
    }
    const parsed = channels[channel].request.safeParse(rawRequest ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` (${first.path.join('.')})` : '';
      return {
        ok: false,
        error: { code: ErrorCode.BadRequest, message: `The request was not understood${where}: ${first?.message ?? 'invalid'}.` },
      };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (isStrongroomError(error)) {
        return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
      }
      // Unexpected errors are reported by code only: their messages may quote data the renderer should not see.
      onInternalError(channel, error);
      return {
        ok: false,
        error: {
          code: ErrorCode.Internal,
          message: 'Something went wrong inside Strongroom. Nothing was written. Try again; if it repeats, note the time and call the Strongroom owner.',
        },
      };
    }
  };
}
