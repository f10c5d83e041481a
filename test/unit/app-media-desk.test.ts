import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/app/handlers';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { createDispatcher } from '../../src-main/contract/dispatch';
import { FakeClock } from '../support/fake-clock';
import { PracticeMedia } from '../support/practice-media';
import { makeTempHome } from '../support/temp-home';
import { registerAndSignIn } from '../support/custodians';

function kiosk() {
  const { home, remove } = makeTempHome();
  const practice = new PracticeMedia();
  const app = new StrongroomApp({ home, clock: new FakeClock(), media: practice.platform, env: {} });
  registerAndSignIn(app, 'Dana Whitfield');
  return { app, practice, cleanup: () => (app.close(), remove(), practice.cleanup()) };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('media desk on practice sticks', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('labels one stick vault and another seed, writes each, and the catalog holds the read-back hashes', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('stick-a');
    const b = t.practice.insertStick('stick-b');
    const vault = await t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    const seed = await t.app.media.label({ devicePath: b, role: 'seed', location: { kind: 'offsite', note: 'Bank box' } });
    expect(vault.manifest?.mediumId).toBe('VAULT-01');
    expect(seed.manifest?.mediumId).toBe('SEEDS-01');
    // The Media screen and every stick picker show where a stick is kept in main's one sentence.
    const cards = await Promise.all([a, b].map(async (device) => t.app.media.card(await t.app.media.find(device))));
    expect(cards.map((c) => c.label?.kept)).toEqual(['on site, Safe 1', 'off site, Bank box']);
    expect(JSON.parse(readFileSync(join(a, 'STRONGROOM', 'medium.json'), 'utf8'))).toMatchObject({ role: 'vault', createdBy: 'Dana Whitfield', practice: true });

    const vaultBytes = Buffer.from('pretend vault bytes');
    const job = await t.app.writeJobs.writeToStick(a, 'vault', vaultBytes, 1);
    expect(job).toMatchObject({ status: 'complete', sticks: [{ mediumId: 'VAULT-01', generation: 1, state: 'committed' }] });
    expect(sha(readFileSync(join(a, 'STRONGROOM', 'vault.kdbx')))).toBe(t.app.catalog.media.lastWrite('VAULT-01', 'vault.kdbx')!.sha256);
    const manifest = JSON.parse(readFileSync(join(a, 'STRONGROOM', 'medium.json'), 'utf8'));
    expect(manifest.artefacts).toEqual([expect.objectContaining({ name: 'vault.kdbx', generation: 1, sha256: sha(vaultBytes), state: 'current' })]);

    const auditCopy = readFileSync(join(a, 'STRONGROOM', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(auditCopy.at(-1)).toMatchObject({ action: 'artefact.written', subject: 'VAULT-01', details: { practice: true } });
  });

  it('wakes a window waiting for media changes when a stick is labelled or written, whoever asked for it', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('stick-a');
    const { mediaFeed } = t.app;
    // The window's follow request: it waits up to a minute, and a stick labelled through the desk must end it now.
    const waitFor = (since: number) => Promise.race([mediaFeed.waitForChange(since, 60_000), new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), 5_000))]);
    const before = mediaFeed.currentVersion;
    const waiting = waitFor(before);
    await t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    expect(await waiting).toBeGreaterThan(before);

    const labelled = mediaFeed.currentVersion;
    const waitingForWrite = waitFor(labelled);
    await t.app.writeJobs.writeToStick(a, 'vault', Buffer.from('pretend vault bytes'), 1);
    expect(await waitingForWrite).toBeGreaterThan(labelled);
  });

  it('wakes a window waiting for media changes when another process (a CLI command) labels a stick', async () => {
    const t = kiosk();
    const window = t.app;
    // A second process on the same kiosk: its own catalog connection, the same sticks.
    const cli = new StrongroomApp({ home: window.home, clock: new FakeClock(), media: t.practice.platform, env: {} });
    cleanup = () => (cli.close(), t.cleanup());
    registerAndSignIn(cli, 'Dana Whitfield');
    const a = t.practice.insertStick('stick-a');
    const before = window.mediaFeed.currentVersion;
    const waiting = Promise.race([window.mediaFeed.waitForChange(before, 60_000), new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), 8_000))]);
    await cli.media.label({ devicePath: a, role: 'seed', location: { kind: 'onsite', note: 'Safe 2' } });
    expect(await waiting).toBeGreaterThan(before);
    expect((await window.media.inserted()).find((m) => m.drive.devicePath === a)?.manifest?.mediumId).toBe('SEEDS-01');
  });

  it('refuses a label that does not say where exactly the stick is kept, and writes nothing on the stick', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('stick-a');
    for (const note of ['', '   ', ' - , . ']) {
      await expect(t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'offsite', note } })).rejects.toMatchObject({
        code: 'LOCATION_NOTE_MISSING',
        message: expect.stringContaining('where exactly this stick will be kept off site'),
      });
    }
    expect(existsSync(join(a, 'STRONGROOM', 'medium.json'))).toBe(false);
    expect(t.app.catalog.media.list()).toEqual([]);
    const labelled = await t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'offsite', note: '  Bank box 7 ' } });
    expect(labelled.manifest?.location).toEqual({ kind: 'offsite', note: 'Bank box 7' });
  });

  it('refuses seeds on a vault stick, and vault on a seed stick, and records the refusal', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('stick-a');
    await t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    await expect(t.app.writeJobs.writeToStick(a, 'seed', Buffer.from('x'), 1)).rejects.toMatchObject({ code: 'SEPARATION_REFUSED' });
    expect(t.app.catalog.audit.list({ limit: 2 }).map((e) => e.action)).toEqual(expect.arrayContaining(['artefact.write-refused', 'write-job.refused']));
    expect(existsSync(join(a, 'STRONGROOM', 'seeds.kdbx'))).toBe(false);
  });

  it('refuses to label seeds on partition 2 when partition 1 of the same stick holds a vault', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const [p1, p2] = t.practice.insertPartitionedStick('two-part', 2);
    await t.app.media.label({ devicePath: p1!, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    await t.app.writeJobs.writeToStick(p1!, 'vault', Buffer.from('vault'), 1);
    const refusal = t.app.media.label({ devicePath: p2!, role: 'seed', location: { kind: 'onsite', note: 'Safe 1' } });
    await expect(refusal).rejects.toMatchObject({ code: 'SEPARATION_REFUSED' });
    await expect(refusal).rejects.toThrow(/partition 1/);
    expect(t.app.catalog.audit.head()).toMatchObject({ action: 'medium.label-refused' });
  });

  it('refuses both roles on a stick carrying a stray KeePass file', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('stray');
    writeFileSync(join(a, 'old-backup.kdbx'), Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00]));
    for (const role of ['vault', 'seed'] as const) {
      await expect(t.app.media.label({ devicePath: a, role, location: { kind: 'onsite', note: 'Safe 1' } })).rejects.toThrow(/old-backup\.kdbx/);
    }
  });

  it('keeps a labelled stick in its role: relabelling needs the id typed to wipe it', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('stick-a');
    await t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    await expect(t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } })).rejects.toMatchObject({ code: 'MEDIUM_ALREADY_LABELLED' });
    await expect(t.app.media.wipe(a, 'VAULT-02')).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    await t.app.media.wipe(a, 'vault-01');
    const relabelled = await t.app.media.label({ devicePath: a, role: 'seed', location: { kind: 'onsite', note: 'Safe 1' } });
    expect(relabelled.manifest?.mediumId).toBe('SEEDS-01');
    expect(t.app.catalog.media.get('VAULT-01')?.retiredAt).not.toBeNull();
  });

  it('replicates the newest verified generation to a second stick of the same role', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('a');
    const b = t.practice.insertStick('b');
    await t.app.media.label({ devicePath: a, role: 'seed', location: { kind: 'onsite', note: 'Safe 1' } });
    await t.app.media.label({ devicePath: b, role: 'seed', location: { kind: 'offsite', note: 'Bank box 7' } });
    await t.app.writeJobs.writeToStick(a, 'seed', Buffer.from('seeds g3'), 3);
    const copy = await t.app.writeJobs.replicate(a, b, 'seed');
    expect(copy).toMatchObject({ status: 'complete', sticks: [{ mediumId: 'SEEDS-02', generation: 3, state: 'committed' }] });
    expect(sha(readFileSync(join(b, 'STRONGROOM', 'seeds.kdbx')))).toBe(sha(Buffer.from('seeds g3')));
    writeFileSync(join(a, 'STRONGROOM', 'seeds.kdbx'), 'rotted');
    await expect(t.app.writeJobs.replicate(a, b, 'seed')).rejects.toMatchObject({ code: 'WRITE_NOT_VERIFIED' });
  });

  it('refuses a stick whose label was copied from another device', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const a = t.practice.insertStick('original');
    await t.app.media.label({ devicePath: a, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    const clone = t.practice.insertStick('clone');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(join(clone, 'STRONGROOM'));
    copyFileSync(join(a, 'STRONGROOM', 'medium.json'), join(clone, 'STRONGROOM', 'medium.json'));
    await expect(t.app.writeJobs.writeToStick(clone, 'vault', Buffer.from('v'), 1)).rejects.toMatchObject({ code: 'MEDIUM_UNKNOWN_TO_CATALOG' });
  });
  it('refuses a medium id of the other role from the window as from the terminal, and labels nothing', async () => {
    const t = kiosk();
    cleanup = t.cleanup;
    const stick = t.practice.insertStick('stick-a');
    const dispatch = createDispatcher(createHandlers(t.app), () => undefined);
    const refused = await dispatch('labelMedium', { devicePath: stick, role: 'seed', mediumId: 'VAULT-02', location: { kind: 'onsite', note: 'Safe 1' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MEDIUM_ID_NOT_FOR_ROLE', message: expect.stringMatching(/^"VAULT-02" is not an id for a seed stick: its id is SEEDS- and 2 to 4 digits/) } });
    await expect(t.app.media.label({ devicePath: stick, role: 'vault', mediumId: 'SEEDS-02', location: { kind: 'onsite', note: 'Safe 1' } })).rejects.toMatchObject({
      code: 'MEDIUM_ID_NOT_FOR_ROLE',
      details: { mediumId: 'SEEDS-02', role: 'vault' },
    });
    await expect(t.app.media.label({ devicePath: stick, role: 'vault', mediumId: 'VAULT-2', location: { kind: 'onsite', note: 'Safe 1' } })).rejects.toMatchObject({ code: 'MEDIUM_ID_NOT_FOR_ROLE' });
    expect(existsSync(join(stick, 'STRONGROOM', 'medium.json'))).toBe(false);
    expect(t.app.catalog.media.list()).toEqual([]);
    // An id of the role is taken in its one spelling, however it was typed.
    const labelled = await dispatch('labelMedium', { devicePath: stick, role: 'seed', mediumId: 'SEEDS-07', location: { kind: 'onsite', note: 'Safe 1' } });
    expect(labelled).toMatchObject({ ok: true, value: { label: { mediumId: 'SEEDS-07', role: 'seed' }, canTake: { vault: { allowed: false }, seed: { allowed: true } } } });
    const other = t.practice.insertStick('stick-b');
    expect((await t.app.media.label({ devicePath: other, role: 'vault', mediumId: ' vault-03 ', location: { kind: 'onsite', note: 'Safe 1' } })).manifest?.mediumId).toBe('VAULT-03');
  });
});
