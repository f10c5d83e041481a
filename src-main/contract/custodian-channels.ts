import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';

/** A registered custodian as the roster shows it: who registered them and when, never anything secret. */
export interface CustodianRosterView {
  readonly name: string;
  readonly addedAt: string;
  /** null for the first custodian of the kiosk, who registered themself. */
  readonly registeredBy: string | null;
  readonly lastSeenAt: string | null;
}

/**
 * The roster in the window: a signed-in custodian sees who is registered and registers someone new, over the
 * same roster method as `strongroom custodians add`. Registering the first custodian of a fresh kiosk is a
 * session channel (registerFirstCustodian), since nobody is signed in then.
 */
export const custodianChannels = {
  custodianRoster: channel(emptyRequest, returns<CustodianRosterView[]>(), { needsCustodian: true }),
  /** Answers with the whole roster after the registration. */
  registerCustodian: channel(z.object({ name: z.string().max(200) }).strict(), returns<CustodianRosterView[]>(), { needsCustodian: true }),
} as const;
