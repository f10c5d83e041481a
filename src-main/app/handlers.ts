import { channels, channelNames } from '../contract/channels';
import type { Handlers } from '../contract/dispatch';
import { listAuditPage, toAuditChainView } from './audit-trail';
import type { StrongroomApp } from './strongroom-app';

/** The contract's channels mapped onto use cases. */
export function createHandlers(app: StrongroomApp): Handlers {
  const { session, catalog } = app;
  const handlers: Handlers = {
    sessionStatus: () => session.status(),
    touchSession: () => session.touch(),
    listCustodians: () => catalog.custodians.list().map((c) => ({ name: c.name, lastSeenAt: c.lastSeenAt })),
    signIn: ({ name }) => session.signIn(name),
    signOut: () => session.signOut(),
    setIdleLock: ({ minutes }) => session.setIdleLockMinutes(minutes),
    listAudit: (request) => listAuditPage(catalog, request),
    verifyAudit: () => toAuditChainView(catalog.audit.verify()),
  };
  return guardCustodianChannels(handlers, () => session.requireCustodian());
}

/** One place decides which requests need a signed-in custodian: the `needsCustodian` flag of the contract. */
function guardCustodianChannels(handlers: Handlers, requireCustodian: () => void): Handlers {
  const guarded: Record<string, (request: never) => unknown> = { ...handlers };
  for (const name of channelNames) {
    if (!channels[name].needsCustodian) continue;
    const inner = handlers[name] as (request: never) => unknown;
    guarded[name] = (request: never) => {
      requireCustodian();
      return inner(request);
    };
  }
  return guarded as unknown as Handlers;
}
