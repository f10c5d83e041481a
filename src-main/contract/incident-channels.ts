import { z } from 'zod';
import { channel, returns } from './channel-kit';

/** Custody incidents are opened by Strongroom; a custodian resolves one with a reason, on the audit trail. */
export const incidentChannels = {
  resolveCustodyIncident: channel(z.object({ incidentId: z.string().uuid(), reason: z.string().max(1000) }).strict(), returns<{ resolved: true }>(), { needsCustodian: true }),
} as const;
