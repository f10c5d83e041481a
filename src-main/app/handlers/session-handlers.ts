import type { sessionChannels } from '../../contract/session-channels';
import type { FeatureHandlers } from '../../contract/dispatch';
import type { StrongroomApp } from '../strongroom-app';

export function sessionHandlers({ session, catalog }: StrongroomApp): FeatureHandlers<typeof sessionChannels> {
  return {
    sessionStatus: () => session.status(),
    touchSession: () => session.touch(),
    listCustodians: () => catalog.custodians.list().map((c) => ({ name: c.name, lastSeenAt: c.lastSeenAt })),
    signIn: ({ name }) => session.signIn(name),
    signOut: () => session.signOut(),
    setIdleLock: ({ minutes }) => session.setIdleLockMinutes(minutes),
  };
}
