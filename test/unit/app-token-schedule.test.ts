import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { fakeYubiKey } from '../support/fake-hid';
import { tokenKiosk } from '../support/token-kiosk';

const DAY_MIN = 24 * 60;
const day = (iso: string) => iso.slice(0, 10);
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

describe('when each token of the safe is due for its check', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function kiosk(start?: Date) {
    const k = tokenKiosk(start);
    cleanup = k.cleanup;
    return k;
  }

  it('dates each token from its last check that found it presented, else from when it was added', async () => {
    const { app, clock, hid } = kiosk();
    const fido = app.tokens.add({ kind: 'fido', serial: '12345678', make: 'Yubico', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2', accountIds: ['333333333333'] });
    const display = app.tokens.add({ kind: 'totp', serial: 'GAHT-0042', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['333333333333'] });
    const interval = app.catalog.settings.read().verificationIntervalDays;
    expect(app.verification.schedule().tokens.map((t) => [t.tokenId, t.status, t.lastVerifiedAt])).toEqual([
      ['TOKEN-01', 'ok', null],
      ['TOKEN-02', 'ok', null],
    ]);
    expect(app.overview.alerts().filter((a) => a.kind === 'tokens-unverified')).toEqual([]);

    clock.advanceMinutes((interval + 3) * DAY_MIN);
    const overdue = app.verification.schedule().tokens;
    expect(overdue.map((t) => [t.tokenId, t.status, t.daysLeft, t.nextDueAt])).toEqual([
      ['TOKEN-01', 'overdue', -3, plusDays(fido.addedAt, interval)],
      ['TOKEN-02', 'overdue', -3, plusDays(display.addedAt, interval)],
    ]);
    const alerts = app.overview.alerts().filter((a) => a.kind === 'tokens-unverified');
    expect(alerts.map((a) => a.subject)).toEqual(['TOKEN-01', 'TOKEN-02']);
    expect(alerts[1]!.sentence).toBe(
      `Token check overdue: TOKEN-02 (Display token, serial GAHT-0042), in Safe A, shelf 3, was due for its check on ${day(plusDays(display.addedAt, interval))} (never verified; added ${day(display.addedAt)} 09:00 UTC; due every ${interval} days). Present it on the Verify screen, or run strongroom verify --tokens.`,
    );

    app.session.signIn('Dana Whitfield');
    // A run presents only the display token: the key left in the safe is still overdue, and named.
    const run = app.verification.startRun();
    await app.verification.presentToken(run.runId, { typedSerial: 'gaht 0042' });
    const step = app.verification.closeTokenCheck(run.runId);
    expect(step.result?.passed).toBe(false);
    const after = app.verification.schedule().tokens;
    expect(after.find((t) => t.tokenId === 'TOKEN-02')).toMatchObject({ status: 'ok', lastVerifiedAt: step.result!.checkedAt, nextDueAt: plusDays(step.result!.checkedAt, interval) });
    expect(after.find((t) => t.tokenId === 'TOKEN-01')).toMatchObject({ status: 'overdue', lastVerifiedAt: null });
    const still = app.overview.alerts().filter((a) => a.kind === 'tokens-unverified');
    expect(still.map((a) => a.subject)).toEqual(['tokens', 'TOKEN-01']);
    expect(still[0]!.sentence).toContain('FAILED for TOKEN-01');

    // The key is plugged in and presented in the same run: nothing is overdue any more.
    hid.plug(fakeYubiKey({ serial: 12345678 }));
    const plugged = await app.tokenFeed.refresh();
    await app.verification.presentToken(run.runId, { detectedDeviceId: plugged[0]!.deviceId });
    expect(app.verification.closeTokenCheck(run.runId).result?.passed).toBe(true);
    expect(app.verification.schedule().tokens.every((t) => t.status === 'ok')).toBe(true);
    expect(app.overview.alerts().filter((a) => a.kind === 'tokens-unverified')).toEqual([]);
  });

  it('leaves checked-out and lost tokens off the schedule; a check-out past its return is its own alert', () => {
    const { app, clock } = kiosk();
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0042', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['333333333333'] });
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0043', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['333333333333'] });
    app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: 'root sign-in drill', returnWithinHours: 2 });
    app.tokens.reportLost('TOKEN-02', 'dropped in the car park');
    clock.advanceMinutes(3 * 60);
    expect(app.verification.schedule().tokens).toEqual([]);
    expect(app.overview.alerts().map((a) => [a.kind, a.subject])).toContainEqual(['token-overdue', 'TOKEN-01']);
  });

  it('strongroom due lists each token in the safe with when its check was due', async () => {
    // The kiosk's records were made 200 days before today; the command runs on the real clock.
    const { app, home } = kiosk(new Date(Date.now() - 200 * 86_400_000));
    const old = app.tokens.add({ kind: 'totp', serial: 'GAHT-0042', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['333333333333'] });
    const interval = app.catalog.settings.read().verificationIntervalDays;
    app.tokens.checkOut({ tokenId: 'TOKEN-01', reason: 'root sign-in drill', returnWithinHours: 2 });
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0050', model: 'Display token', location: 'Safe B', accountIds: ['333333333333'] });
    let out = '';
    const code = await runCli(['--home', home, 'due'], { out: (t) => (out += `${t}\n`), err: (t) => (out += `${t}\n`) }, { STRONGROOM_MEDIA_ROOT: `${home}/media` });
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`TOKEN-02 +token Safe B: last verified never {2}OVERDUE by \\d+ days \\(was due ${day(plusDays(old.addedAt, interval))}\\)`));
    expect(out).toContain('ACT: Token check overdue: TOKEN-02 (Display token, serial GAHT-0050), in Safe B, was due for its check on');
    // TOKEN-01 is out of the safe: what is due is its return.
    expect(out).not.toMatch(/TOKEN-01 +token/);
    expect(out).toMatch(/ACT: TOKEN-01 \(Display token, serial GAHT-0042\) was due back in Safe A, shelf 3 at .* checked out to Dana Whitfield/);
    let json = '';
    await runCli(['--home', home, '--json', 'due'], { out: (t) => (json += t), err: () => undefined }, { STRONGROOM_MEDIA_ROOT: `${home}/media` });
    expect(JSON.parse(json).tokens).toMatchObject([{ tokenId: 'TOKEN-02', status: 'overdue', lastVerifiedAt: null, nextDueAt: plusDays(old.addedAt, interval) }]);
  });
});

