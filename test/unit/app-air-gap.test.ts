import { afterEach, describe, expect, it } from 'vitest';
import { judgeAirGap } from '../../src-main/core/air-gap';
import { custodyKiosk, SEED_A, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

const wired = { activeInterfaces: () => [{ name: 'eth0', addresses: ['192.0.2.15'] }] };

describe('air gap', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('judges a machine with only loopback as isolated and names a live interface otherwise', () => {
    expect(judgeAirGap([]).isolated).toBe(true);
    const verdict = judgeAirGap([{ name: 'wlan0', addresses: ['fe80::1'] }]);
    expect(verdict.isolated).toBe(false);
    expect(verdict.sentence).toContain('wlan0');
  });

  it('refuses to write secrets while a network is up, records the refusal, and allows it after an audited override', async () => {
    const k = await custodyKiosk({ network: wired });
    cleanup = k.cleanup;
    const e = k.app.enrolment.start('111111111111');
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
    k.app.session.signIn('Dana Whitfield');
    expect(k.app.airGap.status().override).toBeNull();
  });
});
