import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import type { MasterKeyShare } from '../../src-main/core/master-key-shares';
import type { Printer } from '../../src-main/platform/printer';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { filesUnder } from '../support/cli';
import { registerCustodians } from '../support/custodians';
import { FakeClock } from '../support/fake-clock';
import { makeTempHome } from '../support/temp-home';

function freshApp() {
  const { home, remove } = makeTempHome();
  const app = new StrongroomApp({ home, clock: new FakeClock(), env: {} });
  return { app, cleanup: () => (app.close(), remove()) };
}

const printed: string[] = [];
const printer: Printer = {
  implementation: 'test',
  listPrinters: async () => [{ name: 'Laser', isDefault: true }],
  print: async (_pdf, name, title) => (printed.push(title), { printer: name, jobId: String(printed.length) }),
};

const ACCOUNT = '111111111111';

describe('custodians are registered explicitly', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('lets only the first custodian of a fresh kiosk register themself, and nobody after', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    expect(() => t.app.session.signIn('Dana Whitfield')).toThrow(expect.objectContaining({ code: 'CUSTODIAN_NOT_REGISTERED' }));
    t.app.custodians.registerFirst('Dana Whitfield');
    expect(t.app.custodians.register('Sam Okafor')).toMatchObject({ name: 'Sam Okafor', registeredBy: 'Dana Whitfield' });
    t.app.session.signOut();
    expect(() => t.app.custodians.registerFirst('Mallory Intruder')).toThrow(expect.objectContaining({ code: 'CUSTODIAN_REGISTRATION_REFUSED' }));
    expect(() => t.app.session.signIn('Mallory Intruder')).toThrow(expect.objectContaining({ code: 'CUSTODIAN_NOT_REGISTERED' }));
    expect(t.app.catalog.custodians.list().map((c) => c.name).sort()).toEqual(['Dana Whitfield', 'Sam Okafor']);
  });

  it('refuses a name that reads like a registered one (case, accents, look-alike letters)', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    t.app.custodians.registerFirst('Dana Whitfield');
    for (const lookAlike of ['dana whitfield', 'Dána Whitfield', 'Dаna Whitfield', 'Dana  Whit-field']) {
      expect(() => t.app.custodians.register(lookAlike)).toThrow(expect.objectContaining({ code: 'CUSTODIAN_ALREADY_REGISTERED' }));
    }
  });
});

describe('two-person control on break-glass', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  const request = (sticks: { vault1: string; seed1: string }, seedCustodian: string) => ({
    accountId: ACCOUNT,
    reason: 'Annual root sign-in drill',
    vaultDevicePath: sticks.vault1,
    seedDevicePath: sticks.seed1,
    vaultPassphrase: VAULT_PASSPHRASE,
    seedPassphrase: SEED_PASSPHRASE,
    vaultCustodian: 'Dana Whitfield',
    seedCustodian,
  });

  it('refuses the same custodian twice, an empty or unregistered second, with a clear sentence, before any stick is read', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    for (const [second, code, words] of [
      ['Dana Whitfield', 'SAME_CUSTODIAN_TWICE', /two different custodians, and Dana Whitfield was named twice/],
      ['dana  WHITFIELD', 'SAME_CUSTODIAN_TWICE', /two different custodians/],
      ['', 'SECOND_CUSTODIAN_REQUIRED', /never filled in/],
      ['Nobody Registered', 'CUSTODIAN_NOT_REGISTERED', /not a registered custodian/],
    ] as const) {
      await expect(k.app.breakGlass.openFor(request(k.sticks, second))).rejects.toMatchObject({ code, message: expect.stringMatching(words) });
    }
    const failed = k.app.catalog.audit.list({ limit: 10 }).filter((e) => e.action === 'breakglass.failed');
    expect(failed.length).toBeGreaterThanOrEqual(4);
  });

  it('records both custodians and both sticks, and flags the password "rotate after use" once shown', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const view = await k.app.breakGlass.openFor(request(k.sticks, SECOND_CUSTODIAN));
    const opened = k.app.catalog.audit.list({ limit: 5 }).find((e) => e.action === 'breakglass.opened')!;
    expect(opened.details).toMatchObject({ vaultCustodian: 'Dana Whitfield', seedCustodian: SECOND_CUSTODIAN, vaultMedium: 'VAULT-01', seedMedium: 'SEEDS-01' });
    expect(k.app.overview.alerts().some((a) => a.kind === 'password-revealed')).toBe(false);
    k.app.breakGlass.revealPassword(view.sessionId);
    const flag = k.app.overview.alerts().find((a) => a.kind === 'password-revealed');
    expect(flag?.sentence).toMatch(new RegExp(`password revealed on \\d{4}-\\d{2}-\\d{2} to Dana Whitfield and ${SECOND_CUSTODIAN} — rotate after use`));
  });

  it('does not flag a shown password when the kiosk setting is off', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    k.app.exposures.setFlagging(false);
    const view = await k.app.breakGlass.openFor(request(k.sticks, SECOND_CUSTODIAN));
    k.app.breakGlass.revealPassword(view.sessionId);
    expect(k.app.overview.alerts().some((a) => a.kind === 'password-revealed')).toBe(false);
  });
});

