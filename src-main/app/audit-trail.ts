import type { AuditChainVerdict, AuditEvent } from '../core/audit-chain';
import type { Catalog } from '../catalog/catalog';
import type { AuditChainView, AuditEventView, AuditPage } from '../contract/views';

export function toAuditEventView(event: AuditEvent): AuditEventView {
  return {
    seq: event.seq,
    at: event.at,
    custodian: event.custodian,
    action: event.action,
    subject: event.subject,
    details: event.details,
    hash: event.hash,
  };
}

export function toAuditChainView(verdict: AuditChainVerdict): AuditChainView {
  return verdict.intact
    ? { intact: true, count: verdict.count, headHash: verdict.headHash }
    : { intact: false, count: verdict.count, firstBadSeq: verdict.firstBadSeq, explanation: verdict.explanation };
}

export function listAuditPage(catalog: Catalog, options: { limit?: number; beforeSeq?: number }): AuditPage {
  return {
    events: catalog.audit.list(options).map(toAuditEventView),
    chain: toAuditChainView(catalog.audit.verify()),
  };
}
