import type { TokenRecord } from '../../catalog/token-store';
import type { FeatureHandlers } from '../../contract/dispatch';
import type { tokenChannels } from '../../contract/token-channels';
import { hidSentence, toDetectedTokenView, toTokenReportView } from '../token-card';
import type { StrongroomApp } from '../strongroom-app';

export function tokenHandlers(app: StrongroomApp): FeatureHandlers<typeof tokenChannels> {
  const { tokens, tokenFeed } = app;
  const view = (token: TokenRecord) => tokens.view(token);
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
    identifyToken: async ({ identification }) => tokens.presentationView(await tokens.identify(identification)),
    presentToken: async ({ identification }) => tokens.presentationView(await tokens.present(identification)),
    tokenReport: () => toTokenReportView(tokens.report(), tokens.overdue()),
  };
}
