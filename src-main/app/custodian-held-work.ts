import { type ErrorCode, StrongroomError } from '../core/errors';

/** Why a held piece of work cannot be reached: its error code and the sentence saying what to do instead. */
export interface GoneWork {
  readonly code: ErrorCode;
  readonly sentence: string;
}

/**
 * Work a desk holds in memory for the custodian who began it (an enrolment, a restored seed, a prepared document,
 * a drawn set of key cards). Only that custodian reaches it: to anyone else it is as gone as work discarded or
 * wiped when the kiosk locked, so one custodian's secrets never open to the next one signed in.
 */
export function heldForCustodian<T>(held: ReadonlyMap<string, T>, id: string, custodian: string, ownerOf: (work: T) => string, gone: GoneWork): T {
  const work = held.get(id);
  if (work === undefined || ownerOf(work) !== custodian) throw new StrongroomError(gone.code, gone.sentence);
  return work;
}
