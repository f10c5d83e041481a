import type { FeatureHandlers } from '../../contract/dispatch';
import type { incidentChannels } from '../../contract/incident-channels';
import type { StrongroomApp } from '../strongroom-app';

export function incidentHandlers({ incidents }: StrongroomApp): FeatureHandlers<typeof incidentChannels> {
  return {
    resolveCustodyIncident: ({ incidentId, reason }) => {
      incidents.resolve(incidentId, reason);
      return { resolved: true as const };
    },
  };
}
