import { resolve } from 'node:path';
import { toCloudTrailView } from '../app/cloudtrail-view';
import { formatUtc } from '../core/cloudtrail-reconciliation';
import type { CommandRuns } from './cli-command';

function mfa(value: boolean | null): string {
  return value === true ? 'yes' : value === false ? 'NO' : 'not recorded';
}

export const cloudTrailRuns: CommandRuns = {
  'cloudtrail reconcile': {
    async run({ app, io, json, args, options }) {
      const rawWindow = options['window-hours'];
      const windowHours = typeof rawWindow === 'string' ? Number(rawWindow) : undefined;
      const paper = typeof options['paper'] === 'string' ? (options['paper'].trim().toUpperCase() as 'A4' | 'LETTER') : undefined;
      const run = await app.cloudTrail.reconcile(args.map((a) => resolve(a)), { ...(windowHours ? { windowHours } : {}), ...(paper ? { paper } : {}) });
      // The same keeping as the window's: the report is kept in the kiosk's reports/ folder, and --report adds a copy.
      const copyTo = typeof options['report'] === 'string' ? resolve(options['report']) : undefined;
      const { savedTo, copiedTo } = await app.cloudTrail.keepReport(run, copyTo !== undefined ? { copyTo } : {});
      const view = toCloudTrailView(run, savedTo);
      if (json) {
        io.out(JSON.stringify({ ...view, copiedTo }, null, 2));
        return view.allExplained ? 0 : 1;
      }

      const records = view.records;
      io.out(`Read ${view.files} file(s), ${records} record(s)${view.range ? `, ${formatUtc(view.range.from)} to ${formatUtc(view.range.to)}` : ''}; audit trail checked to event ${view.auditHead?.seq ?? 0}.`);
      for (const problem of view.problems.listed.slice(0, 20)) io.out(`  skipped: ${problem}`);
      if (view.problems.count > 20) io.out(`  … and ${view.problems.count - 20} more skipped (all listed in the report).`);
      for (const s of view.signIns) {
        const who = s.accountName ? `${s.accountId} (${s.accountName})` : s.accountId;
        const what = s.succeeded ? 'sign-in' : 'FAILED sign-in';
        io.out(`${s.status === 'explained' ? 'explained  ' : 'UNEXPLAINED'} root ${what} ${who} at ${formatUtc(s.at)} from ${s.sourceIp ?? 'unrecorded address'}, MFA used: ${mfa(s.mfaUsed)}${s.explainedBy ? ` — ${s.explainedBy}` : ''}`);
      }
      for (const b of view.breakGlasses.filter((x) => x.status !== 'signed-in')) {
        io.out(`note: break-glass of ${b.accountId} at ${formatUtc(b.at)} by ${b.who}: ${b.status === 'no-sign-in' ? 'no sign-in followed' : 'these logs do not cover its window'}`);
      }
      for (const a of view.accounts) for (const g of a.gaps) io.out(`gap: no record of ${a.accountId} from ${formatUtc(g.from)} to ${formatUtc(g.to)} (${g.hours} h)`);
      if (view.accountsWithoutRecords.length > 0) io.out(`note: no record at all for ${view.accountsWithoutRecords.join(', ')}`);
      if (!view.auditChainIntact) io.out('AUDIT TRAIL BROKEN: the kiosk audit trail does not verify, so nothing on it can explain root activity. Run `strongroom audit verify`.');
      for (const f of view.findings) io.out(`UNEXPLAINED: ${f.sentence}`);
      io.out(
        `${view.allExplained ? 'All root activity is explained.' : `${view.findings.length} unexplained item(s).`} Report fingerprint ${view.report.fingerprint.slice(0, 16)}${copiedTo ? `, saved to ${copiedTo}` : ''}; kept at ${savedTo}.`,
      );
      return view.allExplained ? 0 : 1;
    },
  },
};
