import { join } from 'node:path';
import type { cloudTrailChannels } from '../../contract/cloudtrail-channels';
import type { FeatureHandlers } from '../../contract/dispatch';
import { saveReportFile } from '../../platform/report-file';
import { toCloudTrailView } from '../cloudtrail-view';
import type { StrongroomApp } from '../strongroom-app';
import { reportsFolder } from '../verification-reports';

export function cloudTrailHandlers(app: StrongroomApp): FeatureHandlers<typeof cloudTrailChannels> {
  return {
    reconcileCloudTrail: async ({ devicePath, folder, windowHours, paper }) => {
      const run = await app.cloudTrail.reconcileStick(devicePath, folder ?? '', { ...(windowHours ? { windowHours } : {}), ...(paper ? { paper } : {}) });
      // The report holds no secret; it is kept with the catalog beside the verification reports.
      const savedTo = join(reportsFolder(app.home), `cloudtrail-${run.reconciledAt.replace(/[:.]/g, '-')}-event-${run.auditSeq}.pdf`);
      await saveReportFile(savedTo, run.report.pdf);
      return toCloudTrailView(run, savedTo);
    },
  };
}
