import { afterEach, describe, expect, it } from 'vitest';
import { fakeOtherFidoKey, fakeYubiKey, YUBIKEY_5_NFC_AAGUID } from '../support/fake-hid';
import { tokenKiosk } from '../support/token-kiosk';
import { registerAndSignIn } from '../support/custodians';

describe('the token inventory', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function kiosk() {
    const k = tokenKiosk();
    cleanup = k.cleanup;
    return k;
  }

  const yubikey = { kind: 'fido' as const, serial: '12345678', make: 'Yubico', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2' };
  const display = { kind: 'totp' as const, serial: 'GAHT-0042', model: 'Gemalto display token', location: 'Safe A, shelf 3' };

  it('adds tokens as TOKEN-01, TOKEN-02 with the accounts they protect, each on the audit trail', () => {
    const { app } = kiosk();
    const first = app.tokens.add({ ...yubikey, accountIds: ['111111111111', '222222222222'] });
    const second = app.tokens.add({ ...display, accountIds: ['333333333333'] });
    expect(first).toMatchObject({ tokenId: 'TOKEN-01', state: 'in-safe', accountIds: ['111111111111', '222222222222'], addedBy: 'Dana Whitfield', lastSeenAt: null });
    expect(second).toMatchObject({ tokenId: 'TOKEN-02', kind: 'totp', serial: 'GAHT-0042' });
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.added', subject: 'TOKEN-02', custodian: 'Dana Whitfield', details: { kind: 'totp', serial: 'GAHT-0042', accounts: ['333333333333'] } });
    expect(app.tokens.tokensFor('111111111111').map((t) => t.tokenId)).toEqual(['TOKEN-01']);
  });

  it('refuses a blank serial, and a serial already in the inventory however it is typed', () => {
    const { app } = kiosk();
    app.tokens.add(yubikey);
    app.tokens.add(display);
    const events = app.catalog.audit.list().length;
    for (const serial of ['', '   ', '--']) expect(() => app.tokens.add({ ...display, serial })).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN_SERIAL' }));
    for (const serial of ['0012345678', ' 1234 5678 ', 'gaht 0042', 'GAHT.0042']) {
      expect(() => app.tokens.add({ ...display, serial })).toThrow(expect.objectContaining({ code: 'DUPLICATE_TOKEN_SERIAL' }));
    }
    expect(() => app.tokens.add({ ...display, serial: 'GАHT0043' })).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN_SERIAL' }));
    expect(app.tokens.list()).toHaveLength(2);
    expect(app.catalog.audit.list()).toHaveLength(events);
  });

  it('refuses an unknown account, an account without root credentials, and a ninth MFA device', () => {
    const { app } = kiosk();
    expect(() => app.tokens.add({ ...yubikey, accountIds: ['999999999999'] })).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }));
    expect(() => app.tokens.add({ ...yubikey, accountIds: ['12345'] })).toThrow(expect.objectContaining({ code: 'INVALID_ACCOUNT_ID' }));
    app.accounts.add({ accountId: '444444444444', name: 'central', rootEmail: 'aws+central@example.com', rootCredentialStatus: 'removed-centrally' });
    expect(() => app.tokens.add({ ...yubikey, accountIds: ['444444444444'] })).toThrow(/no root credentials/);
    expect(app.tokens.list()).toEqual([]);
    for (let i = 1; i <= 8; i += 1) app.tokens.add({ ...yubikey, serial: `9000${i}`, accountIds: ['222222222222'] });
    expect(() => app.tokens.add({ ...yubikey, serial: '90009', accountIds: ['222222222222'] })).toThrow(expect.objectContaining({ code: 'MFA_DEVICE_LIMIT' }));
    // A lost token no longer counts towards the limit.
    app.tokens.reportLost('TOKEN-01', 'dropped in the car park');
    expect(app.tokens.add({ ...yubikey, serial: '90009', accountIds: ['222222222222'] }).tokenId).toBe('TOKEN-09');
  });

  it('registers and deregisters a token on accounts, keeping the history', () => {
    const { app } = kiosk();
    app.tokens.add(yubikey);
    expect(app.tokens.assign('token-01', ['111111111111', '222222222222']).accountIds).toEqual(['111111111111', '222222222222']);
    expect(() => app.tokens.assign('TOKEN-01', ['111111111111'])).toThrow(/already registered/);
    expect(app.tokens.unassign('TOKEN-01', ['111111111111']).accountIds).toEqual(['222222222222']);
    expect(() => app.tokens.unassign('TOKEN-01', ['111111111111'])).toThrow(/not registered on 111111111111/);
    expect(() => app.tokens.assign('TOKEN-99', ['111111111111'])).toThrow(expect.objectContaining({ code: 'TOKEN_NOT_FOUND' }));
    const rows = app.catalog.db.prepare('SELECT account_id, deregistered_at IS NOT NULL AS ended FROM token_registrations ORDER BY id').all();
    expect(rows).toEqual([{ account_id: '111111111111', ended: 1 }, { account_id: '222222222222', ended: 0 }]);
    expect(app.catalog.audit.list({ limit: 3 }).map((e) => e.action)).toEqual(['token.deregistered', 'token.registered', 'token.added']);
  });

  it('checks a token out to named custodians with a reason, and back in only when its typed serial matches', async () => {
    const { app, clock } = kiosk();
    app.tokens.add({ ...display, accountIds: ['333333333333'] });
    const out = app.tokens.checkOut({ tokenId: 'TOKEN-01', custodians: ['Dana Whitfield', 'Sam Okafor'], reason: 'break-glass for legal-hold', returnWithinHours: 4 });
    expect(out.state).toBe('checked-out');
    expect(out.openCheckout).toMatchObject({ custodians: ['Dana Whitfield', 'Sam Okafor'], reason: 'break-glass for legal-hold', dueAt: '2026-11-23T13:00:00.000Z' });
    expect(() => app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: 'again please' })).toThrow(expect.objectContaining({ code: 'TOKEN_STATE_REFUSED' }));
    expect(() => app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: '' })).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN_DETAILS' }));

    clock.advanceMinutes(5 * 60);
    registerAndSignIn(app, 'Dana Whitfield');
    expect(app.tokens.overdue().map((c) => c.tokenId)).toEqual(['TOKEN-01']);
    await expect(app.tokens.checkIn('TOKEN-01', { typedSerial: 'GAHT-0043' })).rejects.toMatchObject({ code: 'TOKEN_NOT_IDENTIFIED' });
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.check-in-refused', subject: 'TOKEN-01', details: { outcome: 'unknown' } });
    expect(app.tokens.get('TOKEN-01').state).toBe('checked-out');

    const back = await app.tokens.checkIn('TOKEN-01', { typedSerial: 'gaht0042' });
    expect(back).toMatchObject({ state: 'in-safe', openCheckout: null, lastSeenHow: 'typed-serial', lastSeenAt: clock.now().toISOString() });
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.checked-in', details: { how: 'typed-serial', overdue: true, custodians: ['Dana Whitfield', 'Sam Okafor'] } });
    expect(app.tokens.overdue()).toEqual([]);
    expect(app.catalog.tokens.checkoutHistory('TOKEN-01')).toMatchObject([{ closedHow: 'typed-serial', closedBy: 'Dana Whitfield' }]);
  });

  it('checks a YubiKey back in when it is plugged in and its serial is read over HID', async () => {
    const { app, hid } = kiosk();
    app.tokens.add({ ...yubikey, aaguid: YUBIKEY_5_NFC_AAGUID, accountIds: ['111111111111'] });
    app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: 'root sign-in drill' });
    await expect(app.tokens.checkIn('TOKEN-01', { detectedDeviceId: 'hid-0000000000000000' })).rejects.toThrow(/no longer plugged in/);

    hid.plug(fakeYubiKey({ serial: 12345678 }));
    const [detected] = await app.tokenFeed.refresh();
    expect((await app.tokens.identify({ detectedDeviceId: detected!.deviceId })).match).toEqual({ outcome: 'identified', tokenId: 'TOKEN-01', how: 'hid' });
    const back = await app.tokens.checkIn('TOKEN-01', { detectedDeviceId: detected!.deviceId });
    expect(back).toMatchObject({ state: 'in-safe', lastSeenHow: 'hid' });
  });

  it('refuses a key carrying a known serial but another model, and a key whose serial cannot be read', async () => {
    const { app, hid } = kiosk();
    app.tokens.add({ ...yubikey, aaguid: YUBIKEY_5_NFC_AAGUID });
    app.tokens.add({ kind: 'fido', serial: 'FT-77', model: 'Feitian ePass', location: 'Safe B', aaguid: '12345678-1234-1234-1234-123456789abc' });
    app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: 'root sign-in drill' });
    app.tokens.checkOut({ tokenId: 'TOKEN-02', reason: 'root sign-in drill' });
    const impostor = fakeYubiKey({ serial: 12345678, aaguid: 'ee882879-721c-4913-9775-3dfcce97072a' });
    const quiet = fakeOtherFidoKey({ aaguid: '12345678-1234-1234-1234-123456789abc' });
    hid.plug(impostor);
    hid.plug(quiet);
    const detected = await app.tokenFeed.refresh();
    const impostorId = detected.find((d) => d.vendorId === 0x1050)!.deviceId;
    const quietId = detected.find((d) => d.vendorId !== 0x1050)!.deviceId;
    await expect(app.tokens.checkIn('TOKEN-01', { detectedDeviceId: impostorId })).rejects.toThrow(/different model .* swapped key/);
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.check-in-refused', details: { outcome: 'mismatch' } });
    await expect(app.tokens.checkIn('TOKEN-02', { detectedDeviceId: quietId })).rejects.toThrow(/Type the serial printed on it instead\.$/);
    expect((await app.tokens.identify({ detectedDeviceId: quietId })).match).toEqual({ outcome: 'model-only', candidates: ['TOKEN-02'] });
    expect((await app.tokens.checkIn('TOKEN-02', { typedSerial: 'FT77' })).state).toBe('in-safe');
  });

  it('a lost token closes its check-out, flags its accounts for re-registration and stops counting', () => {
    const { app } = kiosk();
    app.tokens.add({ ...yubikey, accountIds: ['111111111111'] });
    app.tokens.checkOut({ tokenId: 'TOKEN-01', custodians: ['Sam Okafor'], reason: 'break-glass' });
    const lost = app.tokens.reportLost('TOKEN-01', 'left in a taxi');
    expect(lost).toMatchObject({ state: 'lost', stateReason: 'left in a taxi', openCheckout: null });
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.lost', details: { accountsToReregister: ['111111111111'], wasCheckedOutTo: ['Sam Okafor'] } });
    expect(app.tokens.tokensFor('111111111111')).toEqual([]);
    const report = app.tokens.report();
    expect(report.accountsToReregister).toEqual([
      expect.objectContaining({ accountId: '111111111111', tokenId: 'TOKEN-01', sentence: expect.stringContaining('deregister this MFA device in AWS for prod-payments and register a replacement') }),
    ]);
    expect(() => app.tokens.destroy('TOKEN-01', 'shredded')).toThrow(expect.objectContaining({ code: 'TOKEN_STATE_REFUSED' }));
    expect(() => app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: 'found it?' })).toThrow(/lost token stays lost/);
    app.tokens.unassign('TOKEN-01', ['111111111111']);
    expect(app.tokens.report().accountsToReregister).toEqual([]);
  });

  it('destroys only a token AWS no longer expects: revoked first while it is registered', () => {
    const { app } = kiosk();
    app.tokens.add({ ...yubikey, accountIds: ['111111111111'] });
    expect(() => app.tokens.destroy('TOKEN-01', 'end of life')).toThrow(/still registered on 111111111111/);
    app.tokens.revoke('TOKEN-01', 'replaced by TOKEN-02');
    expect(app.tokens.destroy('TOKEN-01', 'shredded with witness').state).toBe('destroyed');
    expect(app.catalog.audit.list({ limit: 2 }).map((e) => e.action)).toEqual(['token.destroyed', 'token.revoked']);
    expect(() => app.tokens.revoke('TOKEN-01', 'again')).toThrow(expect.objectContaining({ code: 'TOKEN_STATE_REFUSED' }));
    // Its id is never reused.
    expect(app.tokens.add({ ...display }).tokenId).toBe('TOKEN-02');
  });

  it('learns the model of a key added by hand the first time it is read over USB', async () => {
    const { app, hid } = kiosk();
    app.tokens.add(yubikey);
    hid.plug(fakeYubiKey({ serial: 12345678 }));
    const [detected] = await app.tokenFeed.refresh();
    const seen = await app.tokens.present({ detectedDeviceId: detected!.deviceId });
    expect(seen.token).toMatchObject({ aaguid: YUBIKEY_5_NFC_AAGUID, lastSeenHow: 'hid' });
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.seen', details: { how: 'hid', aaguidRecorded: YUBIKEY_5_NFC_AAGUID } });
  });

  it('records a token presented in the safe as seen, and audits one that contradicts the inventory', async () => {
    const { app, hid, clock } = kiosk();
    app.tokens.add({ ...yubikey, aaguid: YUBIKEY_5_NFC_AAGUID });
    clock.advanceMinutes(60);
    registerAndSignIn(app, 'Dana Whitfield');
    const seen = await app.tokens.present({ typedSerial: '12345678' });
    expect(seen.token).toMatchObject({ tokenId: 'TOKEN-01', lastSeenAt: clock.now().toISOString(), lastSeenHow: 'typed-serial' });
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.seen', subject: 'TOKEN-01', details: { how: 'typed-serial', state: 'in-safe' } });
    expect((await app.tokens.present({ typedSerial: '555' })).match.outcome).toBe('unknown');
    hid.plug(fakeYubiKey({ serial: 12345678, aaguid: 'ee882879-721c-4913-9775-3dfcce97072a' }));
    const [detected] = await app.tokenFeed.refresh();
    expect((await app.tokens.present({ detectedDeviceId: detected!.deviceId })).match.outcome).toBe('mismatch');
    expect(app.catalog.audit.head()).toMatchObject({ action: 'token.mismatch', subject: 'TOKEN-01' });
  });

  it('the CIS-style summary: no hardware MFA, a single device, and tokens unseen for a verification interval', () => {
    const { app, clock } = kiosk();
    app.tokens.add({ ...yubikey, accountIds: ['111111111111'] });
    app.tokens.add({ ...display, serial: 'OTHER-1', accountIds: ['111111111111'] });
    clock.advanceMinutes(91 * 24 * 60);
    registerAndSignIn(app, 'Dana Whitfield');
    const report = app.tokens.report();
    expect(report.accountsChecked).toBe(3);
    expect(report.accountsWithoutHardwareMfa.map((a) => [a.accountId, a.note])).toEqual([
      ['333333333333', 'The root user is recorded as protected by a hardware token, but no token in the inventory is registered on it: add the token to the inventory and assign it.'],
      ['222222222222', 'No MFA device is recorded for this root user.'],
    ]);
    expect(report.accountsWithSingleMfaDevice).toEqual([]);
    expect(report.tokensNotSeen.map((t) => [t.tokenId, t.daysUnseen])).toEqual([['TOKEN-01', 91], ['TOKEN-02', 91]]);
    app.tokens.revoke('TOKEN-02', 'battery flat');
    expect(app.tokens.report().accountsWithSingleMfaDevice).toEqual([{ accountId: '111111111111', name: 'prod-payments', device: 'TOKEN-01 (YubiKey 5 NFC)' }]);
  });

  it('without any HID backend, says why, lists no plugged-in token, and typed serials still work', async () => {
    const { app, hid } = kiosk();
    hid.unavailableReason = 'The USB token reader (node-hid) could not load on this kiosk: no prebuild';
    expect(await app.tokenFeed.status()).toEqual({ available: false, reason: hid.unavailableReason });
    expect(await app.tokenFeed.refresh()).toEqual([]);
    app.tokens.add(display);
    app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: 'root sign-in drill' });
    expect((await app.tokens.checkIn('TOKEN-01', { typedSerial: 'GAHT 0042' })).state).toBe('in-safe');
  });

  it('a token plugged in while the Tokens screen waits shows up within a second', async () => {
    const { app, hid } = kiosk();
    await app.tokenFeed.refresh();
    const version = app.tokenFeed.currentVersion;
    setTimeout(() => hid.plug(fakeYubiKey({ serial: 31337 })), 100);
    const started = Date.now();
    const next = await app.tokenFeed.waitForChange(version, 5000);
    expect(next).toBeGreaterThan(version);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(app.tokenFeed.current.tokens.map((t) => t.serial?.value)).toEqual(['31337']);
  });
});