describe('custody incidents', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('stay on the custody alerts until a custodian resolves them with a reason, both audited', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const incident = k.app.incidents.openOneStickBreakGlass({ accountId: ACCOUNT, vaultMedium: 'VAULT-01', seedMedium: 'SEEDS-01', device: '/dev/sdz' });
    expect(k.app.overview.alerts()[0]).toMatchObject({ kind: 'custody-incident', severity: 'act', incidentId: incident.incidentId });
    expect(() => k.app.incidents.resolve(incident.incidentId, 'ok')).toThrow(expect.objectContaining({ code: 'REASON_TOO_SHORT' }));
    k.app.incidents.resolve(incident.incidentId, 'Stick VAULT-01 retired; account rotated.');
    expect(k.app.overview.alerts().some((a) => a.kind === 'custody-incident')).toBe(false);
    expect(() => k.app.incidents.resolve(incident.incidentId, 'Resolved a second time?')).toThrow(expect.objectContaining({ code: 'INCIDENT_NOT_FOUND' }));
    expect(k.app.catalog.audit.list({ limit: 5 }).map((e) => e.action)).toEqual(expect.arrayContaining(['incident.opened', 'incident.resolved']));
  });
});

describe('a vault under 2-of-3 key cards', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('opens with any two cards and not with one; the cards never reach the catalog or the audit trail', async () => {
    const k = await custodyKiosk({ printer });
    cleanup = k.cleanup;
    registerCustodians(k.app, 'Ravi Chandran');
    await enrolAndWrite(k.app);
    const drawn = await k.app.keyCards.draw({ role: 'vault', threshold: 2, holders: ['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran'], paper: 'A4' });
    const shares: MasterKeyShare[] = k.app.keys.preparedSet(drawn.setId).cards.map((c) => c.share);
    await expect(k.app.keyCards.rekey({ setId: drawn.setId, current: VAULT_PASSPHRASE })).rejects.toMatchObject({ code: 'KEY_CARDS_NOT_PRINTED' });
    for (const card of drawn.cards) await k.app.keyCards.printCard(drawn.setId, card.number, 'Laser');
    const { scheme } = await k.app.keyCards.rekey({ setId: drawn.setId, current: VAULT_PASSPHRASE });
    expect(scheme).toMatchObject({ kind: 'cards', threshold: 2, cardCount: 3, holders: ['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran'] });

    const open = (vaultPassphrase: Parameters<typeof k.app.breakGlass.openFor>[0]['vaultPassphrase']) =>
      k.app.breakGlass.openFor({
        accountId: ACCOUNT,
        reason: 'Annual root sign-in drill',
        vaultDevicePath: k.sticks.vault1,
        seedDevicePath: k.sticks.seed1,
        vaultPassphrase,
        seedPassphrase: SEED_PASSPHRASE,
        vaultCustodian: 'Dana Whitfield',
        seedCustodian: SECOND_CUSTODIAN,
      });
    for (const pair of [[0, 1], [0, 2], [1, 2]] as const) {
      const cards = [{ scanned: shares[pair[0]]!.qrText }, { lines: shares[pair[1]]!.lines.map((l) => ({ text: l.text, check: l.check })) }];
      const view = await open({ cards });
      k.app.breakGlass.close(view.sessionId);
    }
    await expect(open({ cards: [{ scanned: shares[2]!.qrText }] })).rejects.toMatchObject({ code: 'SHARES_TOO_FEW' });
    await expect(open(VAULT_PASSPHRASE)).rejects.toBeTruthy();

    const everything = JSON.stringify([k.app.catalog.audit.list({ limit: 1000 }), k.app.catalog.keyCardSets.inForce('vault')]);
    // Every file in the kiosk's app-data folder (its temp files included) and on every stick, read as bytes.
    const files = [...filesUnder(k.home), ...filesUnder(k.practice.root)];
    const onDisk = files.map((f) => { try { return readFileSync(f).toString('latin1'); } catch { return ''; } }).join('\n');
    for (const share of shares) {
      for (const where of [everything, onDisk]) {
        expect(where).not.toContain(share.text);
        expect(where).not.toContain(share.lines[0]!.text);
      }
    }
  });
});