describe('a token of the safe the verifier cannot present in a run', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('is recorded with why, audited and printed on its row, and still fails the token check', async () => {
    const k = tokenKiosk();
    cleanup = k.cleanup;
    const { app } = k;
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0042', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['333333333333'] });
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0099', model: 'Display token', location: 'Safe B', accountIds: ['333333333333'] });
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0100', model: 'Display token', location: 'Safe B', accountIds: ['333333333333'] });
    app.tokens.checkOut({ tokenId: 'TOKEN-03', reason: 'root sign-in drill' });
    const run = app.verification.startRun();
    await app.verification.presentToken(run.runId, { typedSerial: 'GAHT-0042' });

    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code: string }).code;
      }
      return 'accepted';
    };
    expect(refusal(() => app.verification.recordTokenNotPresented(run.runId, 'TOKEN-02', ' no '))).toBe('REASON_TOO_SHORT');
    expect(refusal(() => app.verification.recordTokenNotPresented(run.runId, 'TOKEN-01', 'it is right here'))).toBe('TOKEN_STATE_REFUSED');
    expect(refusal(() => app.verification.recordTokenNotPresented(run.runId, 'TOKEN-03', 'it is checked out'))).toBe('TOKEN_STATE_REFUSED');
    expect(refusal(() => app.verification.recordTokenNotPresented('VR-none', 'TOKEN-02', 'Safe B was not opened'))).toBe('VERIFICATION_RUN_NOT_FOUND');

    const step = app.verification.recordTokenNotPresented(run.runId, 'token-02', '  Safe B  was not opened today ');
    expect(step.expected.find((t) => t.tokenId === 'TOKEN-02')).toMatchObject({ presented: false, notPresented: { reason: 'Safe B was not opened today', by: 'Dana Whitfield' } });
    expect(app.catalog.audit.head()).toMatchObject({ action: 'verification.token-not-presented', subject: run.runId, details: { tokenId: 'TOKEN-02', reason: 'Safe B was not opened today' } });

    const judged = app.verification.closeTokenCheck(run.runId).result!;
    expect(judged.passed).toBe(false);
    const row = judged.rows.find((r) => r.tokenId === 'TOKEN-02')!;
    expect(row).toMatchObject({ status: 'missing', passed: false });
    expect(row.sentence).toMatch(/ Not presented, said Dana Whitfield: Safe B was not opened today\.$/);
    // An explanation recorded after the check was judged reopens it, so the report carries it.
    app.verification.recordTokenNotPresented(run.runId, 'TOKEN-02', 'Safe B key is with the facilities team');
    expect(app.verification.tokenStep(run.runId).result).toBeNull();
    const report = await app.verification.finishRun(run.runId);
    expect(report.tokens!.rows.find((r) => r.tokenId === 'TOKEN-02')!.sentence).toContain('Safe B key is with the facilities team');
    expect(app.catalog.settings.readValue(`verification.tokensNotPresented.${run.runId}`)).toBeUndefined();
  });
});

describe('strongroom verify --tokens', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('presents typed serials, records why a token is not presented, and fails naming it', async () => {
    const k = tokenKiosk();
    cleanup = k.cleanup;
    k.app.tokens.add({ kind: 'totp', serial: 'GAHT-0042', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['333333333333'] });
    k.app.tokens.add({ kind: 'totp', serial: 'GAHT-0099', model: 'Display token', location: 'Safe B', accountIds: ['333333333333'] });
    const cli = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['--home', k.home, '--custodian', 'Dana Whitfield', ...args], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, { STRONGROOM_MEDIA_ROOT: `${k.home}/media` });
      return { code, out, err };
    };
    const usage = await cli(['verify', '--tokens', '--not-presented', 'TOKEN-02']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--not-presented takes a token id and why it is not presented');
    expect((await cli(['verify', '--not-presented', 'TOKEN-02=Safe B was not opened today'])).code).toBe(2);

    const run = await cli(['verify', '--tokens', '--token-serials', 'GAHT-0042', '--not-presented', 'TOKEN-02=Safe B was not opened today', '--not-presented', 'TOKEN-01=it is here']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('REASON NOT RECORDED (TOKEN_STATE_REFUSED): TOKEN-01 was already presented in this run');
    expect(run.out).toContain('Tokens: FAILED (1 of 2 in the safe presented)');
    expect(run.out).toMatch(/FAIL {2}TOKEN-02 \(Display token, serial GAHT-0099\): .*Not presented, said Dana Whitfield: Safe B was not opened today\./);
  });
});
