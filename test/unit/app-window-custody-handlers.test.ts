import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/app/handlers';
import type { ChannelName, ResponseOf } from '../../src-main/contract/channels';
import { createDispatcher } from '../../src-main/contract/dispatch';
import type { Printer } from '../../src-main/platform/printer';
import { filesUnder } from '../support/cli';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { registerCustodians } from '../support/custodians';

/** The window's channels as the renderer calls them, typed from the contract. */
function windowChannels(app: Parameters<typeof createHandlers>[0]) {
  const dispatch = createDispatcher(createHandlers(app), () => undefined);
  return async <K extends ChannelName>(channel: K, request: unknown) =>
    (await dispatch(channel, request)) as { ok: true; value: ResponseOf<K> } | { ok: false; error: { code: string; message: string } };
}

/** A printer that keeps a reference to every PDF it was given, to see whether main wiped it afterwards. */
function keepingPrinter() {
  const jobs: Uint8Array[] = [];
  const printer: Printer = {
    implementation: 'test',
    listPrinters: async () => [{ name: 'Laser', isDefault: true }],
    print: async (pdf, name) => (jobs.push(pdf), { printer: name, jobId: String(jobs.length) }),
  };
  return { printer, jobs };
}

describe('the window registers custodians over the roster', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('registers a new custodian under the signed-in one, on the audit trail, and answers with the roster', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const dispatch = windowChannels(k.app);
    const roster = await dispatch('registerCustodian', { name: '  Ravi   Chandran ' });
    expect(roster.ok).toBe(true);
    if (!roster.ok) return;
    expect(roster.value.find((c) => c.name === 'Ravi Chandran')).toMatchObject({ registeredBy: 'Dana Whitfield' });
    const [event] = k.app.catalog.audit.list({ limit: 1 });
    expect(event).toMatchObject({ action: 'custodian.registered', custodian: 'Dana Whitfield', subject: 'Ravi Chandran' });
    expect(await dispatch('custodianRoster', {})).toEqual(roster);
  });

  it('refuses a look-alike of a registered name with its own code, and anyone when nobody is signed in', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const dispatch = windowChannels(k.app);
    expect(await dispatch('registerCustodian', { name: 'dána whitfield' })).toMatchObject({ ok: false, error: { code: 'CUSTODIAN_ALREADY_REGISTERED' } });
    k.app.session.signOut();
    expect(await dispatch('registerCustodian', { name: 'Mallory Intruder' })).toMatchObject({ ok: false });
    expect(await dispatch('custodianRoster', {})).toMatchObject({ ok: false });
    expect(k.app.catalog.custodians.find('Mallory Intruder')).toBeUndefined();
  });
});

describe('the window resolves custody incidents', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('takes the incident off the custody alerts only with a resolution, recorded under the custodian', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const dispatch = windowChannels(k.app);
    const incident = k.app.incidents.openOneStickBreakGlass({ accountId: '111111111111', vaultMedium: 'VAULT-01', seedMedium: 'VAULT-01', device: '/dev/sdz' });
    expect(await dispatch('resolveCustodyIncident', { incidentId: incident.incidentId, reason: 'done' })).toMatchObject({ ok: false, error: { code: 'REASON_TOO_SHORT' } });
    const alerts = await dispatch('custodyAlerts', {});
    expect(alerts.ok && alerts.value.some((a) => a.incidentId === incident.incidentId)).toBe(true);
    expect(await dispatch('resolveCustodyIncident', { incidentId: incident.incidentId, reason: 'VAULT-01 retired; account rotated.' })).toMatchObject({ ok: true });
    const after = await dispatch('custodyAlerts', {});
    expect(after.ok && after.value.some((a) => a.kind === 'custody-incident')).toBe(false);
    expect(k.app.catalog.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'incident.resolved', custodian: 'Dana Whitfield', details: { resolution: 'VAULT-01 retired; account rotated.' } });
  });
});

