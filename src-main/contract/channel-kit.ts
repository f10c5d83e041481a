import { z } from 'zod';

/**
 * Building blocks for the per-feature channel tables. A channel is a zod request schema, a response type
 * (carried as a phantom value: the table is data, the type rides along) and whether it needs a signed-in
 * custodian.
 */
export interface ChannelSpec<Req extends z.ZodType, Res> {
  readonly request: Req;
  readonly response: Res;
  readonly needsCustodian: boolean;
}

export const returns = <T>(): T => undefined as T;

export const emptyRequest = z.object({}).strict();

export function channel<Req extends z.ZodType, Res>(request: Req, response: Res, options: { needsCustodian: boolean }): ChannelSpec<Req, Res> {
  return { request, response, needsCustodian: options.needsCustodian };
}
