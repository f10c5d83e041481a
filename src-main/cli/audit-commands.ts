import { listAuditPage, toAuditChainView } from '../app/audit-trail';
import type { AuditChainView } from '../contract/views';
import type { CliCommand } from './cli-command';

export const auditCommands: readonly CliCommand[] = [
  {
    words: ['audit', 'list'],
    usage: 'audit list [--limit N]',
    summary: 'Show the audit trail, newest last, and whether its hash chain holds.',
    options: { limit: { type: 'string', form: 'a whole number from 1 to 1000', accepts: (v) => /^\s*\d{1,4}\s*$/.test(v) && Number(v) >= 1 && Number(v) <= 1000 } },
    needsCustodian: false,
    run({ app, io, json, options }) {
      const limit = typeof options['limit'] === 'string' ? Number(options['limit']) : 1000;
      const page = listAuditPage(app.catalog, { limit });
      if (json) {
        io.out(JSON.stringify(page, null, 2));
        return 0;
      }
      for (const event of [...page.events].reverse()) {
        const details = Object.keys(event.details).length ? ` ${JSON.stringify(event.details)}` : '';
        io.out(`${String(event.seq).padStart(6)}  ${event.at}  ${event.custodian}  ${event.action}  ${event.subject}${details}`);
      }
      io.out(chainSentence(page.chain));
      return 0;
    },
  },
  {
    words: ['audit', 'verify'],
    usage: 'audit verify',
    summary: "Check the audit trail's hash chain; exit 1 naming the first bad event.",
    needsCustodian: false,
    run({ app, io, json }) {
      const chain = toAuditChainView(app.catalog.audit.verify());
      io.out(json ? JSON.stringify(chain, null, 2) : chainSentence(chain));
      return chain.intact ? 0 : 1;
    },
  },
];

function chainSentence(chain: AuditChainView): string {
  return chain.intact
    ? `Audit trail verified: ${chain.count} events, head ${chain.headHash.slice(0, 16)}.`
    : `AUDIT TRAIL BROKEN at event ${chain.firstBadSeq}: ${chain.explanation}`;
}
