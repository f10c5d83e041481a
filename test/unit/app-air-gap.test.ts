import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, type networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSecretAuditAction, judgeAirGap, type NetworkInterfaceSummary } from '../../src-main/core/air-gap';
import { LinuxNetworkProbe, type NetworkProbe } from '../../src-main/platform/network-probe';
import { custodyKiosk, enrolAndWrite, SEED_A, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { registerAndSignIn } from '../support/custodians';

const wired = { activeInterfaces: () => [{ name: 'eth0', addresses: ['192.0.2.15'] }] };

/** A probe whose network comes up after `isolatedCalls` looks: a cable plugged in half-way through a job. */
function cablePluggedAfter(isolatedCalls: number): NetworkProbe {
  let calls = 0;
  return { activeInterfaces: (): NetworkInterfaceSummary[] => (++calls > isolatedCalls ? [{ name: 'eth0', addresses: [], linkUp: true }] : []) };
}

const BREAK_GLASS = (sticks: { vault1: string; seed1: string }) => ({
  accountId: '111111111111',
  reason: 'Annual root sign-in drill for the auditors',
  vaultDevicePath: sticks.vault1,
  seedDevicePath: sticks.seed1,
  vaultPassphrase: VAULT_PASSPHRASE,
  seedPassphrase: SEED_PASSPHRASE,
  vaultCustodian: 'Dana Whitfield',
  seedCustodian: 'Sam Okafor',
});

describe('judging the air gap', () => {
  it('judges a machine with only loopback as isolated and names a live interface otherwise', () => {
    expect(judgeAirGap([]).isolated).toBe(true);
    const verdict = judgeAirGap([{ name: 'wlan0', addresses: ['fe80::1'] }]);
    expect(verdict.isolated).toBe(false);
    expect(verdict.sentence).toContain('wlan0');
  });

  it('counts an interface with a link but no address as connected', () => {
    expect(judgeAirGap([{ name: 'eth0', addresses: [], linkUp: true }])).toMatchObject({
      isolated: false,
      sentence: expect.stringMatching(/eth0 \(link up, no address yet\)/),
    });
    expect(judgeAirGap([{ name: 'eth0', addresses: [], linkUp: false }]).isolated).toBe(true);
  });
});

describe('the Linux network probe', () => {
  let sysfs: string;
  afterEach(() => rmSync(sysfs, { recursive: true, force: true }));

  function iface(name: string, files: Record<string, string>): void {
    mkdirSync(join(sysfs, name), { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(join(sysfs, name, file), `${content}\n`);
  }

  it('sees carrier and operstate in /sys/class/net, not only addresses, and leaves out loopback', () => {
    sysfs = mkdtempSync(join(tmpdir(), 'strongroom-sysfs-'));
    iface('lo', { type: '772', operstate: 'unknown', carrier: '1' });
    iface('eth0', { type: '1', operstate: 'up', carrier: '1' });
    iface('wlan0', { type: '1', operstate: 'dormant' });
    iface('usb0', { type: '1', operstate: 'unknown', carrier: '1' });
    iface('eth1', { type: '1', operstate: 'down' });
    iface('docker0', { type: '1', operstate: 'down', carrier: '0' });
    const addresses = () => ({
      lo: [{ address: '127.0.0.1', internal: true, family: 'IPv4', netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: null }],
      docker0: [{ address: '172.17.0.1', internal: false, family: 'IPv4', netmask: '255.255.0.0', mac: '02:42:00:00:00:00', cidr: null }],
    }) as unknown as ReturnType<typeof networkInterfaces>;
    const probe = new LinuxNetworkProbe(sysfs, addresses);
    expect(probe.activeInterfaces()).toEqual([
      { name: 'docker0', addresses: ['172.17.0.1'], linkUp: false },
      { name: 'eth0', addresses: [], linkUp: true },
      { name: 'usb0', addresses: [], linkUp: true },
      { name: 'wlan0', addresses: [], linkUp: true },
    ]);
    expect(judgeAirGap(probe.activeInterfaces()).isolated).toBe(false);
  });
});

describe('the air-gap guard', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('refuses to show a new root password while a network is up, in the desk the window and the CLI share', async () => {
    const k = await custodyKiosk({ network: wired });
    cleanup = k.cleanup;
    expect(() => k.app.enrolment.start('111111111111')).toThrow(expect.objectContaining({ code: 'NETWORK_UP' }));
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'airgap.refused', subject: 'enrol an account (shows a new root password)' });
    expect(k.app.enrolment.list()).toEqual([]);
    k.app.airGap.allowWithNetwork('Recovery drill on the lab bench');
    expect(k.app.enrolment.start('111111111111').accountId).toBe('111111111111');
  });

  it('refuses to write secrets while a network is up, records the refusal, and allows it after an audited override', async () => {
    // Isolated while the enrolment starts; a cable is plugged in before the write.
    const probe = { current: [] as NetworkInterfaceSummary[] };
    const k = await custodyKiosk({ network: { activeInterfaces: () => probe.current } });
    cleanup = k.cleanup;
    const e = k.app.enrolment.start('111111111111');
    probe.current = wired.activeInterfaces();
    k.app.enrolment.setSeed(e.enrolmentId, SEED_A);
    k.app.enrolment.confirmAwsAccepted(e.enrolmentId);
    await expect(k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE })).rejects.toMatchObject({ code: 'NETWORK_UP' });
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'airgap.refused', details: { interfaces: 'eth0' } });
    expect(k.app.catalog.media.newestGeneration('vault.kdbx')).toBe(0);

    expect(() => k.app.airGap.allowWithNetwork('lab')).toThrow(expect.objectContaining({ code: 'REASON_TOO_SHORT' }));
    k.app.airGap.allowWithNetwork('Recovery drill on the lab bench');
    await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(k.app.catalog.media.newestGeneration('vault.kdbx')).toBe(1);

    // The override ends with the custodian's session.
    k.app.session.signOut();
    registerAndSignIn(k.app, 'Dana Whitfield');
    expect(k.app.airGap.status().override).toBeNull();
  });

  it('records on every secret event whether an override was in force, and on every event while one is', async () => {
    const k = await custodyKiosk({ network: wired });
    cleanup = k.cleanup;
    k.app.airGap.allowWithNetwork('Recovery drill on the lab bench');
    const overridden = k.app.catalog.audit.head()!.seq;
    await enrolAndWrite(k.app);
    const view = await k.app.breakGlass.openFor(BREAK_GLASS(k.sticks));
    k.app.breakGlass.revealPassword(view.sessionId);
    k.app.breakGlass.close(view.sessionId);
    const during = k.app.catalog.audit.list({ limit: 1000 }).filter((e) => e.seq >= overridden && e.custodian === 'Dana Whitfield');
    expect(during.length).toBeGreaterThan(10);
    for (const event of during) expect(event.details, event.action).toMatchObject({ networkOverride: true, networkOverrideBy: 'Dana Whitfield' });

    // The override ends with the session: the next custodian's events say nothing of it.
    k.app.session.signOut();
    registerAndSignIn(k.app, 'Sam Okafor');
    expect(k.app.catalog.audit.head()!.details).not.toHaveProperty('networkOverride');

    const isolated = await custodyKiosk();
    try {
      await enrolAndWrite(isolated.app);
      const open = await isolated.app.breakGlass.openFor(BREAK_GLASS(isolated.sticks));
      isolated.app.breakGlass.revealPassword(open.sessionId);
      const events = isolated.app.catalog.audit.list({ limit: 1000 });
      const secret = events.filter((e) => isSecretAuditAction(e.action));
      expect(secret.map((e) => e.action)).toEqual(expect.arrayContaining(['artefact.written', 'account.enrolled', 'breakglass.opened', 'breakglass.password-revealed', 'enrolment.password-revealed', 'enrolment.seed-recorded']));
      for (const event of secret) expect(event.details, event.action).toMatchObject({ networkOverride: false });
      for (const event of events.filter((e) => !isSecretAuditAction(e.action))) expect(event.details).not.toHaveProperty('networkOverride');
    } finally {
      isolated.cleanup();
    }
  });

  it('stops a break-glass when a cable is plugged in while the passphrases are being derived', async () => {
    const probe = { current: cablePluggedAfter(Number.POSITIVE_INFINITY) };
    const k = await custodyKiosk({ network: { activeInterfaces: () => probe.current.activeInterfaces() } });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    probe.current = cablePluggedAfter(1);
    await expect(k.app.breakGlass.openFor(BREAK_GLASS(k.sticks))).rejects.toMatchObject({ code: 'NETWORK_UP', message: expect.stringMatching(/stopped before showing the password/) });
    const actions = k.app.catalog.audit.list({ limit: 5 }).map((e) => e.action);
    expect(actions).toContain('airgap.lost');
    expect(actions).not.toContain('breakglass.opened');
  });

  it('stops a verification before the passphrase is used when a network comes up during it', async () => {
    const probe = { current: cablePluggedAfter(Number.POSITIVE_INFINITY) };
    const k = await custodyKiosk({ network: { activeInterfaces: () => probe.current.activeInterfaces() } });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const run = k.app.verification.startRun();
    probe.current = cablePluggedAfter(1);
    await expect(
      k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, { sealSerial: 'S-1', bagIntact: 'yes', locationConfirmed: 'yes' }),
    ).rejects.toMatchObject({ code: 'NETWORK_UP' });
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'airgap.lost', details: { stoppedBefore: 'opening vault.kdbx with its passphrase' } });
  });
});
