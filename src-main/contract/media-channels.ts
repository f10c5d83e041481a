import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import type { EjectView, MediaOverview, MediumCardView } from './media-views';
import type { WriteJobView } from './transaction-views';

const devicePath = z.string().min(1).max(4096);
const role = z.enum(['vault', 'seed']);

export const mediaChannels = {
  listMedia: channel(emptyRequest, returns<MediaOverview>(), { needsCustodian: true }),
  /** Resolves when the set of drives changes (or after `timeoutMs`), so the Media screen follows hotplug without polling. */
  waitForMediaChange: channel(
    z.object({ sinceVersion: z.number().int().min(0), timeoutMs: z.number().int().min(100).max(60_000).optional() }).strict(),
    returns<{ version: number }>(),
    { needsCustodian: true },
  ),
  labelMedium: channel(
    z
      .object({
        devicePath,
        role,
        mediumId: z.string().regex(/^(VAULT|SEEDS)-\d{2,4}$/).optional(),
        location: z.object({ kind: z.enum(['onsite', 'offsite']), note: z.string().max(500) }).strict(),
      })
      .strict(),
    returns<MediumCardView>(),
    { needsCustodian: true },
  ),
  wipeMedium: channel(z.object({ devicePath, confirmMediumId: z.string().max(20) }).strict(), returns<MediumCardView>(), { needsCustodian: true }),
  replicateMedium: channel(z.object({ fromDevicePath: devicePath, toDevicePath: devicePath, role }).strict(), returns<WriteJobView>(), {
    needsCustodian: true,
  }),
  ejectMedium: channel(z.object({ devicePath }).strict(), returns<EjectView>(), { needsCustodian: true }),
} as const;

