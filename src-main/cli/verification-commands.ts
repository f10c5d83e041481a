import { StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import type { CliContext, CommandRuns } from './cli-command';
import type { MasterKeyInput } from '../app/master-keys';
import { readMasterKey } from './master-key-input';
import { usageError } from './cli-options';
import { listOption } from './option-values';
import { VERIFY_USAGE } from './verification-command-specs';

/**
 * The token step on the command line: every key plugged in now, then each typed serial, presented in turn; a
 * presentation refused (a FIDO key named only by its serial, a key hiding its serial) is said and the step goes
 * on, so the check that closes it says what is still missing.
 */
async function verifyTokens(context: CliContext, runId: string, serials: readonly string[], notPresented: readonly { tokenId: string; reason: string }[]): Promise<{ passed: boolean }> {
  const { app, io, json } = context;
  const plugged = await app.tokenFeed.refresh();
  const presentations = [...plugged.map((d) => ({ detectedDeviceId: d.deviceId })), ...serials.map((typedSerial) => ({ typedSerial }))];
  for (const identification of presentations) {
    try {
      await app.verification.presentToken(runId, identification);
    } catch (error) {
      if (!(error instanceof StrongroomError)) throw error;
      if (!json) io.err(`NOT PRESENTED (${error.code}): ${error.message}`);
    }
  }
  for (const { tokenId, reason } of notPresented) {
    try {
      app.verification.recordTokenNotPresented(runId, tokenId, reason);
    } catch (error) {
      if (!(error instanceof StrongroomError)) throw error;
      if (!json) io.err(`REASON NOT RECORDED (${error.code}): ${error.message}`);
    }
  }
  const step = app.verification.closeTokenCheck(runId);
  const result = step.result!;
  if (!json) {
    io.out(`Tokens: ${result.passed ? 'PASSED' : 'FAILED'} (${result.presented} of ${result.expected} in the safe presented)`);
    for (const row of result.rows) io.out(`  ${row.passed ? 'pass' : 'FAIL'}  ${row.token}: ${row.sentence}`);
  }
  return { passed: result.passed };
}

/** `--not-presented TOKEN-03="Safe B was not opened today"`: the token, then why, after the first '='. */
function notPresentedOption(value: unknown): { tokenId: string; reason: string }[] {
  const given = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return given.map((entry: string) => {
    const at = entry.indexOf('=');
    if (at <= 0 || entry.slice(at + 1).trim() === '') {
      throw usageError(`--not-presented takes a token id and why it is not presented: --not-presented TOKEN-03="Safe B was not opened today" (got "${entry}").`, { option: '--not-presented' });
    }
    return { tokenId: entry.slice(0, at).trim(), reason: entry.slice(at + 1).trim() };
  });
}

export const verificationRuns: CommandRuns = {
  'verify': {
    async run(context) {
      const { app, io, json, args, options } = context;
      const seals = typeof options['seals'] === 'string' ? options['seals'].split(',').map((s) => s.trim()) : [];
      const newSeals = typeof options['new-seals'] === 'string' ? options['new-seals'].split(',').map((s) => s.trim()) : [];
      const physicalOk = options['physical-ok'] === true ? 'yes' : 'not-checked';
      const withTokens = options['tokens'] === true;
      const tokenSerials = listOption(options['token-serials']);
      if (tokenSerials.length > 0 && !withTokens) throw usageError('--token-serials goes with --tokens (the token step of the verification).', { option: '--token-serials' });
      const notPresented = notPresentedOption(options['not-presented']);
      if (notPresented.length > 0 && !withTokens) throw usageError('--not-presented goes with --tokens (the token step of the verification).', { option: '--not-presented' });
      if (args.length === 0 && !withTokens) throw usageError(`"strongroom verify" needs the mount points of the sticks to verify. To check only the tokens of the safe, add --tokens. Usage: strongroom ${VERIFY_USAGE}`);
      // One reading of the drives tells every stick's role (which passphrases to ask for); each stick is read
      // again right before its own check, since that check judges identity and separation on what is there then.
      const found = args.length > 0 ? await app.media.findEach(args) : [];
      const roles = found.map((medium) => medium.manifest?.role ?? null);
      // Passphrases in the usual order: the vault's first, then the seed store's, each only if needed.
      const passphrases: Partial<Record<MediumRole, MasterKeyInput>> = {};
      if (roles.includes('vault')) passphrases.vault = await readMasterKey(context, 'vault');
      if (roles.includes('seed')) passphrases.seed = await readMasterKey(context, 'seed');

      const run = app.verification.startRun();
      let failures = 0;
      const results = [];
      for (const [index, path] of args.entries()) {
        const role = roles[index] ?? 'vault';
        const result = await app.verification.verifyMedium(run.runId, path, passphrases[role] ?? '', {
          sealSerial: seals[index] || null,
          bagIntact: physicalOk,
          locationConfirmed: physicalOk,
          newSealSerial: newSeals[index] || null,
        });
        results.push(result);
        if (result.outcome !== 'passed') failures += 1;
        if (!json) {
          io.out(`${result.mediumId}: ${result.outcome.toUpperCase()}`);
          for (const check of result.checks) io.out(`  ${check.status === 'not-checked' ? 'open' : check.passed ? 'pass' : 'FAIL'}  ${check.name}: ${check.sentence}`);
          for (const warning of result.witnessWarnings) io.err(`WARNING: ${warning}`);
        }
      }
      if (withTokens) {
        const tokenCheck = await verifyTokens(context, run.runId, tokenSerials, notPresented);
        if (!tokenCheck.passed) failures += 1;
      }
      // The same finish as the window's: the report is kept in the kiosk's reports/ folder, and --report adds a copy.
      const copyTo = typeof options['report'] === 'string' ? options['report'] : undefined;
      const report = await app.verificationReports.finish(run.runId, copyTo !== undefined ? { copyTo } : {});
      if (json) io.out(JSON.stringify({ runId: run.runId, allPassed: failures === 0, reportFingerprint: report.fingerprint, media: results, tokens: report.tokens, savedTo: report.savedTo }, null, 2));
      else io.out(`${failures === 0 ? 'Every check passed' : `${failures} ${withTokens ? 'part(s) of the run' : 'medium(s)'} failed or are incomplete`}. Report fingerprint ${report.fingerprint.slice(0, 16)}${copyTo !== undefined ? `, saved to ${copyTo}` : ''}; kept at ${report.savedTo}.`);
      return failures === 0 ? 0 : 1;
    },
  },
  'due': {
    run({ app, io, json }) {
      const schedule = app.verification.schedule();
      const alerts = app.overview.alerts();
      if (json) {
        io.out(JSON.stringify({ ...schedule, alerts }, null, 2));
        return 0;
      }
      const when = (entry: { status: string; daysLeft: number; nextDueAt: string }) =>
        entry.status === 'overdue' ? `OVERDUE by ${-entry.daysLeft} days (was due ${entry.nextDueAt.slice(0, 10)})` : entry.status === 'due-soon' ? `due in ${entry.daysLeft} days (${entry.nextDueAt.slice(0, 10)})` : `due ${entry.nextDueAt.slice(0, 10)}`;
      if (schedule.due.length === 0) io.out('No medium is labelled yet.');
      for (const entry of schedule.due) {
        io.out(`${entry.mediumId.padEnd(9)} ${entry.role.padEnd(5)} ${entry.locationKind.padEnd(7)} last verified ${entry.lastVerifiedAt?.slice(0, 10) ?? 'never'}  ${when(entry)}`);
      }
      for (const token of schedule.tokens) io.out(`${token.tokenId.padEnd(9)} token ${token.location}: last verified ${token.lastVerifiedAt?.slice(0, 10) ?? 'never'}  ${when(token)}`);
      for (const replica of schedule.replicas) for (const warning of replica.warnings) io.out(`WARNING: ${warning}`);
      for (const alert of alerts) io.out(`${alert.severity === 'act' ? 'ACT' : 'NOTE'}: ${alert.sentence}`);
      return 0;
    },
  },
};
