import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareStickIdentity } from '../../src-main/core/medium-identity';
import { custodyKiosk, enrolAndWrite, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { refusalCode } from '../support/refusal-code';
import { registerCustodians } from '../support/custodians';

const SEAL = { sealSerial: 'SR-0042', bagIntact: 'yes', locationConfirmed: 'yes' } as const;
const manifestOf = (stick: string) => join(stick, 'STRONGROOM', 'medium.json');

describe('a stick whose label disagrees with the catalog', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    cleanup = undefined;
  });

  it('fails verification naming both sides when two vault sticks carry each other\'s labels', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    // Swapped labels: VAULT-01's device now says it is VAULT-02 (and names VAULT-02's device).
    copyFileSync(manifestOf(k.sticks.vault2), manifestOf(k.sticks.vault1));
    const run = k.app.verification.startRun();
    const result = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, SEAL);
    expect(result.mediumId).toBe('VAULT-01');
    const identity = result.checks.find((c) => c.name === 'Device identity')!;
    expect(identity.status).toBe('failed');
    expect(identity.sentence).toContain('medium.json on the stick says it is VAULT-02');
    expect(identity.sentence).toContain('the catalog knows this device as VAULT-01');
    expect(identity.sentence).toContain('medium.json names the device practice drive "vault-2", but this stick is practice drive "vault-1"');
  });

  it('verifies a known stick whose medium.json is gone or damaged, as a failed check, never "not labelled"', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    rmSync(manifestOf(k.sticks.seed1));
    writeFileSync(manifestOf(k.sticks.vault1), '{"formatVersion": 1, "mediumId": "VAULT-01", "role": "seed"}');
    const run = k.app.verification.startRun();
    const seed = await k.app.verification.verifyMedium(run.runId, k.sticks.seed1, SEED_PASSPHRASE, SEAL);
    expect(seed.mediumId).toBe('SEEDS-01');
    expect(seed.outcome).toBe('failed');
    expect(seed.checks.find((c) => c.name === 'Device identity')?.sentence).toMatch(/It carries no medium\.json; the catalog knows this device as SEEDS-01, a seed stick/);
    // The rest of the stick is still checked against the catalog's record of it.
    expect(seed.checks.find((c) => c.name === 'Content unchanged')?.status).toBe('passed');
    const vault = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, SEAL);
    expect(vault.checks.find((c) => c.name === 'Device identity')?.sentence).toMatch(/Its medium\.json cannot be used \(.+\); the catalog knows this device as VAULT-01/);
    // Writing to it is refused with the same two sides, and nothing is written.
    expect(await refusalCode(k.app.writeJobs.writeToStick(k.sticks.seed1, 'seed', Buffer.from('x'), 9))).toBe('MEDIUM_MANIFEST_INVALID');
  });

  it('names the label and the catalog when a label is edited to the other role', () => {
    const device = { source: 'usb-serial' as const, value: 'AA11BB22' };
    const comparison = compareStickIdentity({
      label: { mediumId: 'SEEDS-04', role: 'seed', device },
      labelProblem: null,
      device,
      byDevice: { mediumId: 'VAULT-01', role: 'vault', identity: device },
      byLabelId: null,
    });
    expect(comparison.record?.mediumId).toBe('VAULT-01');
    expect(comparison.disagreements.map((d) => [d.field, d.sentence])).toEqual([
      ['id', 'medium.json on the stick says it is SEEDS-04; the catalog knows this device as VAULT-01, a vault stick (USB serial AA11BB22).'],
      ['role', 'medium.json on the stick says it is a seed stick; the catalog recorded VAULT-01 as a vault stick.'],
    ]);
    expect(compareStickIdentity({ label: { mediumId: 'VAULT-01', role: 'vault', device }, labelProblem: null, device, byDevice: { mediumId: 'VAULT-01', role: 'vault', identity: device }, byLabelId: null }).disagreements).toEqual([]);
  });

  it('warns at break-glass when the vault stick carries another stick\'s label, and still opens it', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    registerCustodians(k.app, 'Ben Osei');
    const label = JSON.parse(readFileSync(manifestOf(k.sticks.vault2), 'utf8')) as { device: unknown };
    const own = JSON.parse(readFileSync(manifestOf(k.sticks.vault1), 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestOf(k.sticks.vault1), JSON.stringify({ ...own, device: label.device }, null, 2));
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111',
      reason: 'Identity drill at the kiosk',
      vaultDevicePath: k.sticks.vault1,
      seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE,
      seedPassphrase: SEED_PASSPHRASE,
      vaultCustodian: 'Dana Whitfield',
      seedCustodian: 'Ben Osei',
    });
    expect(view.warnings.join(' ')).toContain('medium.json names the device practice drive "vault-2", but this stick is practice drive "vault-1"');
    expect(view.warnings.join(' ')).toContain('copy or a swapped stick');
    k.app.breakGlass.close(view.sessionId);
  });
});
