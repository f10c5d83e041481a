import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodianCli, ensureCliBuilt, runCli } from '../support/cli';

describe('the token inventory from the command line', () => {
  let work: string;
  let home: string;
  let strongroom: ReturnType<typeof custodianCli>;

  beforeAll(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-tokens-'));
    home = join(work, 'home');
    const media = join(work, 'media');
    mkdirSync(media, { recursive: true });
    strongroom = custodianCli(home, media);
    const csv = join(work, 'accounts.csv');
    writeFileSync(csv, 'Account #,Account Name,Account Email\n111111111111,legal-hold,aws+legal@example.com\n222222222222,prod-data,aws+data@example.com\n');
    expect(strongroom(['accounts', 'import', csv]).code).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('adds, checks out, refuses an unidentified check-in, checks in by serial, and reports', { timeout: 120_000 }, () => {
    const added = strongroom(['tokens', 'add', '--kind', 'fido', '--serial', '12345678', '--model', 'YubiKey 5 NFC', '--make', 'Yubico', '--location', 'Safe A, shelf 2', '--accounts', '111111111111', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ tokenId: 'TOKEN-01', state: 'in-safe', accounts: [{ accountId: '111111111111', name: 'legal-hold' }] });

    const duplicate = strongroom(['tokens', 'add', '--kind', 'fido', '--serial', '0012 345 678', '--model', 'YubiKey 5C', '--location', 'Safe B']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('DUPLICATE_TOKEN_SERIAL: The serial 0012 345 678 is already in the inventory as TOKEN-01');
    const blank = strongroom(['tokens', 'add', '--kind', 'totp', '--serial', ' ', '--model', 'Display', '--location', 'Safe B']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('USAGE: --serial takes the serial printed on the token');
    const badKind = strongroom(['tokens', 'add', '--kind', 'sms', '--serial', 'X1', '--model', 'Display', '--location', 'Safe B']);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('USAGE: --kind takes fido or totp');

    const out = strongroom(['tokens', 'checkout', 'TOKEN-01', '--reason', 'break-glass for legal-hold', '--to', 'Dana Whitfield,Sam Okafor', '--hours', '4']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('TOKEN-01 (YubiKey 5 NFC, serial 12345678) is checked out to Dana Whitfield and Sam Okafor; take it from Safe A, shelf 2');

    const listed = runCli(['--home', home, 'tokens', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ tokenId: 'TOKEN-01', state: 'checked-out', checkout: { custodians: ['Dana Whitfield', 'Sam Okafor'], reason: 'break-glass for legal-hold', overdue: false } }]);

    // No key is plugged into this machine: a bare check-in cannot identify the token and changes nothing.
    const unidentified = strongroom(['tokens', 'checkin', 'TOKEN-01']);
    expect(unidentified.code).toBe(1);
    expect(unidentified.stderr).toMatch(/^(TOKEN_NOT_IDENTIFIED: TOKEN-01 was not found among the plugged-in tokens\. No token is plugged in\.|HID_UNAVAILABLE: )/);
    expect(strongroom(['tokens', 'checkin', 'TOKEN-01', '--serial', '87654321']).stderr).toContain('TOKEN_NOT_IDENTIFIED: TOKEN-01 was not checked in: No token in the inventory has the serial 87654321.');

    const back = strongroom(['tokens', 'checkin', 'TOKEN-01', '--serial', '1234-5678']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('TOKEN-01 is back in the safe (Safe A, shelf 2); identified by its typed serial.');

    const detect = runCli(['--home', home, 'tokens', 'detect', '--json']);
    expect(detect.code).toBe(0);
    expect(JSON.parse(detect.stdout)).toMatchObject({ hid: { available: true }, detected: [] });

    const lost = strongroom(['tokens', 'lost', 'TOKEN-01', '--reason', 'left in a taxi']);
    expect(lost.stdout).toContain('Deregister this MFA device in AWS and register a replacement on: 111111111111 (legal-hold)');
    const report = JSON.parse(runCli(['--home', home, 'tokens', 'report', '--json']).stdout);
    expect(report.accountsToReregister).toMatchObject([{ accountId: '111111111111', tokenId: 'TOKEN-01', state: 'lost' }]);
    expect(report.accountsWithoutHardwareMfa.map((a: { accountId: string }) => a.accountId).sort()).toEqual(['111111111111', '222222222222']);
    expect(runCli(['--home', home, 'tokens', 'report']).stdout).toContain('Lost or revoked tokens still registered: 1');

    const destroyed = strongroom(['tokens', 'destroy', 'TOKEN-01', '--reason', 'shredded']);
    expect(destroyed.stderr).toContain('TOKEN_STATE_REFUSED: TOKEN-01 is lost, so it cannot be destroyed.');

    const audit = runCli(['--home', home, 'audit', 'list', '--json']);
    const actions = JSON.parse(audit.stdout).events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['token.added', 'token.checked-out', 'token.check-in-refused', 'token.checked-in', 'token.lost']));
    expect(runCli(['--home', home, 'audit', 'verify']).code).toBe(0);
  });
});
