import type { cloudTrailChannels } from '../../contract/cloudtrail-channels';
import type { FeatureHandlers } from '../../contract/dispatch';
import { toCloudTrailView } from '../cloudtrail-view';
import type { StrongroomApp } from '../strongroom-app';

export function cloudTrailHandlers(app: StrongroomApp): FeatureHandlers<typeof cloudTrailChannels> {
  return {
    reconcileCloudTrail: async ({ devicePath, folder, windowHours, paper }) => {
      const run = await app.cloudTrail.reconcileStick(devicePath, folder ?? '', { ...(windowHours ? { windowHours } : {}), ...(paper ? { paper } : {}) });
      return toCloudTrailView(run, (await app.cloudTrail.keepReport(run)).savedTo);
    },
  };
}
