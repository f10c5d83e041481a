import { hidSentence, toDetectedTokenView, toTokenReportView } from '../app/token-card';
import type { TokenIdentification } from '../app/token-desk';
import type { TokenRecord } from '../catalog/token-store';
import type { StrongroomApp } from '../app/strongroom-app';
import { ErrorCode, StrongroomError } from '../core/errors';
import { checkTokenAction, parseTokenKind } from '../core/token';
import type { TokenView } from '../contract/token-views';
import type { CliCommand, CliContext } from './cli-command';
import { FORMS, usageError } from './cli-options';
import { listingCommand, printOutcome, subjectChangeCommand } from './command-kit';

function text(options: CliContext['options'], name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

function required(options: CliContext['options'], name: string, usage: string): string {
  const value = text(options, name);
  if (value === undefined) throw usageError(`--${name} is missing. Usage: strongroom ${usage}`, { option: `--${name}` });
  return value;
}

const ACCOUNT_LIST = {
  type: 'string',
  form: 'a comma-separated list of 12-digit account ids',
  accepts: (v: string) => v.split(',').every((id) => /^\s*\d{12}\s*$/.test(id)),
} as const;
const REASON = { type: 'string', form: 'the reason, in words' } as const;

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');

function line(token: TokenView): string {
  const accounts = token.accounts.length ? token.accounts.map((a) => `${a.accountId}${a.name ? ` (${a.name})` : ''}`).join(', ') : 'no account';
  const out = token.checkout
    ? `checked out to ${token.checkout.custodians.join(' and ')} since ${token.checkout.checkedOutAt} (due back ${token.checkout.dueAt}${token.checkout.overdue ? ', OVERDUE' : ''}): ${token.checkout.reason}`
    : `${token.stateWords}${token.stateReason && !token.counts ? `: ${token.stateReason}` : ''}`;
  return `${token.tokenId}  ${token.kindWords}  ${[token.make, token.model].filter(Boolean).join(' ')}  serial ${token.serial}  kept: ${token.location}  ${out}  accounts: ${accounts}`;
}

/** One token change: run it, print the token as it now is. */
function changeCommand(
  words: string,
  usage: string,
  summary: string,
  options: CliCommand['options'],
  change: (context: CliContext, tokenId: string) => Promise<TokenView> | TokenView,
  said: (token: TokenView) => string,
): CliCommand {
  return subjectChangeCommand({
    words: ['tokens', words],
    usage,
    summary,
    ...(options ? { options } : {}),
    subject: 'a token id such as TOKEN-07',
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

export const tokenCommands: readonly CliCommand[] = [
  {
    words: ['tokens', 'add'],
    usage: 'tokens add --kind fido|totp --serial S --model M [--make X] --location "Safe A, shelf 2" [--accounts ID,ID] [--aaguid UUID]',
    summary: 'Add a hardware MFA token (FIDO security key or TOTP display token) to the inventory.',
    options: {
      kind: { type: 'string', form: 'fido or totp', accepts: (v) => /^\s*(fido|totp)\s*$/i.test(v) },
      serial: { type: 'string', form: 'the serial printed on the token' },
      model: { type: 'string', form: 'the model, such as "YubiKey 5 NFC"' },
      make: { type: 'string', form: 'the maker, such as Yubico' },
      location: { type: 'string', form: 'where it is kept, such as "Safe A, shelf 2"' },
      accounts: ACCOUNT_LIST,
      aaguid: { type: 'string', form: 'a FIDO AAGUID such as cb69481e-8ff7-4039-93ec-0a2729a154a8' },
    },
    needsCustodian: true,
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
  listingCommand({
    words: ['tokens', 'list'],
    usage: 'tokens list [--json]',
    summary: 'List the token inventory: state, who has a token out and since when, the accounts each protects.',
    read: (app) => app.tokens.list().map((t) => view(app, t)),
    empty: 'The token inventory is empty.',
    line,
  }),
  changeCommand(
    'assign',
    'tokens assign TOKEN-ID --accounts ID,ID',
    'Record that a token is registered as an MFA device on these accounts in AWS.',
    { accounts: ACCOUNT_LIST },
    ({ app, options }, id) => view(app, app.tokens.assign(id, list(required(options, 'accounts', 'tokens assign TOKEN-ID --accounts ID,ID')))),
    (t) => `${t.tokenId} is registered on ${t.accounts.map((a) => a.accountId).join(', ')}.`,
  ),
  changeCommand(
    'unassign',
    'tokens unassign TOKEN-ID --accounts ID,ID',
    'Record that a token was deregistered in AWS from these accounts.',
    { accounts: ACCOUNT_LIST },
    ({ app, options }, id) => view(app, app.tokens.unassign(id, list(required(options, 'accounts', 'tokens unassign TOKEN-ID --accounts ID,ID')))),
    (t) => `${t.tokenId} is registered on ${t.accounts.map((a) => a.accountId).join(', ') || 'no account'}.`,
  ),
  changeCommand(
    'lost',
    'tokens lost TOKEN-ID --reason TEXT',
    'Record a token as lost; the accounts it protected are flagged for a replacement.',
    { reason: REASON },
    ({ app, options }, id) => view(app, app.tokens.reportLost(id, required(options, 'reason', 'tokens lost TOKEN-ID --reason TEXT'))),
    reregisterSentence,
  ),
  changeCommand(
    'revoke',
    'tokens revoke TOKEN-ID --reason TEXT',
    'Record a token as revoked (no longer to be used); the accounts it protected are flagged.',
    { reason: REASON },
    ({ app, options }, id) => view(app, app.tokens.revoke(id, required(options, 'reason', 'tokens revoke TOKEN-ID --reason TEXT'))),
    reregisterSentence,
  ),
  changeCommand(
    'destroy',
    'tokens destroy TOKEN-ID --reason TEXT',
    'Record a token as destroyed (refused while AWS may still expect it).',
    { reason: REASON },
    ({ app, options }, id) => view(app, app.tokens.destroy(id, required(options, 'reason', 'tokens destroy TOKEN-ID --reason TEXT'))),
    (t) => `${t.tokenId} is recorded as destroyed.`,
  ),
  changeCommand(
    'checkout',
    'tokens checkout TOKEN-ID --reason TEXT [--to "Name A,Name B"] [--hours N]',
    'Check a token out of the safe to named custodians, with a reason and a time to return it by.',
    { reason: REASON, to: { type: 'string', form: 'the custodians\' names, comma-separated, such as "Alice,Bob"' }, hours: { type: 'string', ...FORMS.wholeNumber } },
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
  changeCommand(
    'checkin',
    'tokens checkin TOKEN-ID [--serial SERIAL]',
    'Check a token back in: plugged in and read over USB, or by the serial printed on it.',
    { serial: { type: 'string', form: 'the serial printed on the token' } },
    async ({ app, options }, id) => view(app, await app.tokens.checkIn(id, await checkInIdentification(app, id, text(options, 'serial')))),
    (t) => `${t.tokenId} is back ${t.stateWords} (${t.location}); identified by ${t.lastSeenHow === 'hid' ? 'reading it over USB' : 'its typed serial'}.`,
  ),
  {
    words: ['tokens', 'detect'],
    usage: 'tokens detect [--json]',
    summary: 'List the security keys plugged in now, with what was read from each and which token it is.',
    needsCustodian: false,
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
  {
    words: ['tokens', 'report'],
    usage: 'tokens report [--json]',
    summary: 'CIS-style summary: accounts without hardware MFA or with one MFA device, tokens to replace, tokens not seen.',
    needsCustodian: false,
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
];

function reregisterSentence(token: TokenView): string {
  const accounts = token.accounts.map((a) => `${a.accountId}${a.name ? ` (${a.name})` : ''}`);
  return accounts.length
    ? `${token.tokenId} is recorded as ${token.stateWords}. Deregister this MFA device in AWS and register a replacement on: ${accounts.join(', ')}; then "strongroom tokens unassign ${token.tokenId} --accounts ..." records it.`
    : `${token.tokenId} is recorded as ${token.stateWords}; it is registered on no account.`;
}
