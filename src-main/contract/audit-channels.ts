import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import type { AuditChainView, AuditPage } from './views';

export const auditChannels = {
  listAudit: channel(
    z.object({ limit: z.number().int().min(1).max(1000).optional(), beforeSeq: z.number().int().min(1).optional() }).strict(),
    returns<AuditPage>(),
    { needsCustodian: true },
  ),
  verifyAudit: channel(emptyRequest, returns<AuditChainView>(), { needsCustodian: true }),
} as const;
