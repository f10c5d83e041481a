import type { auditChannels } from '../../contract/audit-channels';
import type { FeatureHandlers } from '../../contract/dispatch';
import { auditTrailOf } from '../audit-trail';
import type { StrongroomApp } from '../strongroom-app';
import { acknowledgeTamperAlarm, openTamperAlarms, tamperAlarmView } from '../tamper-alarms';

export function auditHandlers(app: StrongroomApp): FeatureHandlers<typeof auditChannels> {
  const trail = auditTrailOf(app);
  return {
    listAudit: (request) => trail.page(request),
    auditFacets: () => trail.facets(),
    verifyAudit: () => trail.verify(),
    exportAudit: async (request) => {
      try {
        return await trail.export(request);
      } finally {
        // A stick written to shows its new file on the Media screen at once.
        app.mediaFeed.bump();
      }
    },
    tamperAlarms: () => openTamperAlarms(app),
    acknowledgeTamperAlarm: ({ alarmId, reason }) => tamperAlarmView(acknowledgeTamperAlarm(app, alarmId, reason)),
  };
}
