import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

/**
 * How often a job reads the drive list (lsblk and blkid on Linux, spawned each time): once per pass it needs, and
 * always afresh for a separation decision before a write.
 */

const auditLines = (stick: string) => readFileSync(join(stick, 'STRONGROOM', 'audit.jsonl'), 'utf8').trim().split('\n').length;

describe('drive readings per job', () => {
  let k: Awaited<ReturnType<typeof custodyKiosk>>;
  beforeEach(async () => {
    k = await custodyKiosk();
  });
  afterEach(() => k.cleanup());

  it('reads both break-glass sticks from one reading of the drives', async () => {
    await enrolAndWrite(k.app);
    const list = vi.spyOn(k.practice.platform.drives, 'list');
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111',
      reason: 'Annual root sign-in drill',
      vaultDevicePath: k.sticks.vault1,
      seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE,
      seedPassphrase: SEED_PASSPHRASE,
      vaultCustodian: 'Dana Whitfield',
      seedCustodian: SECOND_CUSTODIAN,
    });
    expect(view.hasCode).toBe(true);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('labels a stick on two readings: one to find it, one afresh under its lock for the separation decision', async () => {
    const blank = k.practice.insertStick('vault-3');
    const list = vi.spyOn(k.practice.platform.drives, 'list');
    const labelled = await k.app.media.label({ devicePath: blank, role: 'vault', location: { kind: 'onsite', note: 'Safe 3' } });
    expect(list).toHaveBeenCalledTimes(2);
    // What it returns is the stick as it is now, label and audit copy on it.
    expect(labelled.manifest?.mediumId).toBe('VAULT-03');
    expect(auditLines(blank)).toBe([...k.app.catalog.audit.all()].length);
  });

  it('gives one stick named twice its audit copy once, not two writers that refuse each other', async () => {
    const medium = await k.app.media.find(k.sticks.vault1);
    k.app.session.record({ action: 'mfa.code-shown', subject: '111111111111', details: {} });
    expect(await k.app.media.witnessOn([medium, medium], 'break-glass')).toEqual([]);
    expect(auditLines(k.sticks.vault1)).toBe([...k.app.catalog.audit.all()].length);
  });

  it('writes the copies of several sticks side by side, and names each stick that could not take one', async () => {
    const [vault, seed] = await k.app.media.findEach([k.sticks.vault1, k.sticks.seed1]);
    k.app.session.record({ action: 'mfa.code-shown', subject: '111111111111', details: {} });
    // The seed stick's copy on the stick no longer matches what this kiosk wrote there: it is kept, not extended.
    const seedCopy = join(k.sticks.seed1, 'STRONGROOM', 'audit.jsonl');
    const lines = readFileSync(seedCopy, 'utf8').trim().split('\n');
    writeFileSync(seedCopy, `${lines.slice(0, -1).join('\n')}\n`);
    const warnings = await k.app.media.witnessOn([vault!, seed!], 'break-glass');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^SEEDS-01 could not take its copy/);
    const vaultCopy = readFileSync(join(k.sticks.vault1, 'STRONGROOM', 'audit.jsonl'), 'utf8');
    expect(vaultCopy).toContain('"mfa.code-shown"');
    expect([...k.app.catalog.audit.all()].filter((e) => e.action === 'medium.audit-copy-missing').map((e) => e.subject)).toEqual(['SEEDS-01']);
  });
});
