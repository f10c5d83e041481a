import type { auditChannels } from '../../contract/audit-channels';
import type { FeatureHandlers } from '../../contract/dispatch';
import { listAuditPage, toAuditChainView } from '../audit-trail';
import type { StrongroomApp } from '../strongroom-app';

export function auditHandlers({ catalog }: StrongroomApp): FeatureHandlers<typeof auditChannels> {
  return {
    listAudit: (request) => listAuditPage(catalog, request),
    verifyAudit: () => toAuditChainView(catalog.audit.verify()),
  };
}
