import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import type { AuditChainView, AuditExportView, AuditFacetsView, AuditPage, TamperAlarmView } from './audit-views';

const auditFilter = z
  .object({
    custodian: z.string().max(200).optional(),
    action: z.string().max(100).optional(),
    subject: z.string().max(100).optional(),
    fromDay: z.string().max(40).optional(),
    toDay: z.string().max(40).optional(),
    text: z.string().max(500).optional(),
    alarmsOnly: z.boolean().optional(),
  })
  .strict();

export const auditChannels = {
  /** One page of the entries matching the filter, newest first; filtering happens in main, over the whole trail. */
  listAudit: channel(
    z
      .object({
        filter: auditFilter.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        beforeSeq: z.number().int().min(1).optional(),
      })
      .strict(),
    returns<AuditPage>(),
    { needsCustodian: true },
  ),
  auditFacets: channel(emptyRequest, returns<AuditFacetsView>(), { needsCustodian: true }),
  verifyAudit: channel(emptyRequest, returns<AuditChainView>(), { needsCustodian: true }),
  /** Every entry the filter shows, as CSV or PDF, saved on any labelled stick or in the kiosk's reports folder. */
  exportAudit: channel(
    z
      .object({
        filter: auditFilter.optional(),
        format: z.enum(['csv', 'pdf']),
        destination: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('reports') }).strict(),
          z.object({ kind: z.literal('medium'), devicePath: z.string().min(1).max(4096) }).strict(),
        ]),
        paper: z.enum(['A4', 'LETTER']).optional(),
      })
      .strict(),
    returns<AuditExportView>(),
    { needsCustodian: true },
  ),
  /** Tamper alarms nobody has acknowledged yet, oldest first: shown on every screen until then. */
  tamperAlarms: channel(emptyRequest, returns<TamperAlarmView[]>(), { needsCustodian: true }),
  /** A custodian acknowledges an alarm once it has been looked into; the reason goes on the audit trail. */
  acknowledgeTamperAlarm: channel(
    z.object({ alarmId: z.string().min(1).max(100), reason: z.string().max(1000) }).strict(),
    returns<TamperAlarmView>(),
    { needsCustodian: true },
  ),
} as const;
