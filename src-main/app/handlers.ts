/**
 * app/handlers/: the window's IPC handlers, one module per contract table, each a thin adapter from a channel's
 * input (checked against the channel's schema by the dispatch) to a desk method on StrongroomApp; assembled here
 * into the one table the shell binds. Same rules as app/ (whatever app/ may import, chiefly contract/ and the
 * desks); never electron, no file I/O of its own.
 */
import { channels, channelNames } from '../contract/channels';
import type { Handlers } from '../contract/dispatch';
import { auditHandlers } from './handlers/audit-handlers';
import { cloudTrailHandlers } from './handlers/cloudtrail-handlers';
import { custodianHandlers } from './handlers/custodian-handlers';
import { custodyHandlers } from './handlers/custody-handlers';
import { incidentHandlers } from './handlers/incident-handlers';
import { keyCardHandlers } from './handlers/key-card-handlers';
import { mediaHandlers } from './handlers/media-handlers';
import { printHandlers } from './handlers/print-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { tokenHandlers } from './handlers/token-handlers';
import { transactionHandlers } from './handlers/transaction-handlers';
import { verificationHandlers } from './handlers/verification-handlers';
import type { StrongroomApp } from './strongroom-app';

/** The contract's channels mapped onto use cases, one feature module each. */
export function createHandlers(app: StrongroomApp): Handlers {
  const handlers: Handlers = {
    ...sessionHandlers(app),
    ...custodianHandlers(app),
    ...auditHandlers(app),
    ...mediaHandlers(app),
    ...custodyHandlers(app),
    ...keyCardHandlers(app),
    ...incidentHandlers(app),
    ...verificationHandlers(app),
    ...printHandlers(app),
    ...cloudTrailHandlers(app),
    ...tokenHandlers(app),
    ...transactionHandlers(app),
  };
  return guardCustodianChannels(handlers, () => app.session.requireCustodian());
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
