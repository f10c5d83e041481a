import type { sessionChannels } from '../../contract/session-channels';
import type { FeatureHandlers } from '../../contract/dispatch';
import type { AirGapStatus } from '../air-gap-guard';
import type { StrongroomApp } from '../strongroom-app';

export function sessionHandlers({ session, airGap, custodians }: StrongroomApp): FeatureHandlers<typeof sessionChannels> {
  const airGapView = (status: AirGapStatus) => ({
    isolated: status.isolated,
    sentence: status.sentence,
    interfaces: status.interfaces.map((i) => i.name),
    override: status.override,
  });
  return {
    sessionStatus: () => session.status(),
    touchSession: () => session.touch(),
    listCustodians: () => custodians.list().map((c) => ({ name: c.name, lastSeenAt: c.lastSeenAt })),
    signIn: ({ name }) => session.signIn(name),
    registerFirstCustodian: ({ name }) => custodians.registerFirst(name, 'kiosk'),
    signOut: ({ discardPendingWork }) => session.signOut(discardPendingWork ? { discardPendingWork } : {}),
    setIdleLock: ({ minutes }) => session.setIdleLockMinutes(minutes),
    airGapStatus: () => airGapView(airGap.status()),
    allowNetwork: ({ reason }) => airGapView(airGap.allowWithNetwork(reason)),
  };
}
