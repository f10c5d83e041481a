import type { FeatureHandlers } from '../../contract/dispatch';
import type { tokenChannels } from '../../contract/token-channels';
import { hidSentence, toDetectedTokenView, toPresentationView, toTokenReportView, toTokenView } from '../token-card';
import type { StrongroomApp } from '../strongroom-app';

export function tokenHandlers(app: StrongroomApp): FeatureHandlers<typeof tokenChannels> {
  const { tokens, tokenFeed, catalog, clock } = app;
  const view = (token: Parameters<typeof toTokenView>[0]) => toTokenView(token, catalog, clock.now());
  return {
    listTokens: async () => {
      const [status, detected] = await Promise.all([tokenFeed.status(), tokenFeed.refresh()]);
      const inventory = tokens.list();
      return {
        version: tokenFeed.currentVersion,
        hid: hidSentence(status),
        scanError: tokenFeed.current.scanError,
        tokens: inventory.map(view),
        detected: detected.map((d) => toDetectedTokenView(d, inventory)),
      };
    },
    waitForTokenChange: async ({ sinceVersion, timeoutMs }) => ({ version: await tokenFeed.waitForChange(sinceVersion, timeoutMs ?? 25_000) }),
    addToken: (r) =>
      view(
        tokens.add({
          kind: r.kind,
          serial: r.serial,
          model: r.model,
          location: r.location,
          ...(r.make !== undefined ? { make: r.make } : {}),
          ...(r.aaguid !== undefined ? { aaguid: r.aaguid } : {}),
          ...(r.accountIds ? { accountIds: r.accountIds } : {}),
        }),
      ),
    assignToken: ({ tokenId, accountIds }) => view(tokens.assign(tokenId, accountIds)),
    unassignToken: ({ tokenId, accountIds }) => view(tokens.unassign(tokenId, accountIds)),
    reportTokenLost: ({ tokenId, reason }) => view(tokens.reportLost(tokenId, reason)),
    revokeToken: ({ tokenId, reason }) => view(tokens.revoke(tokenId, reason)),
    destroyToken: ({ tokenId, reason }) => view(tokens.destroy(tokenId, reason)),
    checkOutToken: (r) =>
      view(
        tokens.checkOut({
          tokenId: r.tokenId,
          reason: r.reason,
          ...(r.custodians ? { custodians: r.custodians } : {}),
          ...(r.returnWithinHours !== undefined ? { returnWithinHours: r.returnWithinHours } : {}),
        }),
      ),
    checkInToken: async ({ tokenId, identification }) => view(await tokens.checkIn(tokenId, identification)),
    identifyToken: async ({ identification }) => toPresentationView(await tokens.identify(identification), catalog, clock.now()),
    presentToken: async ({ identification }) => toPresentationView(await tokens.present(identification), catalog, clock.now()),
    tokenReport: () => toTokenReportView(tokens.report(), tokens.overdue()),
  };
}