describe('the window puts a role under key cards', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('prints the cards one by one, wipes each from memory once printed, and re-keys the vault; no share leaves main or reaches disk', async () => {
    const { printer, jobs } = keepingPrinter();
    const k = await custodyKiosk({ printer });
    cleanup = k.cleanup;
    registerCustodians(k.app, 'Ravi Chandran');
    await enrolAndWrite(k.app);
    const dispatch = windowChannels(k.app);
    const answers: unknown[] = [];
    const call = async <T>(answer: Promise<T>): Promise<T> => (answers.push(await answer), answer);

    const drawn = await call(dispatch('drawKeyCards', { role: 'vault', threshold: 2, holders: ['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran'], paper: 'A4' }));
    if (!drawn.ok) throw new Error(drawn.error.message);
    const { setId } = drawn.value;
    const shares = k.app.keys.preparedSet(setId).cards.map((c) => c.share);
    expect(await call(dispatch('preparedKeyCards', { role: 'vault' }))).toMatchObject({ ok: true, value: { setId, replacesKey: true } });
    expect(await call(dispatch('rekeyWithKeyCards', { setId, current: VAULT_PASSPHRASE }))).toMatchObject({ ok: false, error: { code: 'KEY_CARDS_NOT_PRINTED' } });

    const first = await call(dispatch('printKeyCard', { setId, number: 1, printer: 'Laser' }));
    expect(first).toMatchObject({ ok: true, value: { cards: [{ number: 1, printed: true, printedOn: 'Laser' }, { printed: false }, { printed: false }] } });
    // The card went to the printer and its bytes are gone from main's memory at once, not only at the re-key.
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.length).toBeGreaterThan(1000);
    expect(jobs[0]!.every((byte) => byte === 0)).toBe(true);
    expect(k.app.print.keyCardHeld(drawn.value.cards[0]!.documentId)).toBe(false);
    expect(await call(dispatch('printKeyCard', { setId, number: 1, printer: 'Laser' }))).toMatchObject({ ok: false, error: { code: 'KEY_CARD_SET_GONE' } });
    expect(jobs).toHaveLength(1);

    for (const number of [2, 3]) await call(dispatch('printKeyCard', { setId, number, printer: 'Laser' }));
    const rekeyed = await call(dispatch('rekeyWithKeyCards', { setId, current: VAULT_PASSPHRASE }));
    expect(rekeyed).toMatchObject({ ok: true, value: { job: { status: 'complete' }, scheme: { kind: 'cards', threshold: 2, cardCount: 3, setId } } });
    expect(await dispatch('preparedKeyCards', { role: 'vault' })).toEqual({ ok: true, value: null });
    expect(await dispatch('keySchemes', {})).toMatchObject({ ok: true, value: [{ role: 'vault', kind: 'cards' }, { role: 'seed', kind: 'passphrase' }] });

    const sent = JSON.stringify(answers);
    const files = [...filesUnder(k.home), ...filesUnder(k.practice.root)];
    const onDisk = files.map((f) => { try { return readFileSync(f).toString('latin1'); } catch { return ''; } }).join('\n');
    for (const share of shares) {
      for (const where of [sent, onDisk]) {
        expect(where).not.toContain(share.text);
        expect(where).not.toContain(share.qrText);
        expect(where).not.toContain(share.lines[0]!.text);
      }
    }
  });

  it('discarding a drawn set wipes every card it still holds', async () => {
    const { printer, jobs } = keepingPrinter();
    const k = await custodyKiosk({ printer });
    cleanup = k.cleanup;
    registerCustodians(k.app, 'Ravi Chandran');
    const dispatch = windowChannels(k.app);
    const drawn = await dispatch('drawKeyCards', { role: 'seed', threshold: 2, holders: ['Dana Whitfield', 'Ravi Chandran'], paper: 'LETTER' });
    if (!drawn.ok) throw new Error(drawn.error.message);
    expect(drawn.value.replacesKey).toBe(false);
    expect(await dispatch('discardKeyCards', { setId: drawn.value.setId })).toEqual({ ok: true, value: { discarded: true } });
    for (const card of drawn.value.cards) expect(k.app.print.keyCardHeld(card.documentId)).toBe(false);
    expect(await dispatch('printKeyCard', { setId: drawn.value.setId, number: 1, printer: 'Laser' })).toMatchObject({ ok: false, error: { code: 'KEY_CARD_SET_GONE' } });
    expect(jobs).toHaveLength(0);
    expect(await dispatch('preparedKeyCards', { role: 'seed' })).toEqual({ ok: true, value: null });
  });
});
