import { z } from 'zod';
import { channel, returns } from './channel-kit';
import type { CloudTrailReconciliationView } from './cloudtrail-views';

export const cloudTrailChannels = {
  /**
   * Reads the CloudTrail logs on an inserted stick (the renderer names the stick as the Media screen lists it,
   * never a path on the kiosk), optionally in one folder of it, and reconciles them with the audit trail.
   */
  reconcileCloudTrail: channel(
    z
      .object({
        devicePath: z.string().min(1).max(4096),
        folder: z.string().max(1024).optional(),
        windowHours: z.number().positive().max(336).optional(),
        paper: z.enum(['A4', 'LETTER']).optional(),
      })
      .strict(),
    returns<CloudTrailReconciliationView>(),
    { needsCustodian: true },
  ),
} as const;
