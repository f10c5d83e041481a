import { listAuditPage, toAuditChainView } from '../app/audit-trail';
import type { StrongroomApp } from '../app/strongroom-app';
import type { CliIo } from './cli-io';

export function auditList(app: StrongroomApp, io: CliIo, options: { json: boolean; limit: number }): number {
  const page = listAuditPage(app.catalog, { limit: options.limit });
  if (options.json) {
    io.out(JSON.stringify(page, null, 2));
    return 0;
  }
  for (const event of [...page.events].reverse()) {
    const details = Object.keys(event.details).length ? ` ${JSON.stringify(event.details)}` : '';
    io.out(`${String(event.seq).padStart(6)}  ${event.at}  ${event.custodian}  ${event.action}  ${event.subject}${details}`);
  }
  io.out(chainSentence(page.chain));
  return 0;
}

export function auditVerify(app: StrongroomApp, io: CliIo, options: { json: boolean }): number {
  const chain = toAuditChainView(app.catalog.audit.verify());
  if (options.json) io.out(JSON.stringify(chain, null, 2));
  else io.out(chainSentence(chain));
  return chain.intact ? 0 : 1;
}

function chainSentence(chain: ReturnType<typeof toAuditChainView>): string {
  return chain.intact
    ? `Audit trail verified: ${chain.count} events, head ${chain.headHash.slice(0, 16)}.`
    : `AUDIT TRAIL BROKEN at event ${chain.firstBadSeq}: ${chain.explanation}`;
}
