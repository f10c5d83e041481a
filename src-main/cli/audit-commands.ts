import { auditTrailOf, verifyWitnessed, type AuditExportDestination } from '../app/audit-trail';
import { acknowledgeTamperAlarm } from '../app/tamper-alarms';
import { headWords } from '../core/audit-witness';
import type { AuditFilterRequest } from '../core/audit-filter';
import { formatInstant } from '../core/instant-format';
import type { AuditChainView } from '../contract/audit-views';
import type { CliContext, CommandRuns } from './cli-command';
import { usageError } from './cli-options';

function option(context: CliContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** The same filter as the Audit screen's, from the command line. */
function filterOf(context: CliContext): AuditFilterRequest {
  return {
    custodian: option(context, 'by'),
    action: option(context, 'action'),
    subject: option(context, 'about'),
    fromDay: option(context, 'since'),
    toDay: option(context, 'until'),
    text: option(context, 'search'),
    alarmsOnly: context.options['alarms'] === true,
  };
}

function chainSentence(chain: AuditChainView): string {
  return chain.intact
    ? `Audit trail verified: ${chain.count} events, head ${chain.headHash.slice(0, 16)}.`
    : `AUDIT TRAIL BROKEN at event ${chain.firstBadSeq}: ${chain.explanation}`;
}

export const auditRuns: CommandRuns = {
  'audit list': {
    run(context) {
      const { app, io, json } = context;
      const requested = Number.parseInt(option(context, 'limit') ?? '1000', 10);
      const limit = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 1000) : 1000;
      const trail = auditTrailOf(app);
      const page = trail.page({ filter: filterOf(context), limit });
      const chain = trail.verify();
      if (json) {
        io.out(JSON.stringify({ ...page, chain }, null, 2));
        return 0;
      }
      for (const entry of [...page.events].reverse()) {
        const marker = entry.highlightWord ? `  [${entry.highlightWord.toUpperCase()}]` : '';
        io.out(`${String(entry.seq).padStart(6)}  ${formatInstant(entry.at, 'second') ?? entry.at}  ${entry.custodian}  ${entry.action}  ${entry.subject}${marker}  ${entry.sentence}`);
      }
      if (page.matching !== page.total) io.out(`${page.matching} of ${page.total} entries match${page.hasMore ? `; the newest ${page.events.length} are shown` : ''}.`);
      io.out(chainSentence(chain));
      return 0;
    },
  },
  'audit verify': {
    async run(context) {
      const { app, io, json } = context;
      const chain = auditTrailOf(app).verify();
      const against = context.options['against'];
      const witnessed = await verifyWitnessed(app, Array.isArray(against) ? against.filter((v): v is string => typeof v === 'string') : []);
      const ok = chain.intact && witnessed.ok;
      if (json) io.out(JSON.stringify({ ...chain, witnessed }, null, 2));
      else {
        io.out(chainSentence(chain));
        for (const problem of witnessed.problems) io.out(`TAMPER ALARM: ${problem}`);
        if (witnessed.ok) io.out(`Every head seen outside the kiosk${Array.isArray(against) && against.length ? ' and every copy named' : ''} is reached by the trail (head ${headWords(witnessed.head)}).`);
      }
      return ok ? 0 : 1;
    },
  },
  'audit alarms': {
    run({ app, io, json }) {
      const open = app.sticks.witness.open();
      if (json) io.out(JSON.stringify(open, null, 2));
      else if (open.length === 0) io.out('No tamper alarm is open.');
      else for (const alarm of open) io.out(`${alarm.alarmId}  ${formatInstant(alarm.raisedAt, 'minute') ?? alarm.raisedAt}  ${alarm.subject}  ${alarm.sentence}`);
      return open.length === 0 ? 0 : 1;
    },
  },
  'audit acknowledge': {
    run(context) {
      const { app, io, json } = context;
      const alarmId = context.args[0]!;
      const alarm = acknowledgeTamperAlarm(app, alarmId, option(context, 'reason') ?? '');
      io.out(json ? JSON.stringify(alarm, null, 2) : `Tamper alarm ${alarm.alarmId} acknowledged by ${alarm.acknowledgedBy ?? ''}.`);
      return 0;
    },
  },
  'audit export': {
    async run(context) {
      const format = option(context, 'format')?.toLowerCase();
      if (format !== 'csv' && format !== 'pdf') throw usageError('--format takes csv or pdf: choose --format csv or --format pdf.', { option: '--format' });
      const to = option(context, 'to');
      if (!to) throw usageError("--to is missing. Say where: --to reports (the kiosk's reports folder) or --to the mount point or device of a labelled stick.", { option: '--to' });
      const paper = (option(context, 'paper') ?? 'A4').toUpperCase();
      if (paper !== 'A4' && paper !== 'LETTER') throw usageError('--paper takes A4 or LETTER: choose --paper A4 or --paper LETTER.', { option: '--paper' });
      const destination: AuditExportDestination = to === 'reports' ? { kind: 'reports' } : { kind: 'medium', devicePath: to };
      const exported = await auditTrailOf(context.app).export({ filter: filterOf(context), format, destination, paper });
      if (context.json) context.io.out(JSON.stringify(exported, null, 2));
      else {
        const where = exported.savedOn ? `${exported.savedOn}:${exported.location}` : `${exported.location} in the catalog folder`;
        const head = exported.chainHead ? `event ${exported.chainHead.seq} ${exported.chainHead.hash.slice(0, 16)}` : 'empty trail';
        context.io.out(`${exported.events} entries exported as ${format.toUpperCase()} to ${where} (SHA-256 ${exported.sha256.slice(0, 16)}…); chain head ${head}, chain ${exported.chainIntact ? 'verified' : 'BROKEN'}.`);
      }
      return exported.chainIntact ? 0 : 1;
    },
  },
};
