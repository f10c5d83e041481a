import { hidSentence, toDetectedTokenView, toTokenReportView } from '../app/token-card';
import type { TokenIdentification } from '../app/token-desk';
import type { TokenRecord } from '../catalog/token-store';
import type { StrongroomApp } from '../app/strongroom-app';
import { ErrorCode, StrongroomError } from '../core/errors';
import { checkTokenAction, parseTokenKind } from '../core/token';
import type { TokenView } from '../contract/token-views';
import type { CliContext, CommandRun, CommandRuns } from './cli-command';
import { usageError } from './cli-options';
import { printOutcome, listingRun, subjectChangeRun } from './command-kit';

function text(options: CliContext['options'], name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

function required(options: CliContext['options'], name: string, usage: string): string {
  const value = text(options, name);
  if (value === undefined) throw usageError(`--${name} is missing. Usage: strongroom ${usage}`, { option: `--${name}` });
  return value;
}

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');

function line(token: TokenView): string {
  const accounts = token.accounts.length ? token.accounts.map((a) => `${a.accountId}${a.name ? ` (${a.name})` : ''}`).join(', ') : 'no account';
  const out = token.checkout
    ? `checked out to ${token.checkout.custodians.join(' and ')} since ${token.checkout.checkedOutAt} (due back ${token.checkout.dueAt}${token.checkout.overdue ? ', OVERDUE' : ''}): ${token.checkout.reason}`
    : `${token.stateWords}${token.stateReason && !token.counts ? `: ${token.stateReason}` : ''}`;
  return `${token.tokenId}  ${token.kindWords}  ${[token.make, token.model].filter(Boolean).join(' ')}  serial ${token.serial}  kept: ${token.location}  ${out}  accounts: ${accounts}`;
}

/** One token change: run it, print the token as it now is. */
function tokenChangeRun(
  usage: string,
  change: (context: CliContext, tokenId: string) => Promise<TokenView> | TokenView,
  said: (token: TokenView) => string,
): CommandRun {
  return subjectChangeRun({
    unnamed: `Name the token (like TOKEN-07). Usage: strongroom ${usage}`,
    unnamedDetails: { argument: 'token' },
    change,
    said,
  });
}

const view = (app: StrongroomApp, token: TokenRecord) => app.tokens.view(token);

/**
 * A check-in must show the token is back. With --serial, the serial typed from the token; without, the token
 * plugged in now and read over USB.
 */
async function checkInIdentification(app: StrongroomApp, rawTokenId: string, serial: string | undefined): Promise<TokenIdentification> {
  if (serial !== undefined) return { typedSerial: serial };
  // Say "not checked out" or "no such token" before looking at USB at all.
  const { tokenId, state } = app.tokens.get(rawTokenId);
  checkTokenAction(tokenId, state, 'check in');
  const status = await app.tokenFeed.status();
  if (!status.available) throw new StrongroomError(ErrorCode.HidUnavailable, `${status.reason} Type the serial printed on the token instead: --serial SERIAL.`);
  const inventory = app.tokens.list();
  const detected = (await app.tokenFeed.refresh()).map((d) => toDetectedTokenView(d, inventory));
  const match = detected.find((d) => d.match.outcome !== 'unknown' && 'tokenId' in d.match && d.match.tokenId === tokenId);
  if (match) return { detectedDeviceId: match.deviceId };
  const seen = detected.length ? ` Plugged in now: ${detected.map((d) => d.sentence).join(' ')}` : ' No token is plugged in.';
  throw new StrongroomError(ErrorCode.TokenNotIdentified, `${tokenId} was not found among the plugged-in tokens.${seen} Plug it in, or type its serial: --serial SERIAL.`);
}

function reregisterSentence(token: TokenView): string {
  const accounts = token.accounts.map((a) => `${a.accountId}${a.name ? ` (${a.name})` : ''}`);
  return accounts.length
    ? `${token.tokenId} is recorded as ${token.stateWords}. Deregister this MFA device in AWS and register a replacement on: ${accounts.join(', ')}; then "strongroom tokens unassign ${token.tokenId} --accounts ..." records it.`
    : `${token.tokenId} is recorded as ${token.stateWords}; it is registered on no account.`;
}

export const tokenRuns: CommandRuns = {
  'tokens add': {
    run({ app, io, json, options }) {
      const usage = 'tokens add --kind fido|totp --serial S --model M --location L';
      const aaguid = text(options, 'aaguid');
      const make = text(options, 'make');
      const token = app.tokens.add({
        kind: parseTokenKind(required(options, 'kind', usage)),
        serial: required(options, 'serial', usage),
        model: required(options, 'model', usage),
        location: required(options, 'location', usage),
        accountIds: list(text(options, 'accounts')),
        ...(make !== undefined ? { make } : {}),
        ...(aaguid !== undefined ? { aaguid } : {}),
      });
      printOutcome({ io, json }, view(app, token), `Added ${token.tokenId}: ${line(view(app, token))}`);
      return 0;
    },
  },
  'tokens list': listingRun({
    read: (app) => app.tokens.list().map((t) => view(app, t)),
    empty: 'The token inventory is empty.',
    line,
  }),
  'tokens assign': tokenChangeRun(
    'tokens assign TOKEN-ID --accounts ID,ID',
    ({ app, options }, id) => view(app, app.tokens.assign(id, list(required(options, 'accounts', 'tokens assign TOKEN-ID --accounts ID,ID')))),
    (t) => `${t.tokenId} is registered on ${t.accounts.map((a) => a.accountId).join(', ')}.`,
  ),
  'tokens unassign': tokenChangeRun(
    'tokens unassign TOKEN-ID --accounts ID,ID',
    ({ app, options }, id) => view(app, app.tokens.unassign(id, list(required(options, 'accounts', 'tokens unassign TOKEN-ID --accounts ID,ID')))),
    (t) => `${t.tokenId} is registered on ${t.accounts.map((a) => a.accountId).join(', ') || 'no account'}.`,
  ),
  'tokens lost': tokenChangeRun(
    'tokens lost TOKEN-ID --reason TEXT',
    ({ app, options }, id) => view(app, app.tokens.reportLost(id, required(options, 'reason', 'tokens lost TOKEN-ID --reason TEXT'))),
    reregisterSentence,
  ),
  'tokens revoke': tokenChangeRun(
    'tokens revoke TOKEN-ID --reason TEXT',
    ({ app, options }, id) => view(app, app.tokens.revoke(id, required(options, 'reason', 'tokens revoke TOKEN-ID --reason TEXT'))),
    reregisterSentence,
  ),
  'tokens destroy': tokenChangeRun(
    'tokens destroy TOKEN-ID --reason TEXT',
    ({ app, options }, id) => view(app, app.tokens.destroy(id, required(options, 'reason', 'tokens destroy TOKEN-ID --reason TEXT'))),
    (t) => `${t.tokenId} is recorded as destroyed.`,
  ),
  'tokens checkout': tokenChangeRun(
    'tokens checkout TOKEN-ID --reason TEXT [--to "Name A,Name B"] [--hours N]',
    ({ app, options, custodian }, id) => {
        const hours = text(options, 'hours');
        const custodians = list(text(options, 'to'));
        return view(
          app,
          app.tokens.checkOut({
            tokenId: id,
            reason: required(options, 'reason', 'tokens checkout TOKEN-ID --reason TEXT'),
            custodians: custodians.length ? custodians : [custodian ?? ''],
            ...(hours !== undefined ? { returnWithinHours: Number(hours) } : {}),
          }),
        );
      },
    (t) => `${t.tokenId} (${t.model}, serial ${t.serial}) is checked out to ${t.checkout?.custodians.join(' and ')}; take it from ${t.location} and bring it back by ${t.checkout?.dueAt}.`,
  ),
  'tokens checkin': tokenChangeRun(
    'tokens checkin TOKEN-ID [--serial SERIAL]',
    async ({ app, options }, id) => view(app, await app.tokens.checkIn(id, await checkInIdentification(app, id, text(options, 'serial')))),
    (t) => `${t.tokenId} is back ${t.stateWords} (${t.location}); identified by ${t.lastSeenHow === 'hid' ? 'reading it over USB' : 'its typed serial'}.`,
  ),
  'tokens detect': {
    async run({ app, io, json }) {
      const hid = hidSentence(await app.tokenFeed.status());
      const inventory = app.tokens.list();
      const detected = (await app.tokenFeed.refresh()).map((d) => toDetectedTokenView(d, inventory));
      if (json) {
        io.out(JSON.stringify({ hid, detected }, null, 2));
        return 0;
      }
      if (!hid.available) io.out(hid.sentence);
      else if (detected.length === 0) io.out('No security key is plugged in.');
      for (const d of detected) {
        const read = [d.fido?.aaguid ? `AAGUID ${d.fido.aaguid}` : null, d.fido ? d.fido.versions.join('/') : null, d.serial ? `serial ${d.serial.value} (${d.serial.sourceWords})` : null].filter(Boolean);
        io.out(`${[d.manufacturer, d.product].filter(Boolean).join(' ') || d.usbId}: ${read.join(', ') || 'nothing read'}. ${d.sentence}`);
        for (const problem of d.problems) io.out(`  ${problem}`);
      }
      return 0;
    },
  },
  'tokens report': {
    run({ app, io, json }) {
      const report = toTokenReportView(app.tokens.report(), app.tokens.overdue());
      if (json) {
        io.out(JSON.stringify(report, null, 2));
        return 0;
      }
      io.out(`Root MFA across ${report.accountsChecked} account(s) under custody:`);
      const section = (title: string, rows: readonly string[]) => io.out(`\n${title}: ${rows.length === 0 ? 'none' : `${rows.length}\n${rows.map((r) => `  ${r}`).join('\n')}`}`);
      section('Accounts without hardware MFA', report.accountsWithoutHardwareMfa.map((a) => `${a.accountId} ${a.name}: ${a.note}`));
      section('Accounts resting on a single MFA device', report.accountsWithSingleMfaDevice.map((a) => `${a.accountId} ${a.name}: ${a.device}`));
      section('Lost or revoked tokens still registered', report.accountsToReregister.map((a) => a.sentence));
      section(`Tokens not seen for more than ${report.intervalDays} days`, report.tokensNotSeen.map((t) => `${t.tokenId} ${t.model} serial ${t.serial}: ${t.lastSeenAt ? `last seen ${t.lastSeenAt.slice(0, 10)}` : 'never seen since it was added'} (${t.daysUnseen} days)`));
      section('Check-outs overdue', report.overdueCheckouts.map((c) => `${c.tokenId} with ${c.custodians.join(' and ')}, due back ${c.dueAt}`));
      return 0;
    },
  },
};
