import type { FeatureHandlers } from '../../contract/dispatch';
import type { custodianChannels, CustodianRosterView } from '../../contract/custodian-channels';
import type { Custodian } from '../../catalog/custodian-store';
import type { StrongroomApp } from '../strongroom-app';

const rosterView = (c: Custodian): CustodianRosterView => ({ name: c.name, addedAt: c.addedAt, registeredBy: c.registeredBy, lastSeenAt: c.lastSeenAt });

export function custodianHandlers({ custodians }: StrongroomApp): FeatureHandlers<typeof custodianChannels> {
  return {
    custodianRoster: () => custodians.list().map(rosterView),
    registerCustodian: ({ name }) => {
      custodians.register(name);
      return custodians.list().map(rosterView);
    },
  };
}
